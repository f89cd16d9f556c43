"""The game's log: the record every face shows, and nothing is shown that is not in it.

Each entry says where it comes from. A ``reported`` entry cites the facts it rests on; every other
kind is simulated and names the rule (a scenario id, or a dotted path into one) that produced it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """Where a log entry comes from."""

    reported = "reported"
    """A reported event that happened as reported; cites its facts."""
    diverged = "diverged"
    """A reported event that, in this game, did not happen as reported (simulated)."""
    simulated = "simulated"
    """A storylet that happened in this game (simulated)."""
    decision = "decision"
    """An option carried out, with its immediate outcome (simulated)."""
    overruled = "overruled"
    """The principal overruled the player's advice and did what history did."""
    consequence = "consequence"
    """A delayed consequence of an earlier option coming due (simulated)."""
    move = "move"
    """An actor's doctrine made a move (simulated); names the actor and the rule
    (``actor.move``), with a reason line."""
    ending = "ending"
    """The game reached an ending (simulated)."""
    inject = "inject"
    """One of the scenario's injects, brought into the game by the teacher: told as reported
    when it cites facts, else as simulated; its effects are simulated."""
    note = "note"
    """A line the teacher typed for the class: never reported, and no effect."""


@dataclass(frozen=True, slots=True)
class Change:
    """A change of a number: an indicator (``security``) or an actor's strength (``jnim.strength``).

    Attributes:
        target: The indicator id, or ``actor.strength``.
        before: The value before the change.
        after: The value after it, clamped to the target's range.
    """

    target: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        """``after - before``."""
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class Handover:
    """A place changing hands.

    Attributes:
        place: The place's id.
        before: The actor that held it, or ``None``.
        after: The actor that holds it now, or ``None``.
    """

    place: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One thing that happened in a game.

    Attributes:
        turn: The turn it happened on (1-based).
        date: The real date of that turn, when the scenario's calendar has a start date.
        kind: Where it comes from (reported, diverged, simulated, decision, overruled,
            consequence, ending).
        title: A headline.
        text: What happened, in the scenario's words (or the engine's, for overruled advice).
        facts: The ids of the facts it cites; never empty for ``reported`` and ``diverged``
            entries, whose facts report what really happened.
        rule: The scenario rule that produced the entry: the event, storylet or ending id; the
            option (``decision.option``); the consequence (``decision.option.later[0]``); for
            overruled advice, the acceptance chance used (``advice.accept``,
            ``roles.ROLE.accept`` or ``decision.accept``). Simulated entries always name it; a
            reported entry names its event, whose effects on the indicators are simulated.
        changes: The indicator and strength changes it caused, in the order they applied.
        control: The places that changed hands.
        places: The places it concerns (for the map), including those that changed hands.
        decision: For ``decision`` and ``overruled`` entries, the decision's id.
        advised: For those, the option the player advised.
        carried_out: For those, the option that was carried out.
        tally: For a ``decision`` entry advised by a class's show of hands, the votes:
            ``(option id, votes)`` for each option, in the order the game showed them; else empty.
        because: For a ``consequence`` entry, the choice it comes from:
            ``(turn, decision id, option id)`` — the turn the decision was resolved on and the
            option carried out (whose ``later`` this is). Faces compose their own "because…"
            line from it; ``reason`` is a plain default.
        actor: For a ``move`` entry, the actor whose doctrine made the move; else ``None``.
        reason: For a ``consequence`` or ``move`` entry, one plain line saying why it happened (e.g.
            ``Because on Day 2 you advised: Withdraw the garrison.``); else empty. It is the
            engine's wording, not the scenario's.
        role: In a team game, the role the entry concerns: the role whose decision, advice,
            principal's reaction, overruling, delayed consequence or ending it is (and, for a
            diverged event, the role whose choice it names; for a storylet whose ``when`` names
            ``role``, the first role for which it held); ``None`` for the world's entries
            (reported events, actors' moves, other storylets), and for every entry of a
            one-role game, which all concern the player's role.
    """

    turn: int
    date: dt.date | None
    kind: Kind
    title: str
    text: str
    facts: tuple[str, ...] = ()
    rule: str | None = None
    changes: tuple[Change, ...] = ()
    control: tuple[Handover, ...] = ()
    places: tuple[str, ...] = ()
    decision: str | None = None
    advised: str | None = None
    carried_out: str | None = None
    tally: tuple[tuple[str, int], ...] = ()
    because: tuple[int, str, str] | None = None
    reason: str = ""
    actor: str | None = None
    role: str | None = None

    @property
    def reported(self) -> bool:
        """True for a reported event; everything else the game says is simulated."""
        return self.kind is Kind.reported

    @property
    def overruled(self) -> bool:
        """True for an ``overruled`` entry, and for a ``decision`` entry whose option was carried
        out against the player's advice: such an entry is never "advice carried out"."""
        if self.kind is Kind.overruled:
            return True
        return self.kind is Kind.decision and self.advised != self.carried_out

    @property
    def reaction(self) -> bool:
        """True for the principal's reaction to advice: a ``simulated`` entry with rule
        ``advice.taken`` or ``advice.overruled`` that follows each decision's entry (a storylet
        never has these rules: its rule is its id, which has no dot)."""
        return self.kind is Kind.simulated and self.rule in ("advice.taken", "advice.overruled")

    @property
    def advice_carried_out(self) -> bool:
        """True only for a ``decision`` entry that carried out the option the player advised."""
        return self.kind is Kind.decision and self.advised == self.carried_out

    def to_json(self, *, team: bool = False) -> dict[str, object]:
        """The entry as a JSON-ready mapping (used by ``simulate --log --format json``).

        Args:
            team: True for an entry of a team game: the mapping then has ``role`` too (the role
                the entry concerns, or ``None`` for the world's); one-role entries have none.
        """
        data: dict[str, object] = {
            "turn": self.turn,
            "date": self.date.isoformat() if self.date else None,
            "kind": self.kind.value,
            "title": self.title,
            "text": self.text,
            "facts": list(self.facts),
            "rule": self.rule,
            "changes": [[c.target, c.before, c.after] for c in self.changes],
            "control": [[h.place, h.before, h.after] for h in self.control],
            "places": list(self.places),
            "decision": self.decision,
            "advised": self.advised,
            "carried_out": self.carried_out,
            "tally": [[option, votes] for option, votes in self.tally],
            "because": list(self.because) if self.because else None,
            "reason": self.reason,
            "actor": self.actor,
        }
        if team or self.role is not None:
            data["role"] = self.role
        return data
