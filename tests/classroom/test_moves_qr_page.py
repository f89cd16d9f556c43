"""The classroom wing's pure parts: the indicators a role moves, the QR code, the page."""

from __future__ import annotations

import segno

from sahelsim.classroom.moves import moved_indicators
from sahelsim.classroom.page import Choice, Question, fragment
from sahelsim.classroom.qr import qr_lines
from sahelsim.scenario import load
from tests.conftest import MALI
from tests.tui.tui_kit import DEMO


def test_the_indicators_a_role_moves() -> None:
    demo = load(DEMO).model
    # The adviser's options touch security, morale, safety and standing (a later consequence
    # moves morale); nothing the adviser can advise moves the insurgents' momentum.
    assert [d.id for d in demo.decisions_for("adviser")] == ["hold", "statement", "air_offer"]
    assert moved_indicators(demo, "adviser") == ["security", "morale", "safety", "standing"]
    mali = load(MALI).model
    moved = moved_indicators(mali, "security_adviser")
    # Its operations move the humanitarian's access too (a cross-role rule); nothing it advises
    # moves the editor's readership or the aid workers' safety.
    assert "humanitarian_access" in moved and len(moved) == 9
    assert "readership" not in moved and "staff_safety" not in moved
    assert moved == [key for key in mali.indicators if key in moved]  # the scenario's order


def test_a_role_that_moves_nothing_sees_every_indicator() -> None:
    demo = load(DEMO).model
    bare = demo.model_copy(update={"decisions": []})
    assert moved_indicators(bare, "adviser") == list(demo.indicators)


def test_the_qr_code_folds_two_module_rows_into_a_line() -> None:
    data = "http://192.0.2.10:8000/?code=K7RMX"
    lines = qr_lines(data, border=2)
    matrix = [
        list(row) for row in segno.make(data, error="l", boost_error=False).matrix_iter(border=2)
    ]
    assert len(lines) == (len(matrix) + 1) // 2
    assert {len(line) for line in lines} == {len(matrix[0])}
    for y, line in enumerate(lines):
        for x, char in enumerate(line):
            top = bool(matrix[2 * y][x])
            bottom = bool(matrix[2 * y + 1][x]) if 2 * y + 1 < len(matrix) else False
            assert char == {(0, 0): " ", (1, 0): "▀", (0, 1): "▄", (1, 1): "█"}[top, bottom]
    # The quiet zone is blank, and a finder pattern's top edge is drawn.
    assert lines[0].strip() == "" and lines[1].startswith("  █▀▀▀▀▀█")


def test_the_fragment_keeps_the_callers_order_and_says_votes_may_change() -> None:
    question = Question(
        "d", "T", "P?", (Choice("A", "z", "Zed"), Choice("B", "a", "Ay"), Choice("C", "m", "Em"))
    )
    html = fragment(question, True, "a", "tok", "wait")
    assert html.index("Zed") < html.index("Ay") < html.index("Em")
    assert "Your vote: B." in html and "You can change your vote" in html
    assert html.count('aria-pressed="true"') == 1
    closed = fragment(question, False, None, "tok", "wait")
    assert "The vote is closed." in closed and "did not vote" in closed and "<form" not in closed
    assert "Waiting for the next question" in fragment(None, False, None, "tok", "Soon.")
