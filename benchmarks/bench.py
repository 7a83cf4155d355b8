"""rolemap benchmarks: start-up against Typer's own import, and batch throughput and memory.

    python benchmarks/bench.py              # everything
    python benchmarks/bench.py startup      # start-up ratios only
    python benchmarks/bench.py batch        # batch throughput and peak memory only

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


def _profiles(n: int, seed: int = 7, realistic: bool = False):
    """Profiles with 10 skills each, hours, region and sometimes a goal.

    ``realistic=False`` (the default, and the harder case): 10 skills drawn at random from all of them,
    at random levels. ``realistic=True``: the 10 skills a person of that background would rate (their
    background's skills and the skills of the roles it leads to), near the background's level.
    """
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from rolemap.catalogue import load_catalogue

    catalogue = load_catalogue()
    rng = random.Random(seed)
    skills = sorted(catalogue.skills)
    backgrounds = sorted(catalogue.presets) + [None]
    goals = ["build-products", "train-models", "analyse-data", "research", None]
    for i in range(n):
        bg = rng.choice(backgrounds)
        if realistic and bg:
            start = catalogue.starting_levels(bg)
            near = sorted(
                set(start)
                | {
                    r.skill
                    for role in catalogue.roles.values()
                    if bg in role.entry_backgrounds
                    for r in role.requirements
                }
            )
            chosen = rng.sample(near, min(10, len(near)))
            rated = {s: max(0, min(4, start.get(s, 0) + rng.choice((-1, 0, 0, 1)))) for s in chosen}
        else:
            rated = {s: rng.randint(0, 4) for s in rng.sample(skills, 10)}
        p: dict = {
            "name": f"p{i}",
            "skills": rated,
            "years_experience": rng.randint(0, 15),
            "hours_per_week": rng.choice([5, 8, 10, 15, 20]),
            "region": rng.choice(["us", "uk", "in"]),
        }
        if bg:
            p["background"] = bg
        goal = rng.choice(goals)
        if goal:
            p["interests"] = {"goal": goal}
        yield p


def _batch_run(path: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of `rolemap assess --batch path --json`."""
    code = (
        "import resource, sys, time\n"
        "from rolemap.cli import main\n"
        "t = time.perf_counter()\n"
        "try:\n    main(['assess', '--batch', sys.argv[1], '--json'])\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write(f'{time.perf_counter() - t} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
    )
    proc = subprocess.run(
        [PY, "-c", code, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True
    )
    seconds, rss = proc.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(rss)


def batch() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for realistic in (False, True):
            kind = "background-shaped skills" if realistic else "10 random skills of all"
            results = {}
            for n in (5_000, 50_000):
                path = Path(tmp) / f"cohort-{n}-{realistic}.jsonl"
                with open(path, "w") as fh:
                    fh.writelines(json.dumps(p) + "\n" for p in _profiles(n, realistic=realistic))
                seconds, rss = min(_batch_run(path) for _ in range(3))
                results[n] = (seconds, rss)
                print(
                    f"batch {n:>6,} profiles ({kind}): {seconds:6.2f} s  {n / seconds:9,.0f} profiles/s  "
                    f"peak RSS {rss / 1024:6.1f} MiB"
                )
            growth = (results[50_000][1] - results[5_000][1]) / 1024
            print(f"  peak memory growth from 5,000 to 50,000 lines: {growth:+.1f} MiB")


if __name__ == "__main__":
    what = sys.argv[1:] or ["startup", "batch"]
    print(f"python {sys.version.split()[0]} on {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cores")
    if "startup" in what:
        startup()
    if "batch" in what:
        batch()
