"""``proposalgen watch``: rebuild whenever a source file is saved, one line per rebuild.

The operating system tells of each save through watchfiles (the ``watch`` extra) when it is
installed; without it, the data folder is looked at every ``interval`` seconds."""
from __future__ import annotations

import contextlib
import gc
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..exceptions import DiagnosticsError, ProposalError
from ..registry import chosen
from ..source.editions import edition_folder, output_folder
from . import state
from .terminal import EXIT_INTERRUPTED


def run(args) -> int:
    """``proposalgen watch``: builds until Ctrl-C, the only way a watch ends."""
    folder = edition_folder(args.data.resolve(), args.edition)
    out = output_folder(args.out, folder.parent)
    print(f"watching {args.data} (Ctrl-C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        watch(folder, out, chosen(args.target), args.strict, args.interval)
    return EXIT_INTERRUPTED


def snapshot(data: Path) -> dict[Path, int]:
    """Every file of the data folder with its modification time: what a save changes."""
    return {p: p.stat().st_mtime_ns for p in data.rglob("*") if p.is_file()}


def watch(folder: Path, out: Path, targets: tuple[str, ...], strict: bool, interval: float) -> None:
    """Builds now, then after every change under the data folder, until interrupted."""
    from .build import build

    _rebuild(build, folder, out, targets, strict)
    for _ in changes(folder.parent, interval):
        _rebuild(build, folder, out, targets, strict)


def changes(data: Path, interval: float) -> Iterator[None]:
    """Once after each change (or burst of changes) under ``data``, forever."""
    try:
        import watchfiles
    except ImportError:
        return polled_changes(data, interval)
    return (None for _ in watchfiles.watch(data, debounce=int(interval * 1000), step=50))


def polled_changes(data: Path, interval: float) -> Iterator[None]:
    seen = snapshot(data)
    while True:
        time.sleep(interval)
        current = snapshot(data)
        if current != seen:
            seen = current
            yield None


def _rebuild(build, folder: Path, out: Path, targets, strict: bool) -> None:
    started = time.perf_counter()
    try:
        templates = state.templates_folder(folder.parent, None)
        built = build(folder, out, targets, strict, templates, state.identity(folder, templates, out))
        warnings = f" ({len(built.diagnostics.items)} warnings)" if built.diagnostics.items else ""
        outcome = (f"built {', '.join(built.rebuilt)}" if built.rebuilt else "up to date") + warnings
    except DiagnosticsError as e:
        for diagnostic in e.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        outcome = f"failed: {sum(d.severity == 'error' or strict for d in e.diagnostics)} problems"
    except ProposalError as e:
        outcome = f"failed: {e}"
    print(f"{time.strftime('%H:%M:%S')} {outcome} in {time.perf_counter() - started:.2f} s", flush=True)
    gc.collect()  # the CLI turns the cyclic collector off for one-shot runs; a watch runs for hours
