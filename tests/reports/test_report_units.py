"""The reports' parts: purity of the debrief, the export for the game screen, outlines, maps,
the lesson's timings, and the contents each report promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sahelsim.engine import Game, Label
from sahelsim.reports import brief, debrief
from sahelsim.reports.brief import (
    READ_WORDS_PER_MINUTE,
    VOTE_MINUTES,
    _lessons,
    _needs,
    _team_needs,
    dispute_question,
    facilitator,
)
from sahelsim.reports.common import spread
from sahelsim.reports.debrief import axis
from sahelsim.reports.geo import Projection
from sahelsim.reports.output import (
    ReportError,
    export_debrief,
    export_name,
    resolve_format,
    write_report,
)
from sahelsim.reports.svg import place_map
from sahelsim.telling import outline_for
from tests.reports.report_kit import (
    first_option,
    mali,
    mali_game,
    minimal,
    minimal_game,
    minimal_unfinished,
    play,
)


def test_debrief_is_a_pure_function_of_the_game() -> None:
    game = minimal_unfinished()
    before = (game.snapshot(), game.log, game.record, dict(game.history))
    first = debrief(game, "md")
    assert (game.snapshot(), game.log, game.record, dict(game.history)) == before
    # The game goes on exactly as one that was never debriefed.
    for decision in game.pending_decisions:
        game.advise(decision.id, first_option(decision))
    game.end_turn()
    other = minimal_unfinished()
    for decision in other.pending_decisions:
        other.advise(decision.id, first_option(decision))
    other.end_turn()
    assert game.snapshot() == other.snapshot()
    assert debrief(minimal_unfinished(), "md") == first


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="'pdf'"):
        debrief(minimal_game(), "pdf")
    with pytest.raises(ValueError, match="'txt'"):
        brief(minimal(), "txt")


def test_export_debrief_for_the_game_screen(tmp_path: Path) -> None:
    game = minimal_game()
    path = export_debrief(game)
    assert path.name == "minimal-seed1-adviser.html"
    assert path.parent.name == "debriefs"
    assert path.read_text(encoding="utf-8") == debrief(game, "html")
    chosen = export_debrief(game, tmp_path / "x.md", "md")
    assert chosen.read_text(encoding="utf-8") == debrief(game, "md")


def test_exporting_twice_gives_two_files(tmp_path: Path) -> None:
    first = export_debrief(minimal_game())
    first.write_text("the first class's debrief, annotated", encoding="utf-8")
    second = export_debrief(minimal_game())
    third = export_debrief(minimal_game())
    assert (second.name, third.name) == (
        "minimal-seed1-adviser-2.html",
        "minimal-seed1-adviser-3.html",
    )
    assert first.read_text(encoding="utf-8") == "the first class's debrief, annotated"
    named = tmp_path / "x.md"
    named.write_text("kept", encoding="utf-8")
    assert export_debrief(minimal_game(), named, "md") == tmp_path / "x-2.md"
    assert named.read_text(encoding="utf-8") == "kept"


def test_a_class_name_goes_into_the_export_name_and_the_debrief() -> None:
    game = minimal_game()
    game.label = Label("20250601-120000-ab12", "10B <script>")
    assert export_name(game) == "10b-script-minimal-seed1-adviser"
    assert export_debrief(game).name == "10b-script-minimal-seed1-adviser.html"
    assert "Played by class **10B \\<script\\>**" in debrief(game, "md")
    html = debrief(game, "html")
    assert "10B &lt;script&gt;" in html and "<script>" not in html
    game.label = Label("20250601-120000-ab12", "Класс")
    assert export_name(game) == "minimal-seed1-adviser"
    game.label = None
    assert "Played by class" not in debrief(game, "md")


def test_resolve_format() -> None:
    assert resolve_format(None, None) == "md"
    assert resolve_format(None, Path("a.HTML")) == "html"
    assert resolve_format(None, Path("a.htm")) == "html"
    assert resolve_format(None, Path("a.txt")) == "md"
    assert resolve_format("html", Path("a.md")) == "html"
    with pytest.raises(ReportError):
        resolve_format("pdf", None)


def test_write_report_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="does not exist"):
        write_report("x", tmp_path / "missing" / "x.md")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ReportError, match="is not a folder"):
        write_report("x", tmp_path / "file" / "x.md")
    with pytest.raises(ReportError, match="it is a folder"):
        write_report("x", tmp_path)


def test_a_named_output_is_replaced(tmp_path: Path) -> None:
    # -o FILE names the file: like any command-line tool, write it even if it exists.
    out = tmp_path / "debrief.md"
    out.write_text("old", encoding="utf-8")
    write_report("new", out)
    assert out.read_text(encoding="utf-8") == "new"


def test_write_report_dash_is_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    write_report("hello\n", Path("-"))
    assert capsys.readouterr().out == "hello\n"


def test_projection_keeps_points_inside_the_frame() -> None:
    points = [(-12.0, 10.0), (4.0, 25.0), (-2.0, 14.0)]
    proj = Projection.fit(points)
    for lon, lat in points:
        x, y = proj(lon, lat)
        assert proj.margin <= x <= proj.width - proj.margin
        assert proj.margin <= y <= proj.height - proj.margin
    single = Projection.fit([(-2.0, 14.0)])
    x, y = single(-2.0, 14.0)
    assert abs(x - single.width / 2) < 1 and abs(y - single.height / 2) < 1


def test_map_without_outline_frames_the_places() -> None:
    scenario = minimal().model
    svg = place_map(scenario, {"fort": "army"}, None, title="t")
    assert "<path" not in svg
    assert "Fort Alpha" in svg
    assert "bounding box" in svg


def test_map_colours_places_by_holder() -> None:
    scenario = mali().model
    held = {key: place.held_by for key, place in scenario.places.items()}
    held["boulkessi"] = "jnim"
    held["mondoro"] = None
    svg = place_map(scenario, held, outline_for(scenario), title="t")
    legend = re.findall(r'fill="(#[0-9A-Fa-f]{6})" stroke="#1b1b1b" stroke-width="1"/>', svg)
    assert len(set(legend)) == 4  # FAMa, the junta, JNIM, nobody
    assert ">JNIM<" in svg and ">nobody<" in svg


def test_each_turn_gets_the_time_its_votes_and_disputes_need() -> None:
    model = mali().model
    needs = _needs(model, "security_adviser")
    assert len(needs) == model.calendar.turns and all(need >= 0 for need in needs)
    decision = next(d for d in model.decisions if "security_adviser" in d.roles and not d.when)
    read = len(decision.prompt.split()) / READ_WORDS_PER_MINUTE
    assert needs[decision.turn - 1] >= VOTE_MINUTES + read


def test_a_team_turn_waits_for_its_busiest_team() -> None:
    model = mali().model
    by_role = {role: _needs(model, role) for role in model.roles}
    teams = _team_needs(model)
    # Every team hears the same news, then decides at the same time as the others.
    assert teams == [max(needs) for needs in zip(*by_role.values(), strict=True)]
    assert sum(teams) > max(sum(needs) for needs in by_role.values())
    assert sum(teams) < sum(sum(needs) for needs in by_role.values())
    notes = facilitator(mali(), "md")
    said = f"**With teams** (`sahelsim play {model.id} --class --teams`): the news is read once"
    assert said in notes
    assert f"10 days need about {round(sum(teams))} minutes" in notes


def test_play_longer_than_a_lesson_is_cut_into_lessons_at_turn_ends() -> None:
    assert _lessons([5, 5, 5]) == [3]
    assert _lessons([10, 10, 10, 3]) == [2, 4]  # 20 and 13, not 20, 10 and 3
    assert _lessons([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]) == [7, 14]  # evenly
    assert _lessons([30, 1]) == [1, 2]  # a turn that alone needs more gets a lesson of its own
    assert _lessons([]) == [0]


def test_axis_widens_small_ranges_within_the_indicator() -> None:
    assert axis(0, 100, (50.0, 55.0, 30.0)) == (25, 60)
    low, high = axis(0, 100, (99.0, 100.0))
    assert high == 100 and high - low >= 25
    assert axis(0, 100, (0.0, 1.0))[0] == 0
    assert axis(10, 10, (10.0,)) == (10, 10)


def test_brief_promises() -> None:
    md = brief(mali(), "md")
    for heading in (
        "## The situation",
        "## The map",
        "## The actors",
        "## Timeline of reported events",
        "## Role cards",
        "## Decisions: prompts for discussion",
        "## Facilitator notes: a 50-minute lesson",
        "## Sources",
        "## Fact ledger",
    ):
        assert f"\n{heading}\n" in md, heading
    # Reports that differ are set side by side: every source's figure for the Boulkessi toll.
    facts = mali().model.facts
    for claim in facts["F15"].claims:
        assert claim.says.replace("*", "\\*") in md
    # Every role has a card.
    for role in mali().model.roles.values():
        assert f"\n### {role.name}\n" in md


def test_brief_hides_consequences_and_history() -> None:
    scenario = mali().model
    md = brief(scenario, "md")
    prompts = md.split("## Decisions: prompts for discussion")[1].split("## Facilitator notes")[0]
    for decision in scenario.decisions:
        for option in decision.options:
            if option.outcome:
                assert option.outcome[:60] not in prompts, (decision.id, option.id)
            for later in option.later:
                assert later.text[:60] not in prompts
        if decision.historical and decision.historical.note:
            assert decision.historical.note[:60] not in prompts, decision.id
    assert "historical" not in prompts.lower()


def test_debrief_promises() -> None:
    game = mali_game()
    md = debrief(game, "md", full=True)
    for heading in (
        "## The ending",
        "## How far from history",
        "## Decisions beside history",
        "## The indicators",
        "## Who holds what",
        "## Day by day: what was reported, what was simulated",
        "## Questions for discussion",
        "## Facts cited",
    ):
        assert f"\n{heading}\n" in md, heading
    assert game.ending is not None
    assert game.ending.title in md
    # Every log item is there with its provenance.
    assert md.count("**Reported:**") >= sum(1 for e in game.log if e.reported)
    for entry in game.log:
        if not entry.reported:
            assert f"Rule `{entry.rule}`" in md, entry.rule
    assert "(overruled)" in md  # this game's advice departs from history and gets overruled


def test_unfinished_debrief_says_so() -> None:
    md = debrief(minimal_unfinished(), "md", full=True)
    assert "**Unfinished.**" in md
    assert "(in progress)" in md
    assert "## The ending" in md
    page = debrief(minimal_unfinished(), "md")
    assert "**Unfinished.**" in page and "## The ending" in page
    assert "unfinished: saved during Day 2 of 3" in page


def test_game_without_log_still_debriefs() -> None:
    scenario = minimal()
    game = Game.new(scenario, seed=1, role="adviser", log=False)
    game.advise("hold_fort", "withdraw")
    game.end_turn()
    assert "This game kept no log." in debrief(game, "md", full=True)
    assert "## Where the path left history" in debrief(game, "md")
    assert play(scenario, 1, "adviser", first_option).ended


def test_variants_on_one_turn_count_as_one_decision() -> None:
    from tests.scenario_kit import decision, tiny

    plain = tiny(decisions=[decision("only", turn=1)]).model
    variants = tiny(
        decisions=[
            decision("only", turn=1),
            decision("if_a", turn=2, when="only == 'a'"),
            decision("if_b", turn=2, when="only == 'b'"),
        ]
    ).model
    # Two decisions of which a path meets one: one vote's minute, and their words averaged.
    vote = _needs(variants, "adviser")[1]
    assert VOTE_MINUTES <= vote < 2 * VOTE_MINUTES
    assert _needs(plain, "adviser")[1] < VOTE_MINUTES


def test_the_teacher_asks_which_figure_only_where_the_figures_differ() -> None:
    model = mali().model
    facts = {key: fact for key, fact in model.facts.items() if fact.claims}
    with_figures = next(k for k, f in facts.items() if spread(f) is not None)
    without = [k for k, f in facts.items() if spread(f) is None]
    assert without, "the bundled scenario has disputes without figures"
    figure = dispute_question(model, with_figures, spread(facts[with_figures]))
    assert "Which figure" in figure
    for key in without:
        assert "figure" not in dispute_question(model, key, None)
