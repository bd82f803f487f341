"""The reviewed golden tree of the example's 2026 edition, as Pelican keeps one of its sample site:
every text output of `build all` (proposal.tex, cfp.tex, cfp.md, cfp.txt, dates.ics, the site's
pages and schedule.ics, report.json), the mails of `mail GROUP --status all`, what `export GROUP
--format FORMAT` prints and the members of the Overleaf bundle. `make golden` rewrites it; review
the diff.

Normalised, as they change with the clock: a mail's Date header, an mbox's From line and a
calendar event's DTSTAMP (when the file was made, as RFC 5545 asks). Left out: the PDFs and TeX
logs (report.json's page figures stand for them, and depend on the TeX Live installed), and the
build's state file (the machine's paths and times)."""
import argparse
import contextlib
import hashlib
import io
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from proposalgen.cli import main
from proposalgen.commands.check import check
from proposalgen.diagnostics import Diagnostics
from proposalgen.registry import EXPORT, MAIL, OUTPUTS, Request, render_target, target_names
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


def exported(out: Path) -> dict[str, str]:
    """What every export prints, in each format, and the members of those it writes (a zip)."""
    printed, written = [o for o in OUTPUTS if o.target.command == EXPORT and not o.made_from], [o for o in OUTPUTS if o.made_from]
    source = ("--data", str(DATA), "--edition", EDITION)
    found = {f"export/{o.target.name}.{form}": quietly("export", o.target.name, "--format", form, *source) for o in printed for form in EXPORT_FORMATS}
    for output in written:
        quietly("export", output.target.name, *source, "--out", str(out))
        with zipfile.ZipFile(out / EDITION / output.name) as bundle:
            found |= {f"export/{output.name}/{name}": member_text(bundle, name) for name in bundle.namelist()}
    return found


def member_text(bundle: zipfile.ZipFile, name: str) -> str:
    """A member's text, or for an image its size and digest."""
    content = bundle.read(name)
    if Path(name).suffix in {".png", ".jpg", ".jpeg", ".pdf"}:
        return f"{len(content)} bytes, sha256 {hashlib.sha256(content).hexdigest()}\n"
    return normalised(content.decode("utf-8"))


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


def outputs(build: Path, made: Path) -> dict[str, str]:
    """The golden tree's content from a build's edition folder, and the mails and exports
    written into ``made``."""
    return dict(sorted({**tree(build), **tree(mailed(made)), **exported(made)}.items()))


def golden_tree() -> dict[str, str]:
    files = (p for p in (GOLDEN / EDITION).rglob("*") if p.is_file())
    return dict(sorted((str(p.relative_to(GOLDEN / EDITION)), p.read_text(encoding="utf-8")) for p in files))


def refresh() -> None:
    with tempfile.TemporaryDirectory() as folder:
        written = outputs(built(Path(folder) / "build"), Path(folder) / "made")
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
