"""Diagnostics: one problem in the source, printed the way GCC prints them."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Location:
    path: Path
    line: int = 0
    column: int = 0

    def format(self) -> str:
        shown = display_path(self.path)
        if not self.line:
            return shown
        return f"{shown}:{self.line}:{self.column or 1}"

    def shifted(self, lines: int) -> Location:
        return Location(self.path, self.line + lines, 1 if lines else self.column)


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    code: str
    message: str
    location: Location
    hint: str = ""

    def format(self) -> str:
        """The diagnostic as printed, its invisible characters escaped: a value it quotes may hold
        a terminal's escape sequence or a bidi override, which would act on the terminal."""
        text = shown(f"{self.location.format()}: {self.severity}: {self.message} [{self.code}]")
        return f"{text}\n  hint: {shown(self.hint)}" if self.hint else text

    def as_github(self) -> str:
        """The GitHub Actions workflow command that shows this diagnostic on its line of the diff."""
        where = [f"file={_github_property(display_path(self.location.path))}"]
        if self.location.line:
            where += [f"line={self.location.line}", f"col={self.location.column or 1}"]
        text = f"{self.message} [{self.code}]" + (f"\nhint: {self.hint}" if self.hint else "")
        return f"::{self.severity} {','.join(where)},title={_github_property(self.code)}::{_github_data(text)}"

    @classmethod
    def from_json(cls, data: dict) -> Diagnostic:
        """The diagnostic ``as_json`` wrote (report.json), to say it again."""
        where = Location(Path(data["file"]), data["line"], data["column"])
        return cls(data["severity"], data["code"], data["message"], where, data["hint"])

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": display_path(self.location.path),
            "line": self.location.line,
            "column": self.location.column,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class Diagnostics:
    """Collects problems so that every one is reported in the same run."""

    items: list[Diagnostic] = field(default_factory=list)
    ignored: frozenset[str] = frozenset()  # codes whose warnings are not reported (series.yaml's `ignore`)

    def ignore(self, codes) -> None:
        """Silences the warnings of ``codes``, those reported already and those to come; errors
        stay, as an output would be wrong."""
        self.ignored = frozenset(codes)
        self.items = [d for d in self.items if not (d.severity == WARNING and d.code in self.ignored)]

    def error(self, code: str, message: str, location: Location, hint: str = "") -> None:
        self.items.append(Diagnostic(ERROR, code, message, location, hint))

    def warning(self, code: str, message: str, location: Location, hint: str = "") -> None:
        if code not in self.ignored:
            self.items.append(Diagnostic(WARNING, code, message, location, hint))

    def failing(self, strict: bool) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == ERROR or strict]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (str(d.location.path), d.location.line, d.location.column))


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it is below it, as users typed it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def _github_data(text: str) -> str:
    """``text`` as a workflow command's message, where %, CR and LF are escaped (GitHub's rule)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """``text`` as a workflow command's property value, where ':' and ',' are escaped too."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def shown(text: str) -> str:
    """``text`` with its invisible characters (control, format, separators) written as escapes."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in text)


def did_you_mean(name: str, candidates) -> str:
    """A message's ending naming the candidate closest to a misspelt ``name``, if one is close."""
    import difflib

    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""
