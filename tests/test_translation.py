"""Scenarios in several languages: the key scheme, applying a translation with fallback, quotes
shown in their own words, and the checks that refuse a bad translation file."""

from __future__ import annotations

import shutil
import tempfile
import typing
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from sahelsim.authoring.translate import skeleton
from sahelsim.engine import Game
from sahelsim.scenario import (
    LoadedScenario,
    Scenario,
    ScenarioError,
    list_scenarios,
    load,
    validate,
)
from sahelsim.scenario.translation import (
    PLACEHOLDER,
    fingerprint,
    texts_of,
    translations_beside,
    wanted,
)
from sahelsim.telling.words import translation_note
from tests.conftest import DATA, MALI

FIXTURE = DATA / "translation"
GARRISON = FIXTURE / "garrison.yaml"
FRENCH = FIXTURE / "garrison.fr.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the fixture's scenario and sources, without its translation."""
    for name in ("garrison.yaml", "report.txt", "journal.txt"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    return tmp_path


def write_translation(folder: Path, texts: dict[str, object], **top: object) -> Path:
    data = {"format": "sahelsim-translation/1", "scenario": "garrison", "language": "fr"}
    data.update(top)  # type: ignore[arg-type]
    data["texts"] = texts  # type: ignore[assignment]
    path = folder / "garrison.fr.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- the key scheme ------------------------------------------------------------------------------


def test_keys_name_texts_by_ids_in_file_order() -> None:
    keys = [t.key for t in texts_of(load(GARRISON).model)]
    assert keys[:3] == ["title", "summary", "description"]
    for key in (
        "facts.F1.text",
        "facts.F1.translation",
        "facts.F3.claims.0.says",
        "facts.F3.claims.0.translation",
        "events.withdrawal.diverged",
        "decisions.hold_fort.options.hold.pros.0",
        "decisions.hold_fort.options.hold.later.0.text",
        "decisions.hold_fort.historical.note",
        "endings.held.questions.0",
        "questions.0",
        "glossary.garrison.term",
        "glossary.garrison.means",
    ):
        assert key in keys
    # Quotes, sources' titles, ids and expressions have no key.
    assert not [k for k in keys if k.endswith(".quote") or k.startswith("sources.report.title")]
    # A claim without a quote has nothing to translate beside it.
    assert "facts.F3.claims.1.translation" not in keys


#: The text fields of the model that translation files translate (each has a key)...
TRANSLATED = {
    *[("Scenario", f) for f in ("title", "summary", "description", "questions", "glossary")],
    ("Source", "note"),
    *[("Fact", f) for f in ("text", "translation")],
    *[("Claim", f) for f in ("says", "translation")],
    *[("Indicator", f) for f in ("name", "description")],
    *[("Actor", f) for f in ("name", "short", "description")],
    *[("Move", f) for f in ("title", "text", "reason")],
    *[("Place", f) for f in ("name", "description")],
    *[("Role", f) for f in ("name", "principal_title", "description")],
    *[("Reactions", f) for f in ("taken", "overruled")],
    *[("Event", f) for f in ("title", "text", "diverged")],
    *[("Storylet", f) for f in ("title", "text")],
    *[("Inject", f) for f in ("title", "text")],
    *[("Decision", f) for f in ("title", "prompt")],
    *[("Option", f) for f in ("label", "text", "pros", "cons", "outcome")],
    ("Consequence", "text"),
    ("Historical", "note"),
    ("Baseline", "reason"),
    *[("Ending", f) for f in ("title", "text", "questions")],
    *[("Outcome", f) for f in ("title", "text")],
    *[("Term", f) for f in ("means", "aliases")],
}
#: ... and those they never do: the sources' own words and names, and what is not shown as text.
KEPT = {
    ("Scenario", "authors"),
    *[("Source", f) for f in ("title", "publisher", "url", "file")],
    ("Fact", "quote"),
    ("Claim", "quote"),
    ("Actor", "aliases"),
    ("Place", "aliases"),
    ("MapSpec", "country"),
}


def _text_fields() -> set[tuple[str, str]]:
    """Every (model, field) of the format that holds text (a line, prose, a short name)."""
    found: set[tuple[str, str]] = set()
    seen: set[type] = set()

    def texty(annotation: object) -> bool:
        if typing.get_origin(annotation) is typing.Annotated:
            base, *meta = typing.get_args(annotation)
            limits = {getattr(m, "max_length", None) for m in meta}
            limits |= {
                getattr(x, "max_length", None) for m in meta for x in getattr(m, "metadata", ())
            }
            return (base is str and bool(limits & {24, 300, 20_000})) or texty(base)
        return any(texty(arg) for arg in typing.get_args(annotation))

    def models(annotation: object) -> list[type[BaseModel]]:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return [annotation]
        return [m for arg in typing.get_args(annotation) for m in models(arg)]

    def walk(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            annotation = info.annotation
            if info.metadata:
                annotation = typing.Annotated[annotation, *info.metadata]
            if texty(annotation):
                found.add((cls.__name__, name))
            for model in models(info.annotation):
                walk(model)

    walk(Scenario)
    return found


def test_every_text_of_the_format_is_translated_or_kept_on_purpose() -> None:
    """A text field added to the model must get a key in texts_of (or be kept, and listed)."""
    assert _text_fields() == TRANSLATED | KEPT
    assert not TRANSLATED & KEPT


def test_every_key_of_the_bundled_scenarios_is_unique() -> None:
    texts = texts_of(load(MALI).model)
    assert len({t.key for t in texts}) == len(texts) > 500


def test_a_quote_in_the_translations_language_asks_for_no_translation() -> None:
    s = load(GARRISON).model
    keys = {t.key for t in wanted(s, "fr")}
    assert "facts.F2.translation" not in keys  # the journal writes in French
    assert "facts.F1.translation" in keys  # the wire in English


def test_fingerprints_are_short_and_ignore_wrapping() -> None:
    assert fingerprint("The fort\n  held.") == fingerprint("The fort held.")
    assert fingerprint("The fort held.") != fingerprint("The fort fell.")
    assert len(fingerprint("x")) == 8 and int(fingerprint("x"), 16) >= 0


# -- loading in a language -----------------------------------------------------------------------


def test_loading_in_french_applies_the_translation_and_falls_back_elsewhere() -> None:
    original, french = load(GARRISON), load(GARRISON, "fr")
    s = french.model
    assert s.language == "fr"
    assert s.title == "La garnison du fort Alpha"
    assert s.decisions[0].options[0].label == "Tenir"
    assert s.decisions[0].options[0].pros == ["Garde la ville"]
    assert s.events[0].diverged == "Dans cette partie, la garnison est restée."
    assert s.storylets[1].title == "A quiet day"  # not translated: the original
    assert list(s.glossary) == ["garnison"]
    # The rules are the original's, and so is the file's identity.
    assert french.digest == original.digest
    assert set(french.conditions) == set(original.conditions)
    assert set(french.amounts) == set(original.amounts)
    assert s.decisions[0].when == original.model.decisions[0].when
    assert s.advice == original.model.advice
    assert [e.effects for e in s.events] == [e.effects for e in original.model.events]


def test_no_language_the_scenarios_own_or_one_without_a_file_is_the_original() -> None:
    original = load(GARRISON).model
    assert load(GARRISON, "en").model == original
    assert load(GARRISON, "de").model == original
    assert load(GARRISON, None).model == original


def test_a_quote_is_shown_verbatim_with_its_translation_beside_it() -> None:
    english, french = load(GARRISON).model, load(GARRISON, "fr").model
    # A French report's own words: shown as they are to a French reader, translated for others.
    assert english.facts["F2"].quote == french.facts["F2"].quote
    assert translation_note(english.facts["F2"]) == "Translation: the rebels claimed the town"
    assert translation_note(french.facts["F2"]) is None
    # An English report's words stay English; the translation file's translation is beside them.
    claim = french.facts["F3"].claims[0]
    assert claim.quote == "Five soldiers died"
    assert translation_note(claim) == "Translation: Cinq soldats sont morts"
    # A fact may cite a French report's own words instead (cites:).
    cited = french.facts["F1"]
    assert (cited.source, cited.quote) == ("journal", "La garnison a quitté le fort Alpha lundi")
    assert translation_note(cited) is None
    assert english.facts["F1"].source == "report"
    # Sources keep their own titles.
    assert french.sources == {
        k: v.model_copy(update={"language": v.language or "en"}) for k, v in english.sources.items()
    }


def test_an_invalid_translation_stops_loading_in_its_language_only(folder: Path) -> None:
    write_translation(folder, {"events.withdrawl.title": "La garnison part"})
    load(folder / "garrison.yaml")  # the original is fine
    with pytest.raises(ScenarioError) as caught:
        load(folder / "garrison.yaml", "fr")
    assert caught.value.diagnostics[0].path.endswith("garrison.fr.yaml")


def test_translation_files_are_not_listed_as_scenarios(folder: Path) -> None:
    write_translation(folder, {"title": "La garnison"})
    listed = [e.path.name for e in list_scenarios(folder) if e.origin == "local"]
    assert listed == ["garrison.yaml"]
    assert list(translations_beside(folder / "garrison.yaml")) == ["fr"]
    titles = [e.title for e in list_scenarios(folder, language="fr") if e.origin == "local"]
    assert titles == ["La garnison"]


# -- validate ------------------------------------------------------------------------------------


def codes(path: Path) -> list[str]:
    return [d.code for d in validate(path)]


def test_the_fixture_is_valid() -> None:
    assert validate(GARRISON) == []
    assert validate(FRENCH) == []


def test_validate_refuses_a_key_that_names_no_text(folder: Path) -> None:
    path = write_translation(folder, {"title": "La garnison", "events.withdrawl.title": "Part"})
    (diag,) = validate(path)
    assert (diag.code, diag.line, diag.col) == ("translation-key", 6, 3)
    assert diag.hint == "did you mean 'events.withdrawal.title'?"
    assert diag.format().startswith(f"{path}:6:3: error[translation-key]: ")
    # A scenario is validated with its translations.
    assert [d.path for d in validate(folder / "garrison.yaml")] == [str(path)]


def test_validate_refuses_a_quote_translated_in_place(folder: Path) -> None:
    path = write_translation(folder, {"facts.F1.quote": "sur ordre de la capitale"})
    (diag,) = validate(path)
    assert diag.code == "translation-key"
    assert "never translated in place" in diag.message
    assert diag.hint is not None and "facts.F1.translation" in diag.hint


def test_validate_refuses_a_dropped_or_added_placeholder(folder: Path) -> None:
    path = write_translation(
        folder,
        {
            "description": {"text": "Une garnison est sous pression.", "of": "00000000"},
            "title": "La garnison de {place}",
        },
    )
    found = validate(path)
    assert [d.code for d in found] == ["translation-placeholder"] * 2
    assert "drops the placeholder {who}" in found[0].message
    assert (found[0].line, found[0].col) == (6, 11)  # the entry's text
    assert "adds the placeholder {place}" in found[1].message


def test_validate_refuses_two_glossary_terms_written_alike(folder: Path) -> None:
    text = (folder / "garrison.yaml").read_text(encoding="utf-8")
    text += "  fort:\n    means: A fortified post.\n"
    (folder / "garrison.yaml").write_text(text, encoding="utf-8")
    assert validate(folder / "garrison.yaml") == []
    path = write_translation(folder, {"glossary.garrison.term": "fort"})
    (diag,) = validate(path)
    assert diag.code == "translation-key" and "both be written 'fort'" in diag.message


def test_validate_checks_cited_reports(folder: Path) -> None:
    path = write_translation(
        folder,
        {},
        cites={
            "F3": {"source": "journal", "quote": "dix morts"},
            "F2": {"source": "report", "quote": "Five soldiers died"},
            "F1": {"source": "journal", "quote": "la garnison a fui"},
            "F9": {"source": "journal", "quote": "dix morts"},
        },
    )
    assert codes(path) == ["translation-cite", "translation-cite", "quote-not-found", "unknown-ref"]


def test_validate_checks_the_scenario_and_the_language(folder: Path) -> None:
    path = write_translation(folder, {}, scenario="other", language="de")
    assert codes(path) == ["translation-scenario", "translation-language"]
    path = write_translation(folder, {}, language="en")
    assert codes(path) == ["translation-language"]


def test_validate_checks_the_shape(folder: Path) -> None:
    path = write_translation(folder, {"title": {"text": "La garnison", "of": "xyz"}}, extra=1)
    found = validate(path)
    assert sorted(d.code for d in found) == ["bad-value", "unknown-key"]
    path = write_translation(folder, {"title": 5, "summary": ""})
    assert codes(path) == ["bad-type", "bad-value"]
    path.write_text("format: sahelsim-translation/1\nscenario: garrison\n", encoding="utf-8")
    assert codes(path) == ["missing-key"]


def test_a_translation_without_its_scenario(tmp_path: Path) -> None:
    path = write_translation(tmp_path, {})
    assert codes(path) == ["translation-scenario"]


# -- properties ----------------------------------------------------------------------------------

#: Text a translator may write: anything printable, without the placeholders' braces.
TEXTS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="{}"),
    min_size=1,
    max_size=24,
)


def play(scenario: LoadedScenario, seed: int, picks: list[int]) -> Game:
    game = Game.new(scenario, seed=seed, role="adviser")
    i = 0
    while not game.ended:
        for d in game.open_decisions:
            game.advise(d.id, d.options[picks[i % len(picks)] % len(d.options)].id)
            i += 1
        game.end_turn()
    return game


def rules_of(game: Game) -> object:
    """Everything of a game but its words."""
    entries = [(e.turn, e.kind, e.rule, e.facts, e.changes, e.control) for e in game.log]
    ending = game.ending.id if game.ending is not None else None
    return (game.state.indicators, game.record, ending, entries)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    chosen=st.dictionaries(
        st.sampled_from([t.key for t in wanted(load(GARRISON).model, "fr")]), TEXTS, max_size=45
    ),
    seed=st.integers(0, 2**32),
    picks=st.lists(st.integers(0, 3), min_size=1, max_size=4),
)
def test_any_translation_loads_and_plays_the_same_game(
    chosen: dict[str, str], seed: int, picks: list[int]
) -> None:
    original = load(GARRISON)
    texts = {t.key: t for t in texts_of(original.model)}
    given_texts = {}
    for key, text in chosen.items():
        kept = "".join(PLACEHOLDER.findall(texts[key].original))
        if texts[key].kind == "term":
            text = f"terme {text.split()[0] if text.split() else 'x'}"
        given_texts[key] = text + kept
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("garrison.yaml", "report.txt", "journal.txt"):
            shutil.copy(FIXTURE / name, folder / name)
        body, _ = skeleton(original.model, "fr", given=given_texts)
        (folder / "garrison.fr.yaml").write_text(body, encoding="utf-8")
        french = load(folder / "garrison.yaml", "fr")
        english = load(folder / "garrison.yaml")
    applied = {t.key: t for t in texts_of(french.model)}
    for key, text in given_texts.items():
        if texts[key].kind == "text":
            assert applied[key].original == text
    assert rules_of(play(french, seed, picks)) == rules_of(play(english, seed, picks))


def test_a_full_translation_of_the_bundled_scenario_plays_the_same_game(tmp_path: Path) -> None:
    # The scenario's sources are read from ../seeds, as in the repository.
    shutil.copytree(MALI.parent, tmp_path / "scenarios")
    shutil.copytree(MALI.parent.parent / "seeds", tmp_path / "seeds")
    scenario = tmp_path / "scenarios" / MALI.name
    original = load(scenario)
    given_texts = {
        t.key: f"[fr] {t.original}" if len(t.original) + 5 <= t.limit else t.original
        for t in wanted(original.model, "fr")
    }
    body, summary = skeleton(original.model, "fr", given=given_texts)
    assert summary.translated == summary.texts
    scenario.with_name(f"{scenario.stem}.fr.yaml").write_text(body, encoding="utf-8")
    french = load(scenario, "fr")
    assert french.model.title.startswith("[fr] ")
    role = next(iter(original.model.roles))
    for seed in (1, 2):
        a = Game.new(original, seed=seed, role=role)
        b = Game.new(french, seed=seed, role=role)
        for game in (a, b):
            while not game.ended:
                for d in game.open_decisions:
                    game.advise(d.id, d.options[-1].id)
                game.end_turn()
        assert rules_of(a) == rules_of(b)


def test_a_game_saved_in_one_language_resumes_in_another(tmp_path: Path) -> None:
    from sahelsim.saves import read_save, restore
    from sahelsim.saves.store import save_game

    english, french = load(GARRISON), load(GARRISON, "fr")
    game = Game.new(english, seed=4, role="adviser")
    for d in game.open_decisions:
        game.advise(d.id, "hold")
    game.end_turn()
    restored = restore(read_save(save_game(game, "in-english", tmp_path)), french)
    assert restored.warning is None
    assert restored.game.state.indicators == game.state.indicators
    assert restored.game.log[0].title.endswith(": Le fort")  # told again, in French
