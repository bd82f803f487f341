"""The command line: parses arguments, calls the command they name, and turns errors into exit codes."""
from __future__ import annotations

import argparse
import datetime
import gc
import os
import signal
import sys
from pathlib import Path
from typing import NoReturn

from .commands.terminal import EXIT_ERRORS, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, print_diagnostics
from .exceptions import DiagnosticsError, ProposalError, UsageError
from .registry import BUILD, EXPORT, MAIL, function, target_names
from .settings import version
from .vocabulary import CHOSEN_STATUSES


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"proposalgen {version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="proposalgen", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", required=True)
    build = _command(commands, "build", "build outputs into OUT/EDITION/")
    build.add_argument("target", choices=[*target_names(BUILD), "all"])
    _source_options(build)
    build.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    build.add_argument("--templates", type=Path, help="folder of templates overriding ours by name (default: DATA/templates)")
    build.add_argument("--force", action="store_true", help="rebuild every output, changed or not")
    watch = _command(commands, "watch", "rebuild on every save, one line per rebuild")
    watch.add_argument("target", choices=[*target_names(BUILD), "all"], nargs="?", default="proposal")
    _source_options(watch)
    watch.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    watch.add_argument("--interval", type=float, default=0.3, help="seconds between looks at the files (default: 0.3)")
    new = _command(commands, "new-edition", "start an edition from an earlier one")
    new.add_argument("name", help="the new edition's year")
    new.add_argument("--from", dest="source", required=True, help="the edition to start from")
    new.add_argument("--data", type=Path, default=Path("data"), help="the series' data folder (default: data)")
    diff = _command(commands, "diff", "what changed between two editions")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--data", type=Path, default=Path("data"), help="the series' data folder (default: data)")
    diff.add_argument("--out", type=Path, default=Path("build"), help="where their builds are, for page counts (default: build)")
    export = _command(commands, "export", "print the program committee or the organizers for OpenReview, CMT or a spreadsheet")
    export.add_argument("group", choices=target_names(EXPORT))
    _source_options(export)
    export.add_argument("--format", dest="form", choices=("openreview", "cmt", "csv"), default="csv", help="openreview, cmt or csv (default: csv)")
    export.add_argument("--status", choices=tuple(CHOSEN_STATUSES), help="committee members by status (default: all; declined ones never)")
    mail = _command(commands, "mail", "write an invitation mail per speaker, panelist or committee member (nothing is sent)")
    mail.add_argument("group", choices=target_names(MAIL))
    _source_options(mail)
    mail.add_argument("--out", type=Path, default=Path("build"), help="output folder: OUT/EDITION/mail/ (default: build)")
    mail.add_argument("--templates", type=Path, help="folder of templates overriding ours by name (default: DATA/templates)")
    mail.add_argument("--status", choices=tuple(CHOSEN_STATUSES), default="invited", help="whom to write to, by status (default: invited)")
    mail.add_argument("--reply-by", type=_date, help="the date to answer by, YYYY-MM-DD (default: a week before what needs the answer)")
    schema = _command(commands, "schema", "write a JSON Schema per source file kind, for editors", module="schemas")
    schema.add_argument("folder", type=Path, help="where to write <kind>.schema.json")
    init = _command(commands, "init", "create a workshop repository, ready to build, in an empty folder")
    init.add_argument("folder", type=Path, help="the new repository's folder (absent or empty)")
    init.add_argument("--title", help="the workshop's title (default: TBD)")
    init.add_argument("--acronym", help="its short name (default: TBD)")
    init.add_argument("--venue", help="the venue preset, such as iclr-2026 (default: the newest)")
    init.add_argument("--year", help="the edition's year (default: next year)")
    check = _command(commands, "check", "check the source without running LaTeX")
    _source_options(check)
    check.add_argument("--format", choices=["text", "json", "github"], default="text",
                       help="text (GCC style, on stderr), json (on stdout) or github (Actions annotations, on stdout)")
    check.add_argument("--for", dest="target", choices=[*target_names(BUILD), "all"], default="proposal",
                       help="also apply the rules of these outputs (default: proposal; every file is read and checked anyway)")
    return parser


def _command(commands, name: str, summary: str, module: str = "") -> argparse.ArgumentParser:
    """The parser of the command ``name``, which runs the entry ``run(args)`` of its module in
    commands/ (imported only when that command runs)."""
    parser = commands.add_parser(name, help=summary)
    parser.set_defaults(run=f".commands.{module or name.replace('-', '_')}:run")
    return parser


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def _source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), help="the series' data folder (default: data)")
    parser.add_argument("--edition", help="the edition to use (default: the newest)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


def run() -> NoReturn:
    """The ``proposalgen`` command: ``main``, then an exit that skips the interpreter's teardown.

    Freeing every object of the model and the templates one by one costs 0.05 s, a seventh of a
    build; by now every file is closed and every scratch folder removed, so only the standard
    streams are left to flush."""
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # what reads our output stopped reading (`| head`): nothing to add
        code = EXIT_ERRORS
    except KeyboardInterrupt:  # after main was done: there is nothing left to stop
        code = EXIT_INTERRUPTED
    sys.stderr.flush()
    os._exit(code)


def _interrupt(number, frame) -> None:
    """SIGTERM stops a run as Ctrl-C does: the engines are stopped and the scratch folders
    removed on the way out, instead of the process ending where it stands."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    # One run reads, checks and renders everything, then exits: the cyclic collector would only
    # rescan the growing heap (superlinear on large editions); reference counting frees the rest.
    gc.disable()
    try:
        return _main(argv)
    finally:
        gc.enable()


def _main(argv: list[str] | None) -> int:
    debug = False
    try:
        args = _parser().parse_args(argv)
        debug = args.debug
        return function(args.run)(args)
    except UsageError as e:
        print(f"proposalgen: {e}", file=sys.stderr)
        return EXIT_USAGE
    except DiagnosticsError as e:
        print_diagnostics(e.diagnostics)
        return EXIT_ERRORS
    except ProposalError as e:
        if debug:
            raise
        print(f"proposalgen: error: {e}", file=sys.stderr)
        return EXIT_ERRORS
    except BrokenPipeError:
        raise  # what reads our output stopped reading: ``run`` ends quietly
    except OSError as e:  # the machine's: a read-only or full output or temporary folder, say
        if debug:
            raise
        print(f"proposalgen: error: {_os_error(e)}", file=sys.stderr)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print("proposalgen: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as e:  # a bug: one line to report, the traceback with --debug
        if debug:
            raise
        message = " ".join(str(e).split())
        print(f"proposalgen {version()}: internal error: {type(e).__name__}: {message} (run with --debug and report it)", file=sys.stderr)
        return EXIT_INTERNAL


def _os_error(error: OSError) -> str:
    """What failed, on which file, as one line: ``build/2030: Permission denied``."""
    from .diagnostics import display_path

    reason = error.strerror or str(error)
    return f"{display_path(Path(error.filename))}: {reason}" if error.filename else reason
