"""Plain mode in French (``sahelsim play --plain --lang fr``): the program's own words.

The scenario's text stays as its file writes it (English, for the bundled scenarios); everything
the program writes around it is French: the marks, the effects, the prompts, the commands and
their help, the ending and the path beside history, with French dates, numbers and typography.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from sahelsim import i18n
from sahelsim.cli import cli
from sahelsim.i18n import NBSP
from sahelsim.plain import EXIT_OK, run
from sahelsim.plain.commands import ENGLISH, command_of, name, names
from sahelsim.scenario import load
from sahelsim.telling.words import Words, date, date_range, long_date, number
from tests.conftest import MALI, ROOT, SCENARIOS
from tests.test_plain import THREE_DECISIONS, assert_plain_text

FRENCH_PO = ROOT / "src" / "sahelsim" / "locale" / "fr" / "LC_MESSAGES" / "sahelsim.po"
NNBSP = "\u202f"  # between groups of digits

#: Sentences and words the program writes in English, none of which a French game may show.
ENGLISH_PHRASES = (
    "Reported, ",
    "Simulated, ",
    "Effect: ",
    "Effects: ",
    "Effect (simulated)",
    "Effects (simulated)",
    "Your advice, 1 to",
    "You advise:",
    "Decision 1 of",
    "Option 1:",
    "For: ",
    "Against: ",
    "Background, reported",
    "The news:",
    "Outcome of ",
    "No news at the start",
    "Nothing more happened",
    "How items are marked",
    "The situation.",
    "Your role:",
    "The game lasts",
    "saved after every",
    "Type help",
    "New words (type",
    "Reports differ",
    "The game has ended",
    "Why this ending",
    "Nearest other ending",
    "Reached at the end",
    "Reached early",
    "For you as",
    "Questions for discussion",
    "Questions to keep in mind",
    "Your path",
    "beside history",
    "history records none",
    "The comparison run",
    "comparison run",
    "The finished game is saved in",
    "For a written debrief",
    "Whom do you advise",
    " passed from ",
    " to nobody",
    ", better",
    ", worse",
)


@pytest.fixture
def french() -> Iterator[None]:
    with i18n.use_language("fr"):
        yield


@pytest.fixture
def three(tmp_path: Path) -> Path:
    path = tmp_path / "three.yaml"
    path.write_text(THREE_DECISIONS, encoding="utf-8")
    return path


def play(
    scenario: Path | None, answers: Iterable[str], *, seed: int = 7, role: str | None = None
) -> tuple[int, str]:
    """Plain mode in French on ``answers``, then EOF: the status and everything written."""
    stdin = io.StringIO("".join(f"{answer}\n" for answer in answers))
    stdout, stderr = io.StringIO(), io.StringIO()
    with i18n.use_language("fr"):
        status = run(scenario, seed=seed, role=role, load=None, stdin=stdin, stdout=stdout,
                     stderr=stderr)  # fmt: skip
    return status, stdout.getvalue() + stderr.getvalue()


def flat(text: str) -> str:
    """The text with its line wrapping undone (no-break spaces kept: str.split would not)."""
    return re.sub(r"[ \n]+", " ", text).strip()


def assert_no_english(out: str) -> None:
    said = flat(out)
    left = [phrase for phrase in ENGLISH_PHRASES if phrase in said]
    assert not left, left


def assert_french_game(out: str) -> None:
    """The fixed French sentences of a whole game, and none of the English ones."""
    said = flat(out)
    assert "Rapporté, " in said
    assert "Simulé, " in said
    assert re.search(rf"Effets? \(simulés?\){NBSP}: ", said)
    assert re.search(rf"Effets?{NBSP}: ", said)
    assert re.search(rf"Votre avis, 1 à \d{NBSP}: ", said)
    assert "Comment les éléments sont marqués." in said
    assert "La partie est terminée (" in said
    assert f"Pourquoi cette fin (simulée, selon les règles du scénario){NBSP}:" in said
    assert re.search(r"Votre parcours (en regard de l'histoire|\(l'histoire ne dit rien)", said)
    assert "La partie terminée est sauvegardée dans" in said
    assert_no_english(out)
    assert_plain_text(out)


# -- whole games ----------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario_path", SCENARIOS, ids=lambda p: p.stem)
def test_every_bundled_scenario_plays_to_its_end_in_french(scenario_path: Path) -> None:
    scenario = load(scenario_path)
    for role in scenario.model.roles:
        status, out = play(scenario_path, ["1"] * 200, seed=2025, role=role)
        assert status == EXIT_OK, out[-2000:]
        assert_french_game(out)
    # The first turn's heading, with its date in French.
    first = scenario.model.calendar.date_of(1)
    assert first is not None
    with i18n.use_language("fr"):
        heading = Words(scenario.model).capital(Words(scenario.model).turn_full(1))
    assert f"\n{heading}.\n" in out
    assert re.search(r"\b(janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
                     r"octobre|novembre|décembre) 20\d\d\b", heading)  # fmt: skip


def test_the_mali_game_in_french_through_the_command_line() -> None:
    answers = "\n".join(["1"] * 200) + "\n"
    result = CliRunner().invoke(
        cli, ["play", "--plain", "--lang", "fr", "--seed", "3", "--role", "security_adviser"],
        input=answers,
    )  # fmt: skip
    assert result.exit_code == 0, result.output[-2000:]
    out = result.output
    assert_french_game(out)
    assert "Jour 1 sur 10, 1er juin 2025.\n" in out
    assert "La partie dure 10 jours, du 1er au 10 juin 2025." in flat(out)
    assert f"Rapporté, l'article de départ{NBSP}: " in flat(out)
    # The language lasts the run: the suite's English is back.
    assert i18n.language() == "en"


#: For each bundled scenario: a role, a fact quoting an English-language report and one quoting a
#: French-language report.
QUOTED = [
    pytest.param(MALI, "security_adviser", "F14", "F79", id="mali-2025-wagner-exit"),
    pytest.param(
        ROOT / "scenarios" / "mali-2022-barkhane-exit.yaml", "un_protection", "F23", "F35",
        id="mali-2022-barkhane-exit",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("path", "role", "english", "french"), QUOTED)
def test_a_whole_game_with_the_scenario_in_french_and_its_quotes_as_reported(
    path: Path, role: str, english: str, french: str
) -> None:
    answers = [f"sources {english}", f"sources {french}", *["1"] * 300]
    result = CliRunner().invoke(
        cli, ["play", str(path), "--plain", "--lang", "fr", "--seed", "3", "--role", role],
        input="\n".join(answers) + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output[-2000:]
    out, said = result.output, flat(result.output)
    assert_french_game(out)
    original, translated = load(path).model, load(path, "fr").model
    # The scenario's own text is its French translation.
    assert flat(translated.title) in said and flat(original.title) not in said
    assert flat(translated.roles[role].name) in said
    # An English report's words are shown as spoken, its translation beside them, labelled.
    fact = translated.facts[english]
    assert fact.quote is not None and fact.translation is not None
    assert f"Citation{NBSP}: «{NBSP}{flat(fact.quote)}{NBSP}»" in said
    assert f"Traduction{NBSP}: {flat(fact.translation)}" in said
    # A French report's words are shown alone: a French reader needs no translation.
    quoted = translated.facts[french]
    assert quoted.quote is not None and quoted.translation is None
    assert original.facts[french].translation is not None  # the English reader's
    assert flat(quoted.quote) in said and flat(original.facts[french].translation) not in said


def test_sahelsim_lang_fr_speaks_french_too() -> None:
    answers = "\n".join(["1"] * 200) + "\n"
    result = CliRunner().invoke(
        cli, ["play", str(MALI), "--plain", "--seed", "5", "--role", "editor"],
        input=answers, env={"SAHELSIM_LANG": "fr"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output[-2000:]
    assert_french_game(result.output)


def test_the_small_scenario_in_french(three: Path) -> None:
    status, out = play(three, ["1", "status", "1", "1", "1"], role="adviser")
    assert status == EXIT_OK
    said = flat(out)
    assert f"Rapporté, Wire A, 2 juin 2025{NBSP}; Wire B, 3 juin 2025{NBSP}: The post is" in said
    assert f"Effets (simulés){NBSP}: Security passe de 50 à 45, en pire{NBSP}; " in said
    assert f"Les sources divergent{NBSP}: Wire A{NBSP}: more than 30 killed" in said
    assert f"version (Rebels){NBSP}: more than 100 killed" in said
    assert f"Décision 1 sur 1{NBSP}: First question." in said
    assert f"Pour{NBSP}: It helps. Contre{NBSP}: It costs." in said
    assert f"Votre avis, 1 à 2{NBSP}: " in said
    assert re.search(f"Votre avis{NBSP}: (Reinforce|Leave it)\\.", said)
    assert f"Simulé, votre avis suivi{NBSP}: " in said
    assert re.search(f"Security{NBSP}: \\d+ sur 100, ", said)
    assert "Plus c'est haut, mieux c'est." in said
    assert re.search(f"Fear{NBSP}: \\d+ sur 100, [^.]*\\. Plus c'est bas, mieux c'est\\.", said)
    assert f"Résultat du jour 1{NBSP}:" in said
    assert "La partie est terminée (jour 3 sur 3)." in said
    assert_no_english(out)
    assert_plain_text(out)


# -- commands -------------------------------------------------------------------------------------


def test_commands_answer_to_their_french_names(three: Path) -> None:
    answers = ["aide", "plus", "état", "journal 1", "glossaire", "sources F2", "dossier",
               "options", "1", "sauver essai", "quitter"]  # fmt: skip
    status, out = play(three, answers, role="adviser")
    assert status == EXIT_OK
    said = flat(out)
    assert f"Commandes, à n'importe quelle invite{NBSP}:" in said
    assert f"aide{NBSP}: cette liste." in said
    assert f"journal 2{NBSP}: le jour 2 seulement." in said
    assert f"quitter{NBSP}: sauvegarder la partie et arrêter." in said
    assert f"sauver NOM{NBSP}: sauvegarder la partie" in said
    assert f"The post is attacked{NBSP}: rapporté, d'après les faits F1, F2." in said  # plus
    assert "État de la partie, jour 1 sur 3. Toutes les valeurs sont simulées." in said
    assert f"Journal, jour 1 sur 3{NBSP}:" in said
    assert "Ce scénario n'explique aucun mot." in said
    assert f"Version 3 sur 3, version (Rebels){NBSP}: more than 100 killed." in said
    assert said.count("La situation.") == 2  # the briefing, and again
    assert said.count(f"Décision 1 sur 1{NBSP}: First question.") == 2  # and the options again
    assert "La partie est sauvegardée dans" in said
    assert said.rstrip().endswith("Au revoir.")
    assert_no_english(out)
    assert_plain_text(out)


def test_english_commands_still_work_in_french(three: Path) -> None:
    status, out = play(three, ["1", "help", "status", "quit"], role="adviser")
    assert status == EXIT_OK
    said = flat(out)
    assert f"aide{NBSP}: cette liste." in said  # the help, in French, with the French names
    assert "État de la partie" in said
    assert said.rstrip().endswith("Au revoir.")


def test_command_names_without_their_accents_and_in_any_case(french: None) -> None:
    assert command_of("état") == command_of("etat") == command_of("ÉTAT") == "status"
    assert command_of("Répéter") == "options"
    assert command_of("sortir") == command_of("exit") == "quit"
    assert command_of("dossier") == command_of("briefing") == "briefing"
    assert name("log") == "journal"
    assert all(set(ENGLISH[c].split()) <= set(names(c)) for c in ENGLISH)


def test_english_does_not_answer_to_the_french_names() -> None:
    assert command_of("aide") is None
    assert command_of("journal") is None
    assert command_of("log") == "log"
    assert name("log") == "log"


def test_a_bad_answer_in_french_is_asked_again_in_french(three: Path) -> None:
    status, out = play(three, ["1", "9", "Hodl", "", "1", "1", "1"], role="adviser")
    assert status == EXIT_OK
    said = flat(out)
    assert f"Il n'y a pas d'option 9{NBSP}; tapez un nombre de 1 à 2." in said
    assert f"«{NBSP}Hodl{NBSP}» n'est pas l'une des options proposées" in said
    assert "Tapez votre réponse, ou aide pour les commandes." in said


def test_the_role_is_asked_in_french(three: Path) -> None:
    status, out = play(three, ["9", "aide", "1", "1", "1", "1"])
    assert status == EXIT_OK
    said = flat(out)
    assert f"Qui conseillez-vous{NBSP}? Les rôles{NBSP}:" in said
    assert f"Rôle 1, adviser{NBSP}: Adviser." in said
    assert f"Votre rôle, 1 à 2{NBSP}: " in said
    assert f"Il n'y a pas de rôle 9{NBSP}; tapez un nombre de 1 à 2." in said
    assert "quitter arrête ici" in said


# -- numbers, dates, the catalogue -----------------------------------------------------------------


def test_numbers_and_dates_are_written_the_french_way(french: None) -> None:
    assert number(1234.5) == f"1{NNBSP}234,5"
    assert number(-2.5) == "−2,5"
    assert number(12) == "12"
    assert date(dt.date(2025, 6, 6)) == "6 juin 2025"
    assert date(dt.date(2025, 6, 1)) == "1er juin 2025"
    assert long_date(dt.date(2025, 6, 3)) == "mardi 3 juin 2025"
    assert date_range(dt.date(2022, 3, 8), dt.date(2022, 3, 26)) == "du 8 au 26 mars 2022"
    assert date_range(dt.date(2022, 2, 1), dt.date(2022, 3, 7)) == "du 1er février au 7 mars 2022"
    assert date_range(dt.date(2021, 12, 20), dt.date(2022, 1, 9)) == (
        "du 20 décembre 2021 au 9 janvier 2022"
    )


def test_numbers_and_dates_stay_english_in_english() -> None:
    assert number(1234.5) == "1234.5"
    assert date(dt.date(2025, 6, 1)) == "1 June 2025"
    assert date_range(dt.date(2022, 3, 8), dt.date(2022, 3, 26)) == "8 to 26 March 2022"


def _ours() -> list[tuple[object, object, bool]]:
    """The French catalogue's messages from ``telling/`` and ``plain/``: id, string, fuzzy."""
    with FRENCH_PO.open("rb") as handle:
        catalogue = read_po(handle, locale="fr")
    found = []
    for message in catalogue:
        places = [path for path, _line in message.locations]
        if message.id and any(
            p.startswith(("src/sahelsim/telling/", "src/sahelsim/plain/")) for p in places
        ):
            found.append((message.id, message.string, message.fuzzy))
    return found


def test_the_catalogue_translates_every_message_of_telling_and_plain() -> None:
    ours = _ours()
    assert len(ours) > 250
    untranslated = [
        i for i, s, _ in ours if not (all(s) if isinstance(s, tuple) else s)
    ]  # fmt: skip
    assert not untranslated
    assert not [i for i, _, fuzzy in ours if fuzzy]


def test_the_catalogues_french_typography() -> None:
    for msgid, string, _ in _ours():
        for text in string if isinstance(string, tuple) else (string,):
            assert isinstance(text, str)
            # A no-break space before : ; ? ! and inside guillemets, never a plain one.
            assert not re.search(r" [:;?!]", text), (msgid, text)
            assert "« " not in text and " »" not in text, (msgid, text)
            assert not re.search(r"\w[:;?!]", text.replace("http:", "")), (msgid, text)
