"""The preamble dumped into a TeX format once, kept in the user's cache folder, so that pdflatex
starts with its packages loaded instead of loading them on every build (half of a pass).

pdflatex only: lualatex's fonts are loaded by Lua code (luaotfload), whose state a format does
not keep, so a lualatex build loads its preamble every time."""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..exceptions import WriteError
from ..files import file_hash, replace_atomically
from ..settings import user_cache
from .compile import finished_within, start_engine

DUMP_TIMEOUT_SECONDS = 60
ENGINE = "pdflatex"


def cached_format(preamble: bytes) -> Path | None:
    """The format dumped from ``preamble``, if one was, is whole (its digest as recorded), and no
    file it was made from (the engine, its own format, the packages) changed since; None otherwise."""
    base = _base(preamble)
    if base is None:
        return None
    fmt = base.with_suffix(".fmt")
    try:
        digest, *inputs = base.with_suffix(".inputs").read_text().splitlines()
        made = fmt.stat().st_mtime_ns
        # A damaged format, or another one put in its place, may well load, and be wrong.
        return fmt if all(os.stat(p).st_mtime_ns <= made for p in inputs) and file_hash(fmt) == digest else None
    except (OSError, ValueError):
        return None


class FormatDump:
    """``pdftex -ini`` dumping ``preamble`` into a format, in a scratch folder; ``wait`` puts the
    format in the cache if the dump succeeded. A preamble that cannot be dumped is just not sped up."""

    def __init__(self, preamble: bytes):
        self.base = _base(preamble)
        self.scratch = tempfile.TemporaryDirectory(prefix="proposalgen-format-", ignore_cleanup_errors=True)  # gone at exit, whatever happens
        self.folder = Path(self.scratch.name)
        try:
            self.process = self._dump(preamble)
        except BaseException:  # Ctrl-C, say: no caller holds this dump yet to wait for it (TeX dies with us)
            self.scratch.cleanup()
            raise

    def _dump(self, preamble: bytes) -> subprocess.Popen:
        (self.folder / "preamble.tex").write_bytes(preamble + b"\n\\dump\n")
        command = [ENGINE, "-ini", "-recorder", "-interaction=batchmode", "-halt-on-error", "-no-shell-escape",
                   "-jobname=format", "&pdflatex", "preamble.tex"]
        return start_engine(command, self.folder, subprocess.DEVNULL)

    def wait(self) -> None:
        try:
            if finished_within(self.process, DUMP_TIMEOUT_SECONDS) and self.process.returncode == 0 and self.base:
                with contextlib.suppress(OSError, WriteError):  # the cache went away: the next build dumps again
                    self._keep(self.base)
        finally:
            self.scratch.cleanup()

    def _keep(self, base: Path) -> None:
        """The format's digest and the list of files read first, then the format, each renamed
        into place: a format is only ever found beside the list it was made from."""
        read = [line[6:] for line in (self.folder / "format.fls").read_text().splitlines() if line.startswith("INPUT /")]
        inputs = sorted({*read, os.path.realpath(shutil.which(ENGINE) or ENGINE)})
        replace_atomically(base.with_suffix(".inputs"), "\n".join([file_hash(self.folder / "format.fmt"), *inputs]).encode())
        replace_atomically(base.with_suffix(".fmt"), (self.folder / "format.fmt").read_bytes())


def _base(preamble: bytes) -> Path | None:
    """Where the format of ``preamble`` is kept, without its suffix (None with no cache folder)."""
    folder = user_cache("formats")
    return folder / hashlib.sha256(preamble).hexdigest()[:24] if folder else None
