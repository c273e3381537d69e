#!/usr/bin/env python3
"""Side-by-side benchmark of cleanup and codespell (issues 2 and 5).

Both tools run on the same inputs in the same command, so every ratio compares runs made on
the same machine under the same load. Wall times are hyperfine medians; peak memory is the
maximum resident set size that /usr/bin/time reports.

    OUT=bench/corpus bash ../shared/bench/make_corpus.sh   # once: the prose corpus
    python bench/bench.py                                  # everything (about 15 minutes)
    python bench/bench.py --quick                          # fewer runs, no 100 MB file
    python bench/bench.py --only startup,large             # some sections

Ratios are cleanup ÷ codespell for times and memory (below 1: cleanup is better) and
cleanup ÷ codespell for throughput (above 1: cleanup is better).
"""
from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("CLEANUP_BENCH_CORPUS", BENCH / "corpus"))
RESULTS = BENCH / "results"
MB = 1_000_000


@dataclass
class Table:
    title: str
    header: Sequence[str]
    rows: list[list[str]] = field(default_factory=list)

    def render(self) -> str:
        lines = [f"### {self.title}", "", "| " + " | ".join(self.header) + " |",
                 "|" + "---|" * len(self.header)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines) + "\n"


@dataclass
class Options:
    runs: int
    big_runs: int
    sizes: list[str]  # the large files to use: c1m.txt, c10m.txt, c100m.txt
    work: Path
    extra: str = ""  # arguments after every cleanup subcommand, e.g. other packs
    raw: dict[str, object] = field(default_factory=dict)

    def cleanup(self, command: str) -> str:
        return f"cleanup {command} {self.extra}".rstrip()


# --- measuring ------------------------------------------------------------------------------

def hyperfine(name: str, commands: dict[str, str], opts: Options, runs: int | None = None,
              prepare: str | None = None) -> dict[str, float]:
    """Median wall seconds of each command (exit codes ignored: findings exit 1)."""
    out = opts.work / f"{name}.json"
    cmd = ["hyperfine", "--style", "none", "--ignore-failure", "--runs", str(runs or opts.runs),
           "--export-json", str(out)]
    if prepare is None:  # no shell in between: start-up is measured without a shell's cost
        cmd += ["-N", "--warmup", "1"]
    else:  # the prepare step is a shell command line
        cmd += ["--prepare", prepare]
    for label, command in commands.items():
        cmd += ["--command-name", label, command]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    results = json.loads(out.read_text())["results"]
    opts.raw[name] = results
    return {r["command"]: r["median"] for r in results}


def peak_rss_mib(command: Sequence[str], runs: int = 3) -> float:
    """Median of the peak resident set size over `runs` runs, in MiB."""
    peaks = []
    for _ in range(runs):
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", *command], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        peaks.append(int(proc.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(peaks)


def ms(seconds: float) -> str:
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×"


# --- inputs ---------------------------------------------------------------------------------

def require_corpus() -> None:
    if not (CORPUS / "c10m.txt").is_file():
        sys.exit(f"no corpus in {CORPUS}: run `OUT={CORPUS} bash ../shared/bench/make_corpus.sh`")
    for tool in ("hyperfine", "codespell", "cleanup"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found (apt-get install hyperfine; pip install codespell; "
                     "pip install -e .)")


def compile_cleanup() -> Path:
    """Byte-compile the cleanup that the `cleanup` command imports, as `pip install` does for
    a regular install (and did for codespell's wheel). An editable install has no `.pyc`, and
    with PYTHONDONTWRITEBYTECODE set, as on the build machine, every run would compile
    cleanup's modules from source: start-up would measure the compiler, not cleanup."""
    spec = importlib.util.find_spec("cleanup")
    if spec is None or spec.origin is None:
        sys.exit("cleanup is not importable here: pip install -e .")
    package = Path(spec.origin).parent
    if not compileall.compile_dir(package, quiet=1):
        sys.exit(f"cannot byte-compile {package}")
    return package


# Artifacts of machine translation from Persian/Arabic news, as the built-in packs know them;
# each is injected into real prose so that fixing and reporting dominate the run.
ARTIFACTS: list[Callable[[random.Random, str], str]] = [
    lambda r, w: f"{w} {w}",                          # doubled word
    lambda r, w: f"{w} ,",                            # space before punctuation
    lambda r, w: f"{w}.The",                          # sentences run together
    lambda r, w: f"{w}  {w}",                         # doubled space
    lambda r, w: f"{w}\u200b",                        # zero-width space
    lambda r, w: f"{w} ۱۴۰۲",                         # Persian digits
    lambda r, w: f"{w} Rashatoudi",                   # transliterated outlet name
    lambda r, w: f"{w} {r.choice(['Ain al-Assad', 'Ayn al-Assad', 'ISIS', 'ISIL'])}",
    lambda r, w: f"{w} بسم الله",                     # untranslated script
    lambda r, w: f"{w} the leap desert",              # literal translation
]


def make_mt_text(source: Path, target: Path, every: int = 12, seed: int = 5) -> None:
    """Real prose with an artifact about every `every` words (synthetic MT-like input)."""
    rng = random.Random(seed)
    text = source.read_text(encoding="utf-8")

    def inject(m: re.Match[str]) -> str:
        if rng.randrange(every):
            return m.group()
        return rng.choice(ARTIFACTS)(rng, m.group())

    target.write_text(re.sub(r"[A-Za-z]+", inject, text), encoding="utf-8")


def make_literal_pack(path: Path, entries: int, seed: int = 7) -> None:
    """A user pack of `entries` literal substitutions, generated (not committed): made-up
    two-word names, as a list of transliterations would be, plus a few real English words so
    that some entries fire."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    swap: dict[str, str] = {"whilst": "while", "amongst": "among", "upon which": "on which"}
    while len(swap) < entries:
        name = " ".join("".join(rng.choice(letters) for _ in range(rng.randint(4, 9)))
                        for _ in range(2)).title()
        swap.setdefault(name, name.upper())
    lines = [f"id: gen{entries}", "description: generated literal list", "version: '1'",
             "rules:", "  - id: names", "    kind: substitution", "    category: other",
             "    message: \"'{match}': use '{replacement}'\"", "    swap:"]
    lines += [f"      {json.dumps(k)}: {json.dumps(v)}" for k, v in swap.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- sections -------------------------------------------------------------------------------

def startup(opts: Options) -> Table:
    f = CORPUS / "one5k.txt"
    t = hyperfine("startup", {"cleanup": f"{opts.cleanup('check')} {f}", "codespell": f"codespell {f}"},
                  opts, runs=max(opts.runs, 10))
    table = Table("Start-up: one 5 KB file (`check`)", ["cleanup", "codespell", "ratio"])
    table.rows.append([ms(t["cleanup"]), ms(t["codespell"]), ratio(t["cleanup"], t["codespell"])])
    return table


def large(opts: Options) -> Table:
    table = Table("Throughput: one large file (`check`); linear growth",
                  ["file", "cleanup", "codespell", "cleanup MB/s", "codespell MB/s",
                   "time ratio"])
    for name in opts.sizes:
        f = CORPUS / name
        size = f.stat().st_size / MB
        runs = opts.big_runs if "100m" in name else opts.runs
        t = hyperfine(f"large-{name}", {"cleanup": f"{opts.cleanup('check')} {f}",
                                        "codespell": f"codespell {f}"}, opts, runs=runs)
        table.rows.append([name, ms(t["cleanup"]), ms(t["codespell"]),
                           f"{size / t['cleanup']:.1f}", f"{size / t['codespell']:.1f}",
                           ratio(t["cleanup"], t["codespell"])])
    return table


def many_files(opts: Options) -> Table:
    small = CORPUS / "small"
    commands = {"cleanup": f"{opts.cleanup('check')} {small}", "codespell": f"codespell {small}"}
    if "--jobs" in subprocess.run(["cleanup", "check", "--help"], capture_output=True,
                                  text=True).stdout:
        commands["cleanup -j1"] = f"{opts.cleanup('check')} -j1 {small}"
    t = hyperfine("small", commands, opts)
    table = Table("2,000 files of 5 KB (`check`)", ["cleanup", "cleanup -j1", "codespell",
                                                     "ratio (default -j)"])
    one_job = ms(t["cleanup -j1"]) if "cleanup -j1" in t else "n/a"
    table.rows.append([ms(t["cleanup"]), one_job, ms(t["codespell"]),
                       ratio(t["cleanup"], t["codespell"])])
    return table


def fixing(opts: Options) -> Table:
    """`fix` writes files: each run gets fresh copies (made in hyperfine's --prepare step)."""
    table = Table("`fix` (cleanup) and `-w` (codespell), on fresh copies",
                  ["input", "cleanup fix", "codespell -w", "ratio"])
    work = opts.work / "fix"
    inputs = {opts.sizes[-1]: CORPUS / opts.sizes[-1], "small/ (2,000 files)": CORPUS / "small",
              "mt1m.txt (MT-like)": opts.work / "mt1m.txt"}
    for label, src in inputs.items():
        copy = work / src.name
        prepare = f"rm -rf {work} && mkdir -p {work} && cp -r {src} {copy}"
        t = hyperfine(f"fix-{src.name}", {"cleanup": f"{opts.cleanup('fix')} {copy}",
                                          "codespell": f"codespell -w {copy}"},
                      opts, prepare=prepare)
        table.rows.append([label, ms(t["cleanup"]), ms(t["codespell"]),
                           ratio(t["cleanup"], t["codespell"])])
    return table


def memory(opts: Options) -> Table:
    """Peak RSS of one process: with -j1 all of cleanup's work; by default (one worker per
    CPU for the sections of one long file) the largest of the processes, each of which holds
    the text (shared after the fork) and one section's work."""
    name = opts.sizes[-1]
    f = str(CORPUS / name)
    ours = peak_rss_mib([*opts.cleanup("check").split(), f], opts.big_runs)
    ours_one = peak_rss_mib([*opts.cleanup("check").split(), "-j1", f], opts.big_runs)
    theirs = peak_rss_mib(["codespell", f], opts.big_runs)
    table = Table(f"Peak memory (max RSS), `check` {name}",
                  ["cleanup", "cleanup -j1", "codespell", "ratio (-j1)"])
    table.rows.append([f"{ours:,.0f} MiB", f"{ours_one:,.0f} MiB", f"{theirs:,.0f} MiB",
                       ratio(ours_one, theirs)])
    return table


def many_findings(opts: Options) -> Table:
    f = opts.work / "mt1m.txt"
    t = hyperfine("mt", {"cleanup check": f"{opts.cleanup('check')} {f}",
                         "cleanup check --format json": f"{opts.cleanup('check')} --format json {f}",
                         "cleanup fix --diff": f"{opts.cleanup('fix')} --diff {f}",
                         "codespell": f"codespell {f}"}, opts)
    counts = subprocess.run([*opts.cleanup("check").split(), "--format", "json", str(f)],
                            capture_output=True, text=True).stdout
    findings = len(json.loads(counts)["files"][0]["findings"])
    table = Table(f"Many findings: 1 MB of MT-like text ({findings:,} findings)",
                  ["command", "time", "ratio to codespell"])
    for label, seconds in t.items():
        table.rows.append([f"`{label}`", ms(seconds), ratio(seconds, t["codespell"])])
    return table


def literal_scaling(opts: Options) -> Table:
    """Issue 2: a 100,000-entry literal pack against a 100-entry one, on the 1 MB file.
    Cold: the pack cache is empty (YAML is parsed and compiled); warm: a cached compiled pack."""
    f = CORPUS / "c1m.txt"
    table = Table("Literal-list scaling: a user pack of N substitutions, `check` 1 MB",
                  ["entries", "cold (no cache)", "warm (cached)", "warm ÷ 100-entry warm"])
    base = None
    for n in (100, 10_000, 100_000):
        pack = opts.work / f"gen{n}.yaml"
        make_literal_pack(pack, n)
        cache = opts.work / f"cache{n}"
        # The user pack alone, so that the time is the literal matcher's, not other rules'.
        env_cmd = f"env CLEANUP_CACHE_DIR={cache} cleanup check --no-builtin-packs --packs {pack} {f}"
        cold = hyperfine(f"lit-cold-{n}", {"cold": env_cmd}, opts, prepare=f"rm -rf {cache}")
        warm = hyperfine(f"lit-warm-{n}", {"warm": env_cmd}, opts)
        base = base or warm["warm"]
        table.rows.append([f"{n:,}", ms(cold["cold"]), ms(warm["warm"]),
                           ratio(warm["warm"], base)])
    return table


def library(opts: Options) -> Table:
    """Warm re-check of a 5 KB paragraph through the library, measured by pytest-benchmark."""
    out = opts.work / "library.json"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    str(BENCH / "bench_library.py"), "--benchmark-only",
                    f"--benchmark-json={out}", "-o", "addopts="],
                   check=True, stdout=subprocess.DEVNULL, cwd=BENCH)  # the installed cleanup
    table = Table("Library: warm calls on one 5 KB text (pytest-benchmark)",
                  ["call", "median", "min"])
    for bench in json.loads(out.read_text())["benchmarks"]:
        stats = bench["stats"]
        table.rows.append([f"`{bench['name']}`", f"{stats['median'] * 1000:.2f} ms",
                           f"{stats['min'] * 1000:.2f} ms"])
    return table


RULE_COSTS = """
import json, sys, time
import cleanup
from cleanup.document import Document
linter = cleanup.default_linter()
full = open(sys.argv[1], encoding="utf-8").read()
linter.check_text(full[-20000:])  # warm: lazily loaded data and caches of the kinds
costs = {}
for size in map(int, sys.argv[2:]):
    text = full[:size]
    doc = Document.plain(text)
    started = time.perf_counter()
    hits = linter.phrases.scan(text)
    costs.setdefault("(phrase scan: all literal phrases)", []).append(
        time.perf_counter() - started)
    for check in linter.checks:
        started = time.perf_counter()
        list(check.find_in(doc, hits.get(check.owner, ())))
        costs.setdefault(f"{check.rule.id} ({check.rule.kind})", []).append(
            time.perf_counter() - started)
print(json.dumps(costs))
"""


def rule_costs(opts: Options) -> Table:
    """Where the time of a check goes: each rule alone, in one process, on the first 100 KB
    and 200 KB of the corpus. Growth is the ratio of the two: 2× is linear, 4× quadratic."""
    small, large = 100_000, 200_000
    proc = subprocess.run([sys.executable, "-c", RULE_COSTS, str(CORPUS / "c1m.txt"),
                           str(small), str(large)],
                          capture_output=True, text=True, check=True, cwd=BENCH)
    costs = json.loads(proc.stdout)
    total = sum(c[1] for c in costs.values())
    table = Table(f"Cost of each rule (one process; all rules on 200 KB: {ms(total)})",
                  ["rule (kind)", "100 KB", "200 KB", "growth", "share at 200 KB"])
    for name, (t1, t2) in sorted(costs.items(), key=lambda kv: -kv[1][1])[:20]:
        table.rows.append([name, ms(t1), ms(t2), f"{t2 / t1:.1f}×" if t1 else "-",
                           f"{t2 / total:.0%}"])
    return table


def entities(opts: Options) -> Table | None:
    script = BENCH / "bench_entities.py"
    if not script.is_file():
        return None
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    table = Table("Entity clustering (bench/bench_entities.py)", ["output"])
    table.rows += [[line] for line in (proc.stdout or proc.stderr).strip().splitlines()]
    return table


SECTIONS: dict[str, Callable[[Options], Table | None]] = {
    "startup": startup, "large": large, "small": many_files, "fix": fixing, "memory": memory,
    "mt": many_findings, "literal": literal_scaling, "library": library, "rules": rule_costs,
    "entities": entities,
}


def environment() -> str:
    def version(cmd: list[str]) -> str:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]

    return (f"cleanup {version(['cleanup', '--version'])}; codespell "
            f"{version(['codespell', '--version'])}; {version(['hyperfine', '--version'])}; "
            f"Python {sys.version.split()[0]}; {os.cpu_count()} CPUs; "
            f"load average at start {os.getloadavg()[0]:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs, no 100 MB file")
    parser.add_argument("--sizes", default="",
                        help="large files in MB, comma-separated (default 1,10,100; quick 1,10)")
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--cleanup-args", default="",
                        help="added to every cleanup command, e.g. '--no-builtin-packs "
                             "--packs DIR' to compare engines on the same packs")
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join(SECTIONS))
    args = parser.parse_args(argv)
    require_corpus()
    compiled = compile_cleanup()
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cleanup-bench-") as tmp:
        sizes = args.sizes or ("1,10" if args.quick else "1,10,100")
        opts = Options(runs=3 if args.quick else args.runs, big_runs=1 if args.quick else 3,
                       sizes=[f"c{n}m.txt" for n in sizes.split(",")], work=Path(tmp),
                       extra=args.cleanup_args)
        make_mt_text(CORPUS / "c1m.txt", opts.work / "mt1m.txt")
        print(f"_{environment()}; byte-compiled {compiled}_\n", flush=True)
        chosen = [s for s in args.only.split(",") if s] or list(SECTIONS)
        for name in chosen:
            started = time.perf_counter()
            table = SECTIONS[name](opts)
            if table is not None:
                print(table.render(), flush=True)
            print(f"<!-- {name}: {time.perf_counter() - started:.0f} s -->\n", flush=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        (RESULTS / f"raw-{stamp}.json").write_text(json.dumps(opts.raw, indent=1))


if __name__ == "__main__":
    main()
