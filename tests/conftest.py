import shutil
from pathlib import Path

import pytest

from proposalgen.cli import main

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURES = TESTS / "data"


def scenario_folders():
    return sorted(p for p in FIXTURES.iterdir() if (p / "expected.txt").exists())


def make_data(tmp_path: Path, scenario: Path | None = None) -> Path:
    """A data folder in ``tmp_path``: the minimal edition, with the scenario's files laid over it."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    if scenario is not None:
        shutil.copytree(scenario, data, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt", "command.txt"))
    return data


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    """Runs the CLI in ``tmp_path``; returns its exit code and what it printed on stderr."""
    monkeypatch.chdir(tmp_path)

    def run_cli(*args: str) -> tuple[int, str]:
        code = main(list(args))
        return code, capsys.readouterr().err

    return run_cli
