"""Classroom reports: the teacher pack (``brief``), its students' handout (``handout``) and
facilitator's notes (``facilitator``) on their own, and the after-action report (``debrief``:
one page by default, the complete report with ``full=True``).

All are pure functions of their input (a scenario; a game) that return Markdown or one
self-contained HTML file as a string; writing it out is :func:`write_report`'s job, and
:func:`export_debrief` writes a game's debrief for the game's ending screen. This wing imports
nothing from Textual or Rich. ``docs/classroom.md`` says how a teacher uses them.

Typical use::

    from sahelsim.reports import brief, debrief, export_debrief, handout
    pack = brief(scenario, "html")
    pages = handout(scenario, "html")    # one printed page per role, for the students
    report = debrief(game, "md")          # one page, for the class
    everything = debrief(game, "md", full=True)
    path = export_debrief(game)           # <data dir>/debriefs/<scenario>-seed<N>-<role>.html
"""

from sahelsim.reports.brief import brief, facilitator
from sahelsim.reports.debrief import debrief
from sahelsim.reports.handout import handout
from sahelsim.reports.output import ReportError, export_debrief, write_report

__all__ = [
    "ReportError",
    "brief",
    "debrief",
    "export_debrief",
    "facilitator",
    "handout",
    "write_report",
]
