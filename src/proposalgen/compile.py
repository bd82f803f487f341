"""Running the TeX engine once, safely, and mapping its complaints back to the source."""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from concurrent.futures import Future
from pathlib import Path

from .diagnostics import Diagnostics, Location
from .exceptions import ToolMissingError
from .state import ENGINE

TIMEOUT_SECONDS = 120
_ERROR_LINE = re.compile(r"^(?:\./)?[^:\n]+\.tex:(?P<line>\d+): (?P<message>.*)$", re.MULTILINE)
_SOURCE_COMMENT = re.compile(r"^% source: (?P<file>.+):(?P<line>\d+)$")


def compile_tex(tex: Path, shown_as: Path, source_root: Path, diagnostics: Diagnostics, timeout: int = TIMEOUT_SECONDS) -> Path | None:
    """Typesets ``tex`` in one pass in its own folder, shell escape off, under a timeout.

    Returns the PDF, or None after reporting the errors at the lines of ``shown_as`` (the copy
    of ``tex`` the user can open) and the prose lines, under ``source_root``, behind them.
    """
    _require_engine()
    process = subprocess.Popen(_command(tex.name), cwd=tex.parent, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=engine_environment())
    if not finished_within(process, timeout):
        diagnostics.error("latex", f"{ENGINE} did not finish within {timeout} s", Location(shown_as))
        return None
    return _outcome(tex, shown_as, source_root, diagnostics)


def finished_within(process: subprocess.Popen, seconds: float) -> bool:
    """Waits for ``process``, killing it after ``seconds``; whether it finished by itself.

    ``Popen.wait(timeout)`` polls, sleeping up to 50 ms between looks: a tenth of a pass lost. A
    blocking wait returns the moment the engine exits, and a timer stops it if it never does."""
    timer = threading.Timer(seconds, process.kill)
    timer.start()
    try:
        process.wait()
    finally:
        timer.cancel()
    return process.returncode != -signal.SIGKILL


class EarlyRun:
    """The engine started on the preamble a document is expected to begin with, before the
    document is rendered: TeX loads its packages (most of a pass) while Python reads, checks and
    renders. The document reaches TeX through a named pipe in a scratch folder of its own.

    With ``preloaded``, the format of the preamble dumped, TeX starts with the packages loaded and is sent one
    empty line per preamble line instead, so that its line numbers stay those of the document."""

    def __init__(self, name: str, preamble: bytes, preloaded: Path | None = None):
        self.preamble = preamble
        self.opening = b"\n" * preamble.count(b"\n") if preloaded else preamble
        options = ["-no-parse-first-line", *([f"-fmt={preloaded.with_suffix('')}"] if preloaded else [])]
        self.folder = Path(tempfile.mkdtemp(prefix="proposalgen-"))
        self.tex = self.folder / name
        os.mkfifo(self.tex)
        # The first-line parse would read the pipe, then TeX would open it again: one reader only.
        self.process = subprocess.Popen(_command(name, *options), cwd=self.folder, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=engine_environment())
        self.started = time.monotonic()
        self.ended_unread = False  # TeX ended before reading the document: its start failed
        self.pipe: Future = Future()
        # Opening a named pipe waits for its reader, TeX, which opens it once its format is loaded.
        threading.Thread(target=self._open_and_send_preamble, daemon=True).start()

    def finish(self, content: bytes, shown_as: Path, source_root: Path, diagnostics: Diagnostics,
               timeout: int = TIMEOUT_SECONDS) -> tuple[bool, Path | None]:
        """Sends TeX the rest of ``content`` and waits: (True, the PDF or None as ``compile_tex``
        returns it). (False, None) when ``content`` does not begin with the preamble guessed, or
        TeX ended before reading it (a damaged format, say): the document must be compiled the
        usual way."""
        if not content.startswith(self.preamble):
            self.stop()
            return False, None
        pipe = self._opened_pipe()
        if pipe is None:
            self.ended_unread = True
            return False, None
        _write(pipe, content[len(self.preamble):])
        with contextlib.suppress(OSError):
            pipe.close()
        if not finished_within(self.process, max(timeout - (time.monotonic() - self.started), 0.1)):
            self.stop()
            diagnostics.error("latex", f"{ENGINE} did not finish within {timeout} s", Location(shown_as))
            return True, None
        self.tex.unlink()
        self.tex.write_bytes(content)  # the error report reads the lines TeX read
        return True, _outcome(self.tex, shown_as, source_root, diagnostics)

    def stop(self) -> None:
        """Stops TeX, if it runs, and lets go of the pipe."""
        self.process.kill()
        self.process.wait()
        if not self.pipe.done():  # TeX never opened the pipe: open its other end so the opener returns
            os.close(os.open(self.tex, os.O_RDONLY | os.O_NONBLOCK))
        with contextlib.suppress(OSError):
            self.pipe.result().close()

    def close(self) -> None:
        """Stops TeX if it still runs and removes the scratch folder."""
        if self.process.poll() is None or not self.pipe.done():
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _open_and_send_preamble(self) -> None:
        pipe = open(self.tex, "wb")
        _write(pipe, self.opening)
        self.pipe.set_result(pipe)

    def _opened_pipe(self):
        """The pipe's writing end once TeX has opened it; None if TeX ended first."""
        while True:
            try:
                return self.pipe.result(timeout=0.005)
            except TimeoutError:
                if self.process.poll() is not None:
                    return None


def _write(pipe, data: bytes) -> None:
    with contextlib.suppress(BrokenPipeError):  # TeX stopped early: its log says why
        pipe.write(data)
        pipe.flush()


def _require_engine() -> None:
    if shutil.which(ENGINE) is None:
        raise ToolMissingError(f"{ENGINE} is not installed; run `make proposal` as root, or install texlive-latex-recommended")


def _command(name: str, *options: str) -> list[str]:
    return [ENGINE, *options, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-file-line-error", name]


def _outcome(tex: Path, shown_as: Path, source_root: Path, diagnostics: Diagnostics) -> Path | None:
    """The PDF of a finished run, or None after reporting its errors."""
    log = _read_log(tex.with_suffix(".log"))
    pdf = tex.with_suffix(".pdf")
    if not pdf.exists() or "\n! " in log:
        _report_errors(tex, shown_as, source_root, log, diagnostics)
        return None
    _report_warnings(shown_as, log, diagnostics)
    return pdf


def engine_environment() -> dict:
    # With "p" (paranoid) the engine may not read or write files outside its working folder.
    return {**os.environ, "openout_any": "p", "openin_any": "p"}


def _read_log(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def _report_errors(tex: Path, shown_as: Path, source_root: Path, log: str, diagnostics: Diagnostics) -> None:
    """Each error of the log at its line of the LaTeX file and, where known, the source behind it."""
    lines = tex.read_text(encoding="utf-8").splitlines()
    errors = [m for m in _ERROR_LINE.finditer(log) if not m["message"].strip().startswith("==> Fatal error")]
    for match in errors:
        line = int(match["line"])
        origin = _origin(lines, line)
        hint = f"produced from {Location(source_root / origin[0], origin[1]).format()}" if origin else ""
        message = match["message"].strip().rstrip(".") + _context(log, match.end(), line)
        diagnostics.error("latex", message, Location(shown_as, line, 1), hint)
    if not errors:
        diagnostics.error("latex", f"{ENGINE} failed without naming a line; see {shown_as.with_suffix('.log').name}", Location(shown_as))


def _context(log: str, start: int, line: int) -> str:
    """What TeX had read of the line when it stopped, from the log's ``l.<line>`` context."""
    match = re.compile(rf"^l\.{line} (.*)$", re.MULTILINE).search(log, start)
    return f" at '{match[1].strip()[-50:]}'" if match else ""


def _origin(lines: list[str], line: int) -> tuple[str, int] | None:
    """The prose file and line behind ``line``: the ``% source:`` comment opening its block, found
    before any blank line (which ends a block); None for lines a template wrote."""
    for above, text in enumerate(reversed(lines[: line - 1])):
        match = _SOURCE_COMMENT.match(text)
        if match:
            # Prose keeps its line breaks, so the block's lines follow the source's one for one.
            return match["file"], int(match["line"]) + above
        if not text.strip():
            return None
    return None


def _report_warnings(shown_as: Path, log: str, diagnostics: Diagnostics) -> None:
    for match in re.finditer(r"LaTeX Warning: (Reference|Hyper reference|Citation) `([^']+)' .*?undefined", log):
        diagnostics.warning("latex", f"undefined {match[1].lower()} '{match[2]}'", Location(shown_as))
    overfull = list(re.finditer(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\) .*lines (\d+)--", log, re.MULTILINE))
    if overfull:
        worst = max(overfull, key=lambda m: float(m[1]))
        message = f"{len(overfull)} overfull line(s); the worst, {float(worst[1]):.1f}pt too wide, is on page {_page_at(log, worst.end())}"
        diagnostics.warning("overfull", message, Location(shown_as, int(worst[2]), 1))


def _page_at(log: str, position: int) -> int:
    """The page being built at ``position`` of the log: the next page the log reports shipped."""
    shipped = re.compile(r"\[(\d+)[\]{\s]").search(log, position)
    return int(shipped[1]) if shipped else 1
