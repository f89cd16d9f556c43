"""Messages the core says in English and the faces say again in the program's language."""

from __future__ import annotations

import pickle

from sahelsim.i18n import _, use_language
from sahelsim.said import Said, said, spoken
from sahelsim.scenario.diagnostics import Diagnostic, ScenarioError


def test_a_said_message_is_its_english_string() -> None:
    message = said("unknown key {key!r}", key="tittle")
    assert message == "unknown key 'tittle'" and isinstance(message, str)
    assert f"{message}." == "unknown key 'tittle'."
    assert pickle.loads(pickle.dumps(message)) == message
    again = pickle.loads(pickle.dumps(message))
    assert isinstance(again, Said) and again.template == "unknown key {key!r}"


def test_spoken_translates_the_template_and_its_parts() -> None:
    french = {"{a} and {b}": "{a} et {b}", "one": "un"}.get
    message = said("{a} and {b}", a=said("one"), b=2)

    def translate(text: str) -> str:
        return french(text) or text

    assert spoken(message, translate) == "un et 2"
    assert spoken("plain text", translate) == "plain text"
    # A translation that does not fit its fields falls back to the English.
    assert spoken(said("{a}", a=1), lambda _t: "{missing}") == "1"


def test_a_diagnostic_is_said_in_the_faces_language() -> None:
    d = Diagnostic("x.yaml", 1, 2, "code", said("{first} (and {more} more)", first="a", more=2),
                   hint="fix it")  # fmt: skip
    assert d.format() == "x.yaml:1:2: error[code]: a (and 2 more)\n  hint: fix it"
    with use_language("fr"):
        assert d.format(_) == "x.yaml:1:2: error[code]: a (et 2 de plus)\n  indice\u00a0: fix it"
    error = ScenarioError([d, Diagnostic("x.yaml", 3, 1, "other", "b")])
    assert str(error) == "x.yaml:1:2: error[code]: a (and 2 more) (and 1 more)"
    with use_language("fr"):
        assert error.first(_).endswith("(et 2 de plus) (et 1 de plus)")


def test_an_exceptions_message_is_said_again() -> None:
    from sahelsim.said import spoken_error

    def translate(text: str) -> str:
        return {"no save {name}": "pas de sauvegarde {name}"}.get(text, text)

    error = ValueError(said("no save {name}", name="x"))
    assert str(error) == "no save x" and spoken_error(error, translate) == "pas de sauvegarde x"
    assert spoken_error(ValueError("plain"), translate) == "plain"
