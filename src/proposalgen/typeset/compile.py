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
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics, Location, display_path
from ..exceptions import ToolMissingError
from .origins import longest_piece
from .pages import paragraph_pages

# A text value of the data and where it is written (origins.written_values).
Values = tuple[tuple[str, Location], ...]

TIMEOUT_SECONDS = 120
_ERROR_LINE = re.compile(r"^(?:\./)?[^:\n]+\.tex:(?P<line>\d+): (?P<message>.*)$", re.MULTILINE)
_SOURCE_COMMENT = re.compile(r"^% source: (?P<file>.+):(?P<line>\d+)$")
_MISSING_CHARACTER = re.compile(r"^Missing character: There is no (.) \(U\+([0-9A-F]+)\)", re.MULTILINE)
_BUFFER_OVERFLOW = re.compile(r"! Unable to read an entire line---bufsize=(\d+)")
# "in paragraph at lines 73--75", "in alignment at lines 60--66", "detected at line 80"
_OVERFULL = re.compile(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\) .*?lines? (\d+)(?:--(\d+))?", re.MULTILINE)
_KIT_ERROR_LINE = re.compile(r"^(?:\./)?(?P<file>[^:/\n]+\.(?:sty|cls|clo|cfg|def|fd)):(?P<line>\d+): (?P<message>.*)$", re.MULTILINE)
_RUN_SYSTEM = re.compile(r"runsystem\((?P<command>.*?)\)\.\.\.disabled", re.DOTALL)
_OPENED_FILE = re.compile(r"\((?:\./)?(?P<file>[^()\s/]+\.(?:sty|cls|clo|cfg|def|fd))")
TERMINAL_SUFFIX = ".terminal"
_DEBIAN_PACKAGE = {"pdflatex": "texlive-latex-recommended", "lualatex": "texlive-luatex"}
OVERFULL_LIMIT_PT = 10.0  # past this, text visibly runs into the margin or off the page
# util-linux's setpriv gives the engine a parent-death signal (Linux's prctl), then runs it. Not
# prctl in a preexec_fn: that runs Python's at-fork handlers in the parent, where a Ctrl-C is lost.
_DIE_WITH_PARENT = ["setpriv", "--pdeathsig", "KILL", "--"] if shutil.which("setpriv") else []


def compile_tex(tex: Path, engine: str, shown_as: Path, source_root: Path, diagnostics: Diagnostics,
                timeout: int = TIMEOUT_SECONDS, values: Values = (), kit: tuple[Path, ...] = (),
                preloaded: Preloaded | None = None) -> Path | None:
    """Typesets ``tex`` with ``engine`` in one pass in its own folder, shell escape off, under a timeout,
    with the files of a venue's style ``kit`` copied beside it; from a format of its preamble when
    ``preloaded`` gives one.

    Returns the PDF, or None after reporting why there is none: each error at the prose line,
    under ``source_root``, behind its line of ``shown_as`` (the copy of ``tex`` the user can
    open), at that line when a template wrote it, or at the kit file's line that caused it; a
    word too wide for its line at the value of ``values`` it is written in.
    """
    _require_engine(engine)
    for path in kit:
        shutil.copyfile(path, tex.parent / path.name)
    content = tex.read_bytes()
    if preloaded:  # the preamble's lines left empty, so that TeX's line numbers stay the document's
        tex.write_bytes(b"\n" * preloaded.preamble.count(b"\n") + content[len(preloaded.preamble):])
    options = [f"-fmt={preloaded.format.with_suffix('')}"] if preloaded else []
    process = _start(_command(engine, tex.name, *options), tex.parent, tex.stem)
    if not finished_within(process, timeout):
        diagnostics.error("latex", f"{engine} did not finish within {timeout} s", Location(shown_as))
        return None
    tex.write_bytes(content)  # the error report reads the lines TeX read
    return _outcome(tex, engine, process.returncode, shown_as, source_root, diagnostics, values, kit)


@dataclass(frozen=True)
class Preloaded:
    """A format dumped from ``preamble``, which the document begins with."""

    format: Path
    preamble: bytes


def _start(command: list[str], folder: Path, job: str) -> subprocess.Popen:
    """Starts the engine in ``folder``; what it prints goes to ``<job>.terminal`` there, as a few
    fatal errors (an overlong line) reach the terminal but not the log."""
    with open(folder / f"{job}{TERMINAL_SUFFIX}", "wb") as terminal:
        return start_engine(command, folder, terminal)


def start_engine(command: list[str], folder: Path, output) -> subprocess.Popen:
    """Starts a TeX engine in ``folder``, with no terminal input, killed (on Linux) when the thread
    that started it ends: a build killed outright leaves no engine blocked on its named pipe."""
    return subprocess.Popen([*_DIE_WITH_PARENT, *command], cwd=folder, stdin=subprocess.DEVNULL, stdout=output,
                            stderr=subprocess.STDOUT, env=_engine_environment())


def finished_within(process: subprocess.Popen, seconds: float) -> bool:
    """Waits for ``process``, killing it after ``seconds``; whether it finished by itself.

    ``Popen.wait(timeout)`` polls, sleeping up to 50 ms between looks: a tenth of a pass lost. A
    blocking wait returns the moment the engine exits, and a timer stops it if it never does."""
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        process.kill()

    timer = threading.Timer(seconds, stop)
    timer.start()
    try:
        process.wait()
    finally:
        timer.cancel()
    return not timed_out.is_set()


class EarlyRun:
    """The engine started on the preamble a document is expected to begin with, before the
    document is rendered: TeX loads its packages (most of a pass) while Python reads, checks and
    renders. The document reaches TeX through a named pipe in a scratch folder of its own.

    With ``preloaded``, the format of the preamble dumped, TeX starts with the packages loaded and is sent one
    empty line per preamble line instead, so that its line numbers stay those of the document."""

    def __init__(self, name: str, preamble: bytes, engine: str, preloaded: Path | None = None):
        self.preamble, self.engine = preamble, engine
        self.opening = b"\n" * preamble.count(b"\n") if preloaded else preamble
        # A TemporaryDirectory, not mkdtemp: were an interrupt to come before the caller holds this
        # run to close it, the folder would still go when Python exits (its finalizer).
        self.scratch = tempfile.TemporaryDirectory(prefix="proposalgen-", ignore_cleanup_errors=True)
        self.folder = Path(self.scratch.name)
        try:
            self._launch(name, preloaded)
        except BaseException:  # Ctrl-C, say: no caller holds this run yet to close it (TeX dies with us)
            self.scratch.cleanup()
            raise

    def _launch(self, name: str, preloaded: Path | None) -> None:
        self.tex = self.folder / name
        os.mkfifo(self.tex)
        self.process = _start(_command(self.engine, name, *_early_options(self.engine, preloaded)), self.folder, self.tex.stem)
        self.started = time.monotonic()
        self.ended_unread = False  # TeX ended before reading the document: its start failed
        self.interrupted = False
        self.sending: threading.Thread | None = None  # the thread handing TeX the document, once it has one
        self.delivered = False  # TeX was sent the whole document
        self.pipe: Future = Future()
        # Opening a named pipe waits for its reader, TeX, which opens it once its format is loaded.
        threading.Thread(target=self._open_and_send_preamble, daemon=True).start()

    def send(self, content: bytes) -> bool:
        """Hands TeX the rest of ``content`` now, from a thread, so that it typesets while the
        caller goes on (with the checks, say); False, the run stopped, when ``content`` does not
        begin with the preamble guessed."""
        if not content.startswith(self.preamble):
            self.stop()
            return False
        self.sending = threading.Thread(target=self._send_rest, args=(content[len(self.preamble):],), daemon=True)
        self.sending.start()
        return True

    @property
    def sent(self) -> bool:
        return self.sending is not None

    def _send_rest(self, rest: bytes) -> None:
        with contextlib.suppress(OSError):  # the run was abandoned before TeX opened the pipe
            pipe = self._opened_pipe()
            if pipe is not None:
                _write(pipe, rest)
                with contextlib.suppress(OSError):
                    pipe.close()
                self.delivered = True

    def finish(self, content: bytes, shown_as: Path, source_root: Path, diagnostics: Diagnostics,
               timeout: int = TIMEOUT_SECONDS, values: Values = ()) -> tuple[bool, Path | None]:
        """Sends TeX the rest of ``content``, unless ``send`` did, and waits: (True, the PDF or
        None as ``compile_tex`` returns it). (False, None) when ``content`` does not begin with the
        preamble guessed, or TeX ended before reading it (a damaged format, say): the document
        must be compiled the usual way. (True, None) when the run was interrupted before."""
        if not self.sent and not self.send(content):
            return False, None
        assert self.sending is not None
        self.sending.join()
        if not self.delivered:
            self.ended_unread = not self.interrupted
            return self.interrupted, None
        if not finished_within(self.process, max(timeout - (time.monotonic() - self.started), 0.1)):
            self.stop()
            diagnostics.error("latex", f"{self.engine} did not finish within {timeout} s", Location(shown_as))
            return True, None
        self.tex.unlink()
        self.tex.write_bytes(content)  # the error report reads the lines TeX read
        return True, _outcome(self.tex, self.engine, self.process.returncode, shown_as, source_root, diagnostics, values)

    def stop(self) -> None:
        """Stops TeX, if it runs, and lets go of the pipe."""
        self.process.kill()
        self.process.wait()
        if not self.pipe.done():  # TeX never opened the pipe: open its other end so the opener returns
            os.close(os.open(self.tex, os.O_RDONLY | os.O_NONBLOCK))
        if self.sending is not None:  # its writes fail now that TeX is gone: let it end before the pipe closes
            self.sending.join()
        with contextlib.suppress(OSError):
            self.pipe.result().close()

    def interrupt(self) -> None:
        """Kills TeX wherever it is in its pass (called while another thread may be in ``finish``,
        which then returns without compiling the document again): the build was interrupted."""
        self.interrupted = True
        self.process.kill()

    def close(self) -> None:
        """Stops TeX if it still runs and removes the scratch folder."""
        if self.process.poll() is None or not self.pipe.done():
            self.stop()
        self.scratch.cleanup()

    def _open_and_send_preamble(self) -> None:
        try:
            pipe = open(self.tex, "wb")
        except OSError as e:  # the run was abandoned, its folder removed, before TeX opened the pipe
            self.pipe.set_exception(e)
            return
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


def _early_options(engine: str, preloaded: Path | None) -> list[str]:
    """pdflatex's first-line parse would read the pipe, then TeX would open it again: one reader
    only (lualatex has no such parse)."""
    if engine != "pdflatex":
        return []
    return ["-no-parse-first-line", *([f"-fmt={preloaded.with_suffix('')}"] if preloaded else [])]


def _write(pipe, data: bytes) -> None:
    with contextlib.suppress(BrokenPipeError):  # TeX stopped early: its log says why
        pipe.write(data)
        pipe.flush()


def _require_engine(engine: str) -> None:
    if shutil.which(engine) is None:
        raise ToolMissingError(f"{engine} is not installed; run `make proposal` as root, or install {_DEBIAN_PACKAGE[engine]}")


def _command(engine: str, name: str, *options: str) -> list[str]:
    return [engine, *options, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-file-line-error", name]


def _outcome(tex: Path, engine: str, returncode: int, shown_as: Path, source_root: Path, diagnostics: Diagnostics,
             values: Values, kit: tuple[Path, ...] = ()) -> Path | None:
    """The PDF of a run that made a whole one, or None after reporting why it did not; None too
    when a file of a style kit tried to run a command (shell escape is off: TeX only logs it)."""
    log = _read_log(tex.with_suffix(".log"))
    pdf = tex.with_suffix(".pdf")
    failure = _failure(engine, returncode, log, pdf)
    in_kit = _report_kit_errors(log, kit, diagnostics)
    if failure:
        terminal = _read_log(tex.with_suffix(TERMINAL_SUFFIX))
        _report_errors(tex, shown_as, source_root, log, terminal, "" if in_kit else failure, diagnostics)
        return None
    if _report_commands(log, kit, shown_as, diagnostics):
        return None
    _report_warnings(tex, shown_as, source_root, log, diagnostics, values)
    return pdf


def _report_kit_errors(log: str, kit: tuple[Path, ...], diagnostics: Diagnostics) -> int:
    """The errors TeX met while reading a file of the style kit, at that file's line (a kit
    that reads or writes a file outside the build folder is refused there); how many."""
    files = {path.name: path for path in kit}
    matches = [m for m in _KIT_ERROR_LINE.finditer(log) if m["file"] in files and not m["message"].strip().startswith("==> Fatal error")]
    # An emergency stop repeats the error before it, at the same line: each is told once.
    errors = dict.fromkeys((m["file"], int(m["line"]), _error_message(log, m) + _context(log, m.end(), int(m["line"]))) for m in matches)
    for name, line, message in errors:
        diagnostics.error("latex", f"the style kit's {name}: {message}", Location(files[name], line, 1))
    return len(errors)


def _error_message(log: str, match: re.Match) -> str:
    """What went wrong: an emergency stop names only itself, the error before it says why (a
    class or a file not found, which is what a file outside the build folder is to TeX)."""
    message = match["message"].strip().rstrip(".")
    if message != "Emergency stop":
        return message
    cause = [m[1] for m in re.finditer(r"^(?:! |(?:\./)?[^:/\n]+:\d+: )(?!Emergency stop)(.*)$", log[: match.start()], re.MULTILINE)]
    return cause[-1].strip().rstrip(".") if cause else message


def _report_commands(log: str, kit: tuple[Path, ...], shown_as: Path, diagnostics: Diagnostics) -> bool:
    """Each command a TeX file tried to run (``\\write18``) in a document with a style kit, at the
    kit file read last before it (else at the document); whether there was one. Without a kit,
    only templates could try, and TeX's log says each attempt was disabled."""
    files = {path.name: path for path in kit}
    attempts = list(_RUN_SYSTEM.finditer(log)) if kit else []
    for attempt in attempts:
        opened = [m["file"] for m in _OPENED_FILE.finditer(log, 0, attempt.start()) if m["file"] in files]
        where = Location(files[opened[-1]]) if opened else Location(shown_as)
        diagnostics.error("latex", f"a TeX file tried to run the command '{attempt['command'][:60]}'; "
                          "proposalgen runs TeX without shell escape, so it did not run", where,
                          hint="a style kit may only typeset: remove the command from it")
    return bool(attempts)


def _failure(engine: str, returncode: int, log: str, pdf: Path) -> str:
    """Why a finished run made no whole PDF, or "" if it did. The exit status, the log and the
    PDF each miss failures the others show: a killed engine leaves a log without errors and a
    truncated PDF, a line too long for TeX's buffer is fatal but reaches only the terminal."""
    if returncode < 0:
        return f"{engine} was stopped by {_signal_name(-returncode)} before it finished"
    if returncode > 0 or "\n! " in log:
        return f"{engine} failed (exit status {returncode}) without naming a line"
    if "\nOutput written on " not in log or not pdf.exists() or not pdf.stat().st_size:
        return f"{engine} wrote no PDF"
    return ""


def _signal_name(number: int) -> str:
    return next((s.name for s in signal.Signals if s == number), f"signal {number}")


def _engine_environment() -> dict:
    # With "p" (paranoid) the engine may not read or write files outside its working folder.
    return {**os.environ, "openout_any": "p", "openin_any": "p"}


def _read_log(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def _report_errors(tex: Path, shown_as: Path, source_root: Path, log: str, terminal: str, failure: str,
                   diagnostics: Diagnostics) -> None:
    """Each error of the log at the source behind its line; the failure itself if none names one."""
    lines = tex.read_text(encoding="utf-8").splitlines()
    errors = [*_log_errors(log), *_overlong_lines(terminal, lines), *_missing_characters(log, lines)]
    for line, message in errors:
        where, hint = _source_of(lines, line, shown_as, source_root)
        diagnostics.error("latex", message, where, hint)
    if not errors and failure:
        diagnostics.error("latex", failure, Location(shown_as),
                          hint=f"see {display_path(shown_as.with_suffix('.log'))}; the PDF was not replaced")


def _log_errors(log: str) -> list[tuple[int, str]]:
    """The errors the log names a line for, with what TeX had read of it."""
    errors = [m for m in _ERROR_LINE.finditer(log) if not m["message"].strip().startswith("==> Fatal error")]
    return [(int(m["line"]), _error_message(log, m) + _context(log, m.end(), int(m["line"]))) for m in errors]


def _missing_characters(log: str, lines: list[str]) -> list[tuple[int, str]]:
    """A character no font has (an error with lualatex's \\tracinglostchars=3), which TeX finds
    only at shipout: reported at the first line that holds it."""
    missing = _MISSING_CHARACTER.search(log)
    if not missing:
        return []
    number = next((n for n, line in enumerate(lines) if missing[1] in line), 0)
    return [(number + 1, f"no font has '{missing[1]}' (U+{missing[2]}); transliterate it, or leave it out of the documents")]


def _overlong_lines(terminal: str, lines: list[str]) -> list[tuple[int, str]]:
    """The line that overflowed TeX's input buffer, which only the terminal reports: the longest
    line, since no shorter one can overflow it first."""
    overflow = _BUFFER_OVERFLOW.search(terminal)
    if not overflow:
        return []
    number = max(range(len(lines)), key=lambda n: len(lines[n].encode()))
    message = (f"a line of {len(lines[number]):,} characters overflows TeX's input buffer "
               f"({int(overflow[1]):,} bytes); break it into shorter lines")
    return [(number + 1, message)]


def _source_of(lines: list[str], line: int, shown_as: Path, source_root: Path) -> tuple[Location, str]:
    """Where to report a problem at ``line`` of the LaTeX file: the prose line behind it, with the
    LaTeX line as a hint, or the LaTeX line itself when a template wrote it."""
    origin = _origin(lines, line)
    if origin is None:
        return Location(shown_as, line, 1), ""
    return Location(source_root / origin[0], origin[1], 1), f"at {Location(shown_as, line, 1).format()}"


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


def _report_warnings(tex: Path, shown_as: Path, source_root: Path, log: str, diagnostics: Diagnostics, values: Values) -> None:
    for match in re.finditer(r"LaTeX Warning: (Reference|Hyper reference|Citation) `([^']+)' .*?undefined", log):
        diagnostics.warning("latex", f"undefined {match[1].lower()} '{match[2]}'", Location(shown_as))
    overfull = [(float(m[1]), int(m[2]), int(m[3] or m[2]), _box_text(log, m.end())) for m in _OVERFULL.finditer(log)]
    if overfull:
        _report_overfull(Placement(tex.read_text(encoding="utf-8").splitlines(), paragraph_pages(tex), shown_as, source_root, values),
                         overfull, diagnostics)


@dataclass(frozen=True)
class Placement:
    """Where an overfull line stands: the LaTeX file's lines and the page each paragraph ends on."""

    lines: list[str]
    pages: dict[int, int]
    shown_as: Path
    source_root: Path
    values: Values = ()

    def where(self, line: int) -> tuple[Location, str, str]:
        """The source behind ``line``, a hint naming the LaTeX line, and " on page N": the page of
        the paragraph beginning there (where it ends) or, for a box TeX built outside one (an alignment row),
        of the last paragraph begun before it."""
        location, hint = _source_of(self.lines, line, self.shown_as, self.source_root)
        begun = max((number for number in self.pages if number <= line), default=None)
        return location, hint, f" on page {self.pages[begun]}" if begun else ""

    def widest_value(self, first: int, last: int, box: str) -> tuple[str, Location] | None:
        """The unbreakable stretch of the data's values that is longest among those written on
        lines ``first`` to ``last`` or shown in the ``box`` TeX set (a table's cell is set where
        the table ends), and where its value is written; None when there is none."""
        from ..text.latex import latex_escape  # the printed form: only an overfull line needs it

        written = "\n".join(self.lines[first - 1:last])
        pieces = [(longest_piece(text), where) for text, where in self.values]
        shown = [(piece, where) for piece, where in pieces
                 if piece and (piece in box or latex_escape(piece) in written or latex_escape(piece.upper()) in written)]
        return max(shown, key=lambda found: len(found[0]), default=None)


def _box_text(log: str, start: int) -> str:
    """The text of the box an overfull warning shows after ``start``, as TeX set it (its lines,
    which the log wraps at 79 characters, joined)."""
    end = log.find("\n\n", start)
    return log[start:end if end >= 0 else len(log)].replace("\n", "")


def _report_overfull(placement: Placement, boxes: list[tuple[float, int, int, str]], diagnostics: Diagnostics) -> None:
    """Each line or table cut off past the margin by more than the limit as an error at its
    source, a word of the data too wide for its line at that value; slightly overfull lines,
    which print whole, as one warning at the worst."""
    slight = [(width, line) for width, line, _, _ in boxes if width <= OVERFULL_LIMIT_PT]
    for width, line, last, box in (box for box in boxes if box[:2] not in slight):
        location, hint, on_page = placement.where(line)
        cut_off = f"runs {width:.1f}pt past the right margin{on_page}, where it is cut off"
        widest = placement.widest_value(line, last, box) if not hint else None
        if widest:
            diagnostics.error("overfull", f"'{_shortened(widest[0])}' is wider than its line and cannot break: it {cut_off}", widest[1],
                              f"shorten it, or write a space or a hyphen where it may break (at {location.format()})")
        else:
            diagnostics.error("overfull", f"text {cut_off}", location, hint)
    if slight:
        width, line = max(slight)
        location, hint, on_page = placement.where(line)
        diagnostics.warning("overfull", f"{len(slight)} line(s) slightly overfull, the worst by {width:.1f}pt{on_page}", location, hint)


def _shortened(word: str) -> str:
    return word if len(word) <= 40 else word[:39] + "…"
