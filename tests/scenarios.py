"""Shows what each hostile-input scenario prints now; with --refresh, records it as expected.txt.

Review the diff (git diff tests/hostile) before committing: expected.txt is a reviewed file.
"""
import argparse
import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from proposalgen.cli import main  # noqa: E402

from conftest import scenario_folders  # noqa: E402
from test_hostile import command_of, prepared  # noqa: E402


def actual_output(scenario: Path) -> str:
    with tempfile.TemporaryDirectory() as folder:
        prepared(Path(folder), scenario)
        err, here = io.StringIO(), os.getcwd()
        os.chdir(folder)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(command_of(scenario))
        finally:
            os.chdir(here)
        return err.getvalue() + f"[exit {code}]\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="scenario folder names (default: all)")
    parser.add_argument("--refresh", action="store_true", help="write expected.txt")
    args = parser.parse_args()
    for scenario in scenario_folders(include_new=True):
        if args.names and scenario.name not in args.names:
            continue
        output = actual_output(scenario)
        print(f"== {scenario.name}\n{output}", end="")
        if args.refresh:
            (scenario / "expected.txt").write_text(output)
