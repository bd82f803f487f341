"""What a command prints on the terminal besides its output, and the codes it exits with."""
from __future__ import annotations

import sys

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 70  # sysexits.h's EX_SOFTWARE: a bug of ours, not a mistake of the user's
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


def print_diagnostics(diagnostics) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


def print_checklist(to_fill, command: str) -> None:
    """What is left to fill in, one box each, and the command that lists it again."""
    print(f"to fill in ({len(to_fill)}; {command} lists them again):")
    for diagnostic in to_fill:
        print(f"  [ ] {diagnostic.format()}")


def exit_code(diagnostics, strict: bool) -> int:
    """Whether a command that wrote what it could failed: errors, or warnings under ``--strict``."""
    return EXIT_ERRORS if diagnostics.failing(strict) else EXIT_OK
