"""Running the TeX engine once, safely, and mapping its complaints back to the source."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from .diagnostics import Diagnostics, Location
from .exceptions import ToolMissingError

ENGINE = "pdflatex"
TIMEOUT_SECONDS = 120
_ERROR_LINE = re.compile(r"^(?:\./)?[^:\n]+\.tex:(?P<line>\d+): (?P<message>.*)$", re.MULTILINE)
_SOURCE_COMMENT = re.compile(r"^% source: (?P<where>.+)$")


def compile_tex(tex: Path, shown_as: Path, diagnostics: Diagnostics) -> Path | None:
    """Typesets ``tex`` in one pass in its own folder, shell escape off, under a timeout.

    Returns the PDF, or None after reporting the errors at the lines of ``shown_as`` (the copy
    of ``tex`` the user can open).
    """
    if shutil.which(ENGINE) is None:
        raise ToolMissingError(f"{ENGINE} is not installed; run `make proposal` as root, or install texlive-latex-recommended")
    command = [ENGINE, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-file-line-error", tex.name]
    try:
        subprocess.run(command, cwd=tex.parent, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=TIMEOUT_SECONDS, env=_engine_environment(), check=False)
    except subprocess.TimeoutExpired:
        diagnostics.error("latex", f"{ENGINE} did not finish within {TIMEOUT_SECONDS} s", Location(shown_as))
        return None
    log = _read_log(tex.with_suffix(".log"))
    pdf = tex.with_suffix(".pdf")
    if not pdf.exists() or "\n! " in log:
        _report_errors(tex, shown_as, log, diagnostics)
        return None
    _report_warnings(shown_as, log, diagnostics)
    return pdf


def _engine_environment() -> dict:
    # With "p" (paranoid) the engine may not read or write files outside its working folder.
    return {**os.environ, "openout_any": "p", "openin_any": "p"}


def _read_log(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def _report_errors(tex: Path, shown_as: Path, log: str, diagnostics: Diagnostics) -> None:
    """Each error of the log at its line of the LaTeX file and, where known, the source behind it."""
    lines = tex.read_text(encoding="utf-8").splitlines()
    errors = list(_ERROR_LINE.finditer(log))
    for match in errors:
        line = int(match["line"])
        origin = _origin(lines, line)
        diagnostics.error("latex", match["message"].strip(), Location(shown_as, line, 1), f"produced from {origin}" if origin else "")
    if not errors:
        diagnostics.error("latex", f"{ENGINE} failed without naming a line; see {shown_as.with_suffix('.log').name}", Location(shown_as))


def _origin(lines: list[str], line: int) -> str:
    """The source named by the nearest ``% source:`` comment at or above ``line``."""
    for text in reversed(lines[:line]):
        match = _SOURCE_COMMENT.match(text)
        if match:
            return match["where"]
    return ""


def _report_warnings(shown_as: Path, log: str, diagnostics: Diagnostics) -> None:
    for match in re.finditer(r"LaTeX Warning: (Reference|Hyper reference|Citation) `([^']+)' .*?undefined", log):
        diagnostics.warning("latex", f"undefined {match[1].lower()} '{match[2]}'", Location(shown_as))
    overfull = re.findall(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)", log, re.MULTILINE)
    if overfull:
        worst = max(float(w) for w in overfull)
        diagnostics.warning("overfull", f"{len(overfull)} overfull line(s), the worst {worst:.1f}pt too wide", Location(shown_as))
