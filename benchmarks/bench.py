"""docxlint benchmark: how fast and how lean the pipeline is, against two baselines, with targets.

    python benchmarks/bench.py            # full run (about a minute)
    python benchmarks/bench.py --quick    # smoke run: one timing each, small batch
    python benchmarks/bench.py --profile  # also cProfile the slowest stage

See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.make_corpus import (  # noqa: E402
    ReportSpec,
    large_spec,
    table_count,
    write_batch,
    write_report,
)

W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
MB = 1024 * 1024


@dataclass
class Config:
    runs: int  #: timed runs per in-process figure (median reported)
    warmup: int  #: untimed runs before timing
    process_runs: int  #: subprocess runs for the whole-process figure
    batch: int  #: files in the --jobs folder
    large_scale: float  #: 1.0 = the 100-page report
    rules: str | None
    sample: Path | None
    quick: bool = False


@dataclass
class DocFigures:
    """Median seconds per stage for one document, and medians of per-round ratios."""

    label: str
    path: str
    check: float
    annotate: float | None
    floor: float
    python_docx: float
    findings: int
    check_per_floor: float = 0.0  #: median over rounds of check / floor measured in the same round
    check_per_python_docx: float = 0.0
    annotate_per_check: float = 0.0


@dataclass
class Results:
    docs: list[DocFigures] = field(default_factory=list)
    process_wall: float | None = None
    interpreter_wall: float | None = None  #: `python -c pass` in the same environment, same rounds
    process_wall_cold: float | None = None  #: with an empty cache folder (first run after install)
    tracemalloc_peak: int | None = None
    child_maxrss: int | None = None
    jobs1_files_per_s: float | None = None
    jobs2_files_per_s: float | None = None
    jobs_speedup: float | None = None  #: median over rounds of (--jobs 1 wall) / (--jobs 2 wall)
    #: the same ratio for a pure CPU loop of about the batch's length, in 1 and in 2 processes: what
    #: this machine gives perfectly parallel work in the same rounds (shared vCPUs give less than 2×)
    cpu_speedup: float | None = None
    batch_files: int = 0
    large_name: str = "100 pages"
    load_average: list[float] = field(default_factory=list)  #: 1-minute load at start and end


# ---------------------------------------------------------------------------------------------
# Stages
# ---------------------------------------------------------------------------------------------


def floor_read(path: Path) -> int:
    """Baseline (a): unzip, parse document.xml, every paragraph's text via itertext."""
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return len(["".join(p.itertext()) for p in root.iter(W_P)])


def python_docx_read(path: Path) -> int:
    """Baseline (b): python-docx opens the file and reads every paragraph and every cell."""
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return len(texts)


def check_core(path: Path, pack: Any) -> Any:
    """What ``docxlint check`` does per file: read, section tree, every rule."""
    from docxlint.engine import lint_file

    report = lint_file(path, pack)
    if report.error:
        raise RuntimeError(f"{path}: {report.error}")
    return report


def annotate_core(path: Path, pack: Any, dest: Path) -> Any:
    """What ``docxlint annotate -o`` does: check, then write the commented copy."""
    from docxlint.engine import annotate_report, lint_file

    report = lint_file(path, pack, keep_document=True)
    if report.error:
        raise RuntimeError(f"{path}: {report.error}")
    return annotate_report(report, dest, "zh")


def interleaved_seconds(stages: dict[str, Callable[[], object]], runs: int, warmup: int = 1) -> dict[str, list[float]]:
    """CPU seconds of each stage, ``runs`` rounds that run every stage once, after ``warmup`` rounds.

    In-process stages are single-threaded and read files from the page cache, so their CPU
    time equals their wall time on an idle machine, and unlike wall time it barely moves when
    other processes compete for the CPUs. Rounds run the stages back to back, so a stage and
    its baseline meet the same machine: on a shared virtual machine the speed of the CPU
    itself drifts by tens of percent from one second to the next, and ratios taken within a
    round cancel that out.
    """
    for _ in range(warmup):
        for fn in stages.values():
            fn()
    times: dict[str, list[float]] = {name: [] for name in stages}
    for _ in range(runs):
        for name, fn in stages.items():
            start = time.process_time()
            fn()
            times[name].append(time.process_time() - start)
    return times


def median_ratio(numerators: list[float], denominators: list[float]) -> float:
    """Median of the per-round ratios."""
    return statistics.median(a / b for a, b in zip(numerators, denominators, strict=True) if b > 0)


# ---------------------------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------------------------


def cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "docxlint", *map(str, args)]


#: The cache folder children use (``XDG_CACHE_HOME``): the benchmark's own, not the user's.
CHILD_CACHE_HOME: Path | None = None


def child_env(cache_home: Path | None = None) -> dict[str, str]:
    """The environment of an installed docxlint: bytecode caching on (pip compiles on install).

    ``cache_home`` (default :data:`CHILD_CACHE_HOME`) is docxlint's cache folder
    (validated packs, compiled patterns, remembered verdicts).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    home = cache_home or CHILD_CACHE_HOME
    if home is not None:
        env["XDG_CACHE_HOME"] = str(home)
    return env


def run_child(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds of one child process (exit 0 or 1 expected)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or child_env(), cwd=REPO)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        stderr = proc.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {stderr[:500]}")
    return wall


#: Runs the command and prints its peak RSS. A forked child's ru_maxrss counts the pages it
#: shared with its parent before exec, so the measured process is started by this small helper
#: rather than by the (large) benchmark process.
_PEAK_RSS_HELPER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def child_peak_rss(cmd: list[str]) -> int:
    """Peak resident memory, in bytes, of ``cmd`` run as a child of a small helper process."""
    helper = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS_HELPER, *cmd], capture_output=True, text=True, env=child_env(), cwd=REPO
    )
    maxrss, code = map(int, helper.stdout.split())
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {code}")
    return maxrss * (1 if sys.platform == "darwin" else 1024)


def process_walls(commands: dict[str, list[str]], runs: int, cold_cache: str | None = None) -> dict[str, float]:
    """Median wall seconds of each command, run in interleaved rounds after one warm-up round.

    The command named ``cold_cache`` gets a new, empty ``XDG_CACHE_HOME`` on every run.
    """
    walls: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="docxlint-cold-") as cold:
        for round_no in range(runs + 1):  # round 0 fills the bytecode and OS file caches
            for name, cmd in commands.items():
                env = None
                if name == cold_cache:
                    env = child_env(Path(cold) / str(round_no))
                wall = run_child(cmd, env)
                if round_no:
                    walls[name].append(wall)
    return {name: statistics.median(values) for name, values in walls.items()}


def tracemalloc_peak(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------


def find_sample(explicit: Path | None, scratch: Path) -> tuple[Path, str]:
    """The Word-like sample fixture, else a generated sample report."""
    if explicit is not None:
        return explicit, explicit.name
    fixtures = REPO / "fixtures"
    names = ["sample-word.docx"]
    manifest = fixtures / "manifest.json"
    if manifest.is_file():
        listed: list[str] = []
        _docx_strings(json.loads(manifest.read_text(encoding="utf-8")), listed)
        names += sorted((n for n in listed if "sample" in n.lower() and "word" in n.lower()), key=len)
    for name in names:
        path = fixtures / Path(name).name
        if path.is_file():
            return path, path.name
    generated = write_report(scratch / "generated-sample.docx", ReportSpec(seed=0))
    return generated, "generated sample"


def _docx_strings(node: Any, out: list[str]) -> None:
    if isinstance(node, str) and node.lower().endswith(".docx"):
        out.append(node)
    elif isinstance(node, dict):
        for key, value in node.items():
            _docx_strings(key, out)
            _docx_strings(value, out)
    elif isinstance(node, list):
        for value in node:
            _docx_strings(value, out)


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


def measure_doc(label: str, path: Path, pack: Any, cfg: Config, scratch: Path) -> DocFigures:
    """Each ratio from its own interleaved rounds: a stage and the one it is compared with, alone.

    python-docx and annotate allocate far more than check; run in the same rounds, they leave
    the allocator and the CPU caches in a state that slows whichever stage comes next by
    5-15%, which is not what a check meets in its own process or after another check.
    """
    dest = scratch / f"annotated-{path.stem}.docx"
    report = check_core(path, pack)
    check = lambda: check_core(path, pack)  # noqa: E731
    vs_floor = interleaved_seconds({"floor": lambda: floor_read(path), "check": check}, cfg.runs, cfg.warmup)
    vs_annotate = interleaved_seconds(
        {"check": check, "annotate": lambda: annotate_core(path, pack, dest)}, cfg.runs, cfg.warmup
    )
    vs_python_docx = interleaved_seconds(
        {"check": check, "python_docx": lambda: python_docx_read(path)}, cfg.runs, cfg.warmup
    )
    return DocFigures(
        label=label,
        path=str(path),
        check=statistics.median(vs_floor["check"]),
        annotate=statistics.median(vs_annotate["annotate"]),
        floor=statistics.median(vs_floor["floor"]),
        python_docx=statistics.median(vs_python_docx["python_docx"]),
        findings=len(report.findings),
        check_per_floor=median_ratio(vs_floor["check"], vs_floor["floor"]),
        check_per_python_docx=median_ratio(vs_python_docx["check"], vs_python_docx["python_docx"]),
        annotate_per_check=median_ratio(vs_annotate["annotate"], vs_annotate["check"]),
    )


def measure(cfg: Config, scratch: Path) -> Results:
    from docxlint.rulepack import load_pack

    pack = load_pack(cfg.rules)
    rules_args = ["--rules", cfg.rules] if cfg.rules else []
    sample, sample_label = find_sample(cfg.sample, scratch)
    spec = large_spec(scale=cfg.large_scale)
    large = write_report(scratch / "large-report.docx", spec)
    large_label = f"generated {'100 pages' if cfg.large_scale == 1 else 'large (scaled)'}, {table_count(spec)} tables"
    results = Results(large_name="100 pages" if cfg.large_scale == 1 else "scaled large report")
    results.load_average.append(_load())
    results.docs.append(measure_doc(sample_label, sample, pack, cfg, scratch))
    results.docs.append(measure_doc(large_label, large, pack, cfg, scratch))
    global CHILD_CACHE_HOME
    CHILD_CACHE_HOME = scratch / "cache"
    sample_cache = scratch / "cache-after-sample"
    run_child(cli("check", sample, *rules_args), child_env(sample_cache))
    walls = process_walls(
        {
            "interpreter": [sys.executable, "-c", "pass"],
            "check": cli("check", sample, *rules_args),
            "check, empty cache": cli("check", sample, *rules_args),
        },
        cfg.process_runs,
        cold_cache="check, empty cache",
    )
    results.process_wall = walls["check"]
    results.interpreter_wall = walls["interpreter"]
    results.process_wall_cold = walls["check, empty cache"]
    results.tracemalloc_peak = tracemalloc_peak(lambda: check_core(large, pack))
    results.child_maxrss = child_peak_rss(cli("check", large, *rules_args))
    folder = scratch / "batch"
    write_batch(folder, cfg.batch)
    results.batch_files = cfg.batch
    batch_walls: dict[int, list[float]] = {1: [], 2: []}
    cpu_walls: dict[int, list[float]] = {1: [], 2: []}
    run_child(cli("check", folder, *rules_args), child_env(scratch / "cache-unused"))  # warm-up: OS file cache
    for round_no in range(cfg.process_runs if not cfg.quick else 1):  # interleaved, like the in-process stages
        for jobs in (1, 2):
            # docxlint used before (pack validated, patterns compiled) but never on these files
            cache = scratch / f"cache-batch-{round_no}-{jobs}"
            shutil.copytree(sample_cache, cache)
            batch_walls[jobs].append(
                run_child(cli("check", folder, "--jobs", str(jobs), *rules_args), child_env(cache))
            )
            cpu_walls[jobs].append(run_child(cpu_loop_command(jobs, statistics.median(batch_walls[1]))))
    results.jobs1_files_per_s = cfg.batch / statistics.median(batch_walls[1])
    results.jobs2_files_per_s = cfg.batch / statistics.median(batch_walls[2])
    results.jobs_speedup = median_ratio(batch_walls[1], batch_walls[2])
    results.cpu_speedup = median_ratio(cpu_walls[1], cpu_walls[2])
    results.load_average.append(_load())
    return results


#: a pure-Python CPU loop split over N forked processes (argv: N, total iterations)
_CPU_LOOP = """
import os, sys
n, total = int(sys.argv[1]), int(sys.argv[2])
def spin(k):
    s = 0
    for i in range(k):
        s += i * i
children = []
for _ in range(n - 1):
    pid = os.fork()
    if pid == 0:
        spin(total // n)
        os._exit(0)
    children.append(pid)
spin(total // n)
for pid in children:
    os.waitpid(pid, 0)
"""
_LOOP_PER_SECOND = 12_000_000  #: about this machine's speed: the loop runs about as long as the batch


def cpu_loop_command(processes: int, seconds: float) -> list[str]:
    """The machine's own parallel ceiling: a CPU loop as long as ``seconds`` in one process, split over ``processes``."""
    if not hasattr(os, "fork"):
        return [sys.executable, "-c", "pass"]
    return [sys.executable, "-c", _CPU_LOOP, str(processes), str(int(seconds * _LOOP_PER_SECOND))]


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------


def ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:.1f} ms"


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}×"


def targets(r: Results) -> list[tuple[str, str, str, bool | None]]:
    """(target, measured, limit, passed) rows."""
    sample, large = r.docs
    rows: list[tuple[str, str, str, bool | None]] = []
    for doc in (sample, large):
        value = doc.check_per_floor
        rows.append((f"check core / floor ({doc.label})", times(value), "≤ 2×", value <= 2))
    wall = r.process_wall
    rows.append(("whole `docxlint check` on sample", ms(wall), "≤ 250 ms", None if wall is None else wall <= 0.25))
    for doc in (sample, large):
        value = doc.annotate_per_check
        rows.append((f"annotate / check ({doc.label})", times(value), "≤ 3×", value <= 3))
    value = ratio(large.check, sample.check)
    rows.append(("100 pages / sample (check core)", times(value), "≤ 10×", None if value is None else value <= 10))
    rss = r.child_maxrss
    rows.append(
        (
            "peak RSS, check on 100 pages",
            f"{rss / MB:.1f} MB" if rss else "n/a",
            "< 200 MB",
            None if rss is None else rss < 200 * MB,
        )
    )
    value = r.jobs_speedup
    rows.append(("--jobs 2 / --jobs 1 throughput", times(value), "≥ 1.8×", None if value is None else value >= 1.8))
    return rows


def render(r: Results, cfg: Config) -> str:
    out = io.StringIO()
    cpus = os.cpu_count()
    out.write(
        f"docxlint benchmark — Python {platform.python_version()}, {cpus} CPU(s), "
        f"median of {cfg.runs} interleaved round(s)\n"
    )
    load = " → ".join(f"{value:.2f}" for value in r.load_average)
    out.write(f"1-minute load average, start → end: {load} (other work on the machine skews every figure)\n\n")
    header = (
        "document",
        "check core",
        "annotate core",
        "floor (a)",
        "python-docx (b)",
        "check/(a)",
        "check/(b)",
        "annotate/check",
        "findings",
    )
    rows = [header]
    for d in r.docs:
        rows.append(
            (
                d.label,
                ms(d.check),
                ms(d.annotate),
                ms(d.floor),
                ms(d.python_docx),
                times(d.check_per_floor),
                times(d.check_per_python_docx),
                times(d.annotate_per_check),
                str(d.findings),
            )
        )
    out.write(_table(rows) + "\n")
    sample, large = r.docs
    out.write(
        f"(ratios: median of per-round ratios; the 100-page report is {times(ratio(large.floor, sample.floor))} "
        f"the sample for the floor and {times(ratio(large.check, sample.check))} for check core)\n\n"
    )
    process = [
        ("figure", "value"),
        (f"whole process `docxlint check` on sample (median of {cfg.process_runs})", ms(r.process_wall)),
        ("  the same, with an empty cache folder (first run after installing)", ms(r.process_wall_cold)),
        ("  of which interpreter start: `python -c pass` in the same environment", ms(r.interpreter_wall)),
        (f"peak memory, {r.large_name}: tracemalloc peak of check core", _mb(r.tracemalloc_peak)),
        (f"peak memory, {r.large_name}: ru_maxrss of `docxlint check`", _mb(r.child_maxrss)),
        (f"batch of {r.batch_files} files, --jobs 1", _rate(r.jobs1_files_per_s)),
        (f"batch of {r.batch_files} files, --jobs 2", _rate(r.jobs2_files_per_s)),
        ("  --jobs 2 / --jobs 1 (median of per-round ratios)", times(r.jobs_speedup)),
        ("  this machine's ceiling: a CPU loop in 2 processes / in 1, same rounds", times(r.cpu_speedup)),
    ]
    out.write(_table(process) + "\n\n")
    verdicts = [("target", "measured", "limit", "status")]
    verdicts += [(t, m, lim, _status(ok, cfg.quick)) for t, m, lim, ok in targets(r)]
    out.write(_table(verdicts) + "\n")
    return out.getvalue()


def _status(ok: bool | None, quick: bool) -> str:
    if ok is None:
        return "n/a"
    if quick:
        return "(quick run: no verdict)"
    return "PASS" if ok else "FAIL"


def _mb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / MB:.1f} MB"


def _rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} files/s"


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Profiling
# ---------------------------------------------------------------------------------------------


def profile_slowest(r: Results, cfg: Config, scratch: Path, top: int = 25) -> str:
    """cProfile of the slowest in-process stage, plus own time per source file."""
    from docxlint.rulepack import load_pack

    pack = load_pack(cfg.rules)
    stages: dict[str, tuple[float, Callable[[], object]]] = {}
    for d in r.docs:
        path = Path(d.path)
        stages[f"check core, {d.label}"] = (d.check, lambda p=path: check_core(p, pack))
        if d.annotate is not None:
            dest = scratch / f"profile-{path.stem}.docx"
            stages[f"annotate core, {d.label}"] = (d.annotate, lambda p=path, o=dest: annotate_core(p, pack, o))
    name, (_, fn) = max(stages.items(), key=lambda item: item[1][0])
    profiler = cProfile.Profile()
    profiler.runcall(fn)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    text.write(f"profile of the slowest stage: {name}\n")
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top // 2)
    text.write(by_file(stats))
    return text.getvalue()


def by_file(stats: pstats.Stats, top: int = 12) -> str:
    """Own (tottime) seconds per source file, the biggest first."""
    per_file: dict[str, float] = {}
    for (filename, _, function), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        if filename == "~":  # C functions: name them, "~" alone says nothing
            key = f"(built-in) {function}"
        elif filename.startswith(str(REPO)):
            key = os.path.relpath(filename, REPO)
        else:
            key = filename
        per_file[key] = per_file.get(key, 0.0) + tottime
    total = sum(per_file.values()) or 1.0
    rows = [("file", "own time", "share")]
    for key, seconds in sorted(per_file.items(), key=lambda kv: -kv[1])[:top]:
        rows.append((key, ms(seconds), f"{100 * seconds / total:.0f}%"))
    return "own time per file:\n" + _table(rows) + "\n"


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark docxlint against baselines and targets.")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 timing each, small inputs, no verdicts")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per in-process figure (default 7)")
    parser.add_argument("--batch", type=int, default=None, help="files in the --jobs batch (default 50)")
    parser.add_argument("--rules", default=None, help="rule pack (default: the bundled pack)")
    parser.add_argument("--sample", type=Path, default=None, help="sample document (default: the Word-like fixture)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--profile", action="store_true", help="cProfile the slowest stage")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    parser.add_argument("--keep", type=Path, default=None, help="keep generated inputs in this folder")
    return parser.parse_args(argv)


def config(args: argparse.Namespace) -> Config:
    return Config(
        runs=args.runs or (1 if args.quick else 7),
        warmup=0 if args.quick else 1,
        process_runs=1 if args.quick else 5,
        batch=args.batch or (4 if args.quick else 50),
        large_scale=0.1 if args.quick else 1.0,
        rules=args.rules,
        sample=args.sample,
        quick=args.quick,
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    cfg = config(args)
    scratch = Path(tempfile.mkdtemp(prefix="docxlint-bench-"))
    try:
        results = measure(cfg, scratch)
        print(render(results, cfg))
        if args.profile:
            print(profile_slowest(results, cfg, scratch))
        if args.json:
            args.json.write_text(json.dumps({"config": asdict(cfg), **asdict(results)}, default=str, indent=2))
        if args.keep:
            shutil.copytree(scratch, args.keep, dirs_exist_ok=True)
        failed = any(ok is False for *_, ok in targets(results))
        return 1 if args.strict and failed else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
