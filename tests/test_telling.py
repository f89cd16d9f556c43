"""The layer under the faces: opening, words, geography and the end of a turn.

The last tests are "the faces agree": one game told by plain mode, the TUI's presenter and the
Markdown debrief gives, for every log entry, the same provenance, the same names and the same
numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahelsim.engine import Game, Kind, LogEntry
from sahelsim.saves import SaveError
from sahelsim.scenario import ScenarioError
from sahelsim.telling import (
    EXIT_INVALID,
    EXIT_USAGE,
    OpenError,
    Words,
    end_turn,
    new_seed,
    number,
    open_game,
    open_save,
    open_scenario,
    outline_for,
    signed,
    tag,
)
from sahelsim.telling.opening import SEED_RANGE
from sahelsim.telling.words import date, long_date
from tests.conftest import DATA, MALI, ROOT
from tests.scenario_kit import tiny

MINIMAL = DATA / "minimal.yaml"

# -- numbers and dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown", "change"),
    [
        (55.0, "55", "+55"),
        (12.5, "12.5", "+12.5"),
        (-3.0, "−3", "−3"),
        (-0.04, "0", "0"),
        (0.0, "0", "0"),
        (-0.0, "0", "0"),
        (2.96, "3", "+3"),
        (-2.25, "−2.2", "−2.2"),
    ],
)
def test_numbers_read_the_same_everywhere(value: float, shown: str, change: str) -> None:
    assert number(value) == shown
    assert signed(value) == change


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_a_number_is_never_minus_zero_and_keeps_its_sign(value: float) -> None:
    text = number(value)
    assert text != "−0" and "-" not in text
    if round(value, 1) < 0:
        assert text.startswith("−")
    assert float(text.replace("−", "-")) == pytest.approx(round(value, 1), abs=0.051)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_non_finite_number_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        number(value)


def test_dates_are_english_whatever_the_locale() -> None:
    day = dt.date(2025, 6, 3)
    assert date(day) == "3 June 2025"
    assert long_date(day) == "Tuesday 3 June 2025"


# -- turns ---------------------------------------------------------------------------------------


def test_a_daily_calendar_names_days() -> None:
    words = Words(tiny().model)
    assert words.turn(2) == "Day 2" and words.turn_of(2) == "Day 2 of 3"
    assert words.turn_full(2) == "Day 2 of 3, 2 June 2025"
    assert words.turn_full(3, weekday=True) == "Day 3 of 3, Tuesday 3 June 2025"
    assert words.turn_dated(1) == "Day 1 (1 June 2025)"
    assert words.turn_short(3) == "D3"
    assert words.span() == "The game lasts 3 days, from 1 to 3 June 2025"


def test_a_weekly_calendar_names_weeks() -> None:
    words = Words(tiny(calendar={"unit": "week", "turns": 4, "start": "2022-01-03"}).model)
    assert words.unit_word == "week"
    assert words.turn_full(2) == "Week 2 of 4, week of 10 January 2022"
    assert words.turn_short(2) == "W2"


def test_an_irregular_calendar_names_its_listed_turns() -> None:
    calendar = {"unit": "turn", "dates": ["2022-02-14", "2022-03-27", "2022-05-02"]}
    words = Words(tiny(calendar=calendar).model)
    # A turn stands for the days up to the next; the last, of no known length, for its own date.
    assert words.turn_full(1) == "Turn 1 of 3, 14 February to 26 March 2022"
    assert words.turn_full(2) == "Turn 2 of 3, 27 March to 1 May 2022"
    assert words.turn_full(3) == "Turn 3 of 3, 2 May 2022"
    assert words.span() == (
        "The game lasts 3 turns, from 14 February to 2 May 2022; each turn brings together the "
        "news up to the next"
    )


def test_date_ranges_name_each_part_once() -> None:
    from sahelsim.telling.words import date_range

    assert date_range(dt.date(2022, 3, 8), dt.date(2022, 3, 26)) == "8 to 26 March 2022"
    assert date_range(dt.date(2022, 2, 28), dt.date(2022, 3, 7)) == "28 February to 7 March 2022"
    assert date_range(dt.date(2021, 12, 20), dt.date(2022, 1, 9)) == (
        "20 December 2021 to 9 January 2022"
    )
    assert date_range(dt.date(2025, 6, 3), dt.date(2025, 6, 3)) == "3 June 2025"


def test_a_calendar_without_dates_names_turns_alone() -> None:
    words = Words(tiny(calendar={"unit": "day", "turns": 3}).model)
    assert words.turn_full(2) == "Day 2 of 3"
    assert words.when(2) is None and words.turn_dated(2) == "Day 2"
    assert words.span() == "The game lasts 3 days"


def test_a_finished_games_progress_never_passes_its_last_turn() -> None:
    words = Words(tiny().model)
    assert words.progress(4, ended=True) == "ended on Day 3 of 3"
    assert words.progress(2, ended=False) == "Day 2 of 3"
    assert words.date_of(4) is None


# -- names ---------------------------------------------------------------------------------------


def test_the_principal_is_named_once_for_every_face() -> None:
    roles = {
        "titled": {
            "name": "A",
            "description": "d",
            "principal": "army",
            "principal_title": "the chief",
        },
        "actor": {"name": "B", "description": "d", "principal": "army"},
        "plain": {"name": "C", "description": "d"},
    }
    words = Words(tiny(roles=roles).model)
    assert words.principal("titled") == "the chief"
    assert words.principal("titled", capital=True) == "The chief"
    assert words.principal("actor") == "The army"
    assert words.principal("plain") == "your principal"


def test_names_are_cleaned_onto_one_line() -> None:
    actors = {"army": {"name": "The\x1b[31m army\n[bold]", "short": "FA", "side": "government"}}
    words = Words(tiny(actors=actors).model)
    assert words.actor("army") == "The army [bold]"
    assert words.actor("army", short=True) == "FA"
    assert words.actor(None) == "nobody"
    assert words.target("army.strength") == "FA strength"


# -- provenance ----------------------------------------------------------------------------------


def entry(kind: Kind, **fields: object) -> LogEntry:
    return LogEntry(1, None, kind, "Title", "Text", **fields)  # type: ignore[arg-type]


def test_every_entry_is_reported_or_simulated() -> None:
    reported = tag(entry(Kind.reported, facts=("F1", "F2"), rule="ev"))
    assert reported.reported and reported.words() == "REPORTED F1 F2"
    overruled = tag(entry(Kind.overruled, facts=("F3",), rule="advice.accept"))
    assert not overruled.reported and overruled.overruled
    assert overruled.words() == "SIMULATED · advice overruled · rule advice.accept · history: F3"
    taken = tag(entry(Kind.decision, rule="d.a", decision="d", advised="a", carried_out="a"))
    assert taken.what == "advice carried out"
    refused = tag(entry(Kind.decision, rule="d.b", decision="d", advised="a", carried_out="b"))
    assert refused.what == "carried out instead of your advice"
    for kind in Kind:
        if kind is not Kind.reported:
            assert tag(entry(kind, rule="r")).words().startswith("SIMULATED · ")


# -- geography -----------------------------------------------------------------------------------


def test_the_outline_follows_the_scenario() -> None:
    mali = outline_for(open_scenario(MALI).model)
    assert mali is not None and mali.name == "Mali"
    ring = mali.rings[0]
    assert ring[0] == ring[-1]
    assert all(-13 < lon < 5 and 10 < lat < 25.1 for lon, lat in ring)
    assert outline_for(tiny().model) is None
    assert outline_for(tiny(id="malibu-2030").model) is None
    assert outline_for(tiny(id="niger-2023", map={"country": "Niger"}).model) is None
    named = outline_for(tiny(id="sahel-2024", map={"country": "Mali"}).model)
    assert named is not None and named.name == "Mali"


def test_a_scenario_may_draw_its_own_outline() -> None:
    square = [[-2.0, 13.0], [-1.0, 13.0], [-1.0, 14.0], [-2.0, 14.0]]
    own = outline_for(tiny(id="mali-own", map={"outline": square}).model)
    assert own is not None and own.name == "A tiny scenario"
    assert own.rings[0][0] == own.rings[0][-1] == (-2.0, 13.0)


def test_an_outline_out_of_range_is_refused_where_it_is_written() -> None:
    with pytest.raises(ScenarioError) as caught:
        tiny(map={"outline": [[-2, 13], [200, 13], [-1, 14], [-2, 14]]})
    assert any("map" in d.message or d.line > 1 for d in caught.value.diagnostics)


# -- opening -------------------------------------------------------------------------------------


def test_a_missing_scenario_is_a_usage_error_and_an_invalid_one_is_invalid(
    tmp_path: Path,
) -> None:
    with pytest.raises(OpenError) as missing:
        open_scenario(tmp_path / "nope.yaml")
    assert missing.value.code == EXIT_USAGE and "no such file" in str(missing.value)
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: sahelsim/1\nid: [\n", encoding="utf-8")
    with pytest.raises(OpenError) as invalid:
        open_scenario(broken)
    assert invalid.value.code == EXIT_INVALID
    assert "sahelsim validate" in str(invalid.value) and "\n" not in str(invalid.value)


def test_a_file_too_large_is_invalid_for_every_command(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (17 * 1024 * 1024))
    with pytest.raises(OpenError) as caught:
        open_scenario(big)
    assert caught.value.code == EXIT_INVALID


def test_seeds_drawn_for_new_games_are_short() -> None:
    low, high = SEED_RANGE
    assert all(low <= new_seed() <= high for _ in range(200))
    start = open_game(MALI)
    assert low <= start.seed <= high and start.scenario is not None and start.game is None


def test_opening_nothing_leaves_the_choice_to_the_player() -> None:
    start = open_game(None, seed=5, choose=True)
    assert start.scenario is None and start.seed == 5
    assert open_game(None, seed=5).scenario is not None


def test_a_role_is_checked_with_a_hint() -> None:
    with pytest.raises(OpenError, match="did you mean") as caught:
        open_game(MALI, role="security_advisor")
    assert caught.value.code == EXIT_USAGE


def test_a_resumed_game_keeps_its_seed_and_role(tmp_path: Path) -> None:
    from sahelsim.saves import save_game

    game = Game.new(open_scenario(MALI), seed=9, role="editor")
    path = save_game(game, "kept")
    start = open_game(None, seed=1, role="humanitarian", load=path)
    assert start.game is not None and start.seed == 9 and start.role == "editor"
    assert start.warning is not None and "--seed 1 and --role humanitarian ignored" in start.warning
    assert open_save(Path("kept")).game.record == game.record


def test_autosave_with_a_scenario_named_is_that_scenarios_newest_game() -> None:
    from sahelsim.saves import autosave, new_label

    older = Game.new(open_scenario(MINIMAL), seed=4, role="adviser", label=new_label())
    autosave(older)
    newer = Game.new(open_scenario(MALI), seed=5, role="editor", label=new_label())
    autosave(newer)
    assert open_save(Path("autosave")).game.record == newer.record
    assert open_save(Path("autosave"), MINIMAL).game.record == older.record
    with pytest.raises(OpenError) as caught:
        open_save(Path("autosave"), ROOT / "scenarios" / "mali-2022-barkhane-exit.yaml")
    assert caught.value.code == EXIT_USAGE
    assert "no game of scenario 'mali-2022-barkhane-exit' has been autosaved" in str(caught.value)


def test_a_missing_save_is_a_usage_error() -> None:
    with pytest.raises(OpenError) as caught:
        open_save(Path("no-such-save"))
    assert caught.value.code == EXIT_USAGE and "no such save" in str(caught.value)


# -- the end of a turn -----------------------------------------------------------------------------


def test_end_turn_resolves_autosaves_and_says_what_happened(tmp_path: Path) -> None:
    game = Game.new(open_scenario(MALI), seed=4, role="security_adviser")
    saved: list[int] = []

    def save(g: Game) -> Path:
        saved.append(g.turn)
        return tmp_path / "a.json"

    for decision in game.open_decisions:
        game.advise(decision.id, decision.options[0].id)
    before = dict(game.state.indicators)
    result = end_turn(game, save)
    assert result.turn == 1 and saved == [2] and result.saved == tmp_path / "a.json"
    assert result.before == before and all(e.turn == 1 for e in result.entries)
    assert result.entries == game.turn_log(1)[-len(result.entries) :]


def test_a_failed_autosave_is_reported_and_the_game_goes_on() -> None:
    game = Game.new(open_scenario(MALI), seed=4, role="editor")

    def broken(_: Game) -> Path:
        raise SaveError("disk full")

    for decision in game.open_decisions:
        game.advise(decision.id, decision.options[0].id)
    result = end_turn(game, broken)
    assert result.saved is None and result.save_error == "disk full" and game.turn == 2


# -- facts and sources -----------------------------------------------------------------------------


def test_a_source_is_cited_in_full_and_a_claim_by_whose_account_it_is(minimal_path: Path) -> None:
    words = Words(open_scenario(minimal_path).model)
    assert words.citation("report") == '"A report", undated; the scenario\'s primary source'
    assert words.citation("other") == '"Another report", Wire, 3 June 2025'
    assert words.citation("nowhere") == "not described in the scenario"
    assert words.claims("F2") == "the seed article: five dead; The rebels claim: ten dead"
    assert (
        words.differ("F2")
        == "Reports differ (F2): the seed article: five dead; The rebels claim: ten dead."
    )
    assert words.differ("F2", named=False) == (
        "Reports differ: the seed article: five dead; The rebels claim: ten dead."
    )
    assert words.claims("F1") is None and words.differ("F1") is None
    assert words.claims("F404") is None


def test_only_reported_items_and_departures_from_history_set_out_disputed_facts() -> None:
    facts = ("F1", "F2")
    for kind in (Kind.reported, Kind.diverged, Kind.overruled):
        assert Words(open_scenario(MINIMAL).model).disputed(entry(kind, facts=facts)) == ["F2"]
    for kind in (Kind.simulated, Kind.decision, Kind.consequence, Kind.ending):
        assert Words(open_scenario(MINIMAL).model).disputed(entry(kind, facts=facts)) == []


# -- the faces agree ------------------------------------------------------------------------------


def played(role: str, seed: int) -> Game:
    """The Mali scenario played to its end with seeded random advice."""
    game = Game.new(open_scenario(MALI), seed=seed, role=role)
    pick = random.Random(seed)
    while not game.ended:
        for decision in game.open_decisions:
            game.advise(decision.id, pick.choice(decision.options).id)
        game.end_turn()
    return game


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("role", "seed"), [("security_adviser", 3), ("humanitarian", 8)])
def test_the_faces_agree_on_every_log_entry(role: str, seed: int) -> None:
    from sahelsim.plain.words import entry_paragraphs
    from sahelsim.reports.debrief import debrief
    from sahelsim.tui.present import Names, entry_content

    game = played(role, seed)
    model = game.scenario.model
    words = Words(model)
    names = Names(game.scenario)
    document = flat(debrief(game, "md", full=True))
    for item in game.log:
        mark = tag(item)
        said_mark = words.mark(item)
        plain = flat(" ".join(entry_paragraphs(words, item)))
        tui = flat(str(entry_content(names, item)))
        # The same provenance in the same words for the class; the teacher's debrief names the
        # rule behind a simulated item.
        assert plain.startswith(said_mark.spoken())
        assert tui.startswith(said_mark.words())
        if not mark.reported:
            assert f"({mark.what})" in document and f"Rule `{mark.rule}`" in document
        # The same names and numbers for everything the entry changed.
        for change in item.changes:
            name = words.target(change.target)
            before, after = number(change.before), number(change.after)
            assert f"{name} {before} to {after}" in plain
            said = words.change(change)
            assert said in tui and said in document
        for handover in item.control:
            assert words.handover(handover) in tui and words.handover(handover) in document
            assert words.place(handover.place) in plain
        assert flat(item.title) in tui
        # Plain mode says the principal's answer by its text, right after the decision it answers.
        assert flat(item.text if item.reaction else item.title) in plain
        # Where the sources disagree, both faces set out the same versions in the same words.
        for key in words.disputed(item):
            assert flat(words.differ(key, named=False) or "missing") in plain
            assert flat(words.differ(key, named=False) or "missing") in tui


def test_resuming_a_named_save_never_writes_over_the_games_later_autosaves() -> None:
    from sahelsim.saves import autosave, last_autosave, save_game

    game = Game.new(open_scenario(MALI), seed=9, role="editor")
    first = autosave(game)
    named = save_game(game, "lesson1")
    for decision in game.open_decisions:
        game.advise(decision.id, game.options(decision.id)[0].id)
    end_turn(game)  # the game goes on: its autosave is at turn 2
    resumed = open_save(named).game
    assert resumed.label is not None and game.label is not None
    assert resumed.label.game != game.label.game  # a course of its own
    assert resumed.label.class_name == game.label.class_name
    assert open_save(first).game.label == game.label  # its own autosave resumes the same game
    assert last_autosave().record.turns == 1


def test_a_path_is_set_beside_history_only_where_history_records_a_decision() -> None:
    from sahelsim.engine import compare
    from sahelsim.plain.pages import comparison_paragraphs
    from sahelsim.reports.debrief import debrief

    for role, beside in (
        ("security_adviser", "beside history"),
        ("humanitarian", "(history records none of them)"),
    ):
        game = played(role, 5)
        comparison = compare(game)
        words = Words(game.scenario.model)
        assert words.beside_history(comparison) == f"Your path {beside}"
        assert comparison_paragraphs(game, comparison)[0] == f"Your path {beside}."
        assert f"## Decisions {beside}" in debrief(game, "md", full=True)


def test_only_advice_on_a_decision_history_records_is_said_to_be_overruled() -> None:
    from sahelsim.plain.pages import briefing_paragraphs
    from sahelsim.reports.brief import brief

    model = open_scenario(MALI).model
    words = Words(model)
    none = "History records none of your decisions, so your advice is always carried out."
    assert words.overruling("humanitarian") == none
    mixed = words.overruling("security_adviser") or ""
    assert mixed.startswith("Where history records a decision, advice that departs")
    assert mixed.endswith("Where it does not, your advice is carried out.")
    for decision in model.decisions_for("humanitarian"):
        assert words.may_overrule(decision) == (
            "History does not record this decision: your advice is carried out."
        )
    recorded = next(d for d in model.decisions if d.historical is not None)
    assert words.may_overrule(recorded) == "Your advice may be overruled."
    # Plain mode's briefing and the printed brief say the same.
    game = Game.new(open_scenario(MALI), seed=1, role="humanitarian")
    said = "history records none of your decisions, so your advice is always carried out."
    assert any(said in p for p in briefing_paragraphs(game, "sahelsim play"))
    assert "History records none of this role's decisions" in brief(open_scenario(MALI), "md")


def test_a_role_without_decisions_is_told_nothing_of_overruling() -> None:
    assert Words(tiny(decisions=[]).model).overruling("adviser") is None


def test_several_accounts_in_one_source_are_not_called_reports_that_differ() -> None:
    words = Words(open_scenario(MALI).model)
    assert words.differ_heading("F81") == "Accounts side by side"  # three accounts, one AFP report
    assert (words.differ("F81") or "").startswith("Accounts side by side (F81): ")
    assert words.differ_heading("F15") == "Reports differ"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[31mred\x1b[0m", "ared"),
        ("title\x1b]0;owned\x07", "title"),
        ("bell\x07", "bell"),
        ("abc\u202edcba", "abcdcba"),  # a right-to-left override would show "abcabcd"
        ("x\u2066isolated\u2069y", "xisolatedy"),
        ("عربي\u200f ok", "عربي\u200f ok"),  # a right-to-left mark is text, and stays
        ("tab\there", "tab    here"),
    ],
)
def test_scenario_text_reaches_no_face_with_escapes_or_bidi_overrides(raw: str, shown: str) -> None:
    from sahelsim.text import clean

    assert clean(raw) == shown


def test_the_faces_agree_on_an_actors_move() -> None:
    from sahelsim.plain.words import entry_paragraphs
    from sahelsim.reports.debrief import debrief
    from sahelsim.tui.present import Names, entry_content
    from tests.scenario_kit import BASE, tiny

    actors = dict(BASE["actors"])
    raid = {"id": "raid", "title": "The rebels raid the fort", "text": "They raid."}
    raid |= {"when": "security <= 50", "effects": {"security": -5}, "once": True}
    actors["rebels"] = {**actors["rebels"], "doctrine": {"moves": [raid]}}
    game = Game.new(tiny(actors=actors), seed=1, role="adviser")
    while not game.ended:
        game.end_turn()
    item = next(e for e in game.log if e.kind is Kind.move)
    mark = tag(item)
    assert mark.words() == "SIMULATED · actor's move · rule rebels.raid"
    assert item.actor == "rebels"
    reason = Words(game.scenario.model).because(item)
    assert reason == "Because Security 50 ≤ 50."
    words = Words(game.scenario.model)
    plain = flat(" ".join(entry_paragraphs(words, item)))
    tui = flat(str(entry_content(Names(game.scenario), item)))
    document = flat(debrief(game, "md", full=True))
    assert plain.startswith(words.mark(item).spoken())
    assert tui.startswith(words.mark(item).words())
    assert f"({mark.what})" in document and f"Rule `{mark.rule}`" in document
    for face in (plain, tui, document):
        assert reason in face
    # The running text of a turn tells the move by its title and reason, in every face; its
    # text stands one key away (the log and the inspector tell it).
    running = flat(" ".join(entry_paragraphs(words, item, brief=True)))
    running_tui = flat(str(entry_content(Names(game.scenario), item, brief=True)))
    for face in (running, running_tui):
        assert "The rebels raid the fort" in face and reason in face
        assert "They raid." not in face
    assert "They raid." in plain and "They raid." in tui


def test_the_legend_of_marks_takes_the_scenarios_own_reported_example() -> None:
    from sahelsim.scenario import load
    from sahelsim.tui.keys import MARKINGS, markings

    model = load(MALI).model
    example = Words(model).first_reported()
    cited = next(event.facts for event in model.events if event.facts)
    assert example == Words(model).reported_by(cited)
    assert markings(example)[0][0] == f"REPORTED · {example}"
    assert markings(example)[1:] == MARKINGS[1:]
    assert markings(None) == MARKINGS
    assert Words(tiny().model).first_reported() is None  # no event cites a fact
