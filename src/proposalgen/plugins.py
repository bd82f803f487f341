"""Outputs and checks that installed packages add, through entry points (as MkDocs and Pelican
take theirs): the group ``proposalgen.outputs`` names ``registry.Output`` objects, the group
``proposalgen.checks`` functions ``(edition, diagnostics, targets)`` like ours.

A plugin is code the user chose to install, trusted as such; a data folder never names one.
Each group is loaded once per run, when the registry is first asked for outputs or the checks
run, never when this module is imported."""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .exceptions import PluginError, ProposalError
from .files import file_hash

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from .registry import Output

OUTPUTS_GROUP, CHECKS_GROUP = "proposalgen.outputs", "proposalgen.checks"


@functools.cache
def loaded(group: str) -> tuple[tuple[EntryPoint, Any], ...]:
    """Each entry point of ``group`` installed, by name, with the object it names."""
    if _none_installed():
        return ()
    from importlib.metadata import entry_points

    return tuple((point, _load(point)) for point in sorted(entry_points(group=group), key=lambda p: p.name))


def _none_installed() -> bool:
    """Whether no plugin is installed, as found by the last look at the same places of
    ``sys.path``: installing or removing a package changes its folder's time. Looking costs an
    import of importlib.metadata and a read of every package's metadata (about 0.03 s), which a
    run without plugins, the usual one, is spared."""
    marker = _no_plugins_marker()
    if marker is not None and marker.exists():
        return True
    from importlib.metadata import entry_points

    found = any(entry_points(group=group) for group in (OUTPUTS_GROUP, CHECKS_GROUP))
    if marker is not None and not found:
        marker.touch()
    return not found


def _no_plugins_marker() -> Path | None:
    """The file that tells no plugin was found in ``sys.path`` as it is now (its folders and their times)."""
    from .settings import user_cache

    places = [f"{entry} {os.stat(entry).st_mtime_ns}" for entry in sys.path if os.path.isdir(entry)]
    cache = user_cache("plugins")
    return cache / f"none-{hashlib.sha256(chr(10).join(places).encode()).hexdigest()[:32]}" if cache else None


def _load(point: EntryPoint) -> Any:
    try:
        return point.load()
    except Exception as error:  # whatever the plugin's import raises: it is the plugin's, not ours
        raise PluginError(f"{named(point)} cannot be loaded: {type(error).__name__}: {error}") from error


def named(point: EntryPoint) -> str:
    """The plugin as its user knows it: ``plugin 'glance' (proposalgen.outputs in proposalgen-glance 0.1.0)``."""
    package = f" in {point.dist.name} {point.dist.version}" if point.dist else ""
    return f"plugin '{point.name}' ({point.group}{package})"


def plugin_outputs(ours: tuple[Output, ...]) -> tuple[Output, ...]:
    """The outputs of the plugins installed, each refused when it is no ``Output`` or when it
    claims a target or a path that another output has."""
    from .registry import Output

    added: list[Output] = []
    for point, output in loaded(OUTPUTS_GROUP):
        if not isinstance(output, Output):
            raise PluginError(f"{named(point)} gives {type(output).__name__} '{point.value}', not a proposalgen.registry.Output")
        _refuse_taken_target(point, output, ours, added)
        _refuse_taken_paths(point, output, [*ours, *added])
        added.append(output)
    return tuple(added)


def _refuse_taken_target(point: EntryPoint, output: Output, ours: tuple[Output, ...], added: list[Output]) -> None:
    """A plugin brings targets of its own: one of ours, ``all``, or a name another plugin gives
    another target would be two targets to the CLI (a plugin's outputs may share one target)."""
    target = output.target
    taken = [o.target for o in ours] + [o.target for o in added if o.target != target]
    if target.name == "all" or any((t.name, t.command) == (target.name, target.command) for t in taken):
        raise PluginError(f"{named(point)} names the target '{target.name}', which is taken: give its target a name of its own")


def _refuse_taken_paths(point: EntryPoint, output: Output, others: list[Output]) -> None:
    """A path another output writes, or one in a folder another writes into, would be written twice."""
    for other in others:
        clash = next((mine for mine in _paths(output) for theirs in _paths(other) if _overlap(mine, theirs)), None)
        if clash:
            raise PluginError(f"{named(point)} writes {clash}, where the output {other.name} writes already")


def _paths(output: Output) -> tuple[str, ...]:
    return (output.name, output.typeset_into) if output.typeset_into else (output.name,)


def _overlap(path: str, other: str) -> bool:
    """The same file, or one in a folder (a path ending with "/") the other is."""
    return path == other or (other.endswith("/") and path.startswith(other)) or (path.endswith("/") and other.startswith(path))


def plugin_checks() -> tuple[tuple[EntryPoint, Callable], ...]:
    """The check functions of the plugins installed, each with its entry point."""
    for point, check in loaded(CHECKS_GROUP):
        if not callable(check):
            raise PluginError(f"{named(point)} gives {type(check).__name__} '{point.value}', not a check function (edition, diagnostics, targets)")
    return loaded(CHECKS_GROUP)


def origin(output: Output) -> EntryPoint | None:
    """The entry point of a plugin's output; None for ours."""
    return next((point for point, given in loaded(OUTPUTS_GROUP) if given is output), None)


@contextlib.contextmanager
def blamed(point: EntryPoint | None) -> Iterator[None]:
    """Runs a plugin's code (none when ``point`` is None): what it raises but our own errors
    is the plugin's failure, said as such rather than as a bug of ours."""
    try:
        yield
    except ProposalError:
        raise
    except Exception as error:
        if point is None:
            raise
        raise PluginError(f"{named(point)} failed: {type(error).__name__}: {error}") from error


def identity() -> str:
    """The plugins installed, each with its package's version and the hash of its code: a
    plugin changed rebuilds what it made, as a change to our code does."""
    points = [point for group in (OUTPUTS_GROUP, CHECKS_GROUP) for point, _ in loaded(group)]
    return ";".join(f"{named(point)} {point.value} {_code_hash(point.module)}" for point in points)


def _code_hash(module: str) -> str:
    """The hash of the Python files of the top-level package (or module) ``module`` is in."""
    top = Path(getattr(sys.modules[module.partition(".")[0]], "__file__", None) or "")
    files = sorted(top.parent.rglob("*.py")) if top.name == "__init__.py" else [top]
    return hashlib.sha256("".join(file_hash(path) for path in files).encode()).hexdigest()
