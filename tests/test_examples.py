"""The gallery: each data folder of examples/ builds, as its README says, with no template of its own."""
import re

import pytest

from conftest import GALLERY, ROOT

EXAMPLES = ROOT / "examples"
OUTPUTS = {
    "proposal": ["proposal.pdf"],
    "cfp": ["cfp.pdf", "cfp.md", "cfp.txt", "dates.ics"],
    "site": ["site/description.md"],  # the other pages are each example's choice (site.yaml)
}
OUTPUTS["all"] = [name for names in OUTPUTS.values() for name in names]


def build_target(example):
    """The target the example's README builds: `proposalgen build TARGET --data examples/NAME`."""
    found = re.search(rf"`proposalgen build (\w+) --data examples/{example.name}`", (example / "README.md").read_text())
    assert found, f"{example.name}/README.md names no build command"
    return found.group(1)


@pytest.mark.parametrize("example", GALLERY, ids=lambda p: p.name)
def test_example_builds(example, run, scratch, tmp_path):
    target = build_target(example)
    code, err = run("build", target, "--data", str(example), "--out", str(tmp_path / "out"))
    assert [line for line in err.splitlines() if ": error: " in line] == []
    assert code == 0
    edition = next(tmp_path.glob("out/*"))
    assert [name for name in OUTPUTS[target] if not (edition / name).exists()] == []


def test_no_example_has_templates_of_its_own():
    assert list(EXAMPLES.glob("*/templates")) == []
