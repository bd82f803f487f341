"""The command line: parses arguments, calls one command, and turns errors into exit codes."""
from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import json
import os
import signal
import sys
from pathlib import Path
from typing import NoReturn

from .exceptions import DiagnosticsError, ProposalError, UsageError
from .registry import BUILD, EXPORT, MAIL, chosen, products_of, target_names
from .vocabulary import CHOSEN_STATUSES

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 70  # sysexits.h's EX_SOFTWARE: a bug of ours, not a mistake of the user's
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="proposalgen", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build outputs into OUT/EDITION/")
    build.add_argument("target", choices=[*target_names(BUILD), "all"])
    _source_options(build)
    build.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    build.add_argument("--templates", type=Path, help="folder of templates overriding ours by name (default: DATA/templates)")
    build.add_argument("--force", action="store_true", help="rebuild every output, changed or not")
    watch = commands.add_parser("watch", help="rebuild on every save, one line per rebuild")
    watch.add_argument("target", choices=[*target_names(BUILD), "all"], nargs="?", default="proposal")
    _source_options(watch)
    watch.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    watch.add_argument("--interval", type=float, default=0.3, help="seconds between looks at the files (default: 0.3)")
    new = commands.add_parser("new-edition", help="start an edition from an earlier one")
    new.add_argument("name", help="the new edition's year")
    new.add_argument("--from", dest="source", required=True, help="the edition to start from")
    new.add_argument("--data", type=Path, default=Path("data"), help="the series' data folder (default: data)")
    diff = commands.add_parser("diff", help="what changed between two editions")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--data", type=Path, default=Path("data"), help="the series' data folder (default: data)")
    diff.add_argument("--out", type=Path, default=Path("build"), help="where their builds are, for page counts (default: build)")
    export = commands.add_parser("export", help="print the program committee or the organizers for OpenReview, CMT or a spreadsheet")
    export.add_argument("group", choices=target_names(EXPORT))
    _source_options(export)
    export.add_argument("--format", dest="form", choices=("openreview", "cmt", "csv"), default="csv", help="openreview, cmt or csv (default: csv)")
    export.add_argument("--status", choices=tuple(CHOSEN_STATUSES), help="committee members by status (default: all; declined ones never)")
    mail = commands.add_parser("mail", help="write an invitation mail per speaker, panelist or committee member (nothing is sent)")
    mail.add_argument("group", choices=target_names(MAIL))
    _source_options(mail)
    mail.add_argument("--out", type=Path, default=Path("build"), help="output folder: OUT/EDITION/mail/ (default: build)")
    mail.add_argument("--templates", type=Path, help="folder of templates overriding ours by name (default: DATA/templates)")
    mail.add_argument("--status", choices=tuple(CHOSEN_STATUSES), default="invited", help="whom to write to, by status (default: invited)")
    mail.add_argument("--reply-by", type=_date, help="the date to answer by, YYYY-MM-DD (default: a week before what needs the answer)")
    schema = commands.add_parser("schema", help="write a JSON Schema per source file kind, for editors")
    schema.add_argument("folder", type=Path, help="where to write <kind>.schema.json")
    init = commands.add_parser("init", help="create a workshop repository, ready to build, in an empty folder")
    init.add_argument("folder", type=Path, help="the new repository's folder (absent or empty)")
    init.add_argument("--title", help="the workshop's title (default: TBD)")
    init.add_argument("--acronym", help="its short name (default: TBD)")
    init.add_argument("--venue", help="the venue preset, such as iclr-2026 (default: the newest)")
    init.add_argument("--year", help="the edition's year (default: next year)")
    check = commands.add_parser("check", help="check the source without running LaTeX")
    _source_options(check)
    check.add_argument("--format", choices=["text", "json", "github"], default="text",
                       help="text (GCC style, on stderr), json (on stdout) or github (Actions annotations, on stdout)")
    check.add_argument("--for", dest="target", choices=[*target_names(BUILD), "all"], default="proposal",
                       help="also apply the rules of these outputs (default: proposal; every file is read and checked anyway)")
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
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UsageError as e:
        print(f"proposalgen: {e}", file=sys.stderr)
        return EXIT_USAGE
    except DiagnosticsError as e:
        _print_diagnostics(e.diagnostics)
        return EXIT_ERRORS
    except ProposalError as e:
        if args.debug:
            raise
        print(f"proposalgen: error: {e}", file=sys.stderr)
        return EXIT_ERRORS
    except BrokenPipeError:
        raise  # what reads our output stopped reading: ``run`` ends quietly
    except OSError as e:  # the machine's: a read-only or full output or temporary folder, say
        if args.debug:
            raise
        print(f"proposalgen: error: {_os_error(e)}", file=sys.stderr)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print("proposalgen: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as e:  # a bug: one line to report, the traceback with --debug
        if args.debug:
            raise
        message = " ".join(str(e).split())
        print(f"proposalgen: internal error: {type(e).__name__}: {message} (run with --debug and report it)", file=sys.stderr)
        return EXIT_INTERNAL


def _os_error(error: OSError) -> str:
    """What failed, on which file, as one line: ``build/2030: Permission denied``."""
    from .diagnostics import display_path

    reason = error.strerror or str(error)
    return f"{display_path(Path(error.filename))}: {reason}" if error.filename else reason


def _run(args) -> int:
    from .source.editions import edition_folder

    if args.command == "new-edition":
        return _new_edition(args)
    if args.command == "diff":
        return _diff(args)
    if args.command == "schema":
        return _schema(args)
    if args.command == "init":
        return _init(args)
    folder = edition_folder(args.data.resolve(), args.edition)
    if args.command == "check":
        return _check(folder, args)
    if args.command == "export":
        return _export(folder, args)
    if args.command == "mail":
        return _mail(folder, args)
    if args.command == "watch":
        return _watch(folder, args)
    from .commands import state

    targets = chosen(args.target)
    out, templates = _out_and_templates(folder, args)
    sources = state.identity(folder, templates, out)
    if not args.force and state.unchanged(out / folder.name, sources, targets):
        return _replay(out / folder.name, targets, args)
    from .commands.build import build

    built = build(folder, out, targets, args.strict, templates, sources, args.force)
    _print_diagnostics(built.diagnostics.sorted())
    _print_products(args.out / folder.name, targets, built.rebuilt, built.empty)
    return EXIT_OK


def _out_and_templates(folder: Path, args) -> tuple[Path, Path | None]:
    """The output folder (never in the data folder) and the templates folder in use, as ``--out``
    and ``--templates`` give them."""
    from .commands import state
    from .source.editions import output_folder

    return output_folder(args.out, folder.parent), state.templates_folder(folder.parent, args.templates and args.templates.resolve())


def _watch(folder: Path, args) -> int:
    from .commands.watch import watch
    from .source.editions import output_folder

    targets, out = chosen(args.target), output_folder(args.out, folder.parent)
    print(f"watching {args.data} (Ctrl-C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        watch(folder, out, targets, args.strict, args.interval)
    return EXIT_INTERRUPTED  # Ctrl-C, the only way a watch ends: nothing to add


def _replay(out: Path, targets, args) -> int:
    """Nothing changed since the last build: say what it said, and start nothing."""
    from .diagnostics import Diagnostic
    from .vocabulary import REPORT

    report = json.loads((out / REPORT).read_text())
    found = [Diagnostic.from_json(d) for d in report["diagnostics"]]
    _print_diagnostics(found)
    if args.strict and found:
        return EXIT_ERRORS  # as the build would: its warnings fail it
    _print_products(args.out / out.name, targets, rebuilt=(), empty=())
    return EXIT_OK


def _print_products(folder: Path, targets, rebuilt, empty) -> None:
    """What became of each output: written by this build, or kept as the last build left it, or
    not written, the build having rendered nothing for it (the warnings say why)."""
    for target in targets:
        verb = "nothing written:" if target in empty else "wrote" if target in rebuilt else "up to date:"
        for product in products_of(BUILD, target):
            print(f"{verb} {folder / product}", file=sys.stderr)


def _check(folder: Path, args) -> int:
    from .commands.check import check
    from .diagnostics import Diagnostics

    diagnostics = Diagnostics()
    check(folder, diagnostics, chosen(args.target))
    found = diagnostics.sorted()
    if args.format == "json":
        print(json.dumps([d.as_json() for d in found], indent=2, ensure_ascii=False))
    elif args.format == "github":
        print("\n".join(d.as_github() for d in found))
    else:
        _print_diagnostics(found)
    return EXIT_ERRORS if diagnostics.failing(args.strict) else EXIT_OK


def _export(folder: Path, args) -> int:
    from .commands.export import export
    from .diagnostics import Diagnostics

    diagnostics = Diagnostics()
    text = export(folder, args.group, args.form, args.status, diagnostics)
    _print_diagnostics(diagnostics.sorted())
    sys.stdout.write(text)
    return EXIT_ERRORS if diagnostics.failing(args.strict) else EXIT_OK


def _mail(folder: Path, args) -> int:
    from .commands.mail import mail
    from .diagnostics import Diagnostics

    diagnostics = Diagnostics()
    out, templates = _out_and_templates(folder, args)
    written = mail(folder, out, args.group, args.status, args.reply_by, templates, diagnostics)
    _print_diagnostics(diagnostics.sorted())
    for path in written:
        print(f"wrote {args.out / path.relative_to(args.out.resolve())}", file=sys.stderr)
    if not written:
        who = ("" if args.status == "all" else f"{args.status} ") + {"committee": "committee members"}.get(args.group, args.group)
        print(f"no mail written: there are no {who}", file=sys.stderr)
    return EXIT_ERRORS if diagnostics.failing(args.strict) else EXIT_OK


def _new_edition(args) -> int:
    from .commands.new_edition import new_edition

    created = new_edition(args.data.resolve(), args.name, args.source)
    shown = args.data / args.name
    print(f"created {shown} from {args.data / args.source} ({created.files} files); {args.data / args.source} is unchanged")
    if created.invited:
        counts = ", ".join(f"{n} {role}" for role, n in created.invited.items())
        print(f"set back to invited, until they confirm again: {counts}")
    _print_checklist(created.to_fill, f"`proposalgen check --edition {args.name} --strict`")
    return EXIT_OK


def _print_checklist(to_fill, command: str) -> None:
    """What is left to fill in, one box each, and the command that lists it again."""
    print(f"to fill in ({len(to_fill)}; {command} lists them again):")
    for diagnostic in to_fill:
        print(f"  [ ] {diagnostic.format()}")


def _init(args) -> int:
    from .commands.init import init, new_workshop

    asked = new_workshop(args.title, args.acronym, args.venue, args.year)
    created = init(args.folder.resolve(), asked)
    print(f"created {args.folder}: the {asked.year} edition at {asked.venue} ({created.files} files)")
    print(f"build it: cd {args.folder} && make proposal")
    _print_checklist(created.to_fill, "`make check`")
    return EXIT_OK


def _schema(args) -> int:
    from .commands.schemas import write_schemas

    for path in write_schemas(args.folder.resolve()):
        print(f"wrote {args.folder / path.name}", file=sys.stderr)
    return EXIT_OK


def _diff(args) -> int:
    from .commands.diff import diff_editions
    from .source.editions import edition_folder

    for name in (args.old, args.new):
        edition_folder(args.data.resolve(), name)
    print("\n".join(diff_editions(args.data.resolve(), args.out.resolve(), args.old, args.new)))
    return EXIT_OK


def _print_diagnostics(diagnostics) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
