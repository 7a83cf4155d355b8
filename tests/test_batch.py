"""`assess --batch`: one result per line, in order, streamed; bad lines reported and the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _lines(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cohort_example(run):
    result = run("assess", "--batch", str(ROOT / "examples" / "cohort.jsonl"), "--json")
    assert result.returncode == 0, result
    out = _lines(result)
    assert [o["line"] for o in out] == [1, 2, 3, 4]
    assert [o["name"] for o in out] == ["ana", "ben", "chen", "dee"]
    assert out[0]["target"] == "ai-engineer"  # a software engineer's best move
    assert out[1]["target"] == "data-scientist"  # an analyst's
    for o in out:
        assert {
            "target",
            "target_fit",
            "ranking",
            "gaps",
            "next_best_skill",
            "total_hours",
            "total_weeks",
            "weeks_low",
            "weeks_high",
            "hours_per_week",
        } <= o.keys()
        assert [r["fit"] for r in o["ranking"]] == sorted((r["fit"] for r in o["ranking"]), reverse=True)


def test_five_lines_two_bad_give_five_output_lines_and_exit_1(run):
    lines = [
        '{"background": "swe"}',
        "not json",
        '{"skills": {"python": 9}}',
        '{"background": "ds"}',
        '{"background": "academic"}',
    ]
    result = run("assess", "--batch", "-", "--json", input="\n".join(lines) + "\n")
    assert result.returncode == 1
    out = _lines(result)
    assert len(out) == 5 and [o["line"] for o in out] == [1, 2, 3, 4, 5]
    assert "error" in out[1] and "error" in out[2] and "python" in out[2]["error"]
    assert all("error" not in out[i] for i in (0, 3, 4))
    assert "2 of 5 profile line(s)" in result.stderr


def test_batch_agrees_with_assess(run, tmp_path):
    profiles = [
        {"background": "software-engineer", "years_experience": 3, "skills": {"rag": 2}},
        {"background": "data-analyst", "hours_per_week": 7, "interests": {"goal": "analyse-data"}},
        {"skills": {"statistics": 4, "machine-learning": 3, "pytorch": 2}, "target": "ml"},
    ]
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps(p) for p in profiles) + "\n")
    out = _lines(run("assess", "--batch", str(batch), "--json"))
    for profile, line in zip(profiles, out, strict=False):
        (tmp_path / "p.json").write_text(json.dumps(profile))
        full = run("assess", "--profile", str(tmp_path / "p.json"), "--json").json()
        assert line["target"] == full["target"]
        assert line["ranking"] == [{"role": f["role"], "fit": f["fit"]} for f in full["ranking"]]
        assert line["gaps"] == [g["skill"] for g in full["gaps"]]
        assert line["total_hours"] == full["plan"]["total_hours"]
        assert line["total_weeks"] == full["plan"]["total_weeks"]
        assert line["next_best_skill"] == (full["next_best_skill"] or {}).get("skill")


def test_target_and_hours_apply_to_every_line(run):
    lines = '{"background": "swe"}\n{"background": "ds", "hours_per_week": 3}\n'
    out = _lines(run("assess", "--batch", "-", "--json", "--target", "ml", "--hours", "20", input=lines))
    assert {o["target"] for o in out} == {"ml-engineer"}
    assert {o["hours_per_week"] for o in out} == {20}


def test_blank_lines_are_skipped_and_numbering_follows_the_file(run):
    out = _lines(run("assess", "--batch", "-", "--json", input='{"background": "swe"}\n\n{"background": "ds"}\n'))
    assert [o["line"] for o in out] == [1, 3]


@pytest.mark.parametrize("name", ["plain", 'quote " and \\ backslash', "ünïcödé", 42])
def test_output_lines_are_exactly_json(name):
    from rolemap.batch import encode
    from rolemap.catalogue import load_catalogue
    from rolemap.engine.profile import parse_profile
    from rolemap.engine.report import summary

    catalogue = load_catalogue()
    result = summary(parse_profile({"name": name, "background": "swe"}, catalogue), catalogue)
    decoded = json.loads(encode(7, result))
    assert decoded["line"] == 7 and decoded["name"] == str(name)
    assert decoded["ranking"] == [{"role": r, "fit": f} for r, f in result.ranking]


def test_batch_with_profile_or_export_is_a_usage_error(run, tmp_path):
    assert run("assess", "--batch", "-", "--profile", "x.yaml", input="").returncode == 2
    assert run("assess", "--batch", "-", "--export", str(tmp_path / "r.md"), input="").returncode == 2


# -- batch gives the engine's answer, line for line --------------------------------------------------------

ODD_NAMES = {7, "x" * 201}  # a name that is a number, or too long
ODD = {"Data Analyst", "UK", "mars", "AI Engineer", "chef", "analysis", "fly", "yes", -1, 0.5, 81, "10"}


def _random_profile(rng, catalogue):
    """``(profile, odd)``: a profile as a cohort file might hold it. ``odd`` marks one the fast path may
    hand on to the engine (a name that is a number, a name in other spelling, a level word, ...)."""
    skill_ids = sorted(catalogue.skills)
    p: dict = {}
    odd = False
    if rng.random() < 0.8:
        p["name"] = rng.choice(["ana", "b\u00e9a", 'q"uote', "back\\slash", f"p{rng.randint(0, 999)}", 7, "x" * 201])
    roll = rng.random()
    if roll < 0.5:  # background-shaped: the preset's levels, nudged
        bg = rng.choice(sorted(catalogue.presets) + sorted(catalogue.roles))
        p["background"] = bg
        start = catalogue.starting_levels(bg)
        chosen = rng.sample(skill_ids, rng.randint(0, 14))
        p["skills"] = {s: max(0, min(4, start.get(s, 0) + rng.choice((-1, 0, 1, 2)))) for s in chosen}
    elif roll < 0.6:  # someone who already meets a role's every requirement (fit 100, capped gains)
        role = rng.choice(list(catalogue.roles.values()))
        p["skills"] = {r.skill: min(4, r.level + rng.choice((0, 0, 1))) for r in role.requirements if r.level}
        if rng.random() < 0.5:
            dropped = rng.choice(sorted(p["skills"]))
            p["skills"][dropped] = max(0, p["skills"][dropped] - rng.randint(1, 2))
    else:
        p["skills"] = {s: rng.randint(0, 4) for s in rng.sample(skill_ids, rng.randint(0, 41))}
        if rng.random() < 0.3:
            p["background"] = rng.choice(["swe", "software-engineer", "data-analyst", "academic", "Data Analyst", None])
    if rng.random() < 0.1 and p["skills"]:  # an alias, a level word, a duplicate or an unknown skill
        sid = rng.choice(sorted(p["skills"]))
        odd = rng.choice(["alias", "word", "dup", "unknown", "bool", "float"])
        aliases = catalogue.skills[sid].aliases
        if odd == "alias" and aliases:
            p["skills"][aliases[0]] = p["skills"].pop(sid)
        elif odd == "word":
            p["skills"][sid] = "strong"
        elif odd == "dup" and aliases:
            p["skills"][aliases[0]] = 1
        elif odd == "unknown":
            p["skills"]["pythn"] = 2
        elif odd == "bool":
            p["skills"][sid] = True
        elif odd == "float":
            p["skills"][sid] = 2.0
    if rng.random() < 0.7:
        p["years_experience"] = rng.choice([0, 1, 3, 6, 10, 12, 2.5, 0.3, 7.77, 60, -1, True])
    if rng.random() < 0.7:
        p["hours_per_week"] = rng.choice([1, 5, 7, 10, 12.5, 20, 80, 0.5, 81, "10"])
    if rng.random() < 0.5:
        p["region"] = rng.choice(["us", "uk", "in", "UK", "mars"])
    if rng.random() < 0.15:
        p["target"] = rng.choice(["ai", "ml-engineer", "data-scientist", "research", "AI Engineer", "chef"])
    if rng.random() < 0.5:
        p["interests"] = {
            k: v
            for k, v in {
                "goal": rng.choice(["build-products", "train-models", "research", "analysis", None, "fly"]),
                "daily_work": rng.choice(["build-software", "analyse-data", None]),
                "fine_tuned": rng.choice([True, False, None]),
                "used_gpus": rng.choice([True, False, None, "yes"]),
                "shipped_to_production": rng.choice([True, False, None]),
            }.items()
            if rng.random() < 0.6
        }
    if rng.random() < 0.03:
        p[rng.choice(["progress", "skils"])] = {}
        odd = True
    values = [p.get(k) for k in ("background", "region", "target", "years_experience", "hours_per_week")]
    values += list(p.get("interests", {}).values())
    odd = odd or p.get("name") in ODD_NAMES or p.get("years_experience") is True
    return p, bool(odd) or any(v in ODD and type(v) is not bool for v in values)


@pytest.mark.parametrize("target, hours", [(None, None), ("ml-engineer", 7), ("ai-architect", 12.5)])
def test_batch_gives_the_engines_answer_line_for_line(catalogue, tmp_path, target, hours):
    import io
    import random

    from rolemap.batch import encode, run_batch
    from rolemap.engine.profile import parse_profile
    from rolemap.engine.report import summary
    from rolemap.errors import ProfileError

    rng = random.Random(f"{target}-{hours}")
    cohort = [_random_profile(rng, catalogue)[0] for _ in range(600)]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(p) for p in cohort) + "\n", encoding="utf-8")
    out = io.StringIO()
    run_batch(str(tmp_path / "c.jsonl"), catalogue, target=target, hours_per_week=hours, out=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(cohort)
    good = 0
    for number, (data, line) in enumerate(zip(cohort, lines, strict=True), 1):
        try:
            profile = parse_profile(data, catalogue, source="x")
        except ProfileError:
            assert "error" in json.loads(line), data
            continue
        good += 1
        assert line == encode(number, summary(profile, catalogue, target, hours)), data
    assert good > len(cohort) // 4


# -- reading: a file a block at a time, a pipe a line at a time, the same answers -------------------------


def _mixed_cohort() -> bytes:
    """Plain and odd profiles, bad lines, blank lines, CRLF endings, and no newline at the very end:
    long enough to span several of the blocks a file is read in."""
    import random

    from rolemap.catalogue import load_catalogue

    catalogue = load_catalogue()
    rng = random.Random(3)
    lines = []
    for _i in range(900):
        profile, _ = _random_profile(rng, catalogue)
        text = json.dumps(profile).encode()
        roll = rng.random()
        if roll < 0.03:
            text = b"not json"
        elif roll < 0.06:
            text = b""
        elif roll < 0.08:
            text = b"   \t"
        elif roll < 0.12:
            text += b"\r"
        lines.append(text)
    return b"\n".join(lines)


def test_a_file_and_a_pipe_give_the_same_lines(run, run_process, tmp_path):
    data = _mixed_cohort()
    (tmp_path / "cohort.jsonl").write_bytes(data)
    from_file = run("assess", "--batch", "cohort.jsonl", "--json")
    from_pipe = run_process("assess", "--batch", "-", "--json", input=data)  # a real pipe on stdin
    assert from_file.returncode == from_pipe.returncode == 1  # it has bad lines
    assert from_file.stdout == from_pipe.stdout
    out = _lines(from_file)
    numbers = [o["line"] for o in out]
    blank = {n for n, text in enumerate(data.split(b"\n"), 1) if not text.strip()}
    assert numbers == [n for n in range(1, 901) if n not in blank]
    assert from_file.stderr == from_pipe.stderr.replace("standard input", "cohort.jsonl")


@pytest.mark.parametrize(
    "lines, bad",
    [
        # two lines that make one array, and a line of three objects: joined, as many values as lines
        (
            [
                '{"background": "swe", "x": [1',
                "2]}",
                '{"background": "ds"}, {"background": "swe"}, {"background": "ds"}',
            ],
            [2, 3, 4],
        ),
        (['{"name": "a\\', '"}'], [2, 3]),  # a string that would go on past the end of its line
    ],
)
def test_lines_that_are_only_json_together_are_each_an_error(run, tmp_path, lines, bad):
    """Each line must be one JSON value on its own: lines that would parse when joined are errors,
    each in its own place."""
    good = '{"background": "swe"}'
    lines = [good, *lines, good]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n")
    result = run("assess", "--batch", "b.jsonl", "--json")
    out = _lines(result)
    assert [o["line"] for o in out] == list(range(1, len(lines) + 1))
    assert [o["line"] for o in out if "error" in o] == bad
    assert all("not valid JSON" in o["error"] for o in out if "error" in o)
    assert f"{len(bad)} of {len(lines)} profile line(s)" in result.stderr


@pytest.mark.parametrize("source", ["file", "pipe"])
def test_a_line_over_the_limit_is_an_error_and_the_run_goes_on(run, tmp_path, source):
    from rolemap.batch import MAX_LINE_BYTES

    good = b'{"background": "swe"}'
    huge = b'{"name": "' + b"x" * (MAX_LINE_BYTES + 10) + b'"}'
    data = b"\n".join([good, huge, good, b"[" * (MAX_LINE_BYTES + 1), good]) + b"\n"
    (tmp_path / "b.jsonl").write_bytes(data)
    if source == "file":
        result = run("assess", "--batch", "b.jsonl", "--json")
    else:
        result = run("assess", "--batch", "-", "--json", input=data)
    out = _lines(result)
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5]
    assert [o.get("error", "")[:20] for o in out] == ["", "line is longer than ", "", "line is longer than ", ""]
    assert result.returncode == 1


# -- the edges a newcomer found: broken Unicode, a reader that leaves, no stdin, a BOM, a full disk ------


def test_broken_unicode_in_a_line_is_that_lines_error_and_the_output_stays_utf8(run, tmp_path):
    lines = [
        '{"name": "a"}',
        '{"name": "x\\ud800"}',
        '{"name": "y\\udc80"}',
        '{"background": "x\\ud800"}',
        '{"name": "b", "background": "swe"}',
    ]
    data = "\n".join(lines) + "\n"
    (tmp_path / "b.jsonl").write_text(data)
    for result in (run("assess", "--batch", "b.jsonl", "--json"), run("assess", "--batch", "-", "--json", input=data)):
        assert result.returncode == 1 and "Traceback" not in result.stderr
        out = _lines(result)  # decodes: the output is valid UTF-8 and valid JSON
        assert [o["line"] for o in out] == [1, 2, 3, 4, 5]
        assert ["error" in o for o in out] == [False, True, True, True, False]
        assert "broken Unicode" in out[1]["error"] and "broken Unicode" in out[2]["error"]


def test_a_reader_that_stops_early_gives_141_not_1(tmp_path):
    import subprocess
    import sys

    line = (ROOT / "examples" / "cohort.jsonl").read_text().splitlines()[0]
    (tmp_path / "big.jsonl").write_text((line + "\n") * 20_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "rolemap", "assess", "--batch", "big.jsonl", "--json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout.readline().startswith(b'{"line":1,')
    proc.stdout.close()  # like `| head -1`
    assert proc.wait(timeout=60) == 141
    assert proc.stderr.read() == b""


def test_a_file_batch_runs_with_standard_input_closed():
    import subprocess
    import sys

    cohort = ROOT / "examples" / "cohort.jsonl"
    result = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m rolemap assess --batch "{cohort}" --json <&-'],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 4


def test_a_byte_order_mark_at_the_start_is_ignored(run, tmp_path):
    plain = b'{"background": "swe"}\n{"background": "ds"}\n'
    (tmp_path / "b.jsonl").write_bytes(b"\xef\xbb\xbf" + plain)
    expected = run("assess", "--batch", "-", "--json", input=plain).stdout
    for result in (
        run("assess", "--batch", "b.jsonl", "--json"),
        run("assess", "--batch", "-", "--json", input=b"\xef\xbb\xbf" + plain),
    ):
        assert result.returncode == 0, result.stderr
        assert result.stdout == expected and len(_lines(result)) == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_plain_error():
    import subprocess
    import sys

    cohort = ROOT / "examples" / "cohort.jsonl"
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "rolemap", "assess", "--batch", str(cohort), "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "rolemap: cannot write the output: No space left on device"
    assert "bug" not in result.stderr


@pytest.mark.parametrize("stdout_to_file", [True, False])
def test_a_progress_bar_only_when_a_person_watches_stderr_and_not_the_results(tmp_path, stdout_to_file):
    pexpect = pytest.importorskip("pexpect")
    import sys

    from rolemap.batch import PROGRESS_EVERY

    lines = PROGRESS_EVERY + PROGRESS_EVERY // 4  # past the first point where the bar is drawn
    line = (ROOT / "examples" / "cohort.jsonl").read_text().splitlines()[0]
    (tmp_path / "big.jsonl").write_text((line + "\n") * lines)
    command = f'"{sys.executable}" -m rolemap assess --batch big.jsonl --json'
    child = pexpect.spawn(
        "bash",
        ["-c", command + (" > out.jsonl" if stdout_to_file else "")],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=60,
        dimensions=(24, 200),
    )
    screen = child.read()
    child.close()
    assert child.exitstatus == 0
    if stdout_to_file:  # the results go to a file: the terminal shows the progress, then a summary
        assert f"scored {lines:,} lines, 0 bad" in screen
        assert len((tmp_path / "out.jsonl").read_text().splitlines()) == lines
    else:  # the results scroll past on the terminal: no bar drawn over them
        assert "lines, 0 bad" not in screen and "░" not in screen
        assert screen.count('{"line":') == lines


@pytest.mark.parametrize("which", ["shipped", "mini"])
def test_batch_lines_agree_with_assess_on_varied_profiles(catalogue, which, tmp_path):
    """A batch line (engine.report.summary) says what `assess --json` (engine.report.assess) says, for
    varied profiles, targets and paces, on the shipped catalogue and on the tiny test one."""
    import random
    import shutil

    from rolemap.catalogue import load_catalogue
    from rolemap.engine.profile import parse_profile
    from rolemap.engine.report import assess, summary
    from rolemap.errors import ProfileError

    if which == "mini":
        from conftest import MINI

        shutil.copytree(MINI, tmp_path / "mini")
        catalogue = load_catalogue(tmp_path / "mini")
    rng = random.Random(which)
    skills, roles = sorted(catalogue.skills), sorted(catalogue.roles)
    checked = 0
    for _ in range(400):
        data = {
            "skills": {s: rng.randint(0, 4) for s in rng.sample(skills, rng.randint(0, len(skills)))},
            "years_experience": rng.choice([0, 2, 5, 12]),
            "hours_per_week": rng.choice([3, 10, 17.5]),
        }
        if rng.random() < 0.7:
            data["background"] = rng.choice(sorted(catalogue.presets) + roles)
        try:
            profile = parse_profile(data, catalogue, source="x")
        except ProfileError:
            continue
        target = rng.choice([None, None, *roles])
        hours = rng.choice([None, 6])
        full = assess(profile, catalogue, target, hours).to_dict()
        short = summary(profile, catalogue, target, hours)
        assert short.target == full["target"] and short.target_reason == full["target_reason"]
        assert [{"role": r, "fit": f} for r, f in short.ranking] == [
            {"role": f["role"], "fit": f["fit"]} for f in full["ranking"]
        ]
        assert list(short.gaps) == [g["skill"] for g in full["gaps"]]
        assert short.next_best_skill == (full["next_best_skill"] or {}).get("skill")
        plan = full["plan"]
        assert short.total_hours == plan["total_hours"]
        assert short.weeks == (plan["total_weeks"], plan["weeks_low"], plan["weeks_high"])
        checked += 1
    assert checked > 300


def test_a_spelling_met_before_does_not_let_true_or_a_repeated_skill_through(run):
    """(name, level) pairs are remembered as written; True equals 1 to a dict, and two spellings of one
    skill each pass alone: both must still be refused after the pairs were met."""
    lines = [
        '{"skills": {"python": 1, "Python": 2}}',  # both remembered, on separate lines below first
        '{"skills": {"python": 1}}',
        '{"skills": {"Python": 2}}',
        '{"skills": {"python": true}}',
        '{"skills": {"python": 1, "Python": 2}}',
        '{"skills": {"python": 1.0}}',
    ]
    out = _lines(run("assess", "--batch", "-", "--json", input="\n".join(lines) + "\n"))
    assert [("error" in o) for o in out] == [True, False, False, True, True, False]
    assert "level must be a whole number" in out[3]["error"] and "found True" in out[3]["error"]
    assert "the same skill as 'python' (python); list it once" in out[4]["error"]


def test_answers_and_names_met_before_are_still_checked_on_the_next_line(run):
    """Interests answers, backgrounds, regions, targets and names are remembered or taken on a fast
    path; what a later line writes differently must still be judged: 1 is not true (though equal to it
    in a dict), an unknown region is still unknown, a name with a newline is still refused."""
    lines = [
        '{"interests": {"fine_tuned": true, "goal": "Train models"}, "region": "UK", "background": "swe"}',
        '{"interests": {"fine_tuned": 1, "goal": "Train models"}}',
        '{"interests": {"goal": "Train models"}, "region": "UK", "background": "swe", "target": "ml"}',
        '{"interests": {"goal": 1}}',
        '{"region": "uk ", "background": "SWE"}',
        '{"region": "Mars"}',
        '{"background": 5}',
        '{"name": "Ana"}',
        '{"name": "Ana\\nBob"}',
        '{"name": 12}',
    ]
    out = _lines(run("assess", "--batch", "-", "--json", input="\n".join(lines) + "\n"))
    assert [("error" in o) for o in out] == [False, True, False, True, False, True, True, False, True, False]
    assert "interests.fine_tuned: must be true or false; found 1" in out[1]["error"]
    assert "interests.goal: unknown answer 1" in out[3]["error"]
    assert "region: unknown region 'Mars'" in out[5]["error"]
    assert "background: must be a background name; found a number" in out[6]["error"]
    assert "name: must be one line of text" in out[8]["error"]
    assert out[9]["name"] == "12" and out[2]["target"] == "ml-engineer"


def test_a_line_that_is_json_but_not_an_object_says_so_with_the_json_hint(run):
    lines = ["[1, 2]", '"text"', "null", "true", "3.5", '{"skills": {"python": 2}}']
    out = _lines(run("assess", "--batch", "-", "--json", input="\n".join(lines) + "\n"))
    found = ["a list", "text", "null", "true", "a number"]
    for number, (what, line) in enumerate(zip(found, out, strict=False), start=1):
        assert line["error"] == f"line {number}: expected a JSON object (one profile), found {what}"
        assert line["hint"].startswith("Each line is one JSON profile")
    assert "error" not in out[5]


def test_starting_levels_are_a_new_dict_each_time(catalogue):
    """Callers add a person's own levels to what starting_levels gives: that must not change the next answer."""
    first = catalogue.starting_levels("software-engineer")
    before = dict(first)
    first["python"] = 0
    first["not-a-skill"] = 4
    assert catalogue.starting_levels("software-engineer") == before


def test_an_empty_file_says_so_and_a_spreadsheet_given_as_json_lines_gets_a_hint(run, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    for args in (("assess", "--batch", str(empty), "--json"), ("cohort", str(empty), "--json")):
        result = run(*args)
        assert result.returncode == 0
        assert result.stderr == f"rolemap: no profiles in {empty} (it is empty, or holds blank lines only)\n"
    out = _lines(run("assess", "--batch", "-", "--json", input="name,python\nana,3\n"))
    assert all("--format csv" in o["hint"] for o in out) and len(out) == 2
