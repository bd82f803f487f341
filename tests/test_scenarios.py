"""Each folder under tests/data/ is a bad-input scenario: its files replace the minimal
edition's (remove.txt names files to delete), command.txt holds the command (default: check),
and expected.txt exactly what the CLI prints on stderr, then its exit code."""
import pytest

from conftest import make_data, scenario_folders


@pytest.mark.parametrize("scenario", scenario_folders(), ids=lambda p: p.name)
def test_scenario_prints_exact_diagnostics(scenario, tmp_path, run):
    make_data(tmp_path, scenario)
    command = scenario / "command.txt"
    args = command.read_text().split() if command.exists() else ["check"]
    code, err = run(*args)
    assert err + f"[exit {code}]\n" == (scenario / "expected.txt").read_text()


def test_every_scenario_folder_has_its_expected_output():
    assert [p.name for p in scenario_folders(include_new=True)] == [p.name for p in scenario_folders()]
