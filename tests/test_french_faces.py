"""The French of the Textual game, the phone pages and ``sahelsim serve``: every message of
``tui/``, ``classroom/`` and ``serve.py`` translated (none fuzzy) with French typography, and
the phone pages in French, escaped as in English."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sahelsim.classroom.join import JoinServer
from sahelsim.classroom.page import (
    Choice,
    Question,
    fragment,
    join_page,
    message_page,
    rejoin_fragment,
    student_page,
)
from sahelsim.i18n import use_language
from tests.classroom.join_kit import HOLD, Student, running

FRENCH_PO = Path(__file__).resolve().parents[1] / "src/sahelsim/locale/fr/LC_MESSAGES/sahelsim.po"
FACES = ("src/sahelsim/tui/", "src/sahelsim/classroom/", "src/sahelsim/serve.py")


def _ours() -> list[tuple[object, object, bool]]:
    """The French catalogue's messages from the game, the phone pages and serve: id, string,
    fuzzy."""
    with FRENCH_PO.open("rb") as handle:
        catalogue = read_po(handle, locale="fr")
    found = []
    for message in catalogue:
        places = [path for path, _line in message.locations]
        if message.id and any(p.startswith(FACES) for p in places):
            found.append((message.id, message.string, message.fuzzy))
    return found


def test_the_catalogue_translates_every_message_of_the_game_the_pages_and_serve() -> None:
    ours = _ours()
    assert len(ours) > 400
    untranslated = [i for i, s, _ in ours if not (all(s) if isinstance(s, tuple) else s)]
    assert not untranslated
    assert not [i for i, _, fuzzy in ours if fuzzy]


def test_their_french_typography() -> None:
    for msgid, string, _ in _ours():
        for text in string if isinstance(string, tuple) else (string,):
            assert isinstance(text, str)
            if "? keys" in str(msgid):  # "?" is a key there, not a question mark
                text = text.replace(" ? ", " ")
            # A no-break space before : ; ? ! and inside guillemets, never a plain one.
            assert not re.search(r" [:;?!]", text), (msgid, text)
            assert "« " not in text and " »" not in text, (msgid, text)
            assert not re.search(r"[^\W\d_][:;?!]", re.sub(r"https?://", "", text)), (msgid, text)


QUESTION = Question(
    "hold",
    "<b>Le fort</b>",
    "Que conseillez-vous ? <script>alert(1)</script>",
    (Choice("A", "stay", "Rester & tenir"), Choice("B", "go", "<i>Partir</i>")),
)


def test_the_phone_pages_speak_french_and_escape_as_before() -> None:
    with use_language("fr"):
        open_page = fragment(QUESTION, True, None, "tok", "", team="Équipe <1>")
        voted = fragment(QUESTION, True, "go", "tok", "")
        closed = fragment(QUESTION, False, "stay", "tok", "")
        waiting = fragment(None, False, None, "tok", "Le professeur lit <les> nouvelles.")
        over = fragment(None, False, None, "tok", "Merci.", over=True)
        page = student_page(open_page, "tok", "nonce")
        join = join_page("nonce", "Ce n'est pas <le> code.", teams=True)
        rejoin = rejoin_fragment()
        message = message_page("nonce", "Trop rapide", ["Attendez <un> instant."])
    assert "<script>alert" not in open_page and "&lt;script&gt;alert(1)&lt;/script&gt;" in open_page
    assert "Rester &amp; tenir" in open_page and "&lt;i&gt;Partir&lt;/i&gt;" in open_page
    assert "Votre équipe\u00a0: Équipe &lt;1&gt;" in open_page
    assert "Touchez votre choix." in open_page and "jusqu'à ce que le professeur" in open_page
    assert "<b>Votre vote\u00a0: B.</b>" in voted
    assert "<b>Le vote est clos.</b> Vous avez voté A\u00a0: Rester &amp; tenir." in closed
    assert "Regardez le tableau." in closed
    assert "En attente de la prochaine question" in waiting
    assert "Le professeur lit &lt;les&gt; nouvelles." in waiting
    assert "La partie est terminée" in over
    assert page.startswith('<!doctype html><html lang="fr">')
    assert "<title>sahelsim\u00a0: la classe vote</title>" in page
    assert "say('Envoi…')" in page and "'Reconnexion…'" in page
    assert "Aucun nom n'est demandé ni conservé" in page
    assert '<html lang="fr">' in join and "Rejoindre le vote de la classe" in join
    assert "Ce n&#x27;est pas &lt;le&gt; code." in join
    assert 'aria-label="Code pour rejoindre"' in join and ">Rejoindre</button>" in join
    assert "Une nouvelle partie a commencé" in rejoin
    assert "<h1>Trop rapide</h1>" in message and "Attendez &lt;un&gt; instant." in message
    # In English, the same page is the English one.
    assert student_page("", "tok", "nonce").startswith('<!doctype html><html lang="en">')


@pytest.fixture
async def french_server(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[JoinServer]:
    monkeypatch.setenv("SAHELSIM_LANG", "fr")
    async for started in running(JoinServer("127.0.0.1", 0)):
        yield started


async def test_the_join_server_answers_phones_in_french(french_server: JoinServer) -> None:
    server = french_server
    student = Student(server)
    try:
        status, page = await student.page()
        assert status == 200 and "Tapez le code affiché au tableau." in page
        status, page = await student.join("WRONG")
        assert status == 403 and "Ce n&#x27;est pas le code affiché au tableau." in page
        status, page = await student.join()
        assert status == 200 and "Le professeur lit les nouvelles." in page
        decision, prompt, options = HOLD
        server.open_vote(decision, prompt, options)
        status, answer = await student.vote("nothing")
        assert status == 400 and answer == {"error": "Ce n'est pas l'une des options."}
        server.close_vote()
        status, answer = await student.vote("withdraw")
        assert status == 409 and answer == {"error": "Ce vote est clos."}
    finally:
        await student.close()


def test_the_served_page_around_the_game_speaks_french(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from sahelsim.serve import page_templates

    monkeypatch.setenv("SAHELSIM_LANG", "fr")
    assert page_templates(tmp_path) == {"templates_path": tmp_path}
    page = (tmp_path / "app_index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page
    assert ">Commencer<" in page and ">Session terminée.<" in page and ">Recommencer<" in page
    assert ">Start<" not in page and ">Restart<" not in page
