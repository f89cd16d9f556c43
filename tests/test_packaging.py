"""The bundled scenarios are found from an installed wheel, not only from a source checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel and unpacked as an install would (it is pure Python)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("sahelsim-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_wheel_ships_scenarios_and_seeds(installed: Path) -> None:
    data = installed / "sahelsim" / "_data"
    assert (data / "scenarios" / "mali-2025-wagner-exit.yaml").is_file()
    # with their French text beside them
    assert (data / "scenarios" / "mali-2025-wagner-exit.fr.yaml").is_file()
    assert (data / "scenarios" / "mali-2022-barkhane-exit.fr.yaml").is_file()
    assert (data / "seeds" / "000_8039936c3dabc9e9.txt").is_file()
    assert (installed / "sahelsim" / "py.typed").is_file()


def test_installed_package_finds_and_validates_its_scenario(
    installed: Path, tmp_path: Path
) -> None:
    code = (
        "import sahelsim, sys\n"
        "from sahelsim.scenario import bundled_dir, find_scenario, load\n"
        "assert str(bundled_dir()).startswith(sys.argv[1]), bundled_dir()\n"
        "print(load(find_scenario(None)).id)\n"
        "print(load(find_scenario(None), 'fr').model.title)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(installed)}
    result = subprocess.run(
        [sys.executable, "-c", code, str(installed)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "mali-2025-wagner-exit",
        "Mali, juin 2025\u00a0: Wagner s'en va, les attaques continuent",
    ]
