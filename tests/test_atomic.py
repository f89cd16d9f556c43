"""The one atomic writer: whole files or none, no temporary file left, never an overwrite when
told so; and class names made safe for file names."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahelsim import atomic
from sahelsim.atomic import numbered, write_atomic, write_new
from sahelsim.text import SLUG_LENGTH, slug


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_bytes_and_text(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    assert write_atomic(target, b"one") == target
    assert target.read_bytes() == b"one"
    write_atomic(target, "deux é")
    assert target.read_text(encoding="utf-8") == "deux é"
    assert leftovers(tmp_path) == []


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "save.json"
    target.write_bytes(b"old")

    def broken(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "save.json"
    target.write_bytes(b"old")

    def broken(_: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="Input/output"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "x", b"x")


def test_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_atomic(target, "first", exclusive=True)
    with pytest.raises(FileExistsError):
        write_atomic(target, "second", exclusive=True)
    assert target.read_text() == "first"
    assert leftovers(tmp_path) == []


def test_exclusive_without_hard_links_still_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "report.html"
    write_atomic(target, "first", exclusive=True)
    with pytest.raises(FileExistsError):
        write_atomic(target, "second", exclusive=True)
    assert target.read_text() == "first"
    assert write_new(target, "third") == numbered(target, 2)
    assert leftovers(tmp_path) == []


def test_backup_keeps_the_previous_content(tmp_path: Path) -> None:
    target, backup = tmp_path / "a.json", tmp_path / "a.prev.json"
    write_atomic(target, b"1", backup=backup)
    assert not backup.exists()
    write_atomic(target, b"2", backup=backup)
    write_atomic(target, b"3", backup=backup)
    assert (target.read_bytes(), backup.read_bytes()) == (b"3", b"2")
    assert leftovers(tmp_path) == []


def test_write_new_numbers_the_name(tmp_path: Path) -> None:
    target = tmp_path / "debrief.html"
    names = [write_new(target, f"v{n}").name for n in range(4)]
    assert names == ["debrief.html", "debrief-2.html", "debrief-3.html", "debrief-4.html"]
    assert [(tmp_path / n).read_text() for n in names] == ["v0", "v1", "v2", "v3"]
    assert leftovers(tmp_path) == []


def test_writers_at_the_same_moment_get_different_names(tmp_path: Path) -> None:
    target = tmp_path / "debrief.md"
    written: list[Path] = []
    lock = threading.Lock()

    def export(n: int) -> None:
        path = write_new(target, f"writer {n}")
        with lock:
            written.append(path)

    threads = [threading.Thread(target=export, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(written)) == 8
    assert sorted(p.read_text() for p in written) == [f"writer {n}" for n in range(8)]


def test_permissions(tmp_path: Path) -> None:
    report = write_atomic(tmp_path / "r.html", "x")
    assert stat.S_IMODE(report.stat().st_mode) == 0o644
    report.chmod(0o640)
    write_atomic(report, "y")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    private = write_atomic(tmp_path / "s.json", "x", mode=0o600)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".a.json.abc123.tmp"
    fresh = tmp_path / ".a.json.def456.tmp"
    other = tmp_path / ".b.json.abc123.tmp"
    for file in (stale, fresh, other):
        file.write_bytes(b"half")
    old = os.stat(stale).st_mtime - atomic.STALE_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomic(tmp_path / "a.json", b"x")
    assert not stale.exists() and fresh.exists() and other.exists()


# -- class names in file names --------------------------------------------------------------


def test_slug_examples() -> None:
    assert slug("10B") == "10b"
    assert slug("  Élèves de 3e  ") == "eleves-de-3e"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("Класс 10Б") == "10"
    assert slug("\x1b[2J") == "2j"
    assert slug("...") == ""


@given(st.text())
def test_any_text_gives_a_safe_file_name_part(text: str) -> None:
    part = slug(text)
    assert len(part) <= SLUG_LENGTH
    assert part.isascii() and all(c.isalnum() or c == "-" for c in part)
    assert part == part.lower()
    assert not part.startswith("-") and not part.endswith("-") and "--" not in part
    assert part not in (".", "..")


@given(st.text(), st.integers(1, 64))
def test_slug_length_is_bounded(text: str, length: int) -> None:
    assert len(slug(text, length)) <= length
