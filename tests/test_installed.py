"""`pip install .` gives a working proposalgen, templates and presets included: a wheel of the
checkout, installed into a folder of its own, builds the example outside the checkout."""
import os
import shutil
import subprocess
import sys
import tomllib

from conftest import ROOT


def test_an_installed_copy_builds_the_example_outside_the_checkout(tmp_path):
    wheels, site, work = tmp_path / "wheels", tmp_path / "site", tmp_path / "work"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", wheels, ROOT], check=True)
    wheel, = wheels.glob("proposalgen-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", site, wheel], check=True)
    shutil.copytree(ROOT / "data", work / "data")
    env = {**os.environ, "PYTHONPATH": str(site)}  # before the checkout's editable install
    where = subprocess.run([sys.executable, "-c", "import proposalgen; print(proposalgen.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site))
    version = subprocess.run([sys.executable, "-m", "proposalgen", "--version"], cwd=work, env=env, capture_output=True, text=True)
    assert version.stdout == f"proposalgen {tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']['version']}\n"
    built = subprocess.run([sys.executable, "-m", "proposalgen", "build", "proposal"], cwd=work, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert (work / "build" / "2026" / "proposal.pdf").stat().st_size > 10_000
