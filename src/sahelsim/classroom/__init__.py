"""The classroom wing: what class mode needs that is not a screen.

Students' phones vote through a small web server (:mod:`sahelsim.classroom.join`, the page it
serves in :mod:`sahelsim.classroom.page`); the projector draws its join address as a QR code
(:mod:`sahelsim.classroom.qr`) and shows only the indicators the role's decisions can move
(:mod:`sahelsim.classroom.moves`). Nothing here imports Textual or Rich: the class screen in
``sahelsim.tui`` is one face over it, and the tests drive it over plain HTTP.
"""
