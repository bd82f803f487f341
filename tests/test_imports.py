"""The package's imports run down the stages, never back up.

The stages, each allowed to import those before it and its own modules:

0. the ground: ``text`` (escaping, what can be typeset, Markdown parsed into tokens),
   ``diagnostics``, ``exceptions``, ``vocabulary``, ``settings``, ``files``, ``registry`` (which
   names the outputs' functions as "module:function" strings, imported only when called),
   ``plugins`` (the installed plugins' entry points, loaded when first asked for) and the
   ``venues`` presets: facts every stage uses;
1. ``model``: the edition as frozen data, what every later stage reads;
2. ``source``: reading the data folder into the model;
3. ``checks``: the model's problems, reported at their source;
4. ``render``: the model turned into documents, the prose values filled in;
5. ``typeset``: LaTeX documents turned into PDFs;
6. ``report``: what a build wrote and found;
7. ``commands``: each command, running the stages in order;
8. ``cli`` and ``__main__``: the command line.

Imports under ``if TYPE_CHECKING:`` are exempt: the package uses them for annotations only, which
``from __future__ import annotations`` never evaluates, so no code of the later stage is loaded
(``registry`` annotates with ``Edition`` and ``Document`` so).
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "proposalgen"
STAGES = {
    **dict.fromkeys(("text", "diagnostics", "exceptions", "vocabulary", "settings", "files", "registry", "plugins", "venues", "__init__"), 0),
    "model": 1, "source": 2, "checks": 3, "render": 4, "typeset": 5, "report": 6, "commands": 7, "cli": 8, "__main__": 8,
}


def _module(path: Path) -> tuple[str, ...]:
    """The module's name in the package, as parts: ("render", "documents"); ("text",) for text/__init__.py."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts


def _imported(module: tuple[str, ...], path: Path, node: ast.ImportFrom | ast.Import) -> list[tuple[str, ...]]:
    """The modules of the package that ``node`` imports, as parts."""
    if isinstance(node, ast.Import):
        return [tuple(alias.name.split(".")[1:]) for alias in node.names if alias.name.split(".")[0] == "proposalgen"]
    if node.level == 0:
        return [tuple(node.module.split(".")[1:])] if node.module and node.module.split(".")[0] == "proposalgen" else []
    package = module if path.name == "__init__.py" else module[:-1]
    base = package[: len(package) - (node.level - 1)]
    if node.module:
        return [(*base, *node.module.split("."))]
    return [(*base, alias.name) for alias in node.names]  # from . import load


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    """The import statements inside ``if TYPE_CHECKING:`` blocks."""
    blocks = [node for node in ast.walk(tree) if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"]
    return {inner for block in blocks for statement in block.body for inner in ast.walk(statement)}


def _stage(module: tuple[str, ...]) -> int:
    return STAGES[module[0] if module else "__init__"]


def _imports():
    """Each import of a package module by another, lazy ones inside functions too: (importer, imported, line)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        module, tree = _module(path), ast.parse(path.read_text(), str(path))
        exempt = _type_checking_only(tree)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and node not in exempt:
                for imported in _imported(module, path, node):
                    yield module, imported, node.lineno


def test_every_module_belongs_to_a_stage():
    assert sorted({path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in PACKAGE.rglob("*.py")} - set(STAGES)) == []


def test_no_import_runs_back_up_the_stages():
    backwards = [f"{'.'.join(importer)}:{line} imports {'.'.join(imported)}" for importer, imported, line in _imports()
                 if _stage(imported) > _stage(importer)]
    assert backwards == []


def test_the_walk_sees_relative_lazy_and_type_checking_imports():
    found = {(".".join(importer), ".".join(imported)) for importer, imported, _ in _imports()}
    assert ("render.documents", "text.latex") in found  # from ..text.latex import
    assert ("model.edition", "text.markdown") in found  # inside a function
    assert ("source.reader", "source.load") in found  # from . import load
    assert ("registry", "render.documents") not in found  # under TYPE_CHECKING
