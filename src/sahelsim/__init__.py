"""sahelsim: a turn-based classroom simulation of reported conflicts, played in the terminal.

The package is one core with several faces. ``sahelsim.scenario`` (the file format, its loader
and validator) and ``sahelsim.engine`` (the deterministic rules) know no screen; the command line,
the Textual game, the plain-text game and the report writers sit on top of them.
"""

__version__ = "0.1.0"
