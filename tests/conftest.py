import shutil
import tempfile
from pathlib import Path

import pytest

from proposalgen.cli import main

TESTS = Path(__file__).parent
ROOT = TESTS.parent
FIXTURES = TESTS / "data"
HOSTILE = TESTS / "hostile"
# The gallery's data folders: each folder of examples/ holding a series (examples/plugin is a
# plugin's code, not a workshop).
GALLERY = sorted(series.parent for series in (ROOT / "examples").glob("*/series.yaml"))


def scenario_folders(include_new: bool = False):
    """The hostile-input scenarios; with ``include_new`` also those without an expected.txt yet."""
    folders = (p for p in HOSTILE.iterdir() if p.is_dir())
    return sorted(p for p in folders if include_new or (p / "expected.txt").exists())


def make_data(tmp_path: Path, scenario: Path | None = None) -> Path:
    """A data folder in ``tmp_path``: the minimal edition, with the scenario's files laid over it."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    if scenario is not None:
        shutil.copytree(scenario, data, symlinks=True, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt", "command.txt", "remove.txt"))
        removals = scenario / "remove.txt"
        for name in removals.read_text().split() if removals.exists() else []:
            (data / name).unlink()
    return data


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """The system temporary folder, moved into the test's own, where builds run the engine and leave nothing."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def built_site_page(tmp_path: Path, run, site_yaml: str, page: str) -> str:
    """``page`` of the site built, with ``site_yaml`` as site.yaml, from the data in ``tmp_path``."""
    (tmp_path / "data" / "2030" / "site.yaml").write_text(site_yaml)
    assert run("build", "site")[0] == 0
    return (tmp_path / "build" / "2030" / "site" / f"{page}.md").read_text()


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    """Runs the CLI in ``tmp_path``; returns its exit code and what it printed on stderr."""
    monkeypatch.chdir(tmp_path)

    def run_cli(*args: str) -> tuple[int, str]:
        code = main(list(args))
        return code, capsys.readouterr().err

    return run_cli


@pytest.fixture(scope="session")
def built_example(tmp_path_factory):
    """The example's 2026 edition built once with `build all`: its output folder."""
    out = tmp_path_factory.mktemp("build")
    assert main(["build", "all", "--data", str(ROOT / "data"), "--edition", "2026", "--out", str(out)]) == 0
    return out / "2026"
