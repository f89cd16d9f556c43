"""The author's tools: a starter scenario, lint, and an ACLED import.

This wing serves people who write scenarios. It reads scenarios through the loader and plays
them through the engine and the simulator, like any other face; it knows no screen (it imports
nothing from Textual or Rich).

* :mod:`sahelsim.authoring.new` — ``sahelsim new``: a commented, valid, playable starter.
* :mod:`sahelsim.authoring.lint` — ``sahelsim lint``: warnings for what is valid but probably
  wrong, from the file itself (:mod:`sahelsim.authoring.reach` proves conditions that can never
  hold) and from simulated playthroughs (:mod:`sahelsim.authoring.sample`).
* :mod:`sahelsim.authoring.acled` — ``sahelsim import acled``: a scenario skeleton from an
  ACLED conflict-event export.
"""
