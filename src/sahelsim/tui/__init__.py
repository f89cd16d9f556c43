"""The Textual face of sahelsim: ``sahelsim play``.

Screens over the engine: title, role and briefing, the turn loop with its outcome, the ending,
and a source inspector. The game lives in :class:`sahelsim.engine.Game`; the screens only show
it and send the player's advice back. Scenario text is shown as plain ``Content`` after
:func:`sahelsim.text.clean`, never as markup.

Importing this package imports Textual; nothing outside it may (``sahelsim --help`` and the
authoring commands stay fast).

Typical use (what ``sahelsim play`` does)::

    from sahelsim.tui import run
    status = run(None, seed=None, role=None, load=None)
"""

from sahelsim.telling import OpenError
from sahelsim.tui.app import SahelsimApp, make_app, run

__all__ = ["OpenError", "SahelsimApp", "make_app", "run"]
