"""The game's themes: a light one with strong contrast for a lit classroom and a projector (the
default), and a dark one. Colour only ever repeats what words and symbols already say."""

from __future__ import annotations

from textual.theme import Theme

DAY = Theme(
    name="sahelsim-day",
    primary="#0B3C6E",
    secondary="#5A3A00",
    accent="#0B3C6E",
    warning="#8A4B00",
    error="#A10E0E",
    success="#0E6B2A",
    foreground="#111111",
    background="#FAF8F2",
    surface="#F1EEE4",
    panel="#E4DFD0",
    dark=False,
    variables={
        "border": "#3F3A30",
        "border-blurred": "#8F887A",
        "footer-key-foreground": "#0B3C6E",
        "block-cursor-background": "#0B3C6E",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-text-style": "bold",
    },
)

NIGHT = Theme(
    name="sahelsim-night",
    primary="#8CC4FF",
    secondary="#E8C07A",
    accent="#8CC4FF",
    warning="#F2B45A",
    error="#FF7A7A",
    success="#7FD694",
    foreground="#F2F2F2",
    background="#121416",
    surface="#1C1F22",
    panel="#262A2E",
    dark=True,
    variables={
        "block-cursor-background": "#8CC4FF",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
    },
)

THEMES = (DAY, NIGHT)
DEFAULT_THEME = DAY.name
