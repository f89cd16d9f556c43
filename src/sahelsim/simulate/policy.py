"""Policies: how a simulated player advises.

``random`` advises an option drawn uniformly; ``historical`` advises what history did (the
author's baseline where history is not recorded, as the engine's historical run does); a policy
file fixes some decisions and leaves the rest to chance. A policy draws from its own generator,
never the game's, so a policy's choices do not shift the game's random stream.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sahelsim.engine import historical_option, listing, suggest
from sahelsim.said import said
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Decision

#: The largest policy file read; a policy is a short mapping.
MAX_POLICY_BYTES = 1024 * 1024


class PolicyError(ValueError):
    """A policy file cannot be used; ``str()`` is one line naming the file and the problem (its
    argument is made with :func:`~sahelsim.said.said`: a face says it in its language with
    :func:`~sahelsim.said.spoken_error`)."""


@dataclass(frozen=True)
class Policy:
    """How a simulated player advises: fixed options for some decisions, chance for the rest.

    Attributes:
        name: ``random``, ``historical`` or the policy file's path.
        fixed: Decision id → the option always advised.
    """

    name: str
    fixed: Mapping[str, str] = field(default_factory=dict)

    def choose(self, decision: Decision, draw: Callable[[], float]) -> str:
        """The option to advise on ``decision``; ``draw`` is the policy's generator."""
        option = self.fixed.get(decision.id)
        if option is not None:
            return option
        options = decision.options
        return options[int(draw() * len(options))].id


def random_policy() -> Policy:
    """Advise an option drawn uniformly on every decision."""
    return Policy("random")


def historical_policy(scenario: LoadedScenario) -> Policy:
    """Advise what history did on every decision (the baseline where it is not recorded)."""
    return Policy("historical", {d.id: historical_option(d) for d in scenario.model.decisions})


def policy_from_mapping(scenario: LoadedScenario, mapping: object, name: str) -> Policy:
    """A policy fixing the decisions in ``mapping`` (decision id → option id).

    Raises:
        PolicyError: ``mapping`` is not such a mapping, or names an unknown decision or option.
    """
    if not isinstance(mapping, dict):
        raise PolicyError(
            # TRANSLATORS: {name} is the policy file's path; {found} a Python type's name
            # ("list", "str").
            said(
                "policy {name}: expected a mapping of decision ids to option ids, found {found}",
                name=name,
                found=type(mapping).__name__,
            )
        )
    decisions = {d.id: d for d in scenario.model.decisions}
    fixed: dict[str, str] = {}
    for key, value in mapping.items():
        if not isinstance(key, str) or key not in decisions:
            raise PolicyError(
                # TRANSLATORS: {name} is the policy file's path; {hint} is " (did you mean
                # 'x'?)" or nothing; {scenario} the scenario's id.
                said(
                    "policy {name}: unknown decision {key!r}{hint} in scenario {scenario!r}",
                    name=name,
                    key=key,
                    hint=suggest(str(key), decisions),
                    scenario=scenario.id,
                )
            )
        options = [o.id for o in decisions[key].options]
        if not isinstance(value, str) or value not in options:
            raise PolicyError(
                # TRANSLATORS: {name} is the policy file's path; {hint} is " (did you mean
                # 'x'?)" or nothing; {options} lists the decision's options' ids, quoted.
                said(
                    "policy {name}: decision {key!r} has no option {value!r}{hint}; "
                    "options: {options}",
                    name=name,
                    key=key,
                    value=value,
                    hint=suggest(str(value), options),
                    options=listing(options),
                )
            )
        fixed[key] = value
    return Policy(name, fixed)


def load_policy(spec: str, scenario: LoadedScenario) -> Policy:
    """The policy ``spec`` names: ``random``, ``historical``, or a YAML or JSON file.

    Raises:
        PolicyError: the file cannot be read or parsed, or does not fit the scenario.
    """
    if spec == "random":
        return random_policy()
    if spec == "historical":
        return historical_policy(scenario)
    path = Path(spec)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_POLICY_BYTES + 1)
    except FileNotFoundError:
        raise PolicyError(
            # TRANSLATORS: {name} is the path typed after --policy; keep 'random' and
            # 'historical', the words the option takes.
            said(
                "policy {name}: no such file (a policy is 'random', 'historical' or a file)",
                name=spec,
            )
        ) from None
    except OSError as exc:
        raise PolicyError(
            # TRANSLATORS: {name} is the policy file's path; {reason} the system's reason, as
            # it gives it ("Permission denied").
            said("policy {name}: cannot read it: {reason}", name=spec, reason=exc.strerror or exc)
        ) from None
    if len(raw) > MAX_POLICY_BYTES:
        raise PolicyError(said("policy {name}: too large for a policy file", name=spec))
    return policy_from_mapping(scenario, _parse(raw, spec), spec)


def _parse(raw: bytes, name: str) -> object:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyError(said("policy {name}: not UTF-8 text", name=name)) from None
    if name.endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise PolicyError(
                # TRANSLATORS: {name} is the policy file's path, {line} and {column} where the
                # problem is; {problem} the JSON reader's words ("Expecting value").
                said(
                    "policy {name}:{line}:{column}: not valid JSON: {problem}",
                    name=name,
                    line=exc.lineno,
                    column=exc.colno,
                    problem=exc.msg,
                )
            ) from None
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        # TRANSLATORS: what a YAML error says when the YAML reader gives no words of its own.
        problem = getattr(exc, "problem", None) or said("not valid YAML")
        raise PolicyError(
            # TRANSLATORS: {name} is the policy file's path, {where} ":3:7" (line and column)
            # or nothing; {problem} the YAML reader's words ("expected ',' or ']'").
            said(
                "policy {name}{where}: not valid YAML: {problem}",
                name=name,
                where=where,
                problem=problem,
            )
        ) from None
