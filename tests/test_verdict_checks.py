"""The checks of role verdicts and world outcomes: each diagnostic with a file that triggers it
and one that does not."""

from __future__ import annotations

from typing import Any

import pytest

from sahelsim.authoring.lint import lint_text
from sahelsim.scenario import Diagnostic, ScenarioError, from_text
from sahelsim.scenario.judged import ending_roles, guarded_roles, role_endings
from tests.scenario_kit import decision, tiny_text

TWO_ROLES = {
    "adviser": {"name": "Adviser", "description": "You advise the army."},
    "editor": {"name": "Editor", "description": "You edit a paper."},
}
FALLBACK = {"id": "end", "title": "The end", "text": "It ended."}


def problems(**parts: Any) -> list[Diagnostic]:
    try:
        from_text(tiny_text(**parts), "tiny.yaml")
    except ScenarioError as exc:
        return exc.diagnostics
    return []


def codes(**parts: Any) -> list[str]:
    return [d.code for d in problems(**parts)]


def ending(ident: str, when: str | None = None, **fields: Any) -> dict[str, Any]:
    found = {"id": ident, "title": ident.title(), "text": f"{ident}.", **fields}
    if when is not None:
        found["when"] = when
    return found


def test_guards_on_role_narrow_an_endings_roles() -> None:
    assert guarded_roles("role == 'editor' and security > 3") == frozenset({"editor"})
    assert guarded_roles("'editor' == role") == frozenset({"editor"})
    assert guarded_roles("role in ('a', 'b') and x > 1") == frozenset({"a", "b"})
    assert guarded_roles("security >= (41 if role == 'a' else 33)") is None
    assert guarded_roles("role == 'a' or security > 3") is None
    assert guarded_roles(None) is None


def test_an_ending_judges_its_roles_narrowed_by_its_guard() -> None:
    scenario = from_text(
        tiny_text(
            roles=TWO_ROLES,
            endings=[
                ending("mine", "security > 60", roles=["editor"]),
                ending("guarded", "role == 'adviser' and security > 60"),
                FALLBACK,
            ],
        )
    ).model
    assert ending_roles(scenario.endings[0], scenario.roles) == ("editor",)
    assert ending_roles(scenario.endings[1], scenario.roles) == ("adviser",)
    assert ending_roles(scenario.endings[2], scenario.roles) == ("adviser", "editor")
    assert role_endings(scenario, "editor") == (0, 2)


def test_ending_roles_must_be_known() -> None:
    found = problems(roles=TWO_ROLES, endings=[ending("e", roles=["editr"]), FALLBACK])
    assert [d.code for d in found] == ["unknown-ref"]
    assert "did you mean 'editor'" in (found[0].hint or "")
    assert codes(roles=TWO_ROLES, endings=[ending("e", roles=["editor", "adviser"])]) == []


def test_each_role_needs_a_last_ending_without_condition() -> None:
    # The editor's last ending has a condition; the adviser's does not.
    endings = [
        ending("adv", roles=["adviser"]),
        ending("ed", "security > 10", roles=["editor"]),
    ]
    found = problems(roles=TWO_ROLES, endings=endings)
    assert [d.code for d in found] == ["no-fallback-ending"]
    assert "'editor'" in found[0].message and "'ed'" in found[0].message
    fixed = [*endings, ending("ed_end", roles=["editor"])]
    assert codes(roles=TWO_ROLES, endings=fixed) == []


def test_a_role_no_ending_judges_has_no_fallback() -> None:
    found = problems(roles=TWO_ROLES, endings=[ending("adv", roles=["adviser"])])
    assert [d.code for d in found] == ["no-fallback-ending"]
    assert "no ending judges role 'editor'" in found[0].message


def test_at_most_one_reported_ending_per_role() -> None:
    endings = [
        ending("a", "security > 60", reported=True),
        ending("b", "security > 40", reported=True, roles=["editor"]),
        ending("end"),
    ]
    found = problems(roles=TWO_ROLES, endings=endings)
    assert [d.code for d in found] == ["many-reported-endings"]
    assert "'editor'" in found[0].message
    endings[1]["roles"] = ["adviser"]
    assert codes(roles=TWO_ROLES, endings=[endings[0], endings[2]]) == []
    assert codes(roles=TWO_ROLES, endings=endings) == ["many-reported-endings"]
    endings[1]["reported"] = False
    assert codes(roles=TWO_ROLES, endings=endings) == []


def test_measures_must_be_known_indicators() -> None:
    roles = {"adviser": {"name": "A", "description": "You.", "measures": ["moral"]}}
    found = problems(roles=roles)
    assert [d.code for d in found] == ["unknown-ref"]
    assert "did you mean 'morale'" in (found[0].hint or "")
    roles["adviser"]["measures"] = ["morale"]
    assert codes(roles=roles) == []


def test_an_ending_judging_a_role_by_an_indicator_outside_its_measures_is_an_error() -> None:
    roles = {
        "adviser": {"name": "A", "description": "You.", "measures": ["morale"]},
        "editor": {"name": "E", "description": "You."},
    }
    outside = [ending("calm", "security > 60 and morale > 40"), FALLBACK]
    found = problems(roles=roles, endings=outside)
    assert [d.code for d in found] == ["verdict-outside-measures"]
    assert "'security'" in found[0].message and "roles.adviser.measures" in found[0].message
    assert found[0].line > 0
    # The same ending judging only the editor (by roles, or by a guard) is no error.
    assert codes(roles=roles, endings=[{**outside[0], "roles": ["editor"]}, FALLBACK]) == []
    guarded = ending("calm", "role == 'editor' and security > 60")
    assert codes(roles=roles, endings=[guarded, FALLBACK]) == []
    assert codes(roles=roles, endings=[ending("ok", "morale > 40"), FALLBACK]) == []


def test_outcomes_are_checked() -> None:
    bad = [
        {"id": "held", "title": "Held", "text": "Held.", "when": "securty > 3", "facts": ["F9"]},
        {"id": "held", "title": "Lost", "text": "Lost.", "when": "security < 3"},
    ]
    found = codes(outcomes=bad)
    assert sorted(found) == ["bad-expr", "duplicate-id", "no-fallback-outcome", "unknown-ref"]
    good = [
        {"id": "held", "title": "Held", "text": "Held.", "when": "security > 3", "facts": ["F1"]},
        {"id": "lost", "title": "Lost", "text": "Lost."},
    ]
    assert codes(outcomes=good) == []


# -- lint -----------------------------------------------------------------------------------


def lint_codes(**parts: Any) -> list[Diagnostic]:
    found = lint_text(tiny_text(**parts), "tiny.yaml", simulate=False)
    return [d for d in found if d.code == "verdict-reads-unmoved"]


MOVES_MORALE = [
    {
        **decision("speech", ("speak", "quiet"), turn=1),
        "options": [
            {"id": "speak", "label": "Speak", "effects": {"morale": 5}},
            {"id": "quiet", "label": "Stay quiet", "effects": {"morale": -5}},
        ],
    }
]


def test_lint_warns_of_a_verdict_on_what_the_role_never_moves() -> None:
    endings = [ending("calm", "security > 60 and morale > 40"), FALLBACK]
    found = lint_codes(decisions=MOVES_MORALE, endings=endings)
    assert len(found) == 1
    assert "'security' for role 'adviser'" in found[0].message
    assert "'morale'" not in found[0].message


def test_lint_is_quiet_when_the_role_moves_what_it_is_judged_by_or_declares_measures() -> None:
    endings = [ending("calm", "morale > 40"), FALLBACK]
    assert lint_codes(decisions=MOVES_MORALE, endings=endings) == []
    roles = {"adviser": {"name": "A", "description": "You.", "measures": ["security", "morale"]}}
    wider = [ending("calm", "security > 60 and morale > 40"), FALLBACK]
    assert lint_codes(roles=roles, decisions=MOVES_MORALE, endings=wider) == []


@pytest.mark.parametrize("role", ["adviser", "editor"])
def test_a_guarded_ending_is_judged_only_for_its_role(role: str) -> None:
    endings = [ending("calm", f"role == '{role}' and security > 60"), FALLBACK]
    decisions = [{**MOVES_MORALE[0], "roles": ["adviser"]}]
    found = lint_codes(roles=TWO_ROLES, decisions=decisions, endings=endings)
    assert len(found) == 1 and f"for role {role!r}" in found[0].message
