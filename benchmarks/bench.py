"""rolemap benchmarks: start-up against Typer's own import, and batch throughput and memory.

    python benchmarks/bench.py              # everything
    python benchmarks/bench.py startup      # start-up ratios only
    python benchmarks/bench.py batch        # batch throughput and peak memory, per input mix
    python benchmarks/bench.py batch human  # one mix: ids, human or csv

Standard library only; not part of the test run (timing tests in CI would be noise). Start-up is the
median wall time of N runs of each command, side by side, as a ratio to `python -c "import typer"`.
The catalogue cache is warmed first, as it is for any user after their first run.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
RUNS = int(os.environ.get("BENCH_RUNS", "11"))
COMMANDS = {
    "compare ai ml --json": [PY, "-m", "rolemap", "compare", "ai", "ml", "--json"],
    "roles --json": [PY, "-m", "rolemap", "roles", "--json"],
    "salary ai --json": [PY, "-m", "rolemap", "salary", "ai", "--json"],
    "show ai --json": [PY, "-m", "rolemap", "show", "ai", "--json"],
}
BASELINES = {
    "python -c pass": [PY, "-c", "pass"],
    'python -c "import typer"': [PY, "-c", "import typer"],
}


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def _compile() -> None:
    """Byte-compile rolemap as `pip install` does (an editable checkout, or PYTHONDONTWRITEBYTECODE, has no .pyc)."""
    import importlib.util

    spec = importlib.util.find_spec("rolemap")
    assert spec and spec.origin
    subprocess.run([PY, "-m", "compileall", "-q", str(Path(spec.origin).parent)], check=True)


def startup() -> dict[str, float]:
    _compile()
    everything = {**BASELINES, **COMMANDS}
    for cmd in everything.values():  # warm the OS cache, .pyc files and rolemap's catalogue snapshot
        _time(cmd)
    samples: dict[str, list[float]] = {name: [] for name in everything}
    for _ in range(RUNS):  # interleaved, so machine noise hits every command alike
        for name, cmd in everything.items():
            samples[name].append(_time(cmd))
    medians = {name: statistics.median(times) for name, times in samples.items()}
    floor = medians['python -c "import typer"']
    print(f"start-up, median of {RUNS} runs (ratio to `import typer`):")
    for name, value in medians.items():
        print(f"  {name:<28} {value * 1000:7.1f} ms   {value / floor:5.2f}x")
    return {name: value / floor for name, value in medians.items()}


MIXES = {
    "ids": "skill ids and integer levels, region and background ids (what a script writes)",
    "human": "display names and aliases in any case, level words and digits in quotes, 'UK', "
    "'Software Engineer', targets, goals and names (what a careers service exports)",
    "csv": "the human mix as a CSV file with a column per skill (what a spreadsheet exports)",
}


def _catalogue():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from rolemap.catalogue import load_catalogue

    return load_catalogue()


def _profiles(n: int, mix: str, seed: int = 7) -> list[dict]:
    """``n`` profiles of 10 rated skills near each one's background, written the way ``mix`` says."""
    catalogue = _catalogue()
    rng = random.Random(seed)
    backgrounds = [*sorted(catalogue.presets), None]
    goals = ["build-products", "train-models", "analyse-data", "research", None]
    words = ["none", "aware", "working", "strong", "expert"]
    out = []
    for i in range(n):
        bg = rng.choice(backgrounds)
        start = catalogue.starting_levels(bg) if bg else {}
        near = sorted(
            set(start)
            | {r.skill for role in catalogue.roles.values() if bg in role.entry_backgrounds for r in role.requirements}
        ) or sorted(catalogue.skills)
        chosen = rng.sample(near, min(10, len(near)))
        rated = {s: max(0, min(4, start.get(s, 0) + rng.choice((-1, 0, 0, 1)))) for s in chosen}
        goal = rng.choice(goals)
        target = rng.choice([None, None, *sorted(catalogue.roles)])
        region = rng.choice(["us", "uk", "in"])
        if mix == "ids":
            p: dict = {"name": f"p{i}", "skills": rated, "years_experience": rng.randint(0, 15)}
            p["hours_per_week"] = rng.choice([5, 8, 10, 15, 20])
            p["region"] = region
            if bg:
                p["background"] = bg
            if goal:
                p["interests"] = {"goal": goal}
            if target:
                p["target"] = target
        else:
            skills = {}
            for sid, level in rated.items():
                skill = catalogue.skills[sid]
                name = rng.choice([skill.name, skill.name.lower(), skill.name.upper(), *skill.aliases])
                skills[name] = rng.choice([level, words[level], words[level].capitalize(), str(level)])
            p = {"name": f"Person {i}", "skills": skills, "years_experience": rng.randint(0, 15)}
            p["hours_per_week"] = rng.choice([5, 8, 10, 15, 20])
            p["region"] = rng.choice([region, region.upper()])
            if bg:
                p["background"] = catalogue.presets[bg].name if rng.random() < 0.7 else bg.replace("-", " ").title()
            if goal:
                p["interests"] = {"goal": goal.replace("-", " ").capitalize()}
            if target:
                p["target"] = catalogue.roles[target].title
        out.append(p)
    return out


def _write(path: Path, profiles: list[dict], mix: str) -> None:
    if mix != "csv":
        with open(path, "w") as fh:
            fh.writelines(json.dumps(p) + "\n" for p in profiles)
        return
    import csv

    # A spreadsheet: one column per skill, headed by a name a person would type, level words and digits
    # in the cells, display names for backgrounds and targets, "UK" for the region.
    catalogue = _catalogue()
    rng = random.Random(11)
    words = ["none", "aware", "working", "strong", "expert"]
    columns = sorted({sid for p in profiles for sid in p["skills"]})
    header = {sid: rng.choice([catalogue.skills[sid].name, *catalogue.skills[sid].aliases]) for sid in columns}
    fields = ["Name", "Background", "Years experience", "Hours per week", "Region", "Target", "Goal"]
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(fields + [header[sid] for sid in columns])
        for p in profiles:
            bg = p.get("background")
            target = p.get("target")
            row = [p["name"], catalogue.presets[bg].name if bg else "", p["years_experience"], p["hours_per_week"]]
            row += [p["region"].upper(), catalogue.roles[target].title if target else ""]
            row.append(p.get("interests", {}).get("goal", "").replace("-", " "))
            levels = p["skills"]
            row += [rng.choice([words[levels[sid]], str(levels[sid])]) if sid in levels else "" for sid in columns]
            writer.writerow(row)


def _batch_run(path: Path) -> tuple[float, int]:
    """Wall seconds of the whole command `rolemap assess --batch path --json > /dev/null` (interpreter
    start-up included), and the peak RSS (KiB) of its largest process (itself or a worker)."""
    code = (
        "import resource, sys\n"
        "from rolemap.cli import main\n"
        "try:\n    main(['assess', '--batch', sys.argv[1], '--json'])\n"
        "except SystemExit:\n    pass\n"
        # VmHWM is this program's own peak; ru_maxrss would include the benchmark's memory at fork time
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')] if sys.platform == 'linux' else []\n"
        "peak = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        # the worker processes (--jobs, one a core by default): the largest one's peak
        "workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "sys.stderr.write(f'{max(peak, workers)}\\n')\n"
    )
    start = time.perf_counter()
    proc = subprocess.run([PY, "-c", code, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch run failed: {proc.stderr}")
    return seconds, int(proc.stderr.strip().splitlines()[-1])


def batch(mixes: list[str] | None = None) -> None:
    """Whole-command throughput for each input mix: 50,000 lines, RUNS_BATCH runs, min / median / max."""
    runs = int(os.environ.get("BENCH_BATCH_RUNS", "3"))
    n_big, n_small = int(os.environ.get("BENCH_LINES", "50000")), 5_000
    print(f"batch, whole command, {n_big:,} lines, {runs} runs (profiles/s: min / median / max):")
    with tempfile.TemporaryDirectory() as tmp:
        for mix in mixes or list(MIXES):
            profiles = _profiles(n_big, "ids" if mix == "csv" else mix)
            big = Path(tmp) / f"{mix}-big.{'csv' if mix == 'csv' else 'jsonl'}"
            small = Path(tmp) / f"{mix}-small.{'csv' if mix == 'csv' else 'jsonl'}"
            _write(big, profiles, mix)
            _write(small, profiles[:n_small], mix)
            rates = sorted(n_big / _batch_run(big)[0] for _ in range(runs))
            rss_big = _batch_run(big)[1]
            rss_small = _batch_run(small)[1]
            print(
                f"  {mix:<6} {rates[0]:8,.0f} / {statistics.median(rates):8,.0f} / {rates[-1]:8,.0f}   "
                f"peak RSS {rss_big / 1024:5.1f} MiB ({(rss_big - rss_small) / 1024:+.1f} MiB over {n_small:,} lines)"
            )
            print(f"         {MIXES[mix]}")


if __name__ == "__main__":
    what = sys.argv[1:] or ["startup", "batch"]
    print(f"python {sys.version.split()[0]} on {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cores")
    if "startup" in what:
        startup()
    if "batch" in what:
        batch([m for m in what if m in MIXES] or None)
