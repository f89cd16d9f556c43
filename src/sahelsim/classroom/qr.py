"""A QR code as lines of text, for a terminal: two rows of modules to a line.

The encoder is ``segno``; this module only folds its matrix into half-block characters, so the
code can be drawn by any face as plain text (dark modules as the text's colour on a light
background: the face must give the lines a dark-on-light style, as a phone's camera expects).
"""

from __future__ import annotations

import segno

#: (top dark, bottom dark) → the character that draws that pair of modules.
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_lines(data: str, *, border: int = 2) -> list[str]:
    """``data`` (e.g. a join address) as a QR code: one string per pair of module rows.

    Args:
        data: The text to encode.
        border: The quiet zone around the code, in modules (the standard asks for 4; 2 is
            read by phones when the code sits on a light panel of its own).

    Returns:
        Lines of equal length made of ``" ▀▄█"``, where a drawn half is a dark module.
    """
    code = segno.make(data, error="l", boost_error=False)
    rows = [[bool(module) for module in row] for row in code.matrix_iter(border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(_HALVES[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]
