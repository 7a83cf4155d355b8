"""`--jobs N`: a batch file scored on worker processes gives the bytes, the summary and the exit code of one
process; a worker that dies or a Ctrl-C ends the run plainly; and the engine's fast paths agree with plain
references (every role's coverage in one pass, the ordering walk's heap and its cap)."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from fractions import Fraction
from pathlib import Path

import pytest

from rolemap.batch import parts, pool, run_batch
from rolemap.engine import planning, scoring
from rolemap.errors import RolemapError

SKILLS = ["python", "statistics", "machine-learning", "rag", "docker", "sql", "prompt-engineering", "pytorch"]
BACKGROUNDS = ["software-engineer", "data-analyst", "academic", "student"]


def _jsonl() -> bytes:
    """Good lines, bad JSON, a bad field, blank lines, names in raw and escaped Unicode, a byte order mark
    at the start and no newline at the end."""
    lines = []
    for i in range(80):
        if i % 9 == 4:
            lines.append("{not json")
        elif i % 11 == 7:
            lines.append('{"skills": {"python": 9}}')
        elif i % 13 == 5:
            lines.append("" if i % 2 else "   ")
        else:
            profile = {
                "name": f"Zoë-{i} 李" if i % 3 else f"p{i}",
                "background": BACKGROUNDS[i % 4],
                "years_experience": i % 12,
                "skills": {SKILLS[(i + k) % len(SKILLS)]: (i * (k + 1)) % 5 for k in range(i % 5)},
            }
            if i % 4 == 1:
                profile["hours_per_week"] = 3 + i % 20
            if i % 6 == 2:
                profile["target"] = "ml"
            if i % 5 == 3:
                profile["interests"] = {"goal": "research", "used_gpus": True}
            lines.append(json.dumps(profile, ensure_ascii=i % 2 == 0))
    return b"\xef\xbb\xbf" + "\n".join(lines).encode()


def _csv() -> str:
    """Rows with a quoted cell holding a newline (one a bad name, one a good level), doubled quotes in a
    quoted cell across lines, a bad level, a level word and a blank row."""
    rows = ["name,background,years_experience,python,statistics,rag"]
    for i in range(30):
        rows.append(f"r{i},{BACKGROUNDS[i % 4]},{i % 9},{i % 5},{(i * 3) % 5},{(i * 7) % 5 or ''}")
        if i == 3:
            rows.append('"two\nlines",academic,,2,1,')
        if i == 8:
            rows.append('eve,data-analyst,2,"3\n",1,')
        if i == 12:
            rows.append('"Zoë ""Z""\n李",academic,1,1,1,1')
        if i == 17:
            rows.append("ben,software-engineer,2,9,,")
        if i == 20:
            rows.append(",,,,,")
        if i == 25:
            rows.append("dee,academic,4,working,,")
    return "\n".join(rows) + "\n"


@pytest.fixture
def jsonl_file(tmp_path) -> Path:
    path = tmp_path / "many.jsonl"
    path.write_bytes(_jsonl())
    return path


@pytest.fixture
def csv_file(tmp_path) -> Path:
    path = tmp_path / "many.csv"
    path.write_bytes(_csv().encode())
    return path


@pytest.fixture
def pool_runs(monkeypatch) -> list[int]:
    """The worker counts of the runs that went to the pool; parts of 64 bytes (a line or two each)."""
    counts: list[int] = []
    batch_results, run_cohort = pool.batch_results, pool.run_cohort

    def spy_batch(path, catalogue, count, **options):
        counts.append(count)
        return batch_results(path, catalogue, count, **options)

    def spy_cohort(path, catalogue, count, **options):
        counts.append(count)
        return run_cohort(path, catalogue, count, **options)

    monkeypatch.setattr(pool, "batch_results", spy_batch)
    monkeypatch.setattr(pool, "run_cohort", spy_cohort)
    monkeypatch.setattr(pool, "PART_BYTES", 64)
    return counts


# -- the same output whatever the number of processes -------------------------------------------------


@pytest.mark.parametrize("options", [(), ("--target", "ml", "--hours", "7")])
@pytest.mark.parametrize("part_bytes", [1, 64, 300])
@pytest.mark.parametrize("which", ["jsonl", "csv"])
def test_jobs_2_gives_the_bytes_summary_and_exit_code_of_jobs_1(
    run, jsonl_file, csv_file, pool_runs, monkeypatch, which, part_bytes, options
):
    monkeypatch.setattr(pool, "PART_BYTES", part_bytes)
    path = str(jsonl_file if which == "jsonl" else csv_file)
    alone = run("assess", "--batch", path, "--jobs", "1", *options)
    assert pool_runs == []
    out = [json.loads(line) for line in alone.stdout.splitlines()]
    assert alone.returncode == 1 and len(out) > 25, alone
    assert any("error" in o for o in out) and any("error" not in o for o in out)
    assert [o["line"] for o in out] == sorted({o["line"] for o in out})
    if which == "jsonl":
        assert "Zoë-1 李" in alone.stdout
    else:  # rows are numbered as a spreadsheet numbers them: a cell that spans lines is still one row
        import csv as csv_module

        rows = list(csv_module.reader(io.StringIO(_csv())))
        for name in ("r4", "r13", "r29"):
            row = next(n for n, cells in enumerate(rows, 1) if cells and cells[0] == name)
            assert [o["line"] for o in out if o.get("name") == name] == [row]
        spans = [o for o in out if "runs over" in o.get("error", "")]
        assert len(spans) == 3 and all(o["hint"].startswith("Remove the stray quote") for o in spans)
    assert alone.stderr.count("\n") == 1 and "were bad" in alone.stderr

    spread = run("assess", "--batch", path, "-j", "2", *options)
    assert pool_runs == [2]
    assert len(parts.split(path, which == "csv", part_bytes)[1]) > (10 if part_bytes < 300 else 2)
    assert spread.stdout == alone.stdout
    assert spread.stderr == alone.stderr
    assert spread.returncode == alone.returncode


def test_more_jobs_than_parts_and_a_file_of_blank_lines(run, tmp_path, pool_runs):
    few = tmp_path / "few.jsonl"
    few.write_text('{"background": "swe"}\n\n{"name": "x", "skills": {"rag": 2}}\n')
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n   \n\n")
    for path in (few, blank):
        alone = run("assess", "--batch", str(path), "--jobs", "1")
        spread = run("assess", "--batch", str(path), "--jobs", "7")
        assert (spread.returncode, spread.stdout, spread.stderr) == (alone.returncode, alone.stdout, alone.stderr)
    assert pool_runs == [7, 7]
    assert len(run("assess", "--batch", str(few), "--jobs", "7").stdout.splitlines()) == 2
    assert run("assess", "--batch", str(blank), "--jobs", "7").stdout == ""


@pytest.mark.parametrize("which", ["jsonl", "csv"])
def test_by_default_a_large_file_goes_to_one_worker_a_core_with_the_same_output(
    run, jsonl_file, csv_file, pool_runs, monkeypatch, which
):
    path = str(jsonl_file if which == "jsonl" else csv_file)
    assert pool.workers_for(path, None) == 1  # small: scored here
    alone = run("assess", "--batch", path)
    assert pool_runs == []
    monkeypatch.setattr(pool, "MIN_BYTES", 0)  # every file is large
    monkeypatch.setattr(pool, "usable_cores", lambda: 3)
    assert pool.workers_for(path, None) == 3
    by_default = run("assess", "--batch", path)
    assert pool_runs == [3]
    assert (by_default.returncode, by_default.stdout, by_default.stderr) == (
        alone.returncode,
        alone.stdout,
        alone.stderr,
    )
    assert run("assess", "--batch", path, "--jobs", "1").stdout == alone.stdout
    assert pool_runs == [3]  # --jobs 1 stays in this process, however large the file


def test_run_batch_on_workers_writes_what_one_process_writes(catalogue, jsonl_file, csv_file, monkeypatch):
    monkeypatch.setattr(pool, "PART_BYTES", 50)
    for path, fmt in ((jsonl_file, None), (csv_file, None), (csv_file, "csv")):
        alone, spread = io.StringIO(), io.StringIO()
        counts = run_batch(str(path), catalogue, out=alone, fmt=fmt, jobs=1)
        assert run_batch(str(path), catalogue, out=spread, fmt=fmt, jobs=3) == counts
        assert spread.getvalue() == alone.getvalue() and counts[0] > 0


@pytest.mark.parametrize("which", ["jsonl", "csv"])
def test_cohort_on_two_jobs_is_the_cohort_of_one(run, jsonl_file, csv_file, pool_runs, which):
    path = str(jsonl_file if which == "jsonl" else csv_file)
    alone = run("cohort", path, "--json", "--jobs", "1")
    spread = run("cohort", path, "--json", "--jobs", "2")
    assert pool_runs == [2]
    view = alone.json()
    assert view["profiles"] > 25 and view["errors"] >= 2, alone
    assert spread.json() == view
    assert (spread.returncode, spread.stderr) == (alone.returncode, alone.stderr)
    assert alone.stderr.startswith("rolemap: ") and alone.stderr.count("\n") == 1
    targeted = run("cohort", path, "--json", "--jobs", "2", "--target", "ml", "--hours", "5").json()
    assert targeted == run("cohort", path, "--json", "--jobs", "1", "--target", "ml", "--hours", "5").json()
    assert {r["role"]: r["target_count"] for r in targeted["roles"]}["ml-engineer"] == targeted["profiles"]


def test_more_than_five_bad_lines_keep_the_first_five_in_line_order(run, tmp_path, pool_runs):
    path = tmp_path / "bad.jsonl"
    path.write_text("".join('{"background": "swe"}\n' if i % 3 else f"{{bad {i}\n" for i in range(40)))
    alone = run("cohort", str(path), "--json", "--jobs", "1").json()
    spread = run("cohort", str(path), "--json", "--jobs", "4").json()
    assert [e["line"] for e in alone["first_errors"]] == [1, 4, 7, 10, 13]
    assert spread == alone


# -- usage errors --------------------------------------------------------------------------------------


def test_jobs_without_batch_is_a_usage_error(run):
    result = run("assess", "--jobs", "2")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "rolemap: --jobs says how many processes score a --batch file; it goes with --batch FILE\n"


@pytest.mark.parametrize("command", ["assess", "cohort"])
def test_jobs_with_dask_is_a_usage_error(run, jsonl_file, command):
    args = ("assess", "--batch", str(jsonl_file)) if command == "assess" else ("cohort", str(jsonl_file))
    result = run(*args, "--jobs", "2", "--dask", "local")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == "rolemap: --jobs and --dask do not go together"


@pytest.mark.parametrize("command", ["assess", "cohort"])
@pytest.mark.parametrize("jobs", ["0", "-1", "513", "two"])
def test_jobs_must_be_a_count_of_processes(run, jsonl_file, command, jobs):
    args = ("assess", "--batch", str(jsonl_file)) if command == "assess" else ("cohort", str(jsonl_file))
    result = run(*args, "--jobs", jobs)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("rolemap: ") and "--jobs" in result.stderr.splitlines()[0]
    assert "Traceback" not in result.stderr


def test_a_missing_file_with_jobs_is_the_usual_usage_error(run, tmp_path):
    result = run("assess", "--batch", str(tmp_path / "nowhere.jsonl"), "--jobs", "2")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines()[0] == f"rolemap: batch file {str(tmp_path / 'nowhere.jsonl')!r} does not exist"


# -- a worker that dies ------------------------------------------------------------------------------------

_BATCH_PART = parts.batch_part


def _dies_after_the_first_part(path, header, part, *rest):
    """A worker that dies (as one killed by the system would) on every part but the first."""
    if part.first_line > 1:
        os._exit(3)
    return _BATCH_PART(path, header, part, *rest)


def _dies(*args):
    os._exit(3)


def test_a_worker_that_dies_ends_the_run_with_one_line_and_a_hint(run, jsonl_file, monkeypatch):
    whole = run("assess", "--batch", str(jsonl_file), "--jobs", "1").stdout
    # Three or four parts: all are handed out at the start (two workers keep four in flight), so this test
    # does not meet the pool broken while handing out a later part (the test below does, with fake futures).
    part_bytes = jsonl_file.stat().st_size // 3 + 1
    monkeypatch.setattr(pool, "PART_BYTES", part_bytes)
    count = len(parts.split(str(jsonl_file), False, part_bytes)[1])
    assert 2 <= count <= 4
    monkeypatch.setattr(parts, "batch_part", _dies_after_the_first_part)  # forked workers inherit it
    result = run("assess", "--batch", str(jsonl_file), "--jobs", "2")
    assert result.returncode == 1
    message, hint = result.stderr.splitlines()
    assert message.startswith("rolemap: the worker failed on part ") and f" of {count} (" in message
    assert hint == "The output so far is incomplete; run again, or with --jobs 1."
    assert "were bad" not in result.stderr  # no summary of a run that did not end
    # What was written is whole lines of the output of one process, nothing after the failure.
    assert whole.startswith(result.stdout)
    assert result.stdout == "" or result.stdout.endswith("\n")
    assert len(result.stdout.splitlines()) < len(whole.splitlines())


def test_run_batch_raises_when_a_worker_dies(catalogue, jsonl_file, monkeypatch):
    monkeypatch.setattr(parts, "batch_part", _dies)
    out = io.StringIO()
    with pytest.raises(RolemapError) as info:
        run_batch(str(jsonl_file), catalogue, out=out, jobs=2)
    assert info.value.message.startswith("the worker failed on part 1 of 1 (")
    assert info.value.hint == pool.HINT
    assert out.getvalue() == ""


def test_a_cohort_worker_that_dies_shows_no_report(run, jsonl_file, monkeypatch):
    monkeypatch.setattr(pool, "PART_BYTES", 200)
    monkeypatch.setattr(parts, "cohort_part", _dies)
    result = run("cohort", str(jsonl_file), "--jobs", "2")
    assert result.returncode == 1
    assert result.stdout == ""
    message, hint = result.stderr.splitlines()
    assert message.startswith("rolemap: the worker failed on part 1 of ")
    assert hint == pool.HINT


def test_a_pool_that_breaks_while_parts_are_handed_out_is_the_one_line_failure():
    """What happens when a worker dies after the first parts are done but before the next is handed out."""
    from concurrent.futures import Future

    pieces = [parts.Part(n, n + 1, n + 1) for n in range(6)]
    handed_out: list[int] = []

    def submit(part):
        if len(handed_out) == 2:  # a worker died: the pool takes no more work
            raise BrokenProcessPool("A child process terminated abruptly, the process pool is not usable anymore")
        handed_out.append(part.first_line)
        done: Future = Future()
        done.set_result(f"line {part.first_line}")
        return done

    got = []
    with pytest.raises(RolemapError) as info:
        for _, result in parts.in_order(submit, pieces, 2, "worker", pool.HINT):
            got.append(result)
    assert info.value.message.startswith("the worker failed on part ")
    assert info.value.hint == pool.HINT
    assert got in ([], ["line 1"], ["line 1", "line 2"])  # whole parts, in order, none after the failure


# -- standard input ------------------------------------------------------------------------------------


def test_standard_input_is_scored_in_this_process_whatever_jobs_says(run, jsonl_file, pool_runs, monkeypatch):
    monkeypatch.setattr(pool, "MIN_BYTES", 0)
    assert pool.workers_for("-", 2) == 1
    assert pool.workers_for("-", None) == 1
    data = jsonl_file.read_bytes()
    from_file = run("assess", "--batch", str(jsonl_file), "--jobs", "1")
    piped = run("assess", "--batch", "-", "--jobs", "2", input=data)
    assert piped.returncode == from_file.returncode == 1
    assert piped.stdout == from_file.stdout
    note = "rolemap: standard input is scored in one process, as it streams; --jobs 2 takes effect on a file\n"
    assert piped.stderr == note + from_file.stderr.replace(str(jsonl_file), "standard input")
    cohort = run("cohort", "-", "--json", "--jobs", "2", input=data)
    assert cohort.json() == run("cohort", str(jsonl_file), "--json", "--jobs", "1").json()
    assert cohort.stderr.startswith(note)
    assert "takes effect" not in run("assess", "--batch", "-", "--jobs", "1", input=data).stderr  # one is one
    assert pool_runs == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_scored_in_this_process_as_it_streams_whatever_jobs_says(run, tmp_path, jsonl_file, pool_runs):
    import threading

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    assert pool.workers_for(str(fifo), 2) == 1
    data = jsonl_file.read_bytes()

    def feed() -> None:
        with open(fifo, "wb") as f:
            f.write(data)

    writer = threading.Thread(target=feed, daemon=True)  # if rolemap never opens the pipe, it waits alone
    writer.start()
    piped = run("assess", "--batch", str(fifo), "--jobs", "2")
    writer.join(timeout=10)
    from_file = run("assess", "--batch", str(jsonl_file), "--jobs", "1")
    assert piped.returncode == from_file.returncode == 1, piped
    assert piped.stdout == from_file.stdout
    assert pool_runs == []


# -- where parts once disagreed with one process ---------------------------------------------------


def test_a_stray_quote_in_an_unquoted_csv_cell_does_not_move_a_part_end_into_a_quoted_cell(
    catalogue, tmp_path, monkeypatch
):
    path = tmp_path / "q.csv"
    path.write_text('name,background,python\n5"screen,academic,1\n"two\nlines",academic,2\nz,academic,3\n')
    alone, spread = io.StringIO(), io.StringIO()
    counts = run_batch(str(path), catalogue, out=alone, jobs=1)
    monkeypatch.setattr(pool, "PART_BYTES", 1)
    assert run_batch(str(path), catalogue, out=spread, jobs=2) == counts
    assert spread.getvalue() == alone.getvalue()


def test_a_byte_order_mark_inside_the_file_is_read_alike_whatever_the_parts(catalogue, tmp_path, monkeypatch):
    path = tmp_path / "joined.jsonl"
    path.write_bytes(b'{"name": "a"}\n\xef\xbb\xbf{"name": "b"}\n')
    alone, spread = io.StringIO(), io.StringIO()
    counts = run_batch(str(path), catalogue, out=alone, jobs=1)
    monkeypatch.setattr(pool, "PART_BYTES", 1)
    assert run_batch(str(path), catalogue, out=spread, jobs=2) == counts
    assert spread.getvalue() == alone.getvalue()


# -- the engine's fast paths against plain references ----------------------------------------------


def _random_levels(rng: random.Random, skills: list[str]) -> dict[str, int]:
    density = rng.choice([0.0, 0.1, 0.3, 0.7, 1.0])
    high = rng.random() < 0.5
    return {s: rng.choice([2, 3, 4, 4] if high else [0, 1, 2, 3, 4]) for s in skills if rng.random() < density}


@pytest.mark.parametrize("which", ["shipped", "mini"])
def test_every_roles_units_in_one_pass_equal_each_roles_own_sum(catalogue, mini_dir, which):
    from rolemap.catalogue import load_catalogue

    cat = catalogue if which == "shipped" else load_catalogue(mini_dir)
    tables = list(scoring.tables(cat).values())
    skills = sorted(cat.skills)
    rng = random.Random(7)
    cases = [{}, dict.fromkeys(skills, 4), dict.fromkeys(skills, 0)]
    cases += [_random_levels(rng, skills) for _ in range(400)]
    for levels in cases:
        expected = [scoring.coverage_units(t, levels) for t in tables]
        for table in tables:  # any role's table will do
            assert scoring.units_by_role(table, levels) == expected, levels
    assert scoring.units_by_role(tables[0], dict.fromkeys(skills, 4)) == [t.full for t in tables]


def _reference_order(catalogue, role_id, levels, bonus, steps):
    """The ordering rule as written, pick by pick: of the steps whose prerequisites are met, the one with
    the most fit gained per hour (compared exactly), ties to the shorter step (at least 1 hour), then the
    skill id. A step the fit's cap cuts gains what is left to 100 (cut: its gain is above what is left, in
    floats, as the engine decides it). ``steps``: ``(skill, from, to, hours)``. Returns the order, each
    step's gain, and how many picks the cap bit."""
    table = scoring.tables(catalogue)[role_id]
    den = table.denominator
    points = scoring.coverage_units(table, levels) / den + bonus  # as the engine adds it up, in floats
    now = dict(levels)
    todo = {}
    for skill, have, need, hours in steps:
        weight = table.weights.get(skill)  # (the role's level, units a level)
        units = weight[1] * (min(weight[0], need) - min(weight[0], have)) if weight else 0
        hours = max(1, hours)
        needs = [(p, planning.prerequisite_level(need)) for p in catalogue.skills[skill].prerequisites]
        todo[skill] = (need, hours, units, Fraction(units, den * hours), needs)
    order: list[str] = []
    gains: list[float] = []
    capped = 0
    while todo:
        room = 100.0 - points if points < 100.0 else 0.0
        best = None
        cut_any = False
        for skill, (_, hours, units, rate, needs) in todo.items():
            if any(now.get(p, 0) < level for p, level in needs):
                continue  # a prerequisite is short
            gain = units / den
            if gain > room:  # the cap cuts it: it gains what is left
                cut_any = True
                gain, rate = room, Fraction(room) / hours
            if best is None or rate > best[0] or (rate == best[0] and (hours, skill) < best[1]):
                best = (rate, (hours, skill), gain)
        assert best is not None, f"no step can start: {sorted(todo)}"
        capped += cut_any
        _, (_, skill), gain = best
        order.append(skill)
        gains.append(gain)
        points += todo[skill][2] / den
        now[skill] = todo.pop(skill)[0]
    return order, gains, capped


def test_the_ordering_walk_follows_the_rule_as_written(catalogue):
    skills = sorted(catalogue.skills)
    roles = list(catalogue.roles)
    rng = random.Random(2026)
    capped = cases = 0
    for _ in range(2_000):
        levels = _random_levels(rng, skills)
        bonus = rng.choice([0.0, 3.4, 5.0, 12.5])
        for role_id in rng.sample(roles, 3):
            rows, gains = planning._order(role_id, levels, catalogue, bonus)
            steps = [(row[0], row[1], row[2], row[4]) for row in rows]
            assert len({s[0] for s in steps}) == len(steps)
            expected, expected_gains, bit = _reference_order(catalogue, role_id, levels, bonus, steps)
            assert [row[0] for row in rows] == expected, (role_id, levels, bonus)
            assert gains == expected_gains, (role_id, levels, bonus)
            capped += bit
            cases += bool(rows)
    assert cases > 5_000 and capped > 5_000  # the walk near the cap was tried, not only the heap's fast path


# -- Ctrl-C --------------------------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except FileNotFoundError:  # a thread that ended meanwhile
            pass
    return found


def _state(pid: int) -> str:
    """A process's state letter (R running, S sleeping, Z ended but not yet reaped...); "" when it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return ""


def _wait_until(condition, seconds: float = 30) -> bool:
    """Poll ``condition`` until it holds three times in a row (or ``seconds`` pass): waiting for a state,
    not measuring a time."""
    deadline, streak = time.monotonic() + seconds, 0
    while streak < 3 and time.monotonic() < deadline:
        streak = streak + 1 if condition() else 0
        time.sleep(0.05)
    return streak >= 3


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads a process's children from /proc")
def test_ctrl_c_during_a_parallel_batch_exits_130_and_leaves_no_worker(tmp_path):
    rng = random.Random(5)
    block = "".join(
        json.dumps({"name": f"p{i}", "skills": {s: rng.randint(0, 4) for s in rng.sample(SKILLS, 5)}}) + "\n"
        for i in range(500)
    )
    (tmp_path / "big.jsonl").write_text(block * 60)  # 30,000 lines, about 3 MB of output a part
    proc = subprocess.Popen(
        [sys.executable, "-m", "rolemap", "assess", "--batch", "big.jsonl", "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell gives a job: Ctrl-C reaches the workers too
    )
    try:
        # The first line is out and nobody reads on: the run waits on the full pipe, it cannot finish first.
        assert proc.stdout.readline().startswith(b'{"line":1,')
        workers = _children(proc.pid)
        assert len(workers) >= 2
        # The parts in flight are scored and the workers wait for more: Ctrl-C must not wake them with a
        # traceback (if they are still busy after the wait, it comes while they score: checked too).
        _wait_until(lambda: all(_state(pid) == "S" for pid in workers))
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    assert err.decode() == "rolemap: interrupted\n"
    assert _wait_until(lambda: all(_state(pid) in ("", "Z") for pid in workers), 10)  # no worker left running


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_a_run_ended_from_outside_leaves_no_worker_behind(tmp_path, how):
    """`kill PID` (SIGTERM, as a job supervisor sends it) stops the workers before rolemap ends as SIGTERM
    ends a program; `kill -9` cannot be caught, and the workers end with it all the same (Linux)."""
    if how == "SIGKILL" and not sys.platform.startswith("linux"):
        pytest.skip("a worker follows its parent's death on Linux (prctl)")
    rng = random.Random(6)
    block = "".join(
        json.dumps({"name": f"p{i}", "skills": {s: rng.randint(0, 4) for s in rng.sample(SKILLS, 5)}}) + "\n"
        for i in range(500)
    )
    (tmp_path / "big.jsonl").write_text(block * 60)
    proc = subprocess.Popen(
        [sys.executable, "-m", "rolemap", "assess", "--batch", "big.jsonl", "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert proc.stdout.readline().startswith(b'{"line":1,')
        workers = _children(proc.pid)
        assert len(workers) >= 2
        proc.send_signal(getattr(signal, how))  # to rolemap alone, not its process group
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == -getattr(signal, how)
    assert _wait_until(lambda: all(_state(pid) in ("", "Z") for pid in workers), 10)


def test_the_last_parts_of_a_large_file_are_smaller_and_the_parts_cover_it(tmp_path):
    """The workers finish together: in a file of many parts, the parts shrink towards the end (to a
    sixteenth at least), and the parts still cover the file whole, each starting a line, numbered right."""
    path = tmp_path / "many.jsonl"
    lines = [f'{{"name": "p{n}", "skills": {{"python": {n % 5}}}}}' for n in range(6_000)]
    path.write_text("\n".join(lines) + "\n")
    part_bytes = path.stat().st_size // 20
    _, pieces = parts.split(str(path), False, part_bytes)
    sizes = [p.end - p.start for p in pieces]
    assert sizes[0] >= part_bytes and min(sizes[:-1]) >= part_bytes // 16
    assert sizes[-2] < part_bytes // 4  # the last parts are small
    assert [p.start for p in pieces[1:]] == [p.end for p in pieces[:-1]] and pieces[-1].end == path.stat().st_size
    data = path.read_bytes()
    for p in pieces:
        assert p.first_line == data[: p.start].count(b"\n") + 1 and (
            p.start == 0 or data[p.start - 1 : p.start] == b"\n"
        )
