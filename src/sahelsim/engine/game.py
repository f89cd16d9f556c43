"""A game: one playthrough of a scenario, advancing turn by turn.

The turn, in order (``docs/engine.md`` says it at length):

1. *Beginning* — the turn's reported events in file order (or, when an event's ``when`` fails, a
   ``diverged`` entry, also told when the player's path contradicts an option the event
   ``assume``s, judged on the decisions resolved before the turn began); then the decisions
   offered to the player's role open.
2. :meth:`Game.advise` records advice on open decisions; it may change until the turn ends.
3. :meth:`Game.end_turn` resolves the turn: each decision in file order (the principal may
   overrule advice that departs from history), its option's immediate effects; the consequences
   coming due, in the order they were scheduled; the actors' moves (each actor with a doctrine,
   in file order, makes at most one); the storylets; then the endings. Then the next turn
   begins.

Every random draw is one keyed hash of the game's seed and what it decides (dice version 3,
:mod:`sahelsim.engine.draws`): each storylet has a draw of its own each turn, and the weighted lot
is a race in which every eligible storylet runs on its own draw, so a choice changes which storylet
happens only through the storylets whose own conditions it changes (``docs/engine.md`` lists the
draws). Games saved with dice 1 or 2 replay with the generators they were played with
(:func:`dice`). The order in which a decision's options are shown comes from a generator of its
own per decision (:func:`option_order`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sahelsim.engine.draws import SCALE, Judged, Judgement, Keyed, counter, race
from sahelsim.engine.errors import (
    BadTally,
    DecisionNotOpen,
    DecisionsPending,
    EngineError,
    GameOver,
    GameStopped,
    NonFinite,
    ReplayError,
    UnknownInject,
    UnknownOption,
    UnknownRole,
    hint,
    listing,
    message_of,
)
from sahelsim.engine.log import Change, Handover, Kind, LogEntry
from sahelsim.engine.rules import (
    Amount,
    CConsequence,
    CDecision,
    CEnding,
    CEvent,
    CMove,
    Control,
    COutcome,
    CStorylet,
    Dynamic,
    Effect,
    Rules,
    Team,
    rules_of,
)
from sahelsim.said import said
from sahelsim.scenario.expr import Env
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Decision, Ending, Option, Outcome

#: What a diverged event says when the scenario gives no ``diverged`` text.
DIVERGED = "In this game, this did not happen as reported."

#: The way option orders are derived from the seed (see :func:`option_order`); recorded in saves.
#: 0 is the file's order (games saved before options were shuffled), 1 the shuffle.
ORDER = 1
ORDERS = (0, 1)

#: How a game's chance draws are derived from its seed; recorded in saves.
#: 1 is one stream for every draw (games saved before version 2), in which a choice that spends a
#: draw (advice the principal may overrule, a chance consequence) shifts every later draw; 2 gives
#: each kind of draw a stream of its own, keyed by what it decides (:func:`dice`; a turn's
#: storylets share one, and the lot draws one number against the eligible storylets' cumulative
#: weights, so a change in which storylets are eligible reshuffles the pick); 3 makes every draw
#: one keyed hash (:mod:`sahelsim.engine.draws`), each storylet with its own each turn and the lot
#: a keyed race, so a storylet's fate changes only through its own conditions or those of a
#: storylet it races.
DICE = 3
DICES = (1, 2, 3)

#: The principal's reaction when the role's ``reactions`` give none; ``{who}`` is the principal.
TAKEN = "{who} took your advice."
OVERRULED = "{who} heard your advice and decided otherwise."

#: One piece of advice in a record: (turn, decision id, option id).
Advice = tuple[int, str, str]

#: A class's show of hands on one decision: (option id, votes) for each of its options, in the
#: order the game showed them (``Game.options``).
Votes = tuple[tuple[str, int], ...]

#: A tally in a record: (turn, decision id, votes).
Tally = tuple[int, str, Votes]

#: Something the teacher brought into a game, in a record: (turn, inject id, "") for one of
#: the scenario's injects, (turn, "", text) for a line of their own.
Injected = tuple[int, str, str]

#: The longest line a teacher may bring into a game (:meth:`Game.note`), in characters.
NOTE_LENGTH = 300
#: The rule a teacher's own line is told under.
NOTE_RULE = "teacher.note"


@dataclass(frozen=True, slots=True)
class Label:
    """Which playthrough a game is, and who plays it: for saves, file names and reports.

    A label is never an input to the rules: two games that differ only in their labels are the
    same game. The engine draws none; whoever starts the game gives it one (the saves give a
    game without one a label on its first autosave).

    Attributes:
        game: The playthrough's id, unique per game started (autosaves are named by it).
        class_name: The class playing it (``sahelsim play --class-name 10B``), or ``None``.
    """

    game: str
    class_name: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """A game's event-sourced record: replaying it on the scenario gives the same game.

    Attributes:
        scenario: The scenario's id.
        digest: The SHA-256 of the scenario file the game was played on.
        seed: The game's seed.
        role: The role the player advises.
        advice: The advice on each resolved decision, in the order the decisions were resolved,
            as ``(turn, decision, option)``; then the advice given so far on the turn in
            progress, in decision order.
        turns: How many turns have been resolved.
        tallies: The class's votes on the decisions advised by a show of hands (class mode),
            as ``(turn, decision, votes)``, in the same order as their advice. Tallies are a
            record of the room, never an input to the rules: they draw nothing at random.
        order: How the options were ordered on screen (:data:`ORDER`; 0 for the file's order,
            as in games saved before options were shuffled). It changes no outcome.
        label: Which playthrough this is and who plays it (:class:`Label`), or ``None``. It
            changes no outcome.
        dice: How its chance draws come from the seed (:data:`DICE`; 1 in games saved before
            draws were keyed).
        roles: For a game played by several roles at once (a team game), its roles in the order
            their advice is resolved (``role`` is the first); empty for a one-role game. Each
            piece of advice is the advice of the role its decision was open for
            (:meth:`Game.role_of`).
        injects: What the teacher brought into the game (:meth:`Game.inject`,
            :meth:`Game.note`), in order, as :data:`Injected`; each applies on its turn before
            the turn's advice is resolved.
    """

    scenario: str
    digest: str
    seed: int
    role: str
    advice: tuple[Advice, ...]
    turns: int
    tallies: tuple[Tally, ...] = ()
    order: int = ORDER
    label: Label | None = None
    dice: int = DICE
    roles: tuple[str, ...] = ()
    injects: tuple[Injected, ...] = ()


@dataclass(frozen=True, slots=True)
class GameState:
    """A copy of a game's state at one moment.

    Attributes:
        turn: The current turn.
        role: The role the player advises (in a team game, the role this state is seen by:
            :meth:`Game.state_of`; :attr:`Game.state` is the first role's).
        indicators: Each indicator's value.
        strength: Each actor's strength (actors that have one).
        held_by: Each place's holder, or ``None``.
        chosen: For each decision resolved so far, the option carried out.
        fired: For each event and storylet, how many times it has happened.
        advised: For each decision resolved so far, the option the player advised (it differs
            from ``chosen`` where the principal overruled the advice).
        standing: In a team game, each role's standing (the value of the scenario's
            ``advice.standing`` indicator for that role); empty in a one-role game, and in a
            scenario without ``advice.standing``.
    """

    turn: int
    role: str
    indicators: Mapping[str, float]
    strength: Mapping[str, float]
    held_by: Mapping[str, str | None]
    chosen: Mapping[str, str]
    fired: Mapping[str, int]
    advised: Mapping[str, str] = field(default_factory=dict)
    standing: Mapping[str, float] = field(default_factory=dict)


class _Team:
    """What a team game keeps beyond a one-role game's state (:class:`Game`, team games).

    The live state (:class:`_State`) is always seen by one role, ``_State.role``: its
    ``advice.standing`` indicator holds that role's standing, and ``standing`` holds every other
    role's (:meth:`Game._as`). Between the phases of a turn it is seen by the first role.
    """

    __slots__ = ("endings", "key", "owner", "reached", "roles", "standing", "tables")

    def __init__(self, rules: Rules, roles: tuple[str, ...], key: str | None) -> None:
        self.roles = roles
        self.tables: Team = rules.team(roles)
        #: The standing indicator's id, or ``None``.
        self.key = key
        #: Each role's standing, for the roles the state is not seen by at the moment.
        self.standing: dict[str, float] = (
            dict.fromkeys(roles, rules.indicators[key]) if key is not None else {}
        )
        #: Every decision offered so far -> the role it was open for.
        self.owner: dict[str, str] = {}
        #: Each role's endings and early endings (:meth:`Rules.endings_for`).
        self.endings = {role: rules.endings_for(role) for role in roles}
        #: Each role's ending, once the game has ended.
        self.reached: dict[str, CEnding] = {}


class _State:
    """The live state; it is the ``Env`` that compiled expressions read."""

    __slots__ = (
        "advised",
        "chosen",
        "fired",
        "held_by",
        "indicators",
        "role",
        "strength",
        "turn",
    )

    def __init__(self, rules: Rules, role: str) -> None:
        self.turn = 1
        self.role = role
        self.indicators = dict(rules.indicators)
        self.strength = dict(rules.strength)
        self.held_by = dict(rules.held_by)
        self.chosen: dict[str, str] = {}
        self.advised: dict[str, str] = {}
        self.fired = dict(rules.fired)


class Game:
    """One playthrough of a scenario by a player advising one role, or by a team of players
    advising several roles in one world (a *team game*).

    Start one with :meth:`Game.new` (or :meth:`Game.replay` from a record). A game is
    deterministic: the same scenario, seed, roles and advice give the same game, byte for byte.

    In a team game each decision is open for one role (:meth:`open_for`, :meth:`role_of`);
    the indicators, places and actors are shared, so one role's advice changes what the others
    face. A turn resolves every role's advice, role by role in the order the roles were given
    (each role's decisions in file order), each seeing the effects of those before; each role
    has its own principal, overruling and standing, and at the end its own ending
    (:meth:`ending_of`). ``docs/engine.md`` ("Team games") says it at length.
    """

    __slots__ = (
        "_advice",
        "_broken",
        "_dice",
        "_doctrines",
        "_due",
        "_early",
        "_ending",
        "_endings",
        "_events",
        "_given",
        "_history",
        "_injected",
        "_judgements",
        "_keyed",
        "_keyed_lots",
        "_label",
        "_log",
        "_lots",
        "_offered",
        "_open",
        "_order",
        "_orders",
        "_outcome",
        "_outcomes",
        "_random",
        "_resolved",
        "_role",
        "_roles",
        "_rules",
        "_s",
        "_scenario",
        "_seed",
        "_table",
        "_tallied",
        "_tallies",
        "_team",
        "_turn_starts",
    )

    def __init__(
        self,
        scenario: LoadedScenario,
        rules: Rules,
        seed: int,
        role: str,
        log: bool,
        order: int = ORDER,
        dice: int = DICE,
        roles: tuple[str, ...] = (),
    ) -> None:
        """Use :meth:`Game.new`; this only sets the fields up (``roles``: a team game's, two
        or more, ``role`` the first; empty for a one-role game)."""
        self._scenario = scenario
        self._rules = rules
        self._seed = seed
        self._role = role
        self._roles = roles or (role,)
        self._order = order
        self._orders: dict[str, tuple[Option, ...]] = {}
        # Dice 1's one stream; seeding a generator costs more than a game's dice-3 draws.
        self._random = random.Random(seed).random if dice == 1 else _no_stream
        self._dice = dice
        # Dice 3: every key text starts so (:func:`sahelsim.engine.draws.key_text`).
        self._keyed = Keyed(f"sahelsim-dice/3:{seed}:")
        self._s = _State(rules, role)
        self._table = rules.decisions_for(role)
        self._lots = rules.storylets_for(role)
        self._keyed_lots = rules.keyed_for(role)
        self._events = rules.events
        self._doctrines = rules.doctrines
        self._outcomes = rules.outcomes
        self._team: _Team | None = None
        if len(self._roles) > 1:
            team = self._team = _Team(rules, self._roles, scenario.model.advice.standing)
            tables = team.tables
            self._lots = tables.storylets
            self._keyed_lots = tables.keyed
            self._events = tables.events
            self._doctrines = tables.doctrines
            self._outcomes = tables.outcomes
        self._offered: set[str] = set()
        self._open: list[CDecision] = []
        self._advice: dict[str, str] = {}
        self._given: list[Advice] = []
        self._tallies: dict[str, Votes] = {}
        self._tallied: list[Tally] = []
        self._injected: list[Injected] = []
        # Due turn -> (consequence, turn decided, option advised), in the order scheduled.
        self._due: dict[int, list[tuple[CConsequence, int, str]]] = {}
        self._log: list[LogEntry] | None = [] if log else None
        self._judgements: list[Judgement] | None = [] if log else None
        self._turn_starts: list[int] = []
        self._history = [tuple(self._s.indicators.values())]
        self._resolved = 0
        self._ending: CEnding | None = None
        self._endings, self._early = rules.endings_for(role)
        self._outcome: COutcome | None = None
        # The rules' failure that stopped the game half-way through a turn, if one did.
        self._broken: NonFinite | None = None
        self._label: Label | None = None

    # -- starting ---------------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        scenario: LoadedScenario,
        *,
        seed: int,
        role: str | None = None,
        roles: Sequence[str] | None = None,
        log: bool = True,
        order: int = ORDER,
        label: Label | None = None,
        dice: int = DICE,
    ) -> Game:
        """Start a game: turn 1 has begun, its reported events have happened and its decisions
        are open.

        Args:
            scenario: The loaded scenario.
            seed: The seed of the game's only random generator.
            role: The id of the role the player advises (give ``role`` or ``roles``).
            roles: For a team game, the ids of the roles played at once, in the order their
                advice is resolved each turn. One role is a one-role game, the same as
                ``role``.
            log: False to keep no log (for the simulator); the game is otherwise identical.
            order: How :meth:`options` orders a decision's options: :data:`ORDER` (shuffled
                from the seed) or 0 (the file's order). It changes no outcome.
            label: Which playthrough this is and who plays it (see :class:`Label`); it changes
                no outcome.
            dice: How chance draws come from the seed: :data:`DICE` (a keyed hash per draw), 2
                (a generator per kind of draw) or 1 (one stream), as in games saved with them.

        Raises:
            UnknownRole: ``role`` (or one of ``roles``) is not one of the scenario's roles.
            EngineError: ``order`` or ``dice`` is not one this version knows; neither ``role``
                nor ``roles`` is given, or both; ``roles`` is empty or names a role twice.
        """
        team = _team_roles(scenario, role, roles)
        role = team[0]
        if order not in ORDERS:
            known = listing(map(str, ORDERS))
            raise EngineError(
                # TRANSLATORS: {known} lists the option orders this version knows: '0', '1'.
                said(
                    "option order {order!r} is not one this sahelsim knows ({known})",
                    order=order,
                    known=known,
                )
            )
        if dice not in DICES:
            known = listing(map(str, DICES))
            raise EngineError(
                # TRANSLATORS: {known} lists the dice versions this version knows: '1', '2'.
                said(
                    "dice version {dice!r} is not one this sahelsim knows ({known})",
                    dice=dice,
                    known=known,
                )
            )
        several = team if len(team) > 1 else ()
        game = cls(scenario, rules_of(scenario), seed, role, log, order, dice, several)
        game._label = label
        game._begin_turn()
        return game

    @classmethod
    def replay(cls, scenario: LoadedScenario, record: Record, *, log: bool = True) -> Game:
        """The game that ``record`` describes, replayed on ``scenario``.

        The scenario's digest is not compared: saves decide what a changed scenario means.

        Raises:
            ReplayError: the record is for another scenario, names an unknown role, or its
                advice does not fit the game as it replays.
        """
        if record.scenario != scenario.id:
            raise ReplayError(
                said(
                    "the record is for scenario {saved!r}, not {scenario!r}",
                    saved=record.scenario,
                    scenario=scenario.id,
                )
            )
        try:
            if record.roles and record.roles[0] != record.role:
                raise EngineError(
                    said(
                        "the record's role {role!r} is not the first of its roles {roles}",
                        role=record.role,
                        roles=listing(record.roles),
                    )
                )
            game = cls.new(
                scenario,
                seed=record.seed,
                roles=record.roles or (record.role,),
                log=log,
                order=record.order,
                label=record.label,
                dice=record.dice,
            )
        except EngineError as exc:
            raise ReplayError(message_of(exc)) from None
        by_turn: dict[int, list[tuple[str, str]]] = {}
        for turn, decision, option in record.advice:
            by_turn.setdefault(turn, []).append((decision, option))
        advised = {(turn, decision) for turn, decision, _ in record.advice}
        brought: dict[int, list[tuple[str, str]]] = {}
        for turn, inject, text in record.injects:
            brought.setdefault(turn, []).append((inject, text))
        votes: dict[tuple[int, str], dict[str, int]] = {}
        for turn, decision, tally in record.tallies:
            if (turn, decision) not in advised:
                raise ReplayError(
                    said(
                        "the record has a tally on {decision!r} for turn {turn}, but no advice",
                        decision=decision,
                        turn=turn,
                    )
                )
            votes[turn, decision] = dict(tally)
        try:
            for turn in range(1, record.turns + 2):
                advice = by_turn.pop(turn, [])
                injects = brought.pop(turn, [])
                if game.ended:
                    if advice or injects or turn <= record.turns:
                        raise ReplayError(
                            said(
                                "the game ended on turn {ended}, "
                                "but the record goes on to turn {turn}",
                                ended=game.turn,
                                turn=turn,
                            )
                        )
                    break
                # Advice changes nothing until the turn ends: what the teacher brought in
                # applies first, as it did before the turn was resolved.
                for inject, text in injects:
                    if inject:
                        game.inject(inject)
                    else:
                        game.note(text)
                for decision, option in advice:
                    game.advise(decision, option, votes.get((turn, decision)))
                if turn <= record.turns:
                    game.end_turn()
        except (DecisionNotOpen, UnknownOption, BadTally, DecisionsPending, GameOver) as exc:
            # TRANSLATORS: {error} is why the turn's record does not fit the game.
            raise ReplayError(
                said("turn {turn}: {error}", turn=game.turn, error=message_of(exc))
            ) from None
        except EngineError as exc:  # an inject the scenario no longer has, a bad line
            raise ReplayError(
                said("turn {turn}: {error}", turn=game.turn, error=message_of(exc))
            ) from None
        if by_turn or brought:
            late = min([*by_turn, *brought])
            if late in by_turn:
                raise ReplayError(
                    said(
                        "the record has advice for turn {turn}, after its last turn {last}",
                        turn=late,
                        last=record.turns + 1,
                    )
                )
            raise ReplayError(
                said(
                    "the record has an inject for turn {turn}, after its last turn {last}",
                    turn=late,
                    last=record.turns + 1,
                )
            )
        return game

    # -- reading ----------------------------------------------------------------------------

    @property
    def scenario(self) -> LoadedScenario:
        """The scenario being played."""
        return self._scenario

    @property
    def seed(self) -> int:
        """The seed of the game's random generator."""
        return self._seed

    @property
    def role(self) -> str:
        """The id of the role the player advises; in a team game, the first of :attr:`roles`."""
        return self._role

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles playing, in the order their advice is resolved each turn (one for a
        one-role game)."""
        return self._roles

    @property
    def is_team(self) -> bool:
        """True for a team game: several roles play in one world."""
        return self._team is not None

    def role_of(self, decision_id: str) -> str:
        """The role a decision offered in this game is (or was) open for.

        Raises:
            DecisionNotOpen: the decision has not been offered in this game.
        """
        team = self._team
        if team is None:
            if decision_id in self._offered:
                return self._role
        else:
            owner = team.owner.get(decision_id)
            if owner is not None:
                return owner
        raise DecisionNotOpen(
            said("decision {decision!r} has not been offered in this game", decision=decision_id)
        )

    def open_for(self, role: str) -> tuple[Decision, ...]:
        """The decisions open this turn for ``role``, in file order (advised or not).

        Raises:
            UnknownRole: ``role`` is not one of the game's roles.
        """
        self._require_playing(role)
        team = self._team
        if team is None:
            return self.open_decisions
        owner = team.owner
        return tuple([d.model for d in self._open if owner[d.id] == role])

    def pending_for(self, role: str) -> tuple[Decision, ...]:
        """The decisions open this turn for ``role`` that still await its advice.

        Raises:
            UnknownRole: ``role`` is not one of the game's roles.
        """
        return tuple(d for d in self.open_for(role) if d.id not in self._advice)

    def advice_of(self, role: str) -> Mapping[str, str]:
        """The advice ``role`` has given so far this turn: decision id → option id.

        Raises:
            UnknownRole: ``role`` is not one of the game's roles.
        """
        return {d.id: self._advice[d.id] for d in self.open_for(role) if d.id in self._advice}

    def ending_of(self, role: str) -> Ending | None:
        """``role``'s ending (the first of the endings that judge it whose condition held when
        the game ended), or ``None`` while the game goes on.

        Raises:
            UnknownRole: ``role`` is not one of the game's roles.
        """
        self._require_playing(role)
        team = self._team
        if team is None:
            return self.ending
        reached = team.reached.get(role)
        return reached.model if reached is not None else None

    @property
    def endings(self) -> Mapping[str, Ending]:
        """Each role's ending, in the order of :attr:`roles`; empty while the game goes on."""
        if self._ending is None:
            return {}
        return {role: ending for role in self._roles if (ending := self.ending_of(role))}

    def standing_of(self, role: str) -> float | None:
        """``role``'s standing with its principal (the scenario's ``advice.standing``
        indicator as that role sees it), or ``None`` in a scenario without one. In a one-role
        game it is that indicator's value; in a team game each role has its own.

        Raises:
            UnknownRole: ``role`` is not one of the game's roles.
        """
        self._require_playing(role)
        key = self._scenario.model.advice.standing
        if key is None:
            return None
        team = self._team
        if team is None or self._s.role == role:
            return self._s.indicators[key]
        return team.standing[role]

    def state_of(self, role: str) -> GameState:
        """A copy of the current state as ``role`` sees it: its own standing in the standing
        indicator, ``role`` as its role (what ``role``'s conditions and endings read).

        Raises:
            UnknownRole: ``role`` is not one of the game's roles.
        """
        self._require_playing(role)
        state = self.state
        team = self._team
        if team is None or role == state.role:
            return state
        indicators = dict(state.indicators)
        if team.key is not None:
            indicators[team.key] = team.standing[role]
        return dataclasses.replace(state, role=role, indicators=indicators)

    def _require_playing(self, role: str) -> None:
        """Raise :class:`UnknownRole` unless ``role`` plays in this game."""
        if role not in self._roles:
            require_role(self._scenario, role)
            raise UnknownRole(
                # TRANSLATORS: {roles} lists the ids of the roles that play, quoted.
                said(
                    "role {role!r} does not play in this game; it is played by {roles}",
                    role=role,
                    roles=listing(self._roles),
                )
            )

    @property
    def turn(self) -> int:
        """The current turn (1-based); after an ending, the turn it was reached on."""
        return self._s.turn

    @property
    def turns(self) -> int:
        """The number of turns in the scenario."""
        return self._rules.turns

    @property
    def date(self) -> dt.date | None:
        """The real date of the current turn, or ``None`` when the calendar has no start."""
        return self._rules.dates[self._s.turn]

    @property
    def open_decisions(self) -> tuple[Decision, ...]:
        """The decisions open this turn for the player's role, in file order (advised or not);
        in a team game, every role's, role by role in the order of :attr:`roles` (the order they
        are resolved in)."""
        return tuple([d.model for d in self._open])

    def options(self, decision_id: str) -> tuple[Option, ...]:
        """The options of ``decision_id`` in the order this game shows them.

        The order is shuffled per game and decision from the seed (:func:`option_order`), so no
        position gives history's choice away; it is the same every time the game is played or
        replayed, and changes no outcome (advice names options by id). A game saved before
        options were shuffled (``order`` 0) shows them in the file's order.

        Raises:
            DecisionNotOpen: the scenario has no decision ``decision_id``.
        """
        shown = self._orders.get(decision_id)
        if shown is None:
            compiled = next((d for d in self._rules.decisions if d.id == decision_id), None)
            if compiled is None:
                known = [d.id for d in self._rules.decisions]
                raise DecisionNotOpen(
                    # TRANSLATORS: {hint} is " (did you mean 'x'?)" or nothing.
                    said(
                        "the scenario has no decision {decision!r}{hint}",
                        decision=decision_id,
                        hint=hint(decision_id, known),
                    )
                )
            options = compiled.model.options
            if self._order == 0:
                shown = tuple(options)
            else:
                by_id = {o.id: o for o in options}
                ids = option_order(self._seed, decision_id, list(by_id))
                shown = tuple(by_id[i] for i in ids)
            self._orders[decision_id] = shown
        return shown

    @property
    def order(self) -> int:
        """How :meth:`options` orders options: :data:`ORDER`, or 0 for the file's order."""
        return self._order

    @property
    def label(self) -> Label | None:
        """Which playthrough this is and who plays it, or ``None``; it changes no outcome."""
        return self._label

    @label.setter
    def label(self, label: Label | None) -> None:
        self._label = label

    @property
    def pending_decisions(self) -> tuple[Decision, ...]:
        """The open decisions that still await advice."""
        return tuple(d.model for d in self._open if d.id not in self._advice)

    @property
    def advice(self) -> Mapping[str, str]:
        """The advice given so far this turn: decision id → option id."""
        return dict(self._advice)

    @property
    def tallies(self) -> Mapping[str, Votes]:
        """The class's votes given so far this turn, for the decisions advised by a tally."""
        return dict(self._tallies)

    @property
    def log(self) -> tuple[LogEntry, ...]:
        """Every log entry so far, in order (empty for a game started with ``log=False``)."""
        return tuple(self._log) if self._log is not None else ()

    @property
    def judgements(self) -> tuple[Judgement, ...]:
        """How each resolved turn's storylets were judged, one :class:`Judgement` a turn (empty
        for a game started with ``log=False``): the trace that names why a storylet happened in
        one game and not another — its own conditions, or the race it ran."""
        return tuple(self._judgements) if self._judgements is not None else ()

    def turn_log(self, turn: int) -> tuple[LogEntry, ...]:
        """The log entries of ``turn`` (empty for a turn not yet begun)."""
        if self._log is None or not 1 <= turn <= len(self._turn_starts):
            return ()
        start = self._turn_starts[turn - 1]
        end = self._turn_starts[turn] if turn < len(self._turn_starts) else len(self._log)
        return tuple(self._log[start:end])

    @property
    def state(self) -> GameState:
        """A copy of the current state."""
        s = self._s
        return GameState(
            s.turn,
            s.role,
            dict(s.indicators),
            dict(s.strength),
            dict(s.held_by),
            dict(s.chosen),
            dict(s.fired),
            dict(s.advised),
            self._standings(),
        )

    def _standings(self) -> dict[str, float]:
        """Each role's standing in a team game (empty in a one-role game or without one)."""
        team = self._team
        if team is None or team.key is None:
            return {}
        current = self._s.role
        return {
            role: self._s.indicators[team.key] if role == current else team.standing[role]
            for role in team.roles
        }

    @property
    def view(self) -> Env:
        """The current state with the fields of :attr:`state`, but not a copy: the game's own,
        read-only to the caller, changing as the game goes on. For readers that only look, at
        once (the simulator's tally of a finished game)."""
        return self._s

    @property
    def history(self) -> Mapping[str, tuple[float, ...]]:
        """Each indicator's values: at the start, then at the end of each resolved turn."""
        columns = zip(*self._history, strict=True)
        return dict(zip(self._rules.indicators, columns, strict=True))

    @property
    def resolved(self) -> int:
        """How many turns have been resolved."""
        return self._resolved

    @property
    def offered(self) -> frozenset[str]:
        """The ids of every decision offered so far (including those open now)."""
        return frozenset(self._offered)

    @property
    def ended(self) -> bool:
        """True once an ending has been reached."""
        return self._ending is not None

    @property
    def ending(self) -> Ending | None:
        """The role's ending reached (the first of the endings that judge the role whose
        condition held), or ``None`` while the game goes on."""
        return self._ending.model if self._ending else None

    @property
    def outcome(self) -> Outcome | None:
        """What became of the world: the first of the scenario's outcomes whose condition held
        when the game ended (early or not); ``None`` while the game goes on, and in a scenario
        that gives no outcomes."""
        return self._outcome.model if self._outcome else None

    @property
    def record(self) -> Record:
        """The game's event-sourced record (see :meth:`Game.replay`)."""
        current = self._s.turn
        pending = tuple(
            (current, d.id, self._advice[d.id]) for d in self._open if d.id in self._advice
        )
        counted = tuple(
            (current, d.id, self._tallies[d.id]) for d in self._open if d.id in self._tallies
        )
        return Record(
            self._scenario.id,
            self._scenario.digest,
            self._seed,
            self._role,
            (*self._given, *pending),
            self._resolved,
            (*self._tallied, *counted),
            self._order,
            self._label,
            self._dice,
            self._roles if self._team is not None else (),
            tuple(self._injected),
        )

    def snapshot(self) -> dict[str, Any]:
        """The state as a JSON-ready mapping, stored in saves and checked against the replay.

        Raises:
            GameStopped: a rule failed half-way through a turn; the state is not whole, and a
                save of it could not be replayed (the last autosave holds the game before).
        """
        self._check_whole()
        s = self._s
        snapshot: dict[str, Any] = {
            "turn": s.turn,
            "resolved": self._resolved,
            "ending": self._ending.id if self._ending else None,
            "outcome": self._outcome.id if self._outcome else None,
            "indicators": dict(s.indicators),
            "strength": dict(s.strength),
            "held_by": dict(s.held_by),
            "chosen": dict(s.chosen),
            "fired": {key: n for key, n in s.fired.items() if n},
            "open": [d.id for d in self._open],
            "advice": dict(self._advice),
            "log_entries": len(self._log) if self._log is not None else None,
        }
        team = self._team
        if team is not None:
            # Only team games have these keys: a one-role game's snapshot is as it always was.
            snapshot["roles"] = list(team.roles)
            snapshot["endings"] = {role: e.id for role, e in team.reached.items()}
            snapshot["standing"] = self._standings()
            snapshot["owners"] = dict(team.owner)
        return snapshot

    # -- acting -----------------------------------------------------------------------------

    def advise(
        self,
        decision_id: str,
        option_id: str,
        tally: Mapping[str, int] | None = None,
        *,
        role: str | None = None,
    ) -> None:
        """Advise ``option_id`` on the open decision ``decision_id``; later advice replaces it
        (and its tally, if it had one).

        Args:
            decision_id: An open decision.
            option_id: One of its options.
            tally: In class mode, the room's show of hands: votes per option id (options left
                out had none). It is recorded beside the advice (in the record, the saves and
                the decision's log entry) and changes nothing else: the advice is what counts,
                so a teacher breaking a tie advises one of the tied options.
            role: The role advising. Each decision is open for one role (:meth:`role_of`), so
                it may be left out; given, it must be that role.

        Raises:
            GameOver: the game has ended.
            UnknownRole: ``role`` does not play in this game.
            DecisionNotOpen: the decision is not open this turn (for ``role``, when given).
            UnknownOption: the decision has no such option (or the tally names one).
            BadTally: a count in the tally is not a whole number of votes, 0 or more.
        """
        if self._broken is not None:
            self._check_whole()
        if self._ending is not None:
            raise GameOver(
                # TRANSLATORS: {ending} is the id of the ending the game reached, quoted.
                said(
                    "the game is over ({ending!r}); no advice can be given",
                    ending=self._ending.id,
                )
            )
        for decision in self._open:
            if decision.id == decision_id:
                break
        else:
            open_ids = [d.id for d in self._open]
            known = any(d.id == decision_id for d in self._rules.decisions)
            # TRANSLATORS: {open} lists the ids of the decisions open, quoted, or says none.
            where = said("on turn {turn}; open: {open}", turn=self._s.turn, open=listing(open_ids))
            if known:
                raise DecisionNotOpen(
                    # TRANSLATORS: {where} is "on turn 3; open: 'a', 'b'".
                    said(
                        "decision {decision!r} is not open {where}",
                        decision=decision_id,
                        where=where,
                    )
                )
            raise DecisionNotOpen(
                # TRANSLATORS: {hint} is " (did you mean 'x'?)" or nothing; {where} is "on turn
                # 3; open: 'a', 'b'".
                said(
                    "no decision {decision!r}{hint} is open {where}",
                    decision=decision_id,
                    hint=hint(decision_id, open_ids),
                    where=where,
                )
            )
        if role is not None:
            self._require_playing(role)
            owner = self._team.owner[decision_id] if self._team is not None else self._role
            if owner != role:
                raise DecisionNotOpen(
                    said(
                        "decision {decision!r} is open for {owner!r}, not for {role!r}",
                        decision=decision_id,
                        owner=owner,
                        role=role,
                    )
                )
        if option_id not in decision.options:
            raise UnknownOption(
                # TRANSLATORS: {hint} is " (did you mean 'x'?)" or nothing; {options} lists the
                # decision's option ids, quoted.
                said(
                    "decision {decision!r} has no option {option!r}{hint}; options: {options}",
                    decision=decision_id,
                    option=option_id,
                    hint=hint(option_id, decision.options),
                    options=listing(decision.options),
                )
            )
        if tally is None:
            votes = None
        else:
            votes = _votes(decision, tally, [option.id for option in self.options(decision_id)])
        self._advice[decision_id] = option_id
        if votes is None:
            self._tallies.pop(decision_id, None)
        else:
            self._tallies[decision_id] = votes

    def inject(self, inject_id: str) -> LogEntry | None:
        """Bring the scenario's inject ``inject_id`` into the game now (the teacher's choice):
        its effects apply at once, and it is told on this turn. It is kept in the record, so
        the game replays with it.

        Returns:
            Its log entry (``None`` for a game started with ``log=False``).

        Raises:
            GameOver: the game has ended.
            UnknownInject: the scenario has no such inject.
            NonFinite: one of its amounts gave NaN or an infinity (the game cannot go on).
        """
        self._ready_for_teacher()
        injects = self._rules.injects
        found = injects.get(inject_id)
        if found is None:
            known = list(injects)
            # TRANSLATORS: {injects} lists the ids of the scenario's injects, quoted.
            listed = (
                said("the scenario's injects: {injects}", injects=listing(known))
                if known
                else said("it has none")
            )
            raise UnknownInject(
                # TRANSLATORS: {hint} is " (did you mean 'x'?)" or nothing; {injects} is "the
                # scenario's injects: 'a', 'b'" or "it has none".
                said(
                    "no inject {inject!r}{hint}; {injects}",
                    inject=inject_id,
                    hint=hint(inject_id, known),
                    injects=listed,
                )
            )
        turn = self._s.turn
        model = found.model
        self._injected.append((turn, inject_id, ""))
        try:
            if self._log is None:
                self._change(found.effects, found.dynamic, found.control, found.id, model.effects)
                return None
            changes, control = self._apply(
                found.effects, found.dynamic, found.control, found.id, model.effects
            )
        except NonFinite as exc:
            self._broken = exc
            raise
        entry = LogEntry(
            turn,
            self._rules.dates[turn],
            Kind.inject,
            model.title,
            model.text,
            found.facts,
            found.id,
            changes,
            control,
            found.places,
        )
        self._log.append(entry)
        return entry

    def note(self, text: str) -> LogEntry | None:
        """A line of the teacher's own for the class, told on this turn as theirs (never as
        reported) and kept in the record; it changes nothing in the game.

        Returns:
            Its log entry (``None`` for a game started with ``log=False``).

        Raises:
            GameOver: the game has ended.
            EngineError: the line is empty, longer than :data:`NOTE_LENGTH` characters, or
                holds control characters.
        """
        self._ready_for_teacher()
        line = " ".join(text.split())
        if not line:
            raise EngineError(said("the teacher's line is empty"))
        if len(line) > NOTE_LENGTH:
            raise EngineError(
                said(
                    "the teacher's line has {count} characters; at most {most}",
                    count=len(line),
                    most=NOTE_LENGTH,
                )
            )
        if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in line):
            raise EngineError(said("the teacher's line holds control characters"))
        turn = self._s.turn
        self._injected.append((turn, "", line))
        if self._log is None:
            return None
        entry = LogEntry(
            turn, self._rules.dates[turn], Kind.note, "From the teacher", line, rule=NOTE_RULE
        )
        self._log.append(entry)
        return entry

    @property
    def injected(self) -> tuple[Injected, ...]:
        """What the teacher brought into the game so far, in order (:data:`Injected`)."""
        return tuple(self._injected)

    def _ready_for_teacher(self) -> None:
        if self._broken is not None:
            self._check_whole()
        if self._ending is not None:
            raise GameOver(
                # TRANSLATORS: {ending} is the id of the ending the game reached, quoted.
                said(
                    "the game is over ({ending!r}); nothing can be brought in",
                    ending=self._ending.id,
                )
            )

    def end_turn(self) -> tuple[LogEntry, ...]:
        """Resolve the turn and begin the next one (or reach an ending).

        Returns:
            The log entries this produced: the turn's resolution, then the next turn's beginning
            or the ending (empty for a game started with ``log=False``).

        Raises:
            GameOver: the game has ended.
            DecisionsPending: an open decision has no advice yet.
            NonFinite: a rule's expression gave NaN or an infinity; the turn stopped half-way,
                so the game cannot go on (every later call raises :class:`GameStopped`).
        """
        if self._broken is not None:
            self._check_whole()
        if self._ending is not None:
            raise GameOver(
                # TRANSLATORS: {ending} is the id of the ending the game reached, quoted.
                said("the game is over ({ending!r}); no turn can end", ending=self._ending.id)
            )
        advice = self._advice
        for decision in self._open:
            if decision.id not in advice:
                waiting = [d.id for d in self._open if d.id not in advice]
                if len(waiting) > 1:
                    raise DecisionsPending(
                        # TRANSLATORS: {decisions} lists the ids of the decisions, quoted.
                        said(
                            "turn {turn} cannot end: {count} decisions await advice: {decisions}",
                            turn=self._s.turn,
                            count=len(waiting),
                            decisions=listing(waiting),
                        )
                    )
                raise DecisionsPending(
                    # TRANSLATORS: {decisions} is the id of the decision, quoted; {count} is 1.
                    said(
                        "turn {turn} cannot end: {count} decision awaits advice: {decisions}",
                        turn=self._s.turn,
                        count=len(waiting),
                        decisions=listing(waiting),
                    )
                )
        log = self._log
        start = len(log) if log is not None else 0
        turn = self._s.turn
        date = self._rules.dates[turn]
        try:
            self._decide(turn, date)
            self._consequences(turn, date)
            self._moves(turn, date)
            self._storylets(turn, date)
            self._history.append(tuple(self._s.indicators.values()))
            self._resolved += 1
            ended = (
                self._reach_ending(turn, date)
                if self._team is None
                else self._reach_team_ending(turn, date)
            )
            if not ended:
                self._s.turn = turn + 1
                self._begin_turn()
        except NonFinite as exc:
            self._broken = exc
            raise
        return tuple(log[start:]) if log is not None else ()

    def _check_whole(self) -> None:
        """Raise :class:`GameStopped` if a rule failed half-way through a turn."""
        if self._broken is not None:
            raise GameStopped(
                # TRANSLATORS: {error} is the rule that failed and how.
                said(
                    "the game stopped on turn {turn} and cannot go on: {error}",
                    turn=self._s.turn,
                    error=message_of(self._broken),
                )
            )

    # -- the phases -------------------------------------------------------------------------

    def _begin_turn(self) -> None:
        s = self._s
        turn = s.turn
        date = self._rules.dates[turn]
        log = self._log
        if log is not None:
            self._turn_starts.append(len(log))
        chosen = s.chosen
        for event in self._events[turn]:
            model = event.model
            if (event.when is None or event.when(s)) and (
                not event.assume
                or all(
                    chosen.get(decision) in options or decision not in chosen
                    for decision, options in event.assume
                )
            ):
                s.fired[event.id] += 1
                if log is None:
                    self._change(
                        event.effects, event.dynamic, event.control, event.id, model.effects
                    )
                else:
                    changes, control = self._apply(
                        event.effects, event.dynamic, event.control, event.id, model.effects
                    )
                    log.append(
                        LogEntry(
                            turn,
                            date,
                            Kind.reported,
                            model.title,
                            model.text,
                            event.facts,
                            event.id,
                            changes,
                            control,
                            event.places,
                        )
                    )
            elif log is not None:
                log.append(self._diverged(event, turn, date))
        offered = self._offered
        team = self._team
        if team is not None:
            self._open_team(turn, team)
            return
        for decision in self._table[turn]:
            if decision.id in offered:
                continue
            # The table lists a decision without ``when`` on its own turn only.
            if decision.when is None or decision.when(s):
                offered.add(decision.id)
                self._open.append(decision)

    def _open_team(self, turn: int, team: _Team) -> None:
        """Open the turn's decisions in a team game: role by role in the team's order, each
        judged as its role sees the state; a decision goes to the first role it opens for."""
        s = self._s
        offered = self._offered
        owner = team.owner
        for role, decision in team.tables.decisions[turn]:
            if decision.id in offered:
                continue
            if decision.when is not None:
                self._as(role)
                if not decision.when(s):
                    continue
            offered.add(decision.id)
            owner[decision.id] = role
            self._open.append(decision)
        self._as(team.roles[0])

    def _as(self, role: str) -> None:
        """In a team game, let ``role`` see the state: ``role`` reads as it, and the standing
        indicator holds its standing (the standing of the role that saw it before is kept)."""
        s = self._s
        current = s.role
        if current == role:
            return
        team = self._team
        assert team is not None
        key = team.key
        if key is not None:
            standing = team.standing
            indicators = s.indicators
            standing[current] = indicators[key]
            indicators[key] = standing[role]
        s.role = role

    def _diverged(self, event: CEvent, turn: int, date: dt.date | None) -> LogEntry:
        """The entry of a reported event that did not happen as reported. Where an earlier
        choice contradicts what the report ``assume``s, the entry names that choice (the first
        such, in the scenario's order): ``because`` holds its turn, decision and the option
        carried out, and ``reason`` says so, as for a consequence."""
        s = self._s
        model = event.model
        because: tuple[int, str, str] | None = None
        reason = ""
        advised: str | None = None
        for decision, options in event.assume:
            option = s.chosen.get(decision)
            if option is not None and option not in options:
                decided = next((t for t, d, _ in reversed(self._given) if d == decision), turn)
                advised = s.advised.get(decision, option)
                because = (decided, decision, option)
                reason = self._because_of(decided, decision, option, advised)
                break
        team = self._team
        role = team.owner.get(because[1]) if team is not None and because else None
        return LogEntry(
            turn,
            date,
            Kind.diverged,
            model.title,
            model.diverged or DIVERGED,
            event.facts,
            event.id,
            (),
            (),
            event.places,
            because[1] if because else None,
            advised,
            because[2] if because else None,
            because=because,
            reason=reason,
            role=role,
        )

    def _decide(self, turn: int, date: dt.date | None) -> None:
        """Carry out each open decision, in file order; each sees the effects of those before."""
        s = self._s
        log = self._log
        advice = self._advice
        tallies = self._tallies
        last_turn = self._rules.turns
        team = self._team
        role = self._role
        # Which role the log says an entry concerns: none in a one-role game.
        concerns: str | None = None
        for decision in self._open:
            if team is not None:
                role = concerns = team.owner[decision.id]
                self._as(role)
            advised = carried = advice[decision.id]
            historical = decision.historical
            if historical is not None and advised != historical:
                chance, rule = decision.accept[role]
                p = chance(s)
                if p - p != 0.0:  # NaN or an infinity: a finite p gives exactly 0
                    self._non_finite(
                        rule, said("the acceptance chance"), _accept_source(self, rule), p
                    )
                # ``draw() < p`` is the clamp to [0, 1]: p >= 1 always holds, p <= 0 never.
                if self._dice == 3:
                    key = self._rules.accept_keys[turn][decision.id]
                    taken = p >= 1.0 or (p > 0.0 and self._keyed.unit(key) < p)
                else:
                    taken = self._draw("accept", turn, decision.id)() < p
                if not taken:
                    carried = historical
                    if log is not None:
                        log.append(
                            self._overruled(decision, advised, rule, turn, date, role, concerns)
                        )
            option = decision.options[carried]
            if carried == advised:
                effects, dynamic = option.effects, option.dynamic
            else:
                # The option's effect on standing is the principal's view of advice the player
                # gave; overruled, the player gave other advice, so it does not apply.
                effects, dynamic = option.imposed, option.imposed_dynamic
            changes: tuple[Change, ...] = ()
            control: tuple[Handover, ...] = ()
            if log is None:
                self._change(effects, dynamic, option.control, option.rule, option.model.effects)
            else:
                changes, control = self._apply(
                    effects, dynamic, option.control, option.rule, option.model.effects
                )
            s.chosen[decision.id] = carried
            s.advised[decision.id] = advised
            self._given.append((turn, decision.id, advised))
            votes = tallies.get(decision.id, ())
            if votes:
                self._tallied.append((turn, decision.id, votes))
            if log is not None:
                log.append(
                    LogEntry(
                        turn,
                        date,
                        Kind.decision,
                        option.title,
                        option.text,
                        decision.facts,
                        option.rule,
                        changes,
                        control,
                        option.places,
                        decision.id,
                        advised,
                        carried,
                        votes,
                        role=concerns,
                    )
                )
            if log is not None or carried != advised:  # taken, unlogged: nothing to do
                self._react(decision, advised, carried, turn, date, role, concerns)
            for later in option.later:
                due = turn + later.after
                if due <= last_turn:
                    self._due.setdefault(due, []).append((later, turn, advised))
        if team is not None:
            self._as(team.roles[0])
        self._open = []
        self._advice = {}
        self._tallies = {}

    def _react(
        self,
        decision: CDecision,
        advised: str,
        carried: str,
        turn: int,
        date: dt.date | None,
        role: str,
        concerns: str | None,
    ) -> None:
        """The principal's reaction to the advice, after the decision's entry: the role's
        authored line or the engine's default, rule ``advice.taken`` or ``advice.overruled``;
        being overruled also applies the scenario's declared ``advice.overruled`` effects."""
        taken = carried == advised
        changes: tuple[Change, ...] = ()
        if not taken:
            effects, dynamic = self._rules.overruled
            if effects:
                written = self._scenario.model.advice.overruled
                if self._log is None:
                    self._change(effects, dynamic, (), "advice.overruled", written)
                else:
                    changes, _ = self._apply(effects, dynamic, (), "advice.overruled", written)
        if self._log is None:
            return
        authored = self._rules.reactions[role][0 if taken else 1]
        who = _principal(self._scenario, role)
        text = authored or (TAKEN if taken else OVERRULED).format(who=who)
        title = "Advice taken" if taken else "Advice not taken"
        self._log.append(
            LogEntry(
                turn,
                date,
                Kind.simulated,
                f"{title}: {decision.model.title}",
                text,
                (),
                "advice.taken" if taken else "advice.overruled",
                changes,
                (),
                (),
                decision.id,
                advised,
                carried,
                role=concerns,
            )
        )

    def _draw(self, purpose: str, *keys: object) -> Callable[[], float]:
        """The draws for one thing chance decides, keyed by the seed, ``purpose`` and ``keys``:
        with dice 3, :func:`sahelsim.engine.draws.counter` (its first call is the one keyed hash
        :func:`sahelsim.engine.draws.draw`); with dice 2, a generator of its own (:func:`dice`);
        with dice 1, the game's one stream. Pick by weight with
        :func:`sahelsim.engine.draws.race`, one ``self._draw(purpose, ..., candidate)()`` each."""
        if self._dice == 3:
            return counter(self._seed, purpose, *keys)
        if self._dice == 1:
            return self._random
        return dice(self._seed, purpose, *keys)

    def _consequences(self, turn: int, date: dt.date | None) -> None:
        """Apply the consequences coming due, in the order they were scheduled."""
        s = self._s
        log = self._log
        team = self._team
        concerns: str | None = None
        for later, decided, advised in self._due.pop(turn, ()):
            if team is not None:
                # A consequence of a role's choice is judged and applied as that role sees it.
                concerns = team.owner[later.decision]
                self._as(concerns)
            if later.when is not None and not later.when(s):
                continue
            if later.chance is not None:
                p = later.chance(s)
                if p - p != 0.0:
                    self._non_finite(later.rule, said("the chance"), str(later.model.chance), p)
                if self._dice == 3:
                    if not (
                        p >= 1.0
                        or (
                            p > 0.0
                            and self._keyed.unit(f"later:{turn}:{decided}:{later.rule}".encode())
                            < p
                        )
                    ):
                        continue
                elif not self._draw("later", turn, decided, later.rule)() < p:
                    continue
            if log is None:
                self._change(
                    later.effects, later.dynamic, later.control, later.rule, later.model.effects
                )
            else:
                changes, control = self._apply(
                    later.effects, later.dynamic, later.control, later.rule, later.model.effects
                )
                log.append(
                    LogEntry(
                        turn,
                        date,
                        Kind.consequence,
                        later.title,
                        later.model.text,
                        (),
                        later.rule,
                        changes,
                        control,
                        later.places,
                        later.decision,
                        advised,
                        later.option,
                        because=(decided, later.decision, later.option),
                        reason=self._because(decided, later, advised),
                        role=concerns,
                    )
                )
        if team is not None:
            self._as(team.roles[0])

    def _because(self, decided: int, later: CConsequence, advised: str) -> str:
        """The plain line saying which choice a consequence comes from."""
        return self._because_of(decided, later.decision, later.option, advised)

    def _because_of(self, decided: int, decision_id: str, option: str, advised: str) -> str:
        """``Because on Day 2 you advised: Hold.`` (or that the principal overruled the advice
        and chose ``option``)."""
        decision = next(d for d in self._rules.decisions if d.id == decision_id)
        label = decision.options[option].model.label
        when = f"on {self._rules.unit} {decided}"
        if advised == option:
            return f"Because {when} you advised: {label}."
        team = self._team
        role = team.owner.get(decision_id, self._role) if team is not None else self._role
        who = _principal(self._scenario, role, start=False)
        return f"Because {when} {who} overruled your advice and chose: {label}."

    def _moves(self, turn: int, date: dt.date | None) -> None:
        """Each actor with a doctrine, in file order, makes at most one move, judged on the state
        after the consequences (and after the moves of the actors before it)."""
        s = self._s
        fired = s.fired
        log = self._log
        for doctrine in self._doctrines:
            eligible = [
                move
                for move in doctrine.moves
                if move.first <= turn <= move.last
                and not (move.once and fired[move.id])
                and (move.when is None or move.when(s))
            ]
            if not eligible:
                continue
            if doctrine.weight and len(eligible) > 1:
                move = self._race(turn, doctrine.actor, eligible)
            else:
                move = eligible[0]
            reason = self._reason(move) if log is not None else ""
            fired[move.id] += 1
            changes, control = self._apply(
                move.effects, move.dynamic, move.control, move.rule, move.model.effects
            )
            if log is not None:
                model = move.model
                log.append(
                    LogEntry(
                        turn,
                        date,
                        Kind.move,
                        model.title,
                        model.text,
                        move.facts,
                        move.rule,
                        changes,
                        control,
                        move.places,
                        reason=reason,
                        actor=move.actor,
                    )
                )

    def _race(self, turn: int, actor: str, eligible: Sequence[CMove]) -> CMove:
        """A keyed race among the eligible moves (:func:`~sahelsim.engine.draws.race`): each
        move's time ``-ln(u) / weight`` comes from its own draw (``move``, the turn, the actor,
        the move's id), and the smallest wins; the first move when none runs."""
        winner = race(
            eligible,
            lambda move: move.weight,
            lambda move: self._draw("move", turn, actor, move.id)(),
        )
        return eligible[0] if winner is None else winner

    def _reason(self, move: CMove) -> str:
        """The move's reason line: the author's ``reason``, else the parts of its ``when`` that
        held, with their values; empty for a move without ``when``."""
        model = move.model
        if model.reason:
            return model.reason
        if model.when is None:
            return ""
        from sahelsim.engine.verdict import names_of
        from sahelsim.scenario.explain import explainer
        from sahelsim.telling.words import Words

        tests = explainer(model.when, names_of(self._scenario)).why(self._s)
        if not tests:
            return ""
        words = Words(self._scenario.model)
        return "Because " + " and ".join(words.test(t) for t in tests) + "."

    def _storylets(self, turn: int, date: dt.date | None) -> None:
        """Which storylets may happen is judged once, on the state after the consequences; those
        with a chance roll, and one of the rest wins the lot by weight; the ones that happen
        apply in file order.

        Dice 3: each eligible storylet's own draw (``world``, the turn, its id) is its roll, or
        its time in the lot's :func:`~sahelsim.engine.draws.race`. Dice 1 and 2: the chance
        storylets roll in file order, then one draw against the lot's cumulative weights.
        """
        s = self._s
        log = self._log
        fired = s.fired
        if self._dice == 3 and self._judgements is None:
            happen = self._happen_keyed(turn)
        else:
            happen = self._happen_traced(turn)
        if log is None:
            for storylet in happen:
                fired[storylet.id] += 1
                self._change(
                    storylet.effects,
                    storylet.dynamic,
                    storylet.control,
                    storylet.id,
                    storylet.model.effects,
                )
            return
        team = self._team
        # In a team game, whom each storylet concerns, judged on the state they were judged on.
        concerns = (
            [team.tables.storylet_role(storylet, s) for storylet in happen]
            if team is not None
            else [None] * len(happen)
        )
        for storylet, role in zip(happen, concerns, strict=True):
            fired[storylet.id] += 1
            changes, control = self._apply(
                storylet.effects,
                storylet.dynamic,
                storylet.control,
                storylet.id,
                storylet.model.effects,
            )
            model = storylet.model
            log.append(
                LogEntry(
                    turn,
                    date,
                    Kind.simulated,
                    model.title,
                    model.text,
                    storylet.facts,
                    storylet.id,
                    changes,
                    control,
                    storylet.places,
                    role=role,
                )
            )

    def _happen_keyed(self, turn: int) -> list[CStorylet]:
        """The storylets that happen this turn, in file order, judged with dice 3 and no trace:
        the same judgement as :meth:`_happen_traced` gives for dice 3, written for a game
        without a log (the simulator's), which keeps no :class:`Judgement`.

        Each racer of the lot is drawn as it is found eligible, so the race needs no second
        pass; a lone racer wins whatever its draw was (``draws.race`` draws nothing for it,
        but a draw is a pure hash: drawing it changes nothing).
        """
        s = self._s
        fired = s.fired
        # The game's hashed prefix, copied, with the storylet's key after it (draws.Keyed).
        prefix = self._keyed.state
        from_bytes = int.from_bytes
        log = math.log
        happen: list[CStorylet] = []
        racers = 0
        first: CStorylet | None = None  # the first racer: alone, it wins without a draw
        winner: CStorylet | None = None
        best = math.inf
        for storylet, key, sid, once, when, chance, weight in self._keyed_lots[turn]:
            if once and fired[sid]:
                continue
            if when is not None and not when(s):
                continue
            if chance is None:
                # A racer of the lot (:func:`~sahelsim.engine.draws.race`, written out).
                racers += 1
                if racers == 1:
                    first = storylet
                if weight > 0.0:
                    hashed = prefix.copy()
                    hashed.update(key)
                    u = (from_bytes(hashed.digest(), "big") >> 11) * SCALE
                    time = -log(u) / weight if u > 0.0 else math.inf
                    if winner is None or time < best:
                        winner, best = storylet, time
                continue
            p = chance(s)
            if p - p != 0.0:
                self._non_finite(sid, said("the chance"), str(storylet.model.chance), p)
            # ``draw < p`` is the clamp: p >= 1 always happens and p <= 0 never, undrawn.
            if p >= 1.0:
                happen.append(storylet)
            elif p > 0.0:
                hashed = prefix.copy()
                hashed.update(key)
                if (from_bytes(hashed.digest(), "big") >> 11) * SCALE < p:
                    happen.append(storylet)
        if racers == 1:
            winner = first
        if winner is not None:
            happen.append(winner)
            if len(happen) > 1:
                happen.sort(key=_file_order)
        return happen

    def _happen_traced(self, turn: int) -> list[CStorylet]:
        """The storylets that happen this turn, in file order, with the turn's
        :class:`Judgement` kept when the game keeps a log (any dice version)."""
        window = self._lots[turn]
        s = self._s
        fired = s.fired
        trace: list[Judged] | None = [] if self._judgements is not None else None
        lot: list[CStorylet] = []
        happen: list[CStorylet] = []
        winner: CStorylet | None = None
        if self._dice == 3:
            keys = self._rules.world_keys[turn]
            unit = self._keyed.unit
            # unit() written out for the lot's racers, the hottest draws: the game's hashed
            # prefix, copied, with the storylet's key after it (draws.Keyed).
            prefix = self._keyed.state
            for storylet in window:
                sid = storylet.id
                if storylet.once and fired[sid]:
                    if trace is not None:
                        trace.append(Judged(sid, fired[sid], True, None, None, False))
                    continue
                when = storylet.when
                if when is not None and not when(s):
                    if trace is not None:
                        trace.append(Judged(sid, fired[sid], False, False, None, False))
                    continue
                chance = storylet.chance
                if chance is None:
                    lot.append(storylet)
                    if trace is not None:
                        held = None if when is None else True
                        trace.append(Judged(sid, fired[sid], False, held, None, True))
                    continue
                p = chance(s)
                if p - p != 0.0:
                    self._non_finite(sid, said("the chance"), str(storylet.model.chance), p)
                if trace is not None:
                    held = None if when is None else True
                    trace.append(Judged(sid, fired[sid], False, held, p, True))
                # ``draw < p`` is the clamp: p >= 1 always happens and p <= 0 never, undrawn.
                if p >= 1.0 or (p > 0.0 and unit(keys[sid]) < p):
                    happen.append(storylet)
            if len(lot) == 1:
                winner = lot[0]  # one racer wins without a draw
            elif lot:
                # The lot's race (:func:`~sahelsim.engine.draws.race`), written out: it runs
                # once a turn in every game. A race reads only the racers' own draws.
                best = math.inf
                for racer in lot:
                    weight = racer.weight
                    if not weight > 0.0:
                        continue
                    hashed = prefix.copy()
                    hashed.update(keys[racer.id])
                    u = (int.from_bytes(hashed.digest(), "big") >> 11) * SCALE
                    time = -math.log(u) / weight if u > 0.0 else math.inf
                    if winner is None or time < best:
                        winner, best = racer, time
        elif window:
            draw = self._draw("world", turn)
            total = 0.0
            for storylet in window:
                sid = storylet.id
                if storylet.once and fired[sid]:
                    if trace is not None:
                        trace.append(Judged(sid, fired[sid], True, None, None, False))
                    continue
                if storylet.when is not None and not storylet.when(s):
                    if trace is not None:
                        trace.append(Judged(sid, fired[sid], False, False, None, False))
                    continue
                held = None if storylet.when is None else True
                if storylet.chance is None:
                    lot.append(storylet)
                    total += storylet.weight
                    if trace is not None:
                        trace.append(Judged(sid, fired[sid], False, held, None, True))
                    continue
                p = storylet.chance(s)
                if p - p != 0.0:
                    self._non_finite(sid, said("the chance"), str(storylet.model.chance), p)
                if trace is not None:
                    trace.append(Judged(sid, fired[sid], False, held, p, True))
                if draw() < p:
                    happen.append(storylet)
            if lot:
                point = draw() * total
                winner = lot[-1]  # should rounding leave ``point`` past the last weight
                for storylet in lot:
                    point -= storylet.weight
                    if point < 0:
                        winner = storylet
                        break
        if winner is not None:
            happen.append(winner)
            if len(happen) > 1:
                happen.sort(key=_file_order)
        if self._judgements is not None and trace is not None:
            self._judgements.append(
                Judgement(
                    turn,
                    tuple(trace),
                    tuple(storylet.id for storylet in lot),
                    winner.id if winner is not None else None,
                    tuple(storylet.id for storylet in happen),
                )
            )
        return happen

    def _reach_ending(self, turn: int, date: dt.date | None) -> bool:
        """End the game if one of the role's early endings holds, or on the last turn; True if
        it ended (and the world's outcome is decided too)."""
        s = self._s
        ending = None
        for candidate in self._early:
            if candidate.when is None or candidate.when(s):
                ending = candidate
                break
        if ending is None and turn >= self._rules.turns:
            for candidate in self._endings:
                if candidate.when is None or candidate.when(s):
                    ending = candidate
                    break
            else:
                # The loader requires each role's last ending to have no condition, so this is
                # only a guard: a game must always end.
                ending = self._endings[-1] if self._endings else self._rules.endings[-1]
        if ending is None:
            return False
        self._ending = ending
        outcomes = self._outcomes
        if outcomes:
            for outcome in outcomes:
                if outcome.when is None or outcome.when(s):
                    self._outcome = outcome
                    break
            else:
                self._outcome = outcomes[-1]  # as for endings, only a guard
        if self._log is not None:
            model = ending.model
            self._log.append(
                LogEntry(turn, date, Kind.ending, model.title, model.text, (), ending.id)
            )
        return True

    def _reach_team_ending(self, turn: int, date: dt.date | None) -> bool:
        """:meth:`_reach_ending` for a team game: the game ends for the whole team when one
        role's early ending holds (each role's judged as it sees the state, in the team's
        order), or on the last turn. Then each role gets its ending: the first of its early
        endings that holds, else the first of all its endings that holds (the last has no
        condition). True if it ended (and the world's outcome is decided too)."""
        team = self._team
        assert team is not None
        s = self._s
        roles = team.roles
        early: dict[str, CEnding] = {}
        for role in roles:
            self._as(role)
            for candidate in team.endings[role][1]:
                if candidate.when is None or candidate.when(s):
                    early[role] = candidate
                    break
        if not early and turn < self._rules.turns:
            self._as(roles[0])
            return False
        reached: dict[str, CEnding] = {}
        for role in roles:
            ending = early.get(role)
            if ending is None:
                self._as(role)
                mine = team.endings[role][0]
                for candidate in mine:
                    if candidate.when is None or candidate.when(s):
                        ending = candidate
                        break
                else:
                    # As for one role, only a guard: each role's last ending has no condition.
                    ending = mine[-1] if mine else self._rules.endings[-1]
            reached[role] = ending
        self._as(roles[0])
        team.reached = reached
        self._ending = reached[roles[0]]
        outcomes = self._outcomes
        if outcomes:
            for outcome in outcomes:
                if outcome.when is None or outcome.when(s):
                    self._outcome = outcome
                    break
            else:
                self._outcome = outcomes[-1]
        if self._log is not None:
            for role, ending in reached.items():
                model = ending.model
                self._log.append(
                    LogEntry(
                        turn, date, Kind.ending, model.title, model.text, (), ending.id, role=role
                    )
                )
        return True

    def _apply(
        self,
        effects: tuple[Effect, ...],
        dynamic: Dynamic,
        control: Control,
        rule: str,
        written: Mapping[str, float | str],
    ) -> tuple[tuple[Change, ...], tuple[Handover, ...]]:
        """Apply one item's effects and control; return the changes (when logging).

        Args:
            rule: The rule the effects belong to, named if an amount is not a finite number.
            written: The effects as the scenario writes them, for that message.

        Raises:
            NonFinite: an amount gave NaN or an infinity.
        """
        s = self._s
        logging = self._log is not None
        changes: list[Change] = []
        if effects:
            if dynamic is not None:
                effects = self._evaluated(effects, dynamic, rule, written)
            indicators = s.indicators
            strength = s.strength
            for is_strength, key, delta, low, high, target in effects:
                table = strength if is_strength else indicators
                before = table[key]
                after = before + delta
                if after < low:
                    after = low
                elif after > high:
                    after = high
                if after != before:
                    table[key] = after
                    if logging:
                        changes.append(Change(target, before, after))
        if not control:
            return (tuple(changes) if changes else ()), ()
        handovers: list[Handover] = []
        held_by = s.held_by
        for place, holder in control:
            before_holder = held_by[place]
            if before_holder != holder:
                held_by[place] = holder
                if logging:
                    handovers.append(Handover(place, before_holder, holder))
        return (tuple(changes) if changes else ()), tuple(handovers)

    def _change(
        self,
        effects: tuple[Effect, ...],
        dynamic: Dynamic,
        control: Control,
        rule: str,
        written: Mapping[str, float | str],
    ) -> None:
        """:meth:`_apply` for a game that keeps no log: the same changes, none recorded."""
        s = self._s
        indicators = s.indicators
        strength = s.strength
        if dynamic is None:
            for is_strength, key, delta, low, high, _target in effects:
                table = strength if is_strength else indicators
                before = table[key]
                after = before + delta
                if after < low:
                    after = low
                elif after > high:
                    after = high
                if after != before:
                    table[key] = after
        else:
            # The same, each amount evaluated first (all on the state before any applies).
            deltas = self._amounts(effects, dynamic, rule, written)
            for (is_strength, key, _, low, high, _target), delta in zip(
                effects, deltas, strict=True
            ):
                table = strength if is_strength else indicators
                before = table[key]
                after = before + delta
                if after < low:
                    after = low
                elif after > high:
                    after = high
                if after != before:
                    table[key] = after
        if control:
            held_by = s.held_by
            for place, holder in control:
                held_by[place] = holder

    def _evaluated(
        self,
        effects: tuple[Effect, ...],
        dynamic: tuple[Amount | None, ...],
        rule: str,
        written: Mapping[str, float | str],
    ) -> tuple[Effect, ...]:
        """The effects with their amounts evaluated (:meth:`_amounts`)."""
        deltas = self._amounts(effects, dynamic, rule, written)
        return tuple(
            [
                (is_strength, key, delta, low, high, target)
                for (is_strength, key, _, low, high, target), delta in zip(
                    effects, deltas, strict=True
                )
            ]
        )

    def _amounts(
        self,
        effects: tuple[Effect, ...],
        dynamic: tuple[Amount | None, ...],
        rule: str,
        written: Mapping[str, float | str],
    ) -> list[float]:
        """The amount of each effect, each evaluated on the state before any of them applies.

        Raises:
            NonFinite: an amount gave NaN or an infinity (the first such, in order).
        """
        s = self._s
        deltas = [
            effect[2] if fn is None else fn(s) for fn, effect in zip(dynamic, effects, strict=True)
        ]
        for delta, effect in zip(deltas, effects, strict=True):
            if delta - delta != 0.0:
                target = effect[5]
                what = said("the effect on {target!r}", target=target)
                self._non_finite(rule, what, str(written.get(target)), delta)
        return deltas

    @staticmethod
    def _non_finite(rule: str, what: str, source: str, value: float) -> None:
        raise NonFinite(rule, what, source, value)

    def _overruled(
        self,
        decision: CDecision,
        advised: str,
        rule: str,
        turn: int,
        date: dt.date | None,
        role: str,
        concerns: str | None,
    ) -> LogEntry:
        model = decision.model
        labels = {option.id: option.label for option in model.options}
        historical = decision.historical or ""
        text = (
            f"{_principal(self._scenario, role)} overruled your advice ({labels[advised]}) "
            f"and did what history records: {labels[historical]}."
        )
        if model.historical and model.historical.note:
            text = f"{text} {model.historical.note}"
        return LogEntry(
            turn,
            date,
            Kind.overruled,
            f"Advice overruled: {model.title}",
            text,
            decision.historical_facts,
            rule,
            (),
            (),
            (),
            decision.id,
            advised,
            historical,
            role=concerns,
        )


def _file_order(storylet: CStorylet) -> int:
    return storylet.index


def _no_stream() -> float:
    raise AssertionError("only dice 1 draws from the game's one stream")


def _votes(decision: CDecision, tally: Mapping[str, int], shown: Sequence[str]) -> Votes:
    """The tally as votes for each of the decision's options, in the order ``shown`` (the order
    the game showed them, so that a class's letters A–D read the same in the debrief).

    Raises:
        UnknownOption: the tally names an option the decision does not have.
        BadTally: a count is not an ``int`` of 0 or more.
    """
    for option_id, count in tally.items():
        if option_id not in decision.options:
            raise UnknownOption(
                # TRANSLATORS: {hint} is " (did you mean 'x'?)" or nothing; {options} lists the
                # decision's option ids, quoted.
                said(
                    "the tally on {decision!r} names no option of it: {option!r}{hint}; "
                    "options: {options}",
                    decision=decision.id,
                    option=option_id,
                    hint=hint(option_id, decision.options),
                    options=listing(decision.options),
                )
            )
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise BadTally(
                # TRANSLATORS: {option} is the option's id; {count} the count given, as written.
                said(
                    "the tally on {decision!r} gives {option!r} {count!r} votes; "
                    "a count is a whole number, 0 or more",
                    decision=decision.id,
                    option=option_id,
                    count=count,
                )
            )
    return tuple((option_id, tally.get(option_id, 0)) for option_id in shown)


def dice(seed: int, purpose: str, *keys: object) -> Callable[[], float]:
    """The ``.random`` of a generator seeded with the text
    ``"sahelsim-dice/2:{seed}:{purpose}:{key}:..."``: the same on every Python version and in
    every process. Dice version 3 draws with :mod:`sahelsim.engine.draws` instead.

    Each chance draw of a game saved with dice version 2 comes from one of these, keyed by what it
    decides: ``accept`` with the turn and decision, ``later`` with the turn it falls due, the
    turn decided and its rule, ``world`` with the turn (every storylet draw of that turn, in
    order). So a choice that spends a draw, or none, never shifts the dice of anything else.
    """
    key = ":".join(str(part) for part in keys)
    return random.Random(f"sahelsim-dice/2:{seed}:{purpose}:{key}").random


def option_order(seed: int, decision_id: str, option_ids: Sequence[str]) -> tuple[str, ...]:
    """The order in which a game seeded ``seed`` shows the options of ``decision_id``.

    A Fisher–Yates shuffle of ``option_ids`` drawn from a generator of its own, seeded with the
    text ``"sahelsim-order/1:{seed}:{decision_id}"`` and used through ``.random()`` only: the
    same on every Python version and in every process, different from one seed (and one
    decision) to the next, and never a draw from the game's own stream.
    """
    draw = random.Random(f"sahelsim-order/{ORDER}:{seed}:{decision_id}").random
    ids = list(option_ids)
    for i in range(len(ids) - 1, 0, -1):
        j = int(draw() * (i + 1))
        ids[i], ids[j] = ids[j], ids[i]
    return tuple(ids)


def _accept_source(game: Game, rule: str) -> str:
    """The acceptance chance as written, for the rule that names it."""
    model = game.scenario.model
    if rule == "advice.accept":
        return str(model.advice.accept)
    head, _, tail = rule.partition(".")
    if head == "roles":
        return str(model.roles[tail.partition(".")[0]].accept)
    decision = next(d for d in model.decisions if d.id == head)
    return str(decision.accept)


def _team_roles(
    scenario: LoadedScenario, role: str | None, roles: Sequence[str] | None
) -> tuple[str, ...]:
    """The roles a game is played by, checked: ``(role,)``, or ``roles`` as a tuple.

    Raises:
        EngineError: neither or both are given, ``roles`` is empty or names a role twice.
        UnknownRole: a role the scenario lacks.
    """
    if (role is None) == (roles is None):
        raise EngineError(said("a game is played by a role or by roles: give one of them"))
    team = (role,) if role is not None else tuple(roles or ())
    if not team:
        raise EngineError(said("a team game needs at least one role"))
    for one in team:
        if not isinstance(one, str):
            raise EngineError(said("a role is named by its id, not {role!r}", role=one))
        require_role(scenario, one)
    seen: set[str] = set()
    for one in team:
        if one in seen:
            raise EngineError(said("role {role!r} is named twice; each role plays once", role=one))
        seen.add(one)
    return team


def require_role(scenario: LoadedScenario, role: str) -> None:
    """Check that ``role`` is one of the scenario's roles.

    Raises:
        UnknownRole: it is not, with a did-you-mean and the roles there are.
    """
    roles = scenario.model.roles
    if role not in roles:
        raise UnknownRole(
            # TRANSLATORS: {hint} is " (did you mean 'x'?)" or nothing; {scenario} is the
            # scenario's id; {roles} lists its roles' ids, quoted.
            said(
                "unknown role {role!r}{hint}; {scenario!r} has roles {roles}",
                role=role,
                hint=hint(role, roles),
                scenario=scenario.id,
                roles=listing(roles),
            )
        )


def _principal(scenario: LoadedScenario, role: str, *, start: bool = True) -> str:
    """How the log names the principal who may overrule the player, capitalised to start a
    sentence (``start``), else as written."""
    name = scenario.model.principal_name(role)
    return name[:1].upper() + name[1:] if start else name
