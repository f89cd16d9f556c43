"""Tools for translators: ``sahelsim translate``, the translation findings of ``sahelsim lint``
(missing, stale, unfingerprinted, coverage), ``sahelsim schema --translation`` and ``sahelsim
new --lang fr``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sahelsim.authoring.lint import CODES, lint_any
from sahelsim.authoring.new import write
from sahelsim.authoring.translate import TRANSLATION_CODES, TranslateError, refresh
from sahelsim.cli import cli
from sahelsim.engine import Game
from sahelsim.scenario import load, validate
from sahelsim.scenario.jsonschema import translation_json_schema_text
from sahelsim.scenario.translation import fingerprint, wanted
from tests.conftest import DATA, ROOT, SCENARIOS

FIXTURE = DATA / "translation"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """A copy of the fixture's scenario, sources and French translation."""
    for name in ("garrison.yaml", "garrison.fr.yaml", "report.txt", "journal.txt"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    return tmp_path / "garrison.yaml"


def findings(path: Path, *, strict: bool = False) -> list[tuple[str, str]]:
    """``(file name, code)`` of every finding of lint on ``path`` and its translations."""
    return [
        (Path(d.path).name, d.code)
        for result in lint_any(path, strict=strict)
        for d in result.diagnostics
        if d.code in TRANSLATION_CODES or not result.valid
    ]


def test_the_codes_are_lints() -> None:
    assert set(TRANSLATION_CODES) <= set(CODES)


# -- sahelsim translate --------------------------------------------------------------------------


def test_a_new_skeleton_holds_every_key_with_its_original_and_fingerprint(tmp_path: Path) -> None:
    for name in ("garrison.yaml", "report.txt", "journal.txt"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    done = refresh(tmp_path / "garrison.yaml", "fr")
    assert done.created and done.translated == 0 and done.path.name == "garrison.fr.yaml"
    data = yaml.safe_load(done.path.read_text(encoding="utf-8"))
    s = load(tmp_path / "garrison.yaml").model
    assert list(data["texts"]) == [t.key for t in wanted(s, "fr")]
    title = data["texts"]["title"]
    assert title == {"original": s.title, "text": None, "of": fingerprint(s.title)}
    assert validate(done.path) == []
    # Nothing translated yet: the game is the original's, and lint names what is missing.
    assert load(tmp_path / "garrison.yaml", "fr").model.title == s.title
    (result,) = lint_any(done.path)
    assert [d.code for d in result.diagnostics] == ["translation-missing"]
    assert result.coverage is not None and result.coverage.percent == 0


def test_a_refresh_keeps_translations_and_adds_new_texts(scenario: Path) -> None:
    before = (scenario.parent / "garrison.fr.yaml").read_text(encoding="utf-8")
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(
        text.replace("questions:\n  - Who decides?", "questions:\n  - Who decides?\n  - Who pays?"),
        encoding="utf-8",
    )
    done = refresh(scenario, "fr")
    assert not done.created and done.stale == [] and done.unknown == []
    after = yaml.safe_load(done.path.read_text(encoding="utf-8"))
    assert after["texts"]["questions.0"]["text"] == "Qui décide ?"
    assert after["texts"]["questions.1"] == {
        "original": "Who pays?",
        "text": None,
        "of": fingerprint("Who pays?"),
    }
    assert after["translators"] == ["Équipe sahelsim"] and "F1" in after["cites"]
    assert yaml.safe_load(before)["texts"]["title"] == after["texts"]["title"]


def test_a_refresh_refuses_an_unreadable_translation(scenario: Path) -> None:
    (scenario.parent / "garrison.fr.yaml").write_text("format: [\n", encoding="utf-8")
    with pytest.raises(TranslateError) as caught:
        refresh(scenario, "fr")
    assert caught.value.code == 1 and caught.value.diagnostics[0].code == "yaml-syntax"
    with pytest.raises(TranslateError):
        refresh(scenario, "en")  # the scenario's own language


def test_a_refusal_is_said_again_in_the_faces_language(scenario: Path) -> None:
    french = {
        "{error}; fix the translation file first (nothing was written)": (
            "{error}\u00a0; corrigez d'abord le fichier de traduction (rien n'a été écrit)"
        ),
        "the scenario is already in {language!r}; translate it into another language": (
            "le scénario est déjà en {language!r}\u00a0; traduisez-le dans une autre langue"
        ),
    }

    def translate(text: str) -> str:
        return french.get(text, text)

    with pytest.raises(TranslateError) as caught:
        refresh(scenario, "en")
    assert caught.value.spoken(translate) == (
        "le scénario est déjà en 'en'\u00a0; traduisez-le dans une autre langue"
    )
    (scenario.parent / "garrison.fr.yaml").write_text("format: [\n", encoding="utf-8")
    with pytest.raises(TranslateError) as caught:
        refresh(scenario, "fr")
    english = str(caught.value)
    assert english.endswith("; fix the translation file first (nothing was written)")
    first = english.removesuffix("; fix the translation file first (nothing was written)")
    assert caught.value.spoken(translate) == (
        f"{first}\u00a0; corrigez d'abord le fichier de traduction (rien n'a été écrit)"
    )
    # The file's problem is said again too: its first diagnostic, in the face's language.
    problem = caught.value.problem
    assert problem is not None and problem.first() == first
    assert caught.value.spoken(lambda text: "<{error}>") == f"<{problem.first(translate)}>"


# -- lint: stale translations --------------------------------------------------------------------


def test_a_changed_original_makes_its_translation_stale(scenario: Path) -> None:
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("label: Hold\n", "label: Hold the fort\n"), encoding="utf-8")
    (result,) = [r for r in lint_any(scenario) if r.path.endswith(".fr.yaml")]
    stale = [d for d in result.diagnostics if d.code == "translation-stale"]
    (diag,) = stale
    assert "decisions.hold_fort.options.hold.label" in diag.message
    assert "now 'Hold the fort'; it was 'Hold'" in diag.message
    entry = (scenario.parent / "garrison.fr.yaml").read_text(encoding="utf-8").splitlines()
    assert entry[diag.line - 1].strip().startswith("of: ")  # pointed at its fingerprint
    assert result.coverage is not None
    assert result.coverage.stale == ["decisions.hold_fort.options.hold.label"]
    # A refresh keeps it stale until the translator has looked at it.
    done = refresh(scenario, "fr")
    assert done.stale == ["decisions.hold_fort.options.hold.label"]
    assert ("garrison.fr.yaml", "translation-stale") in findings(scenario)


def test_wrapping_an_original_or_changing_an_untranslated_one_is_not_stale(scenario: Path) -> None:
    text = scenario.read_text(encoding="utf-8")
    text = text.replace(
        "prompt: Hold the fort or withdraw?", "prompt: >\n      Hold the fort\n      or withdraw?"
    )
    text = text.replace("title: A quiet day", "title: A calm day")  # never translated
    scenario.write_text(text, encoding="utf-8")
    assert load(scenario).model.decisions[0].prompt.strip() == "Hold the fort or withdraw?"
    assert ("garrison.fr.yaml", "translation-stale") not in findings(scenario)


def test_a_revised_translation_is_fresh_once_its_fingerprint_is_recorded(scenario: Path) -> None:
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("label: Hold\n", "label: Hold the fort\n"), encoding="utf-8")
    translation = scenario.parent / "garrison.fr.yaml"
    data = yaml.safe_load(translation.read_text(encoding="utf-8"))
    data["texts"]["decisions.hold_fort.options.hold.label"] = {"text": "Tenir le fort"}
    translation.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert ("garrison.fr.yaml", "translation-unfingerprinted") in findings(scenario)
    refresh(scenario, "fr")
    assert findings(scenario) == [("garrison.fr.yaml", "translation-missing")]
    assert load(scenario, "fr").model.decisions[0].options[0].label == "Tenir le fort"


def test_lint_strict_and_json_report_coverage(scenario: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["lint", "--strict", str(scenario)])
    assert result.exit_code == 1
    assert "error[translation-missing]: 2 of 41 texts are not translated" in result.output
    assert "translation fr: 39 of 41 texts translated (95%)" in result.output
    result = runner.invoke(
        cli, ["lint", "--format", "json", str(scenario.parent / "garrison.fr.yaml")]
    )
    payload = json.loads(result.output)
    (file,) = payload["files"]
    assert file["translation"]["missing"] == ["storylets.quiet.title", "storylets.quiet.text"]
    assert (file["translation"]["texts"], file["translation"]["translated"]) == (41, 39)


def test_lint_reports_an_invalid_translation_as_validate_does(scenario: Path) -> None:
    translation = scenario.parent / "garrison.fr.yaml"
    text = translation.read_text(encoding="utf-8")
    translation.write_text(text.replace("  title:\n", "  titel:\n", 1), encoding="utf-8")
    (result,) = lint_any(translation)
    assert not result.valid and [d.code for d in result.diagnostics] == ["translation-key"]


def test_a_quote_in_another_language_wants_its_translation(scenario: Path) -> None:
    assert "untranslated-quote" not in [d.code for d in lint_any(scenario)[0].diagnostics]
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("    translation: the rebels claimed the town\n", ""), "utf-8")
    found = [d for d in lint_any(scenario)[0].diagnostics if d.code == "untranslated-quote"]
    assert [(d.line, d.col) for d in found] == [(31, 12)]  # at the quote
    assert "is in 'fr', and the scenario in 'en'" in found[0].message


# -- the command line ----------------------------------------------------------------------------


def test_the_translate_command(scenario: Path) -> None:
    (scenario.parent / "garrison.fr.yaml").unlink()
    result = CliRunner().invoke(cli, ["translate", str(scenario), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"wrote {scenario.parent / 'garrison.fr.yaml'}",
        "fr: 0 of 41 texts translated, 41 to translate",
    ]
    result = CliRunner().invoke(cli, ["translate", str(scenario), "--lang", "fr"])
    assert result.output.startswith("refreshed ")
    result = CliRunner().invoke(cli, ["translate", str(scenario), "--lang", "English"])
    assert result.exit_code == 2 and "bad language 'English'" in result.output


def test_schema_covers_translation_files() -> None:
    result = CliRunner().invoke(cli, ["schema", "--translation"])
    schema = json.loads(result.output)
    assert schema["properties"]["format"]["const"] == "sahelsim-translation/1"
    assert set(schema["properties"]) >= {"scenario", "language", "texts", "cites"}
    assert "Entry" in schema["$defs"] and "Cite" in schema["$defs"]
    committed = ROOT / "schema" / "sahelsim-translation-1.schema.json"
    assert committed.read_text(encoding="utf-8") == result.output, "run 'make schema'"


def test_the_schema_says_what_an_entry_is() -> None:
    schema = json.loads(translation_json_schema_text())
    assert schema["required"] == ["format", "scenario", "language"]
    assert schema["additionalProperties"] is False
    texts = schema["properties"]["texts"]["additionalProperties"]["anyOf"]
    assert texts[0]["type"] == "string" and texts[1] == {"$ref": "#/$defs/Entry"}
    entry = schema["$defs"]["Entry"]["properties"]
    assert entry["of"]["anyOf"][0]["pattern"] == "^[0-9a-f]{8}$"
    assert "fingerprint" in entry["of"]["description"]


# -- sahelsim new --lang fr ----------------------------------------------------------------------


def test_new_writes_the_starter_with_its_french_translation(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["new", "sahel-example", "--dir", str(tmp_path), "--lang", "fr"]
    )
    assert result.exit_code == 0, result.output
    scenario = tmp_path / "sahel-example.yaml"
    translation = tmp_path / "sahel-example.fr.yaml"
    assert f"wrote {translation} (its translation, keyed by ids)" in result.output
    assert (tmp_path / "sahelsim-translation-1.schema.json").is_file()
    assert translation.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=sahelsim-translation-1.schema.json\n"
    )
    assert validate(scenario) == [] and validate(translation) == []
    assert findings(scenario) == []  # complete, and nothing stale
    english, french = load(scenario), load(scenario, "fr")
    assert french.model.title == "EXEMPLE\u00a0: Sahel example"
    assert french.model.decisions[0].options[1].label == "Retirer la garnison"
    assert list(french.model.glossary) == ["EXEMPLE", "garnison"]
    assert french.model.facts["F3"].quote == english.model.facts["F3"].quote  # never translated
    assert french.model.facts["F3"].translation is not None
    for seed in (1, 2, 3):
        games = [Game.new(s, seed=seed, role="adviser") for s in (english, french)]
        for game in games:
            while not game.ended:
                for d in game.open_decisions:
                    game.advise(d.id, d.options[0].id)
                game.end_turn()
        assert games[0].state.indicators == games[1].state.indicators
        assert games[0].record == games[1].record


def test_new_refuses_a_language_it_has_no_starter_in(tmp_path: Path) -> None:
    from sahelsim.authoring.new import NewError

    with pytest.raises(NewError) as caught:
        write("sahel-example", tmp_path, language="de")
    assert caught.value.code == 2 and not (tmp_path / "sahel-example.yaml").exists()
    result = CliRunner().invoke(
        cli, ["new", "sahel-example", "--dir", str(tmp_path), "--lang", "de"]
    )
    assert result.exit_code == 2


# -- the bundled scenarios ------------------------------------------------------------------------


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_each_bundled_scenario_is_wholly_in_french(path: Path) -> None:
    from sahelsim.authoring.lint import lint_translation_path

    result = lint_translation_path(path.with_name(f"{path.stem}.fr.yaml"), strict=True)
    assert result.diagnostics == []
    assert result.coverage is not None
    assert result.coverage.percent == 100 and not result.coverage.stale
    # And lint --strict says so, on the scenario with its translation beside it.
    said = CliRunner().invoke(cli, ["lint", "--strict", str(path)])
    assert said.exit_code == 0, said.output
    assert "translation fr: " in said.output and "(100%)" in said.output
