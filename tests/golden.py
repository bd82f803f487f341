"""The reviewed golden tree of the example's 2026 edition, as Pelican keeps one of its sample site:
every text output of `build all` (proposal.tex, cfp.tex, cfp.md, cfp.txt, dates.ics, the site's
pages and schedule.ics, report.json), the mails of `mail GROUP --status all` and the exports of
`export GROUP --format FORMAT`. `make golden` rewrites it; review the diff.

Normalised, as they change with the clock: a mail's Date header, an mbox's From line and a
calendar event's DTSTAMP (when the file was made, as RFC 5545 asks). The
PDFs and TeX logs are left out (the page figures of report.json stand for them), and so is the
build's state file (it records the machine's paths and times)."""
import argparse
import contextlib
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path

from proposalgen.cli import main
from proposalgen.commands.check import check
from proposalgen.diagnostics import Diagnostics
from proposalgen.registry import EXPORT, MAIL, Request, render_target, target_names
from proposalgen.render.documents import bibliography_of

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
DATA = ROOT / "data"
EDITION = "2026"
EXPORT_FORMATS = ("csv", "openreview", "cmt")
TEXT_SUFFIXES = {".tex", ".md", ".txt", ".ics", ".json", ".mbox", ".eml", ".csv", ".openreview", ".cmt"}
CLOCK = [(re.compile(r"^Date: .*$", re.MULTILINE), "Date: (the time of the run)"),
         (re.compile(r"^From MAILER-DAEMON .*$", re.MULTILINE), "From MAILER-DAEMON (the time of the run)"),
         (re.compile(r"^DTSTAMP:\d{8}T\d{6}Z$", re.MULTILINE), "DTSTAMP:(the time of the run)")]


def rendered_proposal(edition: str) -> str:
    """The proposal's LaTeX source, rendered without TeX."""
    diagnostics = Diagnostics()
    model = check(DATA / edition, diagnostics)
    assert model is not None, [d.format() for d in diagnostics.items]
    proposal, = render_target(model, "proposal", Request(bibliography_of(model), None))
    return proposal.content.decode()


def built(out: Path) -> Path:
    """`build all` of the example into ``out``: the edition's folder."""
    assert quietly("build", "all", "--data", str(DATA), "--edition", EDITION, "--out", str(out)) == ""
    return out / EDITION


def mailed(out: Path) -> Path:
    """Every group's mails, to everyone whatever their status, written into ``out``."""
    for group in target_names(MAIL):
        quietly("mail", group, "--status", "all", "--data", str(DATA), "--edition", EDITION, "--out", str(out))
    return out / EDITION


def exported() -> dict[str, str]:
    return {f"export/{group}.{form}": quietly("export", group, "--format", form, "--data", str(DATA), "--edition", EDITION)
            for group in target_names(EXPORT) for form in EXPORT_FORMATS}


def quietly(*args: str) -> str:
    """Runs the CLI, which must succeed: what it printed on stdout (its warnings set aside)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(list(args)) == 0, args
    return out.getvalue()


def tree(folder: Path) -> dict[str, str]:
    """The text files under ``folder`` by their path in it, normalised; hidden files left out."""
    files = (p for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES and not p.name.startswith("."))
    return {str(p.relative_to(folder)): normalised(p.read_text(encoding="utf-8")) for p in files}


def normalised(text: str) -> str:
    for pattern, stand_in in CLOCK:
        text = pattern.sub(stand_in, text)
    return text


def outputs(build: Path, mail: Path) -> dict[str, str]:
    """The golden tree's content from a build's edition folder and a mail run's."""
    return dict(sorted({**tree(build), **tree(mail), **exported()}.items()))


def golden_tree() -> dict[str, str]:
    return dict(sorted(tree(GOLDEN / EDITION).items()))


def refresh() -> None:
    with tempfile.TemporaryDirectory() as folder:
        written = outputs(built(Path(folder) / "build"), mailed(Path(folder) / "mail"))
    shutil.rmtree(GOLDEN / EDITION, ignore_errors=True)
    for name, text in written.items():
        (GOLDEN / EDITION / name).parent.mkdir(parents=True, exist_ok=True)
        (GOLDEN / EDITION / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(written)} files in {(GOLDEN / EDITION).relative_to(ROOT)}; review them with git diff", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--refresh", action="store_true", required=True)
    parser.parse_args()
    refresh()
