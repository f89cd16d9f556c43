"""Work-arounds for Textual bugs that cost the game memory; each undoes itself once fixed upstream.

``StylesCache.get_inner_outer`` (Textual 8.2, ``textual/_styles_cache.py``) is an instance method
under ``functools.lru_cache(1024)``, so the cache's keys hold every widget's ``StylesCache`` -- and
with it every line that widget ever rendered -- long after the widget is gone, until 1024 of them
have been kept. A game builds new screens for every day and every game, so the app's memory grew
by ~400 kB a turn (Textualize/textual#6665). The two styles depend on the colours alone: they are
cached here on the colours, not on the instance.
"""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """What ``StylesCache.get_inner_outer`` returns, keyed on the colours only."""
    return (
        Style(background=base_background + background),
        Style(background=base_background),
    )


def _get_inner_outer(
    self: StylesCache, base_background: Color, background: Color
) -> tuple[Style, Style]:
    return _inner_outer(base_background, background)


def apply() -> None:
    """Replace the leaking cache, if this Textual still has it (idempotent)."""
    current = StylesCache.__dict__.get("get_inner_outer")
    if current is not None and hasattr(current, "cache_clear"):
        current.cache_clear()  # release what it holds already
        setattr(StylesCache, "get_inner_outer", _get_inner_outer)  # noqa: B010
