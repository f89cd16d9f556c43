"""``sahelsim import acled``: a small export in ACLED's shape becomes a valid scenario."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sahelsim.authoring.acled import AcledError, convert, parse_date
from sahelsim.cli import cli
from sahelsim.scenario import from_text
from tests.conftest import DATA

SAMPLE = Path(__file__).resolve().parent / "data" / "acled_sample.csv"


def header_and_rows() -> tuple[str, list[str]]:
    header, *rows = SAMPLE.read_text(encoding="utf-8").splitlines()
    return header, rows


def test_round_trip_to_a_valid_scenario() -> None:
    text = convert(SAMPLE, country="Mali")
    model = from_text(text, "imported.yaml").model
    assert model.id == "acled-mali-2025-06-01"
    assert model.calendar.start == dt.date(2025, 6, 1)
    assert model.calendar.turns == 6
    # Both date formats: 02 June 2025 is turn 2, 05 June 2025 and 2025-06-05 are turn 5.
    assert [(e.id, e.turn) for e in model.events] == [
        ("mli90001", 1),
        ("mli90002", 2),
        ("mli90004", 5),
        ("mli90005", 5),
        ("mli90006", 6),
        ("mli90007", 6),
    ]
    first = model.events[0]
    assert first.text.startswith("Test row written for sahelsim's tests.")
    assert first.places == ["boulkessi"]
    fact = model.facts[first.facts[0]]
    assert "ACLED records 30 fatalities" in fact.text
    assert fact.source == "reuters_ap" and fact.date == dt.date(2025, 6, 1)
    source = model.sources["reuters_ap"]
    assert source.publisher == "Reuters; AP"
    assert source.note is not None and "lowest estimate" in source.note


def test_places_are_deduplicated_with_coordinates() -> None:
    model = from_text(convert(SAMPLE, country="Mali")).model
    assert list(model.places) == ["boulkessi", "timbuktu", "mahou", "bamako"]
    boulkessi = model.places["boulkessi"]
    assert (boulkessi.lat, boulkessi.lon) == (14.79, -1.3)
    assert model.places["mahou"].approximate  # ACLED geo-precision 2
    assert not boulkessi.approximate


def test_actor_sides_are_guessed_from_inter_codes() -> None:
    model = from_text(convert(SAMPLE)).model
    sides = {key: actor.side.value for key, actor in model.actors.items()}
    assert sides == {
        "jnim": "insurgent",
        "military_forces_of_mali_2021": "government",
        "unidentified_armed_group_niger": "other",
        "civilians_niger": "civilian",
        "wagner_group": "foreign",
    }
    assert model.actors["jnim"].short == "JNIM"
    assert "a guess" in (model.actors["jnim"].description or "")


def test_without_country_every_row_is_kept() -> None:
    model = from_text(convert(SAMPLE)).model
    assert len(model.events) == 7
    assert model.id == "acled-mali-niger-2025-06-01"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2025-06-02", "2025-06-05", ["mli90002", "mli90004", "mli90005"]),
        ("02 June 2025", "5 June 2025", ["mli90002", "mli90004", "mli90005"]),
        ("2025-06-06", None, ["mli90006", "mli90007"]),
    ],
)
def test_date_filters(start: str, end: str | None, expected: list[str]) -> None:
    args = ["import", "acled", str(SAMPLE), "--country", "mali", "--from", start]
    if end:
        args += ["--to", end]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    model = from_text(result.output).model
    assert [e.id for e in model.events] == expected
    assert model.events[0].turn == 1  # turn 1 is the first date kept


def test_parse_date_both_formats() -> None:
    assert parse_date("2025-06-01") == dt.date(2025, 6, 1)
    assert parse_date("01 June 2025") == dt.date(2025, 6, 1)
    assert parse_date("1 june 2025") == dt.date(2025, 6, 1)
    assert parse_date("01-Jun-2025") == dt.date(2025, 6, 1)
    for bad in ("2025-13-01", "31 June 2025", "June 1, 2025", "", "01/06/2025"):
        assert parse_date(bad) is None, bad


def test_output_file_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    first = CliRunner().invoke(cli, ["import", "acled", str(SAMPLE), "-o", str(out)])
    assert first.exit_code == 0, first.output
    from_text(out.read_text(encoding="utf-8"))
    again = CliRunner().invoke(cli, ["import", "acled", str(SAMPLE), "-o", str(out)])
    assert again.exit_code == 1
    assert "already exists" in again.output


def write_csv(tmp_path: Path, header: str, rows: list[str]) -> Path:
    path = tmp_path / "export.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def fails(path: Path, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["import", "acled", str(path), *extra])
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    return result.output


def test_missing_columns_are_named(tmp_path: Path) -> None:
    header, _rows = header_and_rows()
    columns = header.split(",")
    keep = [i for i, c in enumerate(columns) if c not in ("notes", "fatalities")]
    path = write_csv(tmp_path, ",".join(columns[i] for i in keep), [])
    output = fails(path)
    assert "not a complete ACLED export: missing columns notes, fatalities" in output


def test_not_an_acled_export() -> None:
    output = fails(DATA / "minimal.yaml")
    assert "not an ACLED export" in output


def test_empty_after_filtering() -> None:
    assert "no events in country 'Chad'; the export has: Mali, Niger" in fails(
        SAMPLE, "--country", "Chad"
    )
    output = fails(SAMPLE, "--from", "2025-07-01")
    assert "no events left between 2025-07-01 and the end" in output
    assert "the events run from 2025-06-01 to 2025-06-06" in output


def test_header_only(tmp_path: Path) -> None:
    header, _ = header_and_rows()
    assert "the export has a header but no events" in fails(write_csv(tmp_path, header, []))


def test_bad_dates_and_numbers_name_the_line(tmp_path: Path) -> None:
    header, rows = header_and_rows()
    bad = [rows[0].replace("2025-06-01", "2025-02-30"), rows[1].replace(",16.77,", ",north,")]
    output = fails(write_csv(tmp_path, header, bad))
    assert "export.csv:2: bad event_date '2025-02-30'" in output
    assert "export.csv:3: bad latitude 'north'" in output
    assert "2 problems in the export; nothing written" in output


def test_bad_option_dates_exit_2() -> None:
    output = fails(SAMPLE, "--to", "June 6")
    assert "bad --to date 'June 6'" in output
    output = fails(SAMPLE, "--from", "2025-06-05", "--to", "2025-06-01")
    assert "--from 2025-06-05 is after --to 2025-06-01" in output


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", "acled", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_semicolons_and_spelled_out_codes(tmp_path: Path) -> None:
    header, rows = header_and_rows()
    row = next(r for r in rows if r.startswith("MLI90007"))
    # Some exports separate with semicolons and spell the actor types out.
    semi = next(csv.reader([row]))
    columns = header.split(",")
    semi[columns.index("inter1")] = "External/Other forces"
    path = tmp_path / "semi.csv"
    path.write_text(
        ";".join(columns) + "\n" + ";".join(f'"{v}"' for v in semi) + "\n", encoding="utf-8"
    )
    model = from_text(convert(path)).model
    assert model.actors["wagner_group"].side.value == "foreign"
    assert model.events[0].id == "mli90007"


def test_a_span_too_long_for_a_scenario(tmp_path: Path) -> None:
    header, rows = header_and_rows()
    late = rows[1].replace("02 June 2025", "02 June 2029")
    with pytest.raises(AcledError, match="span 1463 days, but a scenario has at most 1000"):
        convert(write_csv(tmp_path, header, [rows[0], late]))


def test_output_is_plain_yaml_without_aliases() -> None:
    text = convert(SAMPLE, country="Mali")
    assert "&id" not in text and "*id" not in text
    data = yaml.safe_load(text)
    assert data["calendar"]["start"] == dt.date(2025, 6, 1)
