"""The interview, driven for real: rolemap in a pseudo-terminal (pexpect), keys sent as a user types them.

Each step waits for the next question's text before pressing a key, so nothing depends on timing.
Keys: Enter "\\r", down arrow "\\x1b[B", space " ", Ctrl-C via ``sendintr``.

The autouse ``isolated_home`` fixture (conftest.py) points XDG_DATA_HOME and ROLEMAP_CACHE_DIR at
temporary directories, so the saved profile lives at ``$XDG_DATA_HOME/rolemap/profile.yaml``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")

ENTER = "\r"
DOWN = "\x1b[B"
SPACE = " "
TIMEOUT = 20  # seconds, per expect

# the questions, in order (text each screen starts with)
BACKGROUND = "What is your background?"
YEARS = "How many years have you worked"
GOAL = "What do you want to spend your days doing?"
DAILY = "What are most of your days spent on now?"
DONE = "Which of these have you done?"
LAYERS = ("Foundation skills: tick", "AI craft skills: tick", "Production discipline skills: tick")
HOURS = "How many hours a week can you give to learning?"
REGION = "Where do you work?"
TARGET = "Which role do you want a plan for?"
SAVE = "Save these answers to"
UPDATE = "Update your saved answers in"
REPORT = "Ranked role fit"

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\r")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)  # the isolated dirs from the autouse fixture
    env.update(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", PYTHONIOENCODING="utf-8")
    env.update(extra)
    return env


def _saved_path() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "rolemap" / "profile.yaml"


def _load_yaml(path: Path) -> dict:
    assert path.is_file(), f"no profile at {path}"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


class Session:
    """A rolemap process on a pseudo-terminal, with a transcript for failure messages."""

    def __init__(self, tmp_path: Path, *args: str, shell: str | None = None, env: dict | None = None) -> None:
        if shell is not None:
            self.child = pexpect.spawn(
                "bash",
                ["-c", shell],
                env=env or _env(),
                cwd=str(tmp_path),
                dimensions=(40, 120),
                encoding="utf-8",
                timeout=TIMEOUT,
            )
        else:
            self.child = pexpect.spawn(
                sys.executable,
                ["-m", "rolemap", "assess", *args],
                env=env or _env(),
                cwd=str(tmp_path),
                dimensions=(40, 120),
                encoding="utf-8",
                timeout=TIMEOUT,
            )
        # Every key is sent after the screen it answers has been seen (expect), so pexpect's default pause
        # before each send (50 ms, for programs that print a prompt before reading) only costs time.
        self.child.delaybeforesend = None
        self.transcript: list[str] = []

    def expect(self, text: str) -> str:
        """Wait for ``text`` (a literal); returns what came before it, escape codes removed."""
        try:
            self.child.expect_exact(text)
        except (pexpect.TIMEOUT, pexpect.EOF) as exc:
            seen = "".join(self.transcript) + ANSI.sub("", str(self.child.before))
            raise AssertionError(f"never saw {text!r} ({type(exc).__name__}); the screen so far:\n{seen}") from None
        before = ANSI.sub("", self.child.before) + text
        self.transcript.append(before)
        return before

    def answer(self, question: str, keys: str = ENTER) -> str:
        """Wait for ``question``, then type ``keys``."""
        before = self.expect(question)
        self.child.send(keys)
        return before

    def finish(self) -> tuple[int | None, str]:
        """Wait for the process to end; returns (exit status, everything printed after the last expect)."""
        try:
            self.child.expect(pexpect.EOF)
        except pexpect.TIMEOUT:
            self.child.terminate(force=True)
            raise AssertionError("rolemap did not exit; the screen so far:\n" + "".join(self.transcript)) from None
        rest = ANSI.sub("", self.child.before or "")
        self.transcript.append(rest)
        self.child.close()
        return self.child.exitstatus, rest

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)

    @property
    def text(self) -> str:
        return "".join(self.transcript)


@pytest.fixture
def session(tmp_path):
    made: list[Session] = []

    def _start(*args: str, shell: str | None = None, env: dict | None = None) -> Session:
        s = Session(tmp_path, *args, shell=shell, env=env)
        made.append(s)
        return s

    yield _start
    for s in made:
        s.close()


def _enter_through_skills(s: Session) -> None:
    for question in (BACKGROUND, YEARS, GOAL, DAILY, DONE, *LAYERS):
        s.answer(question)


def _enter_through_rest(s: Session) -> None:
    for question in (HOURS, REGION, TARGET):
        s.answer(question)


# -- pressing Enter all the way ---------------------------------------------------------------------


@pytest.mark.slow
def test_enter_all_the_way_gives_a_report_and_saves_the_profile(session):
    s = session()
    _enter_through_skills(s)
    _enter_through_rest(s)
    saved = _saved_path()
    s.answer(SAVE)  # Enter: yes (the default)
    s.expect(REPORT)
    status, rest = s.finish()
    assert status == 0, s.text
    assert "Target:" in rest
    assert "Traceback" not in s.text
    assert f"Saved your profile to {saved}" in s.text.replace("\n", "")
    data = _load_yaml(saved)
    assert data["background"] == "software-engineer"  # the first background is the default
    assert data["years_experience"] == 3  # a working background's default years
    assert data["region"] == "us"
    assert data["hours_per_week"] == 10
    assert "target" not in data  # "let rolemap pick"
    assert data["interests"]["goal"] == "build-software"
    assert data["skills"] == {}  # nothing re-rated: the background's typical levels


@pytest.mark.slow
def test_screens_show_defaults_and_instructions(session, tmp_path):
    s = session("--save", str(tmp_path / "me.yaml"))
    first = s.answer(BACKGROUND, "")
    screen = s.expect("None of these / prefer not to say")
    assert "» Software engineer" in screen and "(arrow keys, Enter)" in screen
    s.child.send(ENTER)
    s.answer(YEARS)
    s.answer(GOAL)
    s.answer(DAILY)
    done = s.expect("Shipped software to production users")
    assert "(space ticks or unticks, Enter goes on)" in done
    assert "<a> to toggle" not in done  # questionary's own instruction is replaced, not added to
    s.child.send(ENTER)
    foundation = s.expect("Communication — now")
    assert "Python — now 3 strong" in foundation  # the software engineer's typical level
    s.child.send(ENTER)
    for question in LAYERS[1:]:
        s.answer(question)
    _enter_through_rest(s)
    s.expect(REPORT)
    status, _ = s.finish()
    assert status == 0
    assert "Traceback" not in first + s.text


# -- changing answers with the arrow keys -----------------------------------------------------------


@pytest.mark.slow
def test_choosing_data_analyst_puts_data_scientist_first(session, tmp_path):
    out = tmp_path / "analyst.yaml"
    s = session("--save", str(out))
    s.answer(BACKGROUND, DOWN + DOWN + ENTER)  # Software engineer -> Data scientist -> Data analyst
    for question in (YEARS, GOAL, DAILY, DONE, *LAYERS):
        s.answer(question)
    _enter_through_rest(s)
    s.expect(REPORT)
    status, rest = s.finish()
    assert status == 0, s.text
    assert SAVE not in s.text  # --save: no question
    ranking = [line for line in rest.splitlines() if re.match(r"\s*\d\s+\S", line)]
    assert ranking and "Data Scientist" in ranking[0], rest
    assert "Target: Data Scientist" in rest
    assert _load_yaml(out)["background"] == "data-analyst"


@pytest.mark.slow
def test_choosing_a_target_role(session, tmp_path):
    s = session("--save", str(tmp_path / "me.yaml"))
    _enter_through_skills(s)
    s.answer(HOURS)
    s.answer(REGION)
    s.answer(TARGET, DOWN + DOWN + ENTER)  # Let rolemap pick -> AI Engineer -> ML Engineer
    s.expect(REPORT)
    status, rest = s.finish()
    assert status == 0, s.text
    assert "Target: ML Engineer" in rest
    assert _load_yaml(tmp_path / "me.yaml")["target"] == "ml-engineer"


@pytest.mark.slow
def test_target_and_hours_options_skip_their_questions(session, tmp_path):
    s = session("--target", "ml", "--hours", "12", "--save", str(tmp_path / "me.yaml"))
    _enter_through_skills(s)
    s.answer(REGION)
    s.expect(REPORT)
    status, rest = s.finish()
    assert status == 0, s.text
    assert HOURS not in s.text and TARGET not in s.text
    assert "Target: ML Engineer" in rest and "12 h/week" in s.text


@pytest.mark.slow
def test_typed_answers_are_checked_and_kept(session, tmp_path):
    out = tmp_path / "me.yaml"
    s = session("--save", str(out))
    s.answer(BACKGROUND)
    s.answer(YEARS, "\x7f" * 3 + "abc" + ENTER)  # backspace away the default, type nonsense
    s.expect("Type a number of years from 0 to 60")
    s.child.send("\x7f" * 3 + "7" + ENTER)
    for question in (GOAL, DAILY, DONE, *LAYERS):
        s.answer(question)
    s.answer(HOURS, "\x7f" * 3 + "0" + ENTER)
    s.expect("Type a number of hours from 1 to 80")
    s.child.send("\x7f" * 3 + "15" + ENTER)
    s.answer(REGION, DOWN + ENTER)  # in, uk, us: from us down wraps to in
    s.answer(TARGET)
    s.expect(REPORT)
    status, _ = s.finish()
    assert status == 0, s.text
    data = _load_yaml(out)
    assert data["years_experience"] == 7
    assert data["hours_per_week"] == 15
    assert data["region"] == "in"


@pytest.mark.slow
def test_rerating_a_skill_changes_the_saved_profile(session, tmp_path):
    out = tmp_path / "me.yaml"
    s = session("--save", str(out))
    for question in (BACKGROUND, YEARS, GOAL, DAILY, DONE, LAYERS[0]):
        s.answer(question)
    s.answer(LAYERS[1], SPACE + ENTER)  # tick the first AI-craft skill: machine learning fundamentals
    levels = s.expect("4 expert")
    # the level screen shows what each level looks like, starting from the current level
    assert "Machine learning fundamentals: which is closest to you?" in levels
    assert "0 none — never used it" in levels
    assert "1 aware — Can explain training, validation and overfitting" in levels
    assert "» 0 none" in levels
    s.child.send(DOWN * 3 + ENTER)  # 0 -> 3 strong
    s.answer(LAYERS[2])
    _enter_through_rest(s)
    s.expect(REPORT)
    status, _ = s.finish()
    assert status == 0, s.text
    assert _load_yaml(out)["skills"] == {"machine-learning": 3}


# -- saving -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_save_option_writes_there_without_asking(session, tmp_path):
    out = tmp_path / "sub" / "mine.yaml"
    s = session("--save", str(out))
    _enter_through_skills(s)
    _enter_through_rest(s)
    s.expect(REPORT)
    status, _ = s.finish()
    assert status == 0, s.text
    assert SAVE not in s.text and UPDATE not in s.text
    assert _load_yaml(out)["background"] == "software-engineer"
    assert not _saved_path().exists()  # only where asked


@pytest.mark.slow
def test_declining_to_save_writes_nothing(session):
    s = session()
    _enter_through_skills(s)
    _enter_through_rest(s)
    s.answer(SAVE, "n")
    s.expect(REPORT)
    status, _ = s.finish()
    assert status == 0, s.text
    assert not _saved_path().exists()


@pytest.mark.slow
def test_second_run_starts_from_the_saved_answers(session, tmp_path):
    first = session()
    first.answer(BACKGROUND, DOWN + DOWN + ENTER)  # data analyst
    first.answer(YEARS, "\x7f" * 3 + "4" + ENTER)
    for question in (GOAL, DAILY, DONE, *LAYERS):
        first.answer(question)
    first.answer(HOURS, "\x7f" * 3 + "15" + ENTER)
    first.answer(REGION, DOWN + DOWN + ENTER)  # us -> in -> uk
    first.answer(TARGET)
    first.answer(SAVE)
    first.expect(REPORT)
    assert first.finish()[0] == 0, first.text
    assert _load_yaml(_saved_path())["background"] == "data-analyst"

    out = tmp_path / "second.yaml"
    second = session("--save", str(out))
    screen = second.expect("None of these / prefer not to say")
    assert "» Data analyst" in screen  # last time's background is the default
    second.child.send(ENTER)
    second.answer(YEARS)
    years = second.expect(GOAL)  # the rest of the years screen: its default, then the answer
    assert re.search(r"in this field\? 4\b", years), years
    second.child.send(ENTER)
    for question in (DAILY, DONE, *LAYERS):
        second.answer(question)
    second.answer(HOURS)
    hours = second.expect(REGION)
    assert re.search(r"learning\? 15\b", hours), hours
    region = second.expect("US — United States")
    assert "» UK — United Kingdom" in region
    second.child.send(ENTER)
    second.answer(TARGET)
    second.expect(REPORT)
    assert second.finish()[0] == 0, second.text
    data = _load_yaml(out)
    assert (data["background"], data["years_experience"], data["hours_per_week"], data["region"]) == (
        "data-analyst",
        4,
        15,
        "uk",
    )


@pytest.mark.slow
def test_second_run_offers_to_update_the_saved_profile(session):
    first = session()
    _enter_through_skills(first)
    _enter_through_rest(first)
    first.answer(SAVE)
    first.expect(REPORT)
    assert first.finish()[0] == 0

    second = session()
    _enter_through_skills(second)
    _enter_through_rest(second)
    second.answer(UPDATE)
    second.expect(REPORT)
    assert second.finish()[0] == 0, second.text


@pytest.mark.slow
def test_a_broken_saved_profile_is_not_used_or_overwritten_on_enter(session):
    saved = _saved_path()
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text("background: astronaut\n", encoding="utf-8")
    s = session()
    s.expect("not using the saved profile for defaults")
    _enter_through_skills(s)
    _enter_through_rest(s)
    s.answer("Replace the saved profile")  # Enter: no (the default here)
    s.expect(REPORT)
    assert s.finish()[0] == 0, s.text
    assert saved.read_text(encoding="utf-8") == "background: astronaut\n"


# -- --json -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_json_keeps_prompts_off_stdout(session, tmp_path):
    out_json = tmp_path / "out.json"
    command = " ".join(
        shlex.quote(a)
        for a in (sys.executable, "-m", "rolemap", "assess", "--json", "--save", str(tmp_path / "me.yaml"))
    )
    s = session(shell=f"{command} > {shlex.quote(str(out_json))}")
    _enter_through_skills(s)
    _enter_through_rest(s)
    status, _ = s.finish()
    assert status == 0, s.text
    text = out_json.read_text(encoding="utf-8")
    report = json.loads(text)  # nothing but JSON
    assert report.get("ranking")
    assert REPORT not in s.text  # no rich report on the terminal either


# -- Ctrl-C ---------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("stop_at", [BACKGROUND, YEARS, LAYERS[1], TARGET, SAVE])
def test_ctrl_c_exits_130_with_one_line(session, stop_at):
    s = session()
    order = (BACKGROUND, YEARS, GOAL, DAILY, DONE, *LAYERS, HOURS, REGION, TARGET, SAVE)
    for question in order[: order.index(stop_at)]:
        s.answer(question)
    s.expect(stop_at)
    s.child.sendintr()
    status, rest = s.finish()
    assert status == 130, s.text
    assert "rolemap: interrupted" in rest
    assert "Traceback" not in s.text
    assert rest.strip().endswith("rolemap: interrupted"), rest
    assert not _saved_path().exists()


# -- no terminal --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_no_terminal_and_no_profile_fails_at_once(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "rolemap", "assess"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        cwd=tmp_path,
        timeout=30,
    )
    assert proc.returncode == 2, proc
    assert "--profile" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""  # (timeout=30 only stops a hang: it refuses at once, without waiting for input)


# -- in process, through prompt_toolkit's pipe input ----------------------------------------------------


def _run_piped(catalogue, keys: str, **kwargs):
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from rolemap.interview import run_interview

    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        return run_interview(catalogue, input=pipe, output=DummyOutput(), **kwargs)


def test_in_process_enter_through(catalogue, tmp_path):
    out = tmp_path / "p.yaml"
    # background, years, goal, daily work, done, three layers, hours, region, target
    profile = _run_piped(catalogue, ENTER * 11, save_to=str(out))
    assert profile.background == "software-engineer"
    assert profile.years_experience == 3
    assert profile.hours_per_week == 10
    assert profile.region == "us"
    assert profile.target is None
    assert profile.skills == {}
    assert profile.levels == catalogue.starting_levels("software-engineer")
    assert profile.interests.goal == "build-software"
    assert profile.interests.daily_work == "build-software"
    assert profile.interests.shipped_to_production is True
    assert profile.interests.fine_tuned is False
    assert _load_yaml(out) == profile.to_dict()


def test_in_process_no_background(catalogue, tmp_path):
    keys = DOWN * len(catalogue.presets) + ENTER + ENTER * 10
    profile = _run_piped(catalogue, keys, save_to=str(tmp_path / "p.yaml"))
    assert profile.background is None
    assert profile.years_experience == 0
    assert profile.interests.daily_work is None
    assert profile.skills == {}


def test_in_process_ctrl_c_is_an_interrupted_error(catalogue, tmp_path):
    from rolemap.errors import RolemapError

    with pytest.raises(RolemapError) as info:
        _run_piped(catalogue, ENTER + "\x03", save_to=str(tmp_path / "p.yaml"))
    assert info.value.exit_code == 130
    assert info.value.message == "interrupted"
    assert not (tmp_path / "p.yaml").exists()


@pytest.mark.slow
def test_ctrl_c_outside_the_interview_also_says_interrupted(session):
    """Waiting on `--profile -` in a terminal: Ctrl-C gives exit 130 and one line, not silence."""
    s = session("--profile", "-")
    s.expect("reading the profile from the terminal; end it with Ctrl-D")  # it says why it waits
    s.child.sendintr()
    status, rest = s.finish()
    assert status == 130, (s.child.signalstatus, s.text)
    assert "rolemap: interrupted" in rest and "Traceback" not in s.text


# -- a CV pre-fills the answers ---------------------------------------------------------------------------


@pytest.mark.slow
def test_a_cv_prefills_the_interview_with_quoted_evidence(session, tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_text(
        "Sam Rivera\nBackend Engineer with 6 years of experience\n\nExperience\n"
        "- Ran services in Docker on Kubernetes\n- Built a RAG assistant with LangChain\n",
        encoding="utf-8",
    )
    out = tmp_path / "me.yaml"
    s = session("--cv", str(cv), "--save", str(out))
    said = s.expect("From your CV (cv.txt): 3 skill(s) found")
    screen = s.expect("None of these / prefer not to say")
    assert "» Software engineer" in screen  # "Backend Engineer" on line 2
    s.child.send(ENTER)
    s.answer(YEARS)
    years = s.expect(GOAL)
    assert re.search(r"in this field\? 6\b", years), years  # "6 years of experience"
    s.child.send(ENTER)
    for question in (DAILY, DONE, LAYERS[0]):
        s.answer(question)
    craft = s.expect("Agents and tool use — now")
    assert (
        "Retrieval-augmented generation (RAG) — now 2 working, from line 6: “Built a RAG assistant with LangChain”"
        in craft
    )
    s.child.send(ENTER)  # Enter: the CV's levels stand
    production = s.expect("Kubernetes — now")
    s.expect("\n")
    production += s.child.before
    assert "from line 5: “Ran services in Docker on Kubernetes”" in production
    s.child.send(ENTER)
    _enter_through_rest(s)
    s.expect(REPORT)
    status, rest = s.finish()
    assert "Kubernetes — 2 working" in s.text and "Target:" in rest  # the report quotes the evidence too
    assert status == 0, s.text
    assert "Traceback" not in said + s.text
    data = _load_yaml(out)
    assert data["background"] == "software-engineer" and data["years_experience"] == 6
    assert data["skills"]["rag"] == 2 and data["skills"]["kubernetes"] == 2
    assert "Sam Rivera" not in out.read_text(encoding="utf-8")  # the profile, not the CV
