"""Speed and memory of proposalgen on this machine, against the targets of issues 6 and 23: each
figure a ratio to one pdflatex pass of the example measured in the same run.

Prints medians over RUNS runs, the ratios, and PASS or FAIL per target. A benchmark, not a test:
nothing here is asserted in `make test`. Run it with `make bench`.
"""
from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

ROOT = Path(__file__).resolve().parent.parent
PROPOSALGEN = [sys.executable, "-m", "proposalgen"]
RUNS = 7
ENGINE_FLAGS = ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-file-line-error"]
RESULTS: list[tuple[str, str, str, bool | None]] = []


def once(command, cwd: Path, prepare=None, env=None) -> float:
    """The wall time of one run of ``command``; ``prepare`` runs untimed before it."""
    if prepare:
        prepare()
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def seconds(command, cwd: Path, prepare=None, env=None) -> float:
    """The median wall time of ``command`` over RUNS runs."""
    return statistics.median(once(command, cwd, prepare, env) for _ in range(RUNS))


def side_by_side(*runs: tuple) -> list[float]:
    """The median wall times of commands (each given as ``once``'s arguments) run in turn, RUNS
    rounds: on a shared machine each round meets the same load, so their ratio holds."""
    rounds = [[once(*run) for run in runs] for _ in range(RUNS)]
    return [statistics.median(times) for times in zip(*rounds)]


def result(name: str, measured: str, limit: str, passed: bool | None) -> None:
    """One row of the table; ``passed`` None for a figure given for information."""
    RESULTS.append((name, measured, limit, passed))


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def natbib_route(tex: str, references: Path, folder: Path) -> Path:
    """The same document the usual way: natbib citations, a .bib, and latexmk to resolve them."""
    keys = _anchor_keys(references)

    def cite(match: re.Match) -> str:
        return "\\citep{" + ",".join(keys[n] for n in re.findall(r"ref-(\d+)", match[0])) + "}"

    body = re.sub(r"\((?:\\hyperlink\{ref-\d+\}\{[^}]*\}(?:; )?)+\)", cite, tex)
    start, end = body.index("\\section*{\\pgmark{part-references}"), body.index("\\pgmark{end}")
    body = body[:start] + "\\bibliographystyle{plainnat}\n\\bibliography{references}\n" + body[end:]
    body = body.replace("\\usepackage{array,booktabs,tabularx}", "\\usepackage{array,booktabs,tabularx}\n\\usepackage[round]{natbib}")
    (folder / "usual.tex").write_text(body)
    shutil.copy(references, folder / "references.bib")
    return folder / "usual.tex"


def _anchor_keys(references: Path) -> dict[str, str]:
    """ref-N anchors follow the bibliography's order: cited entries sorted by author, then year."""
    sys.path.insert(0, str(ROOT / "src"))
    from proposalgen.commands.check import check
    from proposalgen.diagnostics import Diagnostics
    from proposalgen.render.documents import bibliography_of

    edition = check(references.parent, Diagnostics())
    return {str(e.number): e.reference.key for e in bibliography_of(edition).entries}


def bench_example(work: Path) -> float:
    data = work / "data"
    shutil.copytree(ROOT / "data", data)
    out = work / "build"
    subprocess.run([*PROPOSALGEN, "build", "all", "--data", str(data), "--out", str(out)], check=True, stderr=subprocess.DEVNULL)
    tex = (out / "2026" / "proposal.tex").read_text()

    single = fresh(work / "single")
    (single / "proposal.tex").write_text(tex)
    cold_out = work / "cold"
    one_pass, cold = side_by_side((["pdflatex", *ENGINE_FLAGS, "proposal.tex"], single),
                                  ([*PROPOSALGEN, "build", "proposal", "--data", str(data), "--out", str(cold_out)], work, lambda: fresh(cold_out)))
    result("cold build / one pdflatex pass, side by side", f"{cold:.3f} s / {one_pass:.3f} s = {cold / one_pass:.2f}x", "<= 1.10x",
           cold / one_pass <= 1.10)
    bench_first(data, work, one_pass)

    usual = fresh(work / "usual")
    document = natbib_route(tex, data / "2026" / "references.bib", usual)
    route = seconds(["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-silent", document.name], usual,
                    lambda: [p.unlink() for p in usual.iterdir() if p.suffix not in (".tex", ".bib")])
    result("cold build / latexmk route (natbib, .bib)", f"{cold:.3f} s / {route:.3f} s = {cold / route:.2f}x", "<= 0.5x", cold / route <= 0.5)

    build = [*PROPOSALGEN, "build", "proposal", "--data", str(data), "--out", str(out)]
    subprocess.run(build, check=True, stderr=subprocess.DEVNULL)  # the last build was of all: this one checks the proposal's rules
    log_before = (out / "2026" / "proposal.log").stat().st_mtime_ns
    noop = seconds(build, work)
    no_tex = (out / "2026" / "proposal.log").stat().st_mtime_ns == log_before
    result("no-op rebuild / one pass (no TeX started)", f"{noop:.3f} s = {noop / one_pass:.2f}x, TeX {'not started' if no_tex else 'STARTED'}",
           "<= 0.15x", noop / one_pass <= 0.15 and no_tex)

    bench_edit(data, out)
    bench_check(data, work, one_pass)

    all_out = work / "all"
    everything = seconds([*PROPOSALGEN, "build", "all", "--data", str(data), "--out", str(all_out)], work, lambda: fresh(all_out))
    result("all outputs / one pdflatex pass", f"{everything:.3f} s / {one_pass:.3f} s = {everything / one_pass:.2f}x", "<= 2.5x", everything / one_pass <= 2.5)
    return one_pass


def bench_first(data: Path, work: Path, one_pass: float) -> None:
    """A cold build on a machine that never built: no format of the preamble, no compiled
    templates, no spelling table in the user's cache (all made by this build)."""
    out, cache = work / "first", work / "empty-cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    first = seconds([*PROPOSALGEN, "build", "proposal", "--data", str(data), "--out", str(out)], work,
                    lambda: (fresh(out), fresh(cache)), env)
    result("first build ever (empty user cache) / one pass", f"{first:.3f} s / {one_pass:.3f} s = {first / one_pass:.2f}x",
           "<= 1.8x", first / one_pass <= 1.8)


def bench_check(data: Path, work: Path, one_pass: float) -> None:
    """`check` as an editor runs it on every save: of data unchanged since the last check (said
    again), and after an edit (checked anew), with the imports the second one spends."""
    check = [*PROPOSALGEN, "check", "--data", str(data)]
    same = seconds(check, work)
    result("check, data unchanged / one pass", f"{same:.3f} s = {same / one_pass:.2f}x", "<= 0.30x", same / one_pass <= 0.30)
    prose = data / "2026" / "prose" / "call.md"
    edited = seconds(check, work, lambda: prose.write_text(prose.read_text() + " "))
    result("check after an edit / one pass, for information", f"{edited:.3f} s = {edited / one_pass:.2f}x", "none", None)
    modules = "proposalgen.cli, proposalgen.commands.check, proposalgen.source.edition, proposalgen.render.values, proposalgen.checks"
    spent = statistics.median(_import_time(modules) for _ in range(RUNS))
    result("imports of a check run anew (python -X importtime)", f"{spent:.3f} s = {spent / one_pass:.2f}x", "none", None)


def _import_time(modules: str) -> float:
    """The seconds importing ``modules`` takes, by Python's own count (the top-level imports' sums)."""
    lines = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {modules}"], capture_output=True, text=True, check=True).stderr
    fields = [line.split("|") for line in lines.splitlines() if line.count("|") == 2]
    return sum(int(cumulative) for _, cumulative, name in fields if cumulative.strip().isdigit() and not name.startswith("  ")) / 1e6


def bench_edit(data: Path, out: Path) -> None:
    """Editing the call's prose rebuilds the call and the site, not the proposal, each in one pass."""
    subprocess.run([*PROPOSALGEN, "build", "all", "--data", str(data), "--out", str(out)], check=True, stderr=subprocess.DEVNULL)
    folder = out / "2026"
    before = _stamps(folder)
    call = data / "2026" / "prose" / "call.md"
    call.write_text(call.read_text().replace("tight interaction", "close interaction"))
    start = time.perf_counter()
    subprocess.run([*PROPOSALGEN, "build", "all", "--data", str(data), "--out", str(out)], check=True, stderr=subprocess.DEVNULL)
    spent = time.perf_counter() - start
    after = _stamps(folder)
    changed = sorted(name for name, stamp in before.items() if after[name] != stamp and name != "report.json")
    one_pass = "1 pass" if (folder / "cfp.log").read_text().count("Output written") == 1 else "several passes"
    ok = "proposal.pdf" not in changed and "cfp.pdf" in changed
    result("edit prose/call.md, build all", f"{spent:.3f} s; redone: {', '.join(changed)} ({one_pass})", "only what changed", ok)


def _stamps(folder: Path) -> dict[str, int]:
    """Each output of the folder (the site as one) with its latest modification time."""
    def latest(path: Path) -> int:
        return max((p.stat().st_mtime_ns for p in path.rglob("*")), default=0) if path.is_dir() else path.stat().st_mtime_ns
    return {p.name + "/" * p.is_dir(): latest(p) for p in folder.iterdir() if not p.name.startswith(".")}


def bench_scale(work: Path, one_pass: float) -> None:
    """Check and render (no LaTeX) a generated edition at 1x, 2x and 4x: time, growth, memory."""
    script = ("import gc, resource, sys, time\ngc.disable()  # as the CLI does\nt = time.perf_counter()\n"
              "from proposalgen.commands.check import check\nfrom proposalgen.diagnostics import Diagnostics\nfrom proposalgen.registry import Request, render_target\nfrom proposalgen.render.documents import bibliography_of\n"
              "d = Diagnostics(); e = check(__import__('pathlib').Path(sys.argv[1]), d)\nassert e is not None, [x.format() for x in d.items][:3]\n"
              "render_target(e, 'proposal', Request(bibliography_of(e), None))\n"
              "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    figures = {}
    for factor in (1, 2, 4):
        data = generate(fresh(work / f"scale{factor}"), factor)
        runs = [subprocess.run([sys.executable, "-c", script, str(data / "2030")], capture_output=True, text=True, check=True).stdout.split()
                for _ in range(RUNS)]
        figures[factor] = (statistics.median(float(r[0]) for r in runs), max(float(r[1]) for r in runs))
    t1, t2, t4 = (figures[f][0] for f in (1, 2, 4))
    result("scale 1x: 2,000 PC, 300 people, 150 items, 1,000 refs / one pass", f"{t1:.2f} s check + render = {t1 / one_pass:.2f}x",
           "<= 1.5x", t1 / one_pass <= 1.5)
    result("scale growth 1x -> 2x -> 4x", f"{t2 / t1:.2f}x, {t4 / t2:.2f}x", "<= 1.9x each", t2 / t1 <= 1.9 and t4 / t2 <= 1.9)
    result("scale peak memory (4x)", f"{figures[4][1]:.0f} MB (1x: {figures[1][1]:.0f} MB)", "< 200 MB at 1x", figures[1][1] < 200)


def as_installed() -> None:
    """Runs the tool as an installed package runs: from its compiled bytecode. A shell that sets
    PYTHONDONTWRITEBYTECODE would otherwise make every run compile our modules again (0.05 s)."""
    import compileall

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(ROOT / "src", quiet=1)


def main() -> int:
    as_installed()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        one_pass = bench_example(work)
        bench_scale(work, one_pass)
    width = max(len(name) for name, *_ in RESULTS)
    print(f"{'target':<{width}}  {'measured (median of ' + str(RUNS) + ')':<58} {'limit':<18} result")
    for name, measured, limit, passed in RESULTS:
        print(f"{name:<{width}}  {measured:<58} {limit:<18} {'info' if passed is None else 'PASS' if passed else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
