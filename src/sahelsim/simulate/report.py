"""What ``sahelsim simulate`` prints: the balance report as text or JSON, and one game's log."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sahelsim.engine import LogEntry
from sahelsim.i18n import DEFAULT, _, format_number, language, ngettext, pgettext
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
    """The report as plain text for a terminal (no colour, no markup), in the program's
    language: its words and numbers are the language's, the scenario's ids are as written, and
    each table's columns are as wide as its words."""
    lines: list[str] = []
    add = lines.append
    jobs = report["jobs"]
    speed = report["runs_per_second"]
    team = "roles" in report
    if team:
        # TRANSLATORS: in simulate's first line: {roles} are the team's role ids, "editor,
        # humanitarian".
        who = _("roles {roles}").format(roles=", ".join(report["roles"]))
    else:
        # TRANSLATORS: in simulate's first line: {role} is the role's id.
        who = _("role {role}").format(role=report["role"])
    # TRANSLATORS: simulate's first line: "mali-2025-wagner-exit: 1,000 runs, role editor,
    # policy random, seed 0"; a run is one game played; {who} is "role editor" or "roles
    # editor, humanitarian"; {policy} is random, historical or a file's path, as typed.
    first = ngettext(
        "{scenario}: {runs} run, {who}, policy {policy}, seed {seed}",
        "{scenario}: {runs} runs, {who}, policy {policy}, seed {seed}",
        report["runs"],
    )
    add(
        first.format(
            scenario=report["scenario"]["id"],
            runs=whole_number(report["runs"]),
            who=who,
            policy=report["policy"],
            seed=report["seed"],
        )
    )
    # TRANSLATORS: how fast the games ran, "1,234 runs/s" (runs per second).
    rate = _("{rate} runs/s").format(rate=fixed_number(speed, 0)) if speed else "—"
    # TRANSLATORS: the processes the games ran in: "(1 job)", "(2 jobs)".
    processes = ngettext("{jobs} job", "{jobs} jobs", jobs).format(jobs=whole_number(jobs))
    # TRANSLATORS: simulate's second line: "0.52 s, 1,234 runs/s (1 job); 10.0 turns a game";
    # {seconds} is the time the games took, {rate} how fast they ran, {jobs} "1 job", {turns}
    # the mean number of turns a game lasted.
    timing = _("{seconds} s, {rate} ({jobs}); {turns} turns a game")
    add(
        timing.format(
            seconds=fixed_number(report["seconds"], 2, group=False),
            rate=rate,
            jobs=processes,
            turns=fixed_number(report["turns_per_game"], 1, group=False),
        )
    )
    blocks = (
        [
            # TRANSLATORS: a heading of simulate's report: {role} is a role's id, {name} its
            # name ("Endings of editor (Newsroom editor)").
            (_("Endings of {role} ({name})").format(role=b["role"], name=b["name"]), b["endings"])
            for b in report["endings_by_role"]
        ]
        if team
        else [(_("Endings"), report["endings"])]
    )
    for heading, endings in blocks:
        add("")
        add(heading)
        width = max((len(e["id"]) for e in endings), default=0)
        for e in endings:
            count = whole_number(e["count"])
            add(f"  {e['id']:<{width}}  {count:>8}  {_pct(e['share'])}  {e['title']}")
            for d in e.get("decided_by", ()):
                share = _pct(d["share"])
                # TRANSLATORS: under an ending's line in simulate's report: {percent} of the
                # games that reached it ("100.0%") reached it by {conditions}, comparisons
                # as the scenario writes them ("legitimacy >= 61").
                decided = _("{percent} of them by {conditions}").format(
                    percent=share.lstrip(), conditions=d["conditions"]
                )
                # The share's padding stays before the words, whichever comes first.
                pad = len(share) - len(share.lstrip())
                add(f"  {'':<{width + pad}}  {decided}")
    if report.get("outcomes"):
        add("")
        add(_("The world's outcomes (simulated, whichever role)"))
        width = max(len(o["id"]) for o in report["outcomes"])
        for o in report["outcomes"]:
            count = whole_number(o["count"])
            add(f"  {o['id']:<{width}}  {count:>8}  {_pct(o['share'])}  {o['title']}")

    add("")
    # The row labels' column fits the ids, and the heading beside the columns' names; each
    # column fits its name with two spaces before it, and is at least eight characters wide.
    heading = _("Indicators at the end")
    names = statistic_words()
    column = max(8, *(len(name) + 2 for name in names))
    ids = [i["id"] for i in report["indicators"]]
    if team:
        ids += [row["role"] for row in report["standing"]]
    label = max(max(map(len, ids), default=0) + 2, len(heading))
    head = "".join(f"{name:>{column}}" for name in names)
    add(f"{heading:<{label}}{head}")
    approximate = False
    for i in report["indicators"]:
        cells = "".join(f"{_num(i[key]):>{column}}" for key in STATISTICS)
        mark = "" if i["exact"] else "  ~"
        approximate = approximate or not i["exact"]
        add(f"  {i['id']:<{label - 2}}{cells}{mark}")
    if team and report["standing"]:
        # TRANSLATORS: in simulate's table of indicators, before each role's final standing
        # with its principal.
        add("  " + _("standing, each role's own:"))
        for row in report["standing"]:
            cells = "".join(f"{_num(row[key]):>{column}}" for key in STATISTICS)
            mark = "" if row["exact"] else "  ~"
            approximate = approximate or not row["exact"]
            add(f"  {row['role']:<{label - 2}}{cells}{mark}")
    if approximate:
        # TRANSLATORS: the note under simulate's table of indicators, for the rows marked "~".
        add("  " + _("~ quartiles to the nearest 1/1000 of the range (too many distinct values)"))

    add("")
    # TRANSLATORS: the heading of simulate's decisions: each decision's line gives the share of
    # games that offered it; each option's, how often it was advised and carried out.
    add(_("Decisions: offered in share of games; each option advised / carried out when offered"))
    for d in report["decisions"]:
        # TRANSLATORS: {decision} is a decision's id ("sa_partners"), with its role's id in a
        # team game ("sa_partners (editor)"); {percent} the share of games that offered it.
        offered = _("{decision}  offered {percent}").format(
            decision=f"{d['id']} ({d['role']})" if team else d["id"],
            percent=_pct(d["offered_share"]).strip(),
        )
        if d["overruled"]:
            # TRANSLATORS: after "offered 100.0%": the share of those games in which the
            # principal overruled the advice.
            offered += _(", advice overruled {percent}").format(
                percent=_pct(d["overruled_share"]).strip()
            )
        add(f"  {offered} — {d['title']}")
        width = max(len(o["id"]) for o in d["options"])
        for o in d["options"]:
            counts = o["endings"][d["role"]] if team else o["endings"]
            # TRANSLATORS: an option's line in simulate's report: {option} is its id (padded),
            # {advised} and {carried} the shares ("  30.5%") of the games that offered the
            # decision in which it was advised and carried out; {endings} is "  → ending 7%,
            # other 33%" or nothing. Keep the two spaces: the columns line up.
            row = _("{option}  advised {advised}  carried out {carried}{endings}")
            add(
                "    "
                + row.format(
                    option=f"{o['id']:<{width}}",
                    advised=_pct(o["advised_share"]),
                    carried=_pct(o["carried_out_share"]),
                    endings=_endings(counts, o["carried_out"]),
                )
            )
        if team and d["sways"]:
            sways = ", ".join(_sway(sway) for sway in d["sways"])
            # TRANSLATORS: {sways} is "humanitarian 26.2 pts (access_lost), ...": how far the
            # decision moves each other role's ending, in points of share of games.
            add("    " + _("sways the others' endings: {sways}").format(sways=sways))

    if report["storylets"]:
        add("")
        add(_("Storylets: share of games in which each happened (times in all)"))
        width = max(len(s["id"]) for s in report["storylets"])
        for s in report["storylets"]:
            times = whole_number(s["times"])
            add(f"  {s['id']:<{width}}  {_pct(s['share'])}  ({times})  {s['title']}")
    if report["moves"]:
        add("")
        add(_("Actors' moves: share of games in which each happened (times in all)"))
        width = max(len(f"{m['actor']}.{m['id']}") for m in report["moves"])
        for m in report["moves"]:
            rule = f"{m['actor']}.{m['id']}"
            times = whole_number(m["times"])
            add(f"  {rule:<{width}}  {_pct(m['share'])}  ({times})  {m['title']}")
    if report["events"]:
        add("")
        add(_("Reported events: share of games in which each happened as reported"))
        width = max(len(e["id"]) for e in report["events"])
        for e in report["events"]:
            add(f"  {e['id']:<{width}}  {_pct(e['share'])}  {e['title']}")

    add("")
    never_offered, never_fired = report["never_offered"], report["never_fired"]
    if never_offered:
        # TRANSLATORS: {decisions} are the ids of the decisions no game offered.
        add(_("Never offered: {decisions}").format(decisions=", ".join(never_offered)))
    else:
        # TRANSLATORS: every decision was offered in some game.
        add(_("Never offered: none"))
    if never_fired:
        # TRANSLATORS: {storylets} are the ids of the storylets that happened in no game.
        add(_("Never fired: {storylets}").format(storylets=", ".join(never_fired)))
    else:
        # TRANSLATORS: every storylet happened in some game.
        add(_("Never fired: none"))
    return "\n".join(lines) + "\n"


#: The statistics of a distribution, in the order of the table's columns (the JSON's keys).
STATISTICS = ("mean", "min", "q1", "median", "q3", "max")


def statistic_words() -> list[str]:
    """The names of :data:`STATISTICS` in the heading of the table of indicators, in the
    program's language."""
    return [
        # TRANSLATORS: a column of simulate's table of indicators: the mean final value.
        pgettext("statistic", "mean"),
        # TRANSLATORS: a column of simulate's table of indicators: the smallest final value.
        pgettext("statistic", "min"),
        # TRANSLATORS: a column of simulate's table of indicators: the first quartile.
        pgettext("statistic", "q1"),
        # TRANSLATORS: a column of simulate's table of indicators: the median final value.
        pgettext("statistic", "median"),
        # TRANSLATORS: a column of simulate's table of indicators: the third quartile.
        pgettext("statistic", "q3"),
        # TRANSLATORS: a column of simulate's table of indicators: the largest final value.
        pgettext("statistic", "max"),
    ]


def _english() -> bool:
    return language() == DEFAULT


def fixed_number(value: float, decimals: int, *, group: bool = True) -> str:
    """``value`` with ``decimals`` digits after the point, as the language writes it: the
    English as Python writes it (``1,234.5``), another language's through Babel (``1 234,5``),
    rounded alike."""
    if _english():
        return f"{value:,.{decimals}f}" if group else f"{value:.{decimals}f}"
    return format_number(round(value, decimals), decimals, group=group)


def whole_number(value: int) -> str:
    """A whole number as the language writes it: ``1,234``, ``1 234``."""
    return f"{value:,}" if _english() else format_number(value)


def percent_sign(figure: str) -> str:
    """``figure`` (a number, as written) followed by the percent sign, as the language puts it:
    ``36.8%``, ``36,8 %``."""
    # TRANSLATORS: a percentage; French puts a narrow no-break space (U+202F) before "%".
    return _("{percent}%").format(percent=figure)


def _pct(share: float) -> str:
    """A share as a percentage, its number six characters wide: ``  36.8%``."""
    return percent_sign(f"{fixed_number(share * 100, 1, group=False):>6}")


def _num(value: float | None) -> str:
    return "—" if value is None else fixed_number(value, 1, group=False)


def _sway(sway: dict[str, Any]) -> str:
    # TRANSLATORS: how far a decision moves another role's ending: {role} is that role's id,
    # {points} a number of points of share of games ("26.2").
    said = _("{role} {points} pts").format(
        role=sway["role"], points=fixed_number(sway["points"] * 100, 1, group=False)
    )
    return f"{said} ({sway['ending']})" if sway["ending"] else said


def _endings(counts: dict[str, int], of: int) -> str:
    if not of:
        return ""
    parts = [
        f"{ending} {percent_sign(fixed_number(n / of * 100, 0, group=False))}"
        for ending, n in counts.items()
    ]
    return "  → " + ", ".join(parts)


def format_entry(entry: LogEntry, words: Words, *, team: bool = False) -> str:
    """One log entry as plain text for authors (``simulate --log``), in the program's language:
    a head line with the turn, its date and the entry's provenance tag as every face gives it,
    then the title, the text, the decision with its ids, and each change, as the game shows
    them.

    Scenario text is cleaned (:func:`~sahelsim.text.clean`): nothing in a scenario reaches the
    terminal as an escape sequence. In a team game's log (``team``), the head line also names
    the role the entry concerns, ``· for editor`` (the world's entries name none)."""
    title = one_line(entry.title)
    head = f"[{words.turn_dated(entry.turn)}] {tag(entry).words()}"
    if team and entry.role is not None:
        # TRANSLATORS: at the end of a team game's log entry's head line: {role} is the id of
        # the role the entry concerns ("for editor").
        head = f"{head} · " + _("for {role}").format(role=one_line(entry.role))
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
        # TRANSLATORS: a decision in simulate's log: {decision} is its id; {advised} and
        # {done} the labels of the options advised and carried out, {advised_id} and {done_id}
        # their ids.
        decided = _(
            "decision {decision}: advised {advised} ({advised_id}), carried out {done} ({done_id})"
        )
        lines.append(
            "  "
            + decided.format(
                decision=one_line(entry.decision),
                advised=advised,
                advised_id=one_line(entry.advised) if entry.advised else _("none"),
                done=done,
                done_id=one_line(entry.carried_out) if entry.carried_out else _("none"),
            )
        )
    lines += [f"  {said}" for said in words.changes(entry)]
    return "\n".join(lines)


def format_log(entries: Iterable[LogEntry], words: Words, *, team: bool = False) -> str:
    """A whole log as plain text, entries separated by blank lines (``team``: a team game's,
    each entry naming the role it concerns)."""
    return "\n\n".join(format_entry(entry, words, team=team) for entry in entries) + "\n"
