"""What ``sahelsim simulate`` prints: the balance report as text or JSON, and one game's log."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sahelsim.engine import LogEntry
from sahelsim.scenario.judged import role_endings
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.simulate.runner import Outcome
from sahelsim.simulate.stats import Tally
from sahelsim.telling.words import Words, tag
from sahelsim.text import clean, one_line

#: The JSON report's keys that measure time; they differ between otherwise identical runs.
TIMING_KEYS = ("seconds", "runs_per_second", "jobs")


def summary(
    outcome: Outcome,
    scenario: LoadedScenario,
    *,
    seed: int,
    role: str,
    policy: str,
    roles: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The report as a JSON-ready mapping (``--format json`` prints exactly this).

    For team games (``roles``, two or more; ``role`` is the first), the report has ``roles``,
    ``endings_by_role`` in place of ``endings``, each decision's ``role`` and ``sways``, each
    option's ``endings`` by role, and ``standing`` by role (see :func:`_team_parts`).
    """
    tally = outcome.tally
    model = scenario.model
    runs = tally.runs

    def share(n: int, of: int = runs) -> float:
        return n / of if of else 0.0

    endings = []
    for ending in model.endings:
        count = tally.endings.get(ending.id, 0)
        decided = [
            {"conditions": why, "count": n, "share": share(n, count)}
            for (ending_id, why), n in sorted(tally.decided.items(), key=lambda kv: -kv[1])
            if ending_id == ending.id and why
        ]
        endings.append(
            {
                "id": ending.id,
                "title": ending.title,
                "count": count,
                "share": share(count),
                "decided_by": decided,
            }
        )
    worlds = [
        {
            "id": o.id,
            "title": o.title,
            "count": tally.worlds.get(o.id, 0),
            "share": share(tally.worlds.get(o.id, 0)),
        }
        for o in model.outcomes
    ]
    indicators = []
    for key, indicator in model.indicators.items():
        dist = tally.indicators[key]
        indicators.append(
            {
                "id": key,
                "name": indicator.name,
                "mean": dist.mean,
                "min": dist.smallest,
                "q1": dist.quantile(0.25),
                "median": dist.quantile(0.5),
                "q3": dist.quantile(0.75),
                "max": dist.largest,
                "exact": dist.is_exact,
            }
        )
    decisions = []
    for decision in model.decisions:
        if not any(decision.offered_to(one) for one in roles or (role,)):
            continue  # another role's decision: never offered to this player, by design
        offered = tally.offered.get(decision.id, 0)
        options = []
        for option in decision.options:
            pair = (decision.id, option.id)
            carried = tally.carried(*pair)
            ends = tally.option_endings(*pair)
            advised = tally.advised.get(pair, 0)
            options.append(
                {
                    "id": option.id,
                    "label": option.label,
                    "advised": advised,
                    "advised_share": share(advised, offered),
                    "carried_out": carried,
                    "carried_out_share": share(carried, offered),
                    "endings": {e.id: ends[e.id] for e in model.endings if ends[e.id]},
                }
            )
        overruled = tally.overruled.get(decision.id, 0)
        decisions.append(
            {
                "id": decision.id,
                "title": decision.title,
                "offered": offered,
                "offered_share": share(offered),
                "overruled": overruled,
                "overruled_share": share(overruled, offered),
                "options": options,
            }
        )
    if roles:
        decisions = _team_parts(tally, scenario, roles, decisions)
    storylets = [_happened(tally, s.id, s.title, runs) for s in model.storylets]
    events = [_happened(tally, e.id, e.title, runs) for e in model.events]
    moves = [
        {"actor": actor_id, **_happened(tally, m.id, m.title, runs)}
        for actor_id, actor in model.actors.items()
        if actor.doctrine is not None
        for m in actor.doctrine.moves
    ]
    seconds = outcome.seconds
    report: dict[str, Any] = {
        "scenario": {"id": scenario.id, "digest": scenario.digest},
        "role": role,
        "policy": policy,
        "seed": seed,
        "runs": runs,
        "turns_per_game": share(tally.turns),
        "endings": endings,
        "outcomes": worlds,
        "indicators": indicators,
        "decisions": decisions,
        "never_offered": [d["id"] for d in decisions if not d["offered"]],
        "storylets": storylets,
        "never_fired": [s["id"] for s in storylets if not s["games"]],
        "events": events,
        "moves": moves,
        "seconds": seconds,
        "runs_per_second": runs / seconds if seconds > 0 else None,
        "jobs": outcome.jobs,
    }
    if roles:
        # A team's report: every role's endings, in place of one role's.
        by_role = _team_endings(tally, scenario, roles)
        report = {
            key: value
            for key, value in report.items()
            if key not in ("endings", "runs_per_second", "seconds", "jobs")
        }
        report = {
            **{key: report[key] for key in ("scenario", "role")},
            "roles": list(roles),
            **report,
        }
        report["endings_by_role"] = by_role
        report["standing"] = _team_standing(tally, roles)
        report.update(seconds=seconds, runs_per_second=runs / seconds if seconds > 0 else None)
        report["jobs"] = outcome.jobs
    return report


def _team_endings(
    tally: Tally, scenario: LoadedScenario, roles: tuple[str, ...]
) -> list[dict[str, Any]]:
    """For each role of a team, the games that reached each of its endings."""
    model = scenario.model
    runs = tally.runs
    found = []
    for role in roles:
        endings = []
        for index in role_endings(model, role):
            ending = model.endings[index]
            count = tally.role_endings.get((role, ending.id), 0)
            decided = [
                {"conditions": why, "count": n, "share": n / count if count else 0.0}
                for (r, ending_id, why), n in sorted(
                    tally.role_decided.items(), key=lambda kv: -kv[1]
                )
                if r == role and ending_id == ending.id and why
            ]
            endings.append(
                {
                    "id": ending.id,
                    "title": ending.title,
                    "count": count,
                    "share": count / runs if runs else 0.0,
                    "decided_by": decided,
                }
            )
        found.append({"role": role, "name": model.roles[role].name, "endings": endings})
    return found


def _team_standing(tally: Tally, roles: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each role's final standing with its principal, as the indicators' rows give theirs."""
    rows = []
    for role in roles:
        dist = tally.standing.get(role)
        if dist is None:
            continue
        rows.append(
            {
                "role": role,
                "mean": dist.mean,
                "min": dist.smallest,
                "q1": dist.quantile(0.25),
                "median": dist.quantile(0.5),
                "q3": dist.quantile(0.75),
                "max": dist.largest,
                "exact": dist.is_exact,
            }
        )
    return rows


def _team_parts(
    tally: Tally,
    scenario: LoadedScenario,
    roles: tuple[str, ...],
    decisions: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """The decisions of a team's report: each with the ``role`` it is for (the first of the
    team's roles it may be offered to), each option's ``endings`` by role (the games that
    carried it out, per ending of each role), and ``sways``: for each other role, how far this
    decision moves that role's ending — the largest difference, over that role's endings,
    between the options carried out in the share of their games that reached it (``points``,
    0 to 1, with that ``ending``). Only options carried out in some game count."""
    model = scenario.model
    by_id = {d.id: d for d in model.decisions}
    for entry in decisions:
        decision = by_id[entry["id"]]
        owner = next(one for one in roles if decision.offered_to(one))
        entry["role"] = owner
        for option in entry["options"]:
            option["endings"] = {
                role: dict(
                    sorted(
                        tally.role_option_endings(decision.id, option["id"], role).items(),
                        key=lambda kv: _ending_index(model, kv[0]),
                    )
                )
                for role in roles
            }
        sways = []
        for other in roles:
            if other == owner:
                continue
            points, ending = tally.sway(
                decision.id,
                [o["id"] for o in entry["options"]],
                other,
                [model.endings[i].id for i in role_endings(model, other)],
            )
            sways.append({"role": other, "points": points, "ending": ending})
        entry["sways"] = sways
    return decisions


def _ending_index(model: Any, ending_id: str) -> int:
    return next((i for i, e in enumerate(model.endings) if e.id == ending_id), len(model.endings))


def _happened(tally: Tally, ident: str, title: str, runs: int) -> dict[str, Any]:
    games = tally.fired_games.get(ident, 0)
    return {
        "id": ident,
        "title": title,
        "games": games,
        "share": games / runs if runs else 0.0,
        "times": tally.fired_total.get(ident, 0),
    }


def render_json(report: dict[str, Any]) -> str:
    """The report as indented JSON."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def render_text(report: dict[str, Any]) -> str:
    """The report as plain text for a terminal (no colour, no markup)."""
    lines: list[str] = []
    add = lines.append
    jobs = report["jobs"]
    speed = report["runs_per_second"]
    team = "roles" in report
    who = f"roles {', '.join(report['roles'])}" if team else f"role {report['role']}"
    add(
        f"{report['scenario']['id']}: {report['runs']:,} runs, {who}, "
        f"policy {report['policy']}, seed {report['seed']}"
    )
    rate = f"{speed:,.0f} runs/s" if speed else "—"
    add(
        f"{report['seconds']:.2f} s, {rate} ({jobs} job{'s' if jobs != 1 else ''}); "
        f"{report['turns_per_game']:.1f} turns a game"
    )
    blocks = (
        [(f"Endings of {b['role']} ({b['name']})", b["endings"]) for b in report["endings_by_role"]]
        if team
        else [("Endings", report["endings"])]
    )
    for heading, endings in blocks:
        add("")
        add(heading)
        width = max((len(e["id"]) for e in endings), default=0)
        for e in endings:
            add(f"  {e['id']:<{width}}  {e['count']:>8,}  {_pct(e['share'])}  {e['title']}")
            for d in e.get("decided_by", ()):
                add(f"  {'':<{width}}  {_pct(d['share'])} of them by {d['conditions']}")
    if report.get("outcomes"):
        add("")
        add("The world's outcomes (simulated, whichever role)")
        width = max(len(o["id"]) for o in report["outcomes"])
        for o in report["outcomes"]:
            add(f"  {o['id']:<{width}}  {o['count']:>8,}  {_pct(o['share'])}  {o['title']}")

    add("")
    width = max((len(i["id"]) for i in report["indicators"]), default=0)
    head = "".join(f"{name:>8}" for name in ("mean", "min", "q1", "median", "q3", "max"))
    add(f"{'Indicators at the end':<{width + 2}}{head}")
    approximate = False
    for i in report["indicators"]:
        cells = "".join(
            f"{_num(i[key]):>8}" for key in ("mean", "min", "q1", "median", "q3", "max")
        )
        mark = "" if i["exact"] else "  ~"
        approximate = approximate or not i["exact"]
        add(f"  {i['id']:<{width}}{cells}{mark}")
    if team and report["standing"]:
        add("  standing, each role's own:")
        for row in report["standing"]:
            cells = "".join(
                f"{_num(row[key]):>8}" for key in ("mean", "min", "q1", "median", "q3", "max")
            )
            mark = "" if row["exact"] else "  ~"
            approximate = approximate or not row["exact"]
            add(f"  {row['role']:<{width}}{cells}{mark}")
    if approximate:
        add("  ~ quartiles to the nearest 1/1000 of the range (too many distinct values)")

    add("")
    add("Decisions: offered in share of games; each option advised / carried out when offered")
    for d in report["decisions"]:
        overruled = (
            f", advice overruled {_pct(d['overruled_share']).strip()}" if d["overruled"] else ""
        )
        owner = f" ({d['role']})" if team else ""
        add(
            f"  {d['id']}{owner}  offered {_pct(d['offered_share']).strip()}{overruled}"
            f" — {d['title']}"
        )
        width = max(len(o["id"]) for o in d["options"])
        for o in d["options"]:
            counts = o["endings"][d["role"]] if team else o["endings"]
            ends = _endings(counts, o["carried_out"])
            add(
                f"    {o['id']:<{width}}  advised {_pct(o['advised_share'])}"
                f"  carried out {_pct(o['carried_out_share'])}{ends}"
            )
        if team and d["sways"]:
            sways = ", ".join(
                f"{sway['role']} {sway['points'] * 100:.1f} pts"
                + (f" ({sway['ending']})" if sway["ending"] else "")
                for sway in d["sways"]
            )
            add(f"    sways the others' endings: {sways}")

    if report["storylets"]:
        add("")
        add("Storylets: share of games in which each happened (times in all)")
        width = max(len(s["id"]) for s in report["storylets"])
        for s in report["storylets"]:
            add(f"  {s['id']:<{width}}  {_pct(s['share'])}  ({s['times']:,})  {s['title']}")
    if report["moves"]:
        add("")
        add("Actors' moves: share of games in which each happened (times in all)")
        width = max(len(f"{m['actor']}.{m['id']}") for m in report["moves"])
        for m in report["moves"]:
            rule = f"{m['actor']}.{m['id']}"
            add(f"  {rule:<{width}}  {_pct(m['share'])}  ({m['times']:,})  {m['title']}")
    if report["events"]:
        add("")
        add("Reported events: share of games in which each happened as reported")
        width = max(len(e["id"]) for e in report["events"])
        for e in report["events"]:
            add(f"  {e['id']:<{width}}  {_pct(e['share'])}  {e['title']}")

    add("")
    add(f"Never offered: {', '.join(report['never_offered']) or 'none'}")
    add(f"Never fired: {', '.join(report['never_fired']) or 'none'}")
    return "\n".join(lines) + "\n"


def _pct(share: float) -> str:
    return f"{share * 100:6.1f}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _endings(counts: dict[str, int], of: int) -> str:
    if not of:
        return ""
    parts = [f"{ending} {n / of * 100:.0f}%" for ending, n in counts.items()]
    return "  → " + ", ".join(parts)


def format_entry(entry: LogEntry, words: Words, *, team: bool = False) -> str:
    """One log entry as plain text for authors (``simulate --log``): a head line with the turn,
    its date and the entry's provenance tag as every face gives it, then the title, the text,
    the decision with its ids, and each change, as the game shows them.

    Scenario text is cleaned (:func:`~sahelsim.text.clean`): nothing in a scenario reaches the
    terminal as an escape sequence. In a team game's log (``team``), the head line also names
    the role the entry concerns, ``· for editor`` (the world's entries name none)."""
    title = one_line(entry.title)
    head = f"[{words.turn_dated(entry.turn)}] {tag(entry).words()}"
    if team and entry.role is not None:
        head = f"{head} · for {one_line(entry.role)}"
    lines = [head, f"  {title}"]
    # A decision without an outcome text repeats its option's label, already in the title.
    if one_line(entry.text) not in title:
        lines += [f"  {line}" if line.strip() else "" for line in clean(entry.text).splitlines()]
    because = words.because(entry)
    if because:
        lines.append(f"  {because}")
    if entry.decision:
        advised = words.option(entry.decision, entry.advised)
        done = words.option(entry.decision, entry.carried_out)
        lines.append(
            f"  decision {one_line(entry.decision)}: advised {advised} "
            f"({one_line(entry.advised or 'none')}), carried out {done} "
            f"({one_line(entry.carried_out or 'none')})"
        )
    lines += [f"  {said}" for said in words.changes(entry)]
    return "\n".join(lines)


def format_log(entries: Iterable[LogEntry], words: Words, *, team: bool = False) -> str:
    """A whole log as plain text, entries separated by blank lines (``team``: a team game's,
    each entry naming the role it concerns)."""
    return "\n\n".join(format_entry(entry, words, team=team) for entry in entries) + "\n"
