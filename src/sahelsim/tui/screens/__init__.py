"""The game's screens: title, briefing, turn, outcome, ending, and the modal dialogs."""
