"""The reviewed golden proposal.tex of each example edition: `make golden` refreshes them."""
import argparse
import sys
from pathlib import Path

from proposalgen.commands.check import check
from proposalgen.diagnostics import Diagnostics
from proposalgen.registry import Request, render_target
from proposalgen.render.documents import bibliography_of

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
EDITIONS = ("2026",)


def rendered_proposal(edition: str) -> str:
    diagnostics = Diagnostics()
    model = check(ROOT / "data" / edition, diagnostics)
    assert model is not None, [d.format() for d in diagnostics.items]
    proposal, = render_target(model, "proposal", Request(bibliography_of(model), None))
    return proposal.content.decode()


def refresh() -> None:
    for edition in EDITIONS:
        target = GOLDEN / edition / "proposal.tex"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rendered_proposal(edition), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}; review it with git diff", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--refresh", action="store_true", required=True)
    parser.parse_args()
    refresh()
