"""``sahelsim import acled``: a scenario skeleton from an ACLED conflict-event export.

ACLED (the Armed Conflict Location & Event Data project) codes each reported political violence
event as one CSV row: its date, type, actors, place with coordinates, the sources that reported
it, a note and a fatality count. This module turns a filtered export into a valid scenario that
keeps every row *reported*:

* each row becomes a reported event on its day (turn 1 is the first date) whose text is ACLED's
  note, citing one fact that gives the fatalities, the actors and the place;
* each distinct value of the ``source`` column becomes a source, whose note says how ACLED
  counts fatalities (the lowest estimate where reports conflict);
* each ``location`` becomes a place with its coordinates, each ``actor1``/``actor2`` an actor
  whose side is guessed from ACLED's ``inter1``/``inter2`` code (and says it is a guess);
* a placeholder role, indicator and ending make the file valid; nothing is simulated yet.

The author then adds decisions, indicators, storylets and endings. Every problem with the input
(not an ACLED export, a bad date, nothing left after filtering) is an :class:`AcledError` with a
clear message, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sahelsim.telling.words import date as say_date

#: Every column of an ACLED export, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
#: The columns the import needs.
REQUIRED = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
)

#: ACLED's actor-type codes (``inter1``/``inter2``): label and the side sahelsim guesses.
INTER: dict[str, tuple[str, str]] = {
    "1": ("state forces", "government"),
    "2": ("rebel group", "insurgent"),
    "3": ("political militia", "other"),
    "4": ("identity militia", "other"),
    "5": ("rioters", "other"),
    "6": ("protesters", "civilian"),
    "7": ("civilians", "civilian"),
    "8": ("external/other forces", "foreign"),
}
#: Newer exports spell the codes out.
_INTER_WORDS = {label: code for code, (label, _side) in INTER.items()} | {
    "state forces": "1",
    "rebel groups": "2",
    "political militias": "3",
    "identity militias": "4",
    "external/other force": "8",
    "other forces": "8",
    "external forces": "8",
}

#: The largest export read.
MAX_BYTES = 64 * 1024 * 1024
#: The most turns a scenario may have (the format's limit).
MAX_TURNS = 1000
#: Row problems reported before giving up.
MAX_PROBLEMS = 10

SOURCE_NOTE = (
    "Cited as coded in ACLED's conflict-event data ({file}): ACLED reads this source's reports "
    "and records one row per event. Where reports of the toll conflict, ACLED records the "
    "lowest estimate, so the fatality figures in facts citing this source are lower bounds of "
    "what was reported. Check the original reports before relying on a figure."
)

_MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDY = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})$")
_RESERVED = frozenset(
    {"turn", "turns", "role", "true", "false", "none", "nobody", "min", "max", "abs", "round"}
    | {"clamp", "and", "or", "not", "if", "else", "True", "False", "None"}
)

EXIT_INVALID, EXIT_USAGE = 1, 2


class AcledError(Exception):
    """The export cannot be imported; ``str()`` is the message (one line, or a few lines for
    row problems), ``code`` the exit status."""

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def parse_date(text: str) -> dt.date | None:
    """A date written as ACLED writes it (``2025-06-01`` or ``01 June 2025``), or ``None``."""
    text = text.strip()
    found = _ISO.match(text)
    try:
        if found:
            return dt.date(int(found[1]), int(found[2]), int(found[3]))
        found = _WORDY.match(text)
        if found and found[2].lower() in _MONTHS:
            return dt.date(int(found[3]), _MONTHS[found[2].lower()], int(found[1]))
    except ValueError:
        return None
    return None


def option_date(text: str | None, option: str) -> dt.date | None:
    """Parse a ``--from``/``--to`` value; :class:`AcledError` (exit 2) when it is not a date."""
    if text is None:
        return None
    date = parse_date(text)
    if date is None:
        raise AcledError(
            f"bad {option} date {text!r}: write it as 2025-06-01 or 01 June 2025", EXIT_USAGE
        )
    return date


@dataclass(frozen=True)
class Row:
    """One ACLED event, as read."""

    line: int
    event_id: str
    date: dt.date
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: str
    actor2: str
    inter2: str
    country: str
    admin1: str
    admin2: str
    location: str
    lat: float
    lon: float
    geo_precision: str
    source: str
    notes: str
    fatalities: int


def read_rows(raw: bytes, shown: str) -> list[Row]:
    """The rows of an ACLED export's bytes.

    Raises:
        AcledError: the bytes are not an ACLED export, or rows have bad values.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AcledError(
            f"{shown}: not UTF-8 text (byte {exc.start}); export the CSV as UTF-8"
        ) from None
    if not text.strip():
        raise AcledError(f"{shown}: the file is empty; expected an ACLED export (CSV)")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
        columns = {name: index for index, name in enumerate(header) if name}
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            known = [c for c in header if c in ACLED_COLUMNS]
            if not known:
                raise AcledError(
                    f"{shown}: not an ACLED export: none of its columns is an ACLED column "
                    f"(it needs {', '.join(REQUIRED)})"
                )
            raise AcledError(
                f"{shown}: not a complete ACLED export: missing column"
                f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
            )
        rows: list[Row] = []
        problems: list[str] = []
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(problems) >= MAX_PROBLEMS:
                break
            rows.append(_row(values, columns, line, shown, problems))
    except csv.Error as exc:
        raise AcledError(f"{shown}:{reader.line_num}: cannot read the CSV: {exc}") from None
    if problems:
        count = len(problems)
        more = f" (stopped after the first {MAX_PROBLEMS})" if count >= MAX_PROBLEMS else ""
        raise AcledError(
            "\n".join(problems) + f"\n{count} problem{'s' if count != 1 else ''} in the "
            f"export{more}; nothing written"
        )
    return rows


def _row(
    values: list[str], columns: dict[str, int], line: int, shown: str, problems: list[str]
) -> Row:
    def get(name: str) -> str:
        index = columns.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    def bad(column: str, value: str, expected: str) -> None:
        problems.append(f"{shown}:{line}: bad {column} {value!r}: expected {expected}")

    date = parse_date(get("event_date"))
    if date is None:
        bad("event_date", get("event_date"), "a date such as 2025-06-01 or 01 June 2025")
    coords = []
    for column, limit in (("latitude", 90.0), ("longitude", 180.0)):
        try:
            value = float(get(column))
            if not -limit <= value <= limit:
                raise ValueError
        except ValueError:
            bad(column, get(column), f"a number from -{limit:g} to {limit:g}")
            value = 0.0
        coords.append(value)
    raw_fatalities = get("fatalities") or "0"
    try:
        fatalities = int(float(raw_fatalities))
        if fatalities < 0 or fatalities != float(raw_fatalities):
            raise ValueError
    except ValueError:
        bad("fatalities", raw_fatalities, "a whole number, 0 or more")
        fatalities = 0
    if not get("location"):
        problems.append(f"{shown}:{line}: the event has no location")
    return Row(
        line,
        get("event_id_cnty"),
        date or dt.date(2000, 1, 1),
        get("event_type"),
        get("sub_event_type"),
        get("actor1"),
        _inter_code(get("inter1")),
        get("actor2"),
        _inter_code(get("inter2")),
        get("country"),
        get("admin1"),
        get("admin2"),
        get("location"),
        coords[0],
        coords[1],
        get("geo_precision"),
        get("source"),
        get("notes"),
        fatalities,
    )


def _inter_code(value: str) -> str:
    value = value.strip()
    if value.endswith(".0"):
        value = value[:-2]
    return _INTER_WORDS.get(value.lower(), value)


def select(
    rows: list[Row],
    shown: str,
    *,
    country: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Row]:
    """The rows of ``country`` between ``start`` and ``end`` (inclusive), by date.

    Raises:
        AcledError: no row is left, saying which filter removed them.
    """
    if not rows:
        raise AcledError(f"{shown}: the export has a header but no events")
    if start and end and start > end:
        raise AcledError(f"--from {start} is after --to {end}", EXIT_USAGE)
    chosen = rows
    if country is not None:
        wanted = country.strip().casefold()
        chosen = [r for r in rows if r.country.casefold() == wanted]
        if not chosen:
            countries = sorted({r.country for r in rows if r.country})
            raise AcledError(
                f"{shown}: no events in country {country!r}; the export has: "
                + (", ".join(countries[:20]) or "no country names")
            )
    dated = [r for r in chosen if (start is None or r.date >= start) and (not end or r.date <= end)]
    if not dated:
        first = min(r.date for r in chosen)
        last = max(r.date for r in chosen)
        raise AcledError(
            f"{shown}: no events left between {start or 'the start'} and {end or 'the end'}; "
            f"the events run from {first} to {last}"
        )
    return sorted(dated, key=lambda r: (r.date, r.event_id, r.line))


class _Ids:
    """Unique identifiers in one namespace, made from names."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def make(self, name: str, fallback: str, *, limit: int = 40) -> str:
        base = _slug(name, limit) or fallback
        if not base[0].isalpha():
            base = f"{fallback}_{base}"
        if base in _RESERVED:
            base = f"{base}_{fallback}"
        ident, n = base, 2
        while ident in self.taken:
            ident = f"{base}_{n}"
            n += 1
        self.taken.add(ident)
        return ident


def _slug(name: str, limit: int) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}_{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "_".join(words)[:limit]


def _fact_id(event_id: str, taken: set[str]) -> str:
    """A fact id from ACLED's event id (``MLI34567`` stays ``MLI34567``), unique in ``taken``."""
    base = re.sub(r"[^A-Za-z0-9]+", "_", event_id).strip("_").upper()[:40] or "A"
    if not base[0].isalpha():
        base = "A" + base
    ident, n = base, 2
    while ident in taken:
        ident = f"{base}_{n}"
        n += 1
    taken.add(ident)
    return ident


def _line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _short_name(name: str) -> str | None:
    head = name.split(":", 1)[0].strip()
    if ":" in name and 0 < len(head) <= 24:
        return head
    return None


def _side(name: str, code: str, countries: set[str]) -> str:
    side = INTER.get(code, ("", "other"))[1]
    if side == "government":
        found = re.search(r"\bof ([A-Z][A-Za-z' -]+?)\s*(?:\(|$)", name)
        if found and found[1].strip().casefold() not in {c.casefold() for c in countries}:
            return "foreign"
    return side


def build(rows: list[Row], file_name: str) -> dict[str, Any]:
    """The scenario (as plain data, in the format's key order) for the selected ``rows``."""
    first, last = rows[0].date, rows[-1].date
    turns = (last - first).days + 1
    if turns > MAX_TURNS:
        raise AcledError(
            f"the events span {turns} days, but a scenario has at most {MAX_TURNS} turns; "
            "narrow the period with --from and --to"
        )
    countries = sorted({r.country for r in rows if r.country})
    if not countries:
        where = "unnamed countries"
    elif len(countries) <= 3:
        where = ", ".join(countries)
    else:
        where = "several countries"

    shared = _Ids({"tension", "analyst"})
    places: dict[str, dict[str, Any]] = {}
    place_of: dict[tuple[str, float, float], str] = {}
    by_name: dict[str, list[tuple[float, float, str]]] = {}
    for r in rows:
        key = (r.location.casefold(), round(r.lat, 2), round(r.lon, 2))
        if key in place_of:
            continue
        near = [
            ident
            for lat, lon, ident in by_name.get(r.location.casefold(), [])
            if abs(lat - r.lat) < 0.05 and abs(lon - r.lon) < 0.05
        ]
        if near:
            place_of[key] = near[0]
            continue
        ident = shared.make(r.location, "place")
        place_of[key] = ident
        by_name.setdefault(r.location.casefold(), []).append((r.lat, r.lon, ident))
        area = ", ".join(x for x in (r.admin2, r.admin1, r.country) if x)
        place: dict[str, Any] = {"name": _line(r.location), "lat": r.lat, "lon": r.lon}
        if r.geo_precision in ("2", "3"):
            place["approximate"] = True
        place["description"] = (
            f"{r.location}{' (' + area + ')' if area else ''}, as located by ACLED "
            f"(geo-precision {r.geo_precision or 'not given'})."
        )
        places[ident] = place

    codes: dict[str, Counter[str]] = {}
    for r in rows:
        for name, code in ((r.actor1, r.inter1), (r.actor2, r.inter2)):
            if name:
                codes.setdefault(name, Counter())[code] += 1
    actors: dict[str, dict[str, Any]] = {}
    actor_of: dict[str, str] = {}
    for name, counted in codes.items():
        short = _short_name(name)
        ident = shared.make(short or name, "actor")
        actor_of[name] = ident
        code = counted.most_common(1)[0][0]
        label = INTER.get(code, ("an unknown code", "other"))[0]
        actor: dict[str, Any] = {"name": _line(name)}
        if short:
            actor["short"] = short
        actor["side"] = _side(name, code, set(countries))
        actor["description"] = (
            f"An actor in ACLED's data. Its side is a guess from ACLED's actor-type code "
            f"{code or '(none)'} ({label}): check it against the sources."
        )
        actors[ident] = actor

    sources: dict[str, dict[str, Any]] = {}
    source_of: dict[str, str] = {}
    source_ids = _Ids()
    for r in rows:
        value = r.source or "ACLED (no source named)"
        if value in source_of:
            continue
        ident = source_ids.make(value, "source", limit=32)
        source_of[value] = ident
        sources[ident] = {
            "title": _line(f"{value}: reports as coded in ACLED event data"),
            "publisher": _line(value),
            "note": SOURCE_NOTE.format(file=file_name),
        }

    facts: dict[str, dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    fact_ids: set[str] = set()
    for r in rows:
        fact_id = _fact_id(r.event_id, fact_ids)
        actors_text = " and ".join(x for x in (r.actor1, r.actor2) if x) or "unnamed actors"
        toll = f"{r.fatalities} fatalit{'y' if r.fatalities == 1 else 'ies'}"
        kind = r.sub_event_type or r.event_type or "Event"
        summary = (
            f"{kind} at {r.location} on {say_date(r.date)} involving {actors_text}; ACLED records "
            f"{toll}, the lowest reported estimate."
        )
        note = " ".join(r.notes.split())
        fact_text = f"{note} ACLED records {toll}." if note else summary
        facts[fact_id] = {
            "text": _line(fact_text if len(fact_text) <= 300 else summary),
            "source": source_of[r.source or "ACLED (no source named)"],
            "date": r.date,
        }
        event_id = shared.make(r.event_id or f"{kind} {r.location}", "event")
        event: dict[str, Any] = {
            "id": event_id,
            "turn": (r.date - first).days + 1,
            "title": _line(f"{kind} at {r.location}"),
            "text": note or f"ACLED gives no notes for this event ({summary})",
            "facts": [fact_id],
            "places": [place_of[(r.location.casefold(), round(r.lat, 2), round(r.lon, 2))]],
        }
        events.append(event)

    ident = "acled-" + (_slug(where, 40).replace("_", "-") or "events") + f"-{first.isoformat()}"
    period = say_date(first) if first == last else f"{say_date(first)} to {say_date(last)}"
    return {
        "format": "sahelsim/1",
        "id": ident,
        "title": _line(f"{where}, {period}: events from ACLED"),
        "summary": _line(
            f"A skeleton of {len(rows)} reported event{'s' if len(rows) != 1 else ''} imported "
            "from an ACLED export; decisions, indicators and endings are still to be written."
        ),
        "description": (
            f"Imported from the ACLED export {file_name}: {len(rows)} events in {where} from "
            f"{period}. Every event is reported, as ACLED coded it from the sources named, and "
            "cites a fact giving ACLED's fatality count, which is the lowest estimate where "
            "reports conflict. Nothing is simulated yet: the indicator, role and ending are "
            "placeholders. Write the briefing here."
        ),
        "language": "en",
        "calendar": {"unit": "day", "turns": turns, "start": first},
        "sources": sources,
        "facts": facts,
        "indicators": {
            "tension": {
                "name": "Tension (placeholder)",
                "start": 50,
                "good": "low",
                "description": (
                    "A placeholder so that the skeleton is valid: replace it with the "
                    "simulated quantities your players steer, and give events effects on them."
                ),
            }
        },
        "actors": actors,
        "places": places,
        "roles": {
            "analyst": {
                "name": "Analyst (placeholder)",
                "description": (
                    "A placeholder role: say whom the player advises and what they can change, "
                    "then add decisions for this role."
                ),
            }
        },
        "events": events,
        "endings": [
            {
                "id": "period_ends",
                "title": "The period ends",
                "text": (
                    "A placeholder ending, reached in every game: add endings with conditions "
                    "over the indicators before it."
                ),
            }
        ],
    }


class _Dumper(yaml.SafeDumper):
    """Writes repeated values (the same date) in full, never as ``&anchor``/``*alias``."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


HEADER = """\
# A scenario skeleton imported by `sahelsim import acled` from {file}.
#
# Every event is REPORTED as ACLED coded it: its text is ACLED's note, and it cites a fact
# giving ACLED's fatality count (the lowest estimate where reports conflict) and the source
# column. Actors' sides are guesses from ACLED's actor-type codes: check them. Places, ids and
# titles come from ACLED's names.
#
# Next: add indicators, decisions and endings (the placeholders `tension`, `analyst` and
# `period_ends` keep the file valid), then run `sahelsim validate`, `sahelsim lint` and
# `sahelsim simulate` on it. `sahelsim schema` prints the format's JSON Schema for your editor.

"""


def convert(
    path: str | Path,
    *,
    country: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """The scenario text for the ACLED export at ``path``, checked to be a valid scenario.

    Raises:
        AcledError: the file cannot be read (exit 2) or imported (exit 1).
    """
    file = Path(path)
    shown = str(path)
    try:
        if file.is_dir():
            raise AcledError(f"{shown}: is a directory, not a CSV file", EXIT_USAGE)
        with file.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise AcledError(f"{shown}: no such file", EXIT_USAGE) from None
    except OSError as exc:
        raise AcledError(f"{shown}: cannot read it: {exc.strerror or exc}", EXIT_USAGE) from None
    if len(raw) > MAX_BYTES:
        raise AcledError(f"{shown}: larger than {MAX_BYTES // 2**20} MiB; filter the export first")
    rows = select(read_rows(raw, shown), shown, country=country, start=start, end=end)
    data = build(rows, file.name)
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    text = HEADER.format(file=file.name) + body

    from sahelsim.scenario import ScenarioError, from_text

    try:
        from_text(text, "<import>")
    except ScenarioError as exc:  # pragma: no cover - a bug in this module, said plainly
        raise AcledError(
            f"the import made an invalid scenario (please report this): {exc}"
        ) from None
    return text


def write_new(text: str, out: Path) -> None:
    """Write ``text`` to ``out``, which must not exist.

    Raises:
        AcledError: ``out`` exists (exit 1) or cannot be written (exit 2).
    """
    try:
        with out.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise AcledError(f"{out} already exists; choose another -o (nothing was written)") from None
    except OSError as exc:
        raise AcledError(f"cannot write {out}: {exc.strerror or exc}", EXIT_USAGE) from None
