"""The team debrief: each team side by side, and where another team's advice moved its numbers."""

from __future__ import annotations

from sahelsim.engine import Game
from sahelsim.i18n import use_language
from sahelsim.reports import debrief
from sahelsim.scenario import load
from tests.conftest import MALI

ROLES = ("security_adviser", "editor", "humanitarian")


def play(language: str, picks: dict[str, str], roles: tuple[str, ...] = ROLES) -> Game:
    """A finished team game of the Mali scenario in ``language``: each decision advised as
    ``picks`` says, else its first option."""
    scenario = load(MALI, language)
    game = Game.new(scenario, seed=5, roles=roles)
    while not game.ended:
        for role in game.roles:
            for d in game.open_for(role):
                game.advise(d.id, picks.get(d.id, game.options(d.id)[0].id), role=role)
        game.end_turn()
    return game


def section(report: str, start: str, end: str) -> str:
    return report.split(start, 1)[1].split(end, 1)[0]


def test_another_teams_advice_is_set_under_the_numbers_it_moved() -> None:
    # The editor headlines the army's words: the security adviser's legitimacy moves (a
    # cross-role rule of the scenario).
    game = play("en", {"ed_army_statement": "headline_last_breath"})
    report = debrief(game, "md")
    adviser = section(report, "### Security adviser", "### Newsroom editor")
    crossings = adviser.split("What the other teams' advice did to this team's numbers", 1)[1]
    row = next(line for line in crossings.splitlines() if "until their last breath" in line)
    assert "| D2 | Newsroom editor | The army's statement: Headline" in row
    assert "Legitimacy" in row and "(+2)" in row
    # Every team has its section and its ending.
    for name in ("Security adviser", "Newsroom editor", "Humanitarian coordinator"):
        assert f"### {name}" in report
    assert report.count("Ending: ") >= 3


def test_a_team_no_other_team_moved_is_told_so() -> None:
    # The humanitarian's advice moves the security adviser's legitimacy, never the reverse in
    # a game where the adviser is not playing.
    game = play("en", {}, roles=("humanitarian", "editor"))
    report = debrief(game, "md")
    humanitarian = section(report, "### Humanitarian coordinator", "### Newsroom editor")
    assert "No other team's advice moved the numbers this team is judged on." in humanitarian


def test_the_team_debrief_in_french() -> None:
    with use_language("fr"):
        game = play("fr", {"ed_army_statement": "headline_last_breath"})
        report = debrief(game, "md")
    assert "## Les équipes" in report and "Une partie en équipes\u00a0: 3 équipes" in report
    assert "### Conseiller à la sécurité du gouvernement de transition" in report
    assert "Ce que l'avis des autres équipes a fait aux chiffres de cette équipe" in report
    assert "| J2 | Chef d'édition d'une rédaction |" in report
    for english in ("The teams", "Standing with its principal", "(mixed)", "(good)", "| D2 |"):
        assert english not in report
