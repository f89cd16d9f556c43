"""Classroom reports: the teacher pack (``brief``) and the after-action report (``debrief``).

Both are pure functions of their input (a scenario; a game) that return Markdown or one
self-contained HTML file as a string; writing it out is :func:`write_report`'s job. This wing
imports nothing from Textual or Rich.

Typical use::

    from sahelsim.reports import brief, debrief
    handout = brief(scenario, "html")
    report = debrief(game, "md")          # also from the game's ending screen
"""

from sahelsim.reports.brief import brief
from sahelsim.reports.debrief import debrief

__all__ = ["brief", "debrief"]
