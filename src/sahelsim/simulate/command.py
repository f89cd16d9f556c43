"""``sahelsim simulate``: the command's work, apart from its click wrapper in ``sahelsim.cli``.

Every error a user can cause (a bad path, scenario, role or policy) is a :class:`SimulateError`
with one line to show, in the program's language, and an exit status. The report, the log and
the progress bar are in that language too; the JSON is data, with English keys.
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, TextIO

from sahelsim.engine import UnknownRole, require_role
from sahelsim.i18n import _
from sahelsim.said import spoken_error
from sahelsim.telling.opening import EXIT_USAGE, OpenError, open_scenario

if TYPE_CHECKING:
    from sahelsim.scenario.loaded import LoadedScenario
    from sahelsim.simulate.policy import Policy


class SimulateError(OpenError):
    """A simulation cannot run; ``str()`` is one line, ``code`` the exit status (by default 2:
    an option or name that cannot be used)."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message, code)


def run(
    scenario_name: str | None,
    *,
    runs: int,
    seed: int,
    policy: str = "random",
    role: str | None = None,
    jobs: int = 1,
    fmt: str = "text",
    show_log: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    roles: str | None = None,
) -> None:
    """Run ``sahelsim simulate`` and write its report to ``out``.

    Args:
        scenario_name: A scenario path or id, or ``None`` for the bundled Mali scenario.
        runs: The number of games.
        seed: The simulation's seed.
        policy: ``random``, ``historical`` or a policy file.
        role: The role to advise (default: the scenario's first).
        roles: For team games, the roles that play each game at once, comma-separated, in the
            order their advice is resolved (``--roles a,b,c``); not with ``role``.
        jobs: Processes to use.
        fmt: ``text`` or ``json``.
        show_log: Print the one game's full log instead of statistics (needs ``runs == 1``).
        out: Where the report goes (default: stdout).
        err: Where the progress bar goes when it is a terminal (default: stderr).

    Raises:
        SimulateError: with a one-line message.
    """
    from sahelsim.engine.verdict import explain
    from sahelsim.simulate.policy import PolicyError, load_policy
    from sahelsim.simulate.report import format_log, render_json, render_text, summary
    from sahelsim.simulate.runner import play, simulate
    from sahelsim.telling.words import Words

    out = out or sys.stdout
    err = err or sys.stderr
    if show_log and runs != 1:
        raise SimulateError(_("--log prints one game's log: use it with --runs 1"))
    if runs < 1 or jobs < 1:
        raise SimulateError(_("--runs and --jobs must be at least 1"))
    if role is not None and roles is not None:
        raise SimulateError(_("--role and --roles cannot be used together: give one of them"))
    team: tuple[str, ...] = ()
    if roles is not None:
        team = tuple(part.strip() for part in roles.split(","))
        if not all(team):
            raise SimulateError(
                # TRANSLATORS: {roles} is what was typed after --roles, quoted ('editor,').
                _(
                    "--roles takes role ids separated by commas, not {roles!r} "
                    "(e.g. --roles editor,humanitarian)"
                ).format(roles=roles)
            )
        twice = next((r for i, r in enumerate(team) if r in team[:i]), None)
        if twice is not None:
            raise SimulateError(
                # TRANSLATORS: {role} is the role id named twice, quoted ('editor').
                _("--roles names {role!r} twice; each role plays once").format(role=twice)
            )
    scenario = open_scenario(scenario_name)
    role = team[0] if team else role if role is not None else next(iter(scenario.model.roles))
    try:
        for one in team or (role,):
            require_role(scenario, one)
    except UnknownRole as exc:
        raise SimulateError(spoken_error(exc, _)) from None
    if len(team) == 1:
        team = ()  # one role: the one-role game, exactly
    several = team or None
    try:
        chosen = load_policy(policy, scenario)
    except PolicyError as exc:
        raise SimulateError(spoken_error(exc, _)) from None

    if show_log:
        if several:
            _team_log(scenario, chosen, seed, team, fmt, out)
            return
        game = play(scenario, chosen, seed=seed, run=0, role=role, log=True)
        explained = explain(game)
        if fmt == "json":
            payload = {
                "scenario": scenario.id,
                "role": role,
                "policy": chosen.name,
                "seed": seed,
                "game_seed": game.seed,
                "ending": game.ending.id if game.ending else None,
                "outcome": game.outcome.id if game.outcome else None,
                "explanation": Words(scenario.model).explanation(explained) if explained else [],
                "log": [entry.to_json() for entry in game.log],
            }
            out.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        else:
            words = Words(scenario.model)
            out.write(format_log(game.log, words))
            if explained is not None:
                # TRANSLATORS: the heading of the explanation after simulate's log.
                out.write("\n" + _("Why this ending (simulated):") + "\n")
                out.writelines(f"  {text}\n" for text in words.explanation(explained))
        return

    bar = _Bar(err) if _is_tty(err) else None
    try:
        outcome = simulate(
            scenario,
            chosen,
            runs=runs,
            seed=seed,
            role=None if several else role,
            jobs=jobs,
            progress=bar.update if bar else None,
            roles=several,
        )
    except BrokenProcessPool:
        raise SimulateError(_("a worker process failed to start or died; try --jobs 1")) from None
    finally:
        if bar:
            bar.clear()
    report = summary(outcome, scenario, seed=seed, role=role, policy=chosen.name, roles=team)
    out.write(render_json(report) if fmt == "json" else render_text(report))


def _team_log(
    scenario: LoadedScenario,
    policy: Policy,
    seed: int,
    roles: tuple[str, ...],
    fmt: str,
    out: TextIO,
) -> None:
    """``--runs 1 --log`` for a team game: its full log, each entry with the role it concerns,
    then each role's ending and why."""
    from sahelsim.engine.verdict import explain
    from sahelsim.simulate.report import format_log
    from sahelsim.simulate.runner import play
    from sahelsim.telling.words import Words

    game = play(scenario, policy, seed=seed, run=0, roles=roles, log=True)
    words = Words(scenario.model)
    explained = {role: explain(game, role=role) for role in roles}
    if fmt == "json":
        payload = {
            "scenario": scenario.id,
            "role": roles[0],
            "roles": list(roles),
            "policy": policy.name,
            "seed": seed,
            "game_seed": game.seed,
            "endings": {role: ending.id for role, ending in game.endings.items()},
            "outcome": game.outcome.id if game.outcome else None,
            "explanations": {
                role: words.explanation(found) if found else [] for role, found in explained.items()
            },
            "log": [entry.to_json(team=True) for entry in game.log],
        }
        out.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return
    out.write(format_log(game.log, words, team=True))
    for role, found in explained.items():
        if found is not None:
            # TRANSLATORS: the heading of a role's explanation after a team game's log; {role}
            # is the role's id.
            out.write("\n" + _("Why this ending for {role} (simulated):").format(role=role) + "\n")
            out.writelines(f"  {text}\n" for text in words.explanation(found))


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Bar:
    """A one-line text progress bar on a terminal, shown only once a run lasts a while."""

    #: Seconds before the bar appears; short runs print nothing but their report.
    DELAY = 0.5
    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.perf_counter()
        self.width = 0

    def update(self, done: int, total: int) -> None:
        from sahelsim.simulate.report import fixed_number, percent_sign, whole_number

        elapsed = time.perf_counter() - self.started
        if elapsed < self.DELAY or done >= total:
            return
        filled = int(self.WIDTH * done / total)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        rate = done / elapsed if elapsed else 0.0
        # TRANSLATORS: simulate's progress bar, on a terminal: {bar} is "[####....]",
        # {percent} "  25%", {done} and {total} the games played and to play, {rate} how
        # many a second ("1,234").
        line = _("simulating {bar} {percent}  {done}/{total}  {rate} runs/s").format(
            bar=f"[{bar}]",
            percent=percent_sign(f"{done * 100 // total:3d}"),
            done=whole_number(done),
            total=whole_number(total),
            rate=fixed_number(rate, 0),
        )
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = max(self.width, len(line))

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
