"""Reading a CV: `rolemap assess --cv FILE` finds the skills a CV shows, with a level and the line.

The CVs (a backend engineer, a data analyst, a PhD) are made in the test as text, PDF and Word (see
docfactory.py); the bad files too. The command line runs in-process through Typer's CliRunner.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import docfactory as docs
from rolemap.catalogue import load_catalogue
from rolemap.engine.evidence import find_skills, line_level

KINDS = ("txt", "pdf", "docx")
PEOPLE = {
    "backend": (docs.BACKEND_CV, docs.BACKEND_EXPECTED),
    "analyst": (docs.ANALYST_CV, docs.ANALYST_EXPECTED),
    "phd": (docs.PHD_CV, docs.PHD_EXPECTED),
}


class Out:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr

    def json(self):
        return json.loads(self.stdout)

    def __repr__(self) -> str:
        return f"<exit {self.code}\nstdout:\n{self.stdout[-3000:]}\nstderr:\n{self.stderr}>"


def rolemap(*args: str, input: str | None = None) -> Out:
    from rolemap.cli import app

    result = CliRunner().invoke(app, list(args), input=input, env={"COLUMNS": "120", "NO_COLOR": "1"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Out(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def _levels(report: dict) -> dict[str, int]:
    return {e["skill"]: e["level"] for e in report["evidence"]}


# -- the three people, in the three formats -------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("person", sorted(PEOPLE))
def test_each_cv_gives_the_expected_skills_and_levels_in_every_format(tmp_path, person, kind):
    text, expected = PEOPLE[person]
    path = docs.write(tmp_path, person, text, kind)
    out = rolemap("assess", "--cv", str(path), "--json")
    assert out.code == 0, out
    report = out.json()
    assert _levels(report) == expected
    for item in report["evidence"]:  # the quoted line is a line of the CV, and names the skill's evidence
        assert item["text"].lstrip("•-* ") in text
        assert 1 <= item["level"] <= 3


def test_evidence_quotes_the_line_and_its_number(tmp_path):
    path = docs.write(tmp_path, "cv", docs.BACKEND_CV, "txt")
    report = rolemap("assess", "--cv", str(path), "--json").json()
    docker = next(e for e in report["evidence"] if e["skill"] == "docker")
    assert docker == {
        "skill": "docker",
        "name": "Docker and containers",
        "level": 2,
        "line": 8,
        "text": "- Ran services in Docker on Kubernetes",
    }
    assert docs.BACKEND_CV.splitlines()[docker["line"] - 1] == docker["text"]
    assert report["cv"]["background"]["background"] == "software-engineer"
    assert report["cv"]["years_experience"]["years"] == 6


def test_the_cv_background_and_years_shape_the_report(tmp_path):
    path = docs.write(tmp_path, "cv", docs.BACKEND_CV, "txt")
    report = rolemap("assess", "--cv", str(path), "--json").json()
    assert report["profile"]["background"] == "software-engineer"
    assert report["profile"]["years_experience"] == 6
    assert report["target"] != "software-engineer"  # not a plan into the job they already do
    phd = rolemap("assess", "--cv", str(docs.write(tmp_path, "phd", docs.PHD_CV, "txt")), "--json").json()
    assert phd["profile"]["background"] == "academic"


def test_the_same_cv_gives_the_same_report_from_text_pdf_and_word(tmp_path):
    reports = [
        rolemap("assess", "--cv", str(docs.write(tmp_path, "cv", docs.ANALYST_CV, kind)), "--json").json()
        for kind in KINDS
    ]
    for r in reports[1:]:
        assert _levels(r) == _levels(reports[0])
        assert r["ranking"] == reports[0]["ranking"]
        assert r["plan"] == reports[0]["plan"]


def test_stdin_text_is_read_with_a_dash():
    out = rolemap("assess", "--cv", "-", "--json", input=docs.BACKEND_CV)
    assert out.code == 0, out
    assert _levels(out.json()) == docs.BACKEND_EXPECTED
    assert out.json()["cv"]["file"] == "standard input"


def test_output_validates_against_the_published_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = rolemap("schema", "assess").json()
    report = rolemap("assess", "--cv", str(docs.write(tmp_path, "cv", docs.PHD_CV, "pdf")), "--json").json()
    jsonschema.validate(report, schema)
    assert "evidence" in schema["properties"]
    bad = dict(report, evidence=[{**report["evidence"][0], "level": 4}])  # never above 3 from text
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_the_report_for_people_shows_the_evidence(tmp_path):
    path = docs.write(tmp_path, "cv", docs.BACKEND_CV, "docx")
    out = rolemap("assess", "--cv", str(path))
    assert out.code == 0, out
    assert "From your CV" in out.stdout
    assert "Docker and containers — 2 working" in out.stdout
    assert "Ran services in Docker on Kubernetes" in out.stdout
    assert "Ranked role fit" in out.stdout


# -- profile and CV together; what is saved --------------------------------------------------------------


def test_the_profiles_own_values_win_over_the_cv(tmp_path):
    cv = docs.write(tmp_path, "cv", docs.BACKEND_CV, "txt")
    profile = tmp_path / "me.yaml"
    profile.write_text("background: data-analyst\nyears_experience: 2\nskills:\n  docker: 0\n  rag: 2\n")
    saved = tmp_path / "saved.yaml"
    out = rolemap("assess", "--cv", str(cv), "--profile", str(profile), "--json", "--save", str(saved))
    assert out.code == 0, out
    report = out.json()
    assert report["profile"]["background"] == "data-analyst"  # not the CV's software-engineer
    assert report["profile"]["years_experience"] == 2
    import yaml

    skills = yaml.safe_load(saved.read_text())["skills"]
    assert skills["docker"] == 0 and skills["rag"] == 2  # the profile's
    assert skills["kubernetes"] == 2  # the CV's, where the profile is silent


def test_save_stores_the_profile_not_the_cv_and_nothing_is_cached(tmp_path):
    cv = docs.write(tmp_path, "cv", docs.BACKEND_CV, "pdf")
    saved = tmp_path / "saved.yaml"
    out = rolemap("assess", "--cv", str(cv), "--json", "--save", str(saved))
    assert out.code == 0, out
    text = saved.read_text()
    assert "skills:" in text
    for private in ("Acme Payments", "Sam Rivera", "Ragtime", "FastAPI"):
        assert private not in text
    cache = Path(os.environ["ROLEMAP_CACHE_DIR"])
    for path in cache.rglob("*") if cache.exists() else []:
        if path.is_file():
            assert b"Acme Payments" not in path.read_bytes(), path


# -- traps -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Ragtime piano and jazz",
        "Member of a legit theatre company",
        "Trained as an AI Technician on a dairy farm",
        "Measured 500 ml doses; cleaned with a rag",
        "Go to the shop; R and D budget",
        "I excel at teamwork and rest on Sundays",
        "Things that spark joy; a glass flask in the lab",
        "Managed a team of estate agents",
        "Loaded shipping containers at the port",
        "Explained the features of the product while serving customers",
        "Ordered blood tests for patients",
        "I want to learn Docker and have no experience with Kubernetes",
    ],
)
def test_false_friends_are_not_skills(cat, line):
    assert find_skills([line], cat) == []


@pytest.mark.parametrize(
    ("line", "skill"),
    [
        ("- Built a RAG assistant", "rag"),
        ("- Managed Git branches", "git"),
        ("- Trained ML models", "machine-learning"),
        ("- Designed a REST API", "apis"),
        ("- Built reports in Excel", "data-wrangling"),
        ("- Built AI agents with tool calling", "agents"),
        ("- Ran Docker containers", "docker"),
        ("- Set up CI/CD with GitHub Actions", "ci-cd"),
        ("- Trained models with scikit-learn", "machine-learning"),
        ("- Built a retrieval pipeline with LangChain", "rag"),
        ("- Cleaned data with pandas", "data-wrangling"),
        ("- Stored embeddings in PostgreSQL with pgvector", "embeddings"),
    ],
)
def test_tool_names_people_write_are_found(cat, line, skill):
    assert skill in {f.skill for f in find_skills([line], cat)}


@pytest.mark.parametrize(
    ("line", "section", "level"),
    [
        ("Python, SQL, Docker", "list", 1),  # a skills list: mentioned
        ("- Python, SQL, Docker", "list", 1),  # a bullet in the skills section is still a list
        ("- Ran services in Docker", "work", 2),  # a role's bullet
        ("Deployed services with Docker", "", 2),  # a line saying what was done
        ("- 5 years of Docker in production", "work", 3),  # years stated
        ("Docker (3+ yrs)", "list", 3),
        ("- Led the Docker migration", "work", 3),
        ("- Designed our Docker build system", "work", 3),
        ("- Currently learning Docker", "work", 1),  # learning: at most 1
        ("- Led a course on Docker basics", "work", 1),
    ],
)
def test_the_level_rule(cat, line, section, level):
    start = line.index("Docker")
    assert line_level(line, section, start, start + len("Docker")) == level


def test_level_is_never_above_three_from_text(cat):
    lines = ["- Led and designed Python services for 12 years as the owner of our Python platform; expert in Python"]
    assert [f.level for f in find_skills(lines, cat)] == [3]


def test_a_hedge_covers_only_what_it_is_about(cat):
    found = {f.skill: f.level for f in find_skills(["- Built services in Python, learning Docker"], cat)}
    assert found == {"python": 2, "docker": 1}
    found = {f.skill: f.level for f in find_skills(["I am learning PyTorch and have no experience with Docker"], cat)}
    assert found == {"pytorch": 1}


def test_skills_and_interests_sections_only_mention(cat):
    lines = ["Experience", "- Built dashboards in Tableau", "Interests", "- Kubernetes meetups"]
    assert {f.skill: f.level for f in find_skills(lines, cat)} == {"data-visualization": 2, "kubernetes": 1}


# -- bad files ---------------------------------------------------------------------------------------------


def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_pages(n: int) -> bytes:
    return docs.pdf_bytes("\n".join(f"page line {i}" for i in range(n * 10)), lines_per_page=10)


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (8 * 1024 * 1024) + b"</w:document>")
    return out.getvalue()


def _zip_not_word() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("notes.txt", "hello")
    return out.getvalue()


BAD_FILES = {
    "encrypted.pdf": (_encrypted_pdf, 1, "password"),
    "scan.pdf": (_blank_pdf, 1, "no text found in"),
    "broken.pdf": (lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \x00\xff", 1, "not a valid PDF"),
    "cut.pdf": (lambda: docs.pdf_bytes(docs.BACKEND_CV)[:300], 1, "not a valid PDF"),
    "long.pdf": (lambda: _pdf_pages(100), 1, "100 pages"),
    "fake.pdf": (lambda: b"just some text", 1, "is not a PDF"),
    "bomb.docx": (_zip_bomb, 1, "zip bomb"),
    "notword.docx": (_zip_not_word, 1, "not a Word document"),
    "fake.docx": (lambda: b"plain text, not a zip", 1, "not a Word .docx"),
    "broken.docx": (lambda: docs.docx_bytes(docs.BACKEND_CV)[:2000], 1, "not a valid Word"),
    "junk.txt": (lambda: bytes(range(256)) * 40, 1, "binary file"),
    "empty.txt": (lambda: b"", 1, "is empty"),
    "blank.md": (lambda: b"\n\n   \n", 1, "is empty"),
    "huge.txt": (lambda: b"Python developer\n" * (10 * 1024 * 1024 // 17), 1, "bytes"),
    "old.doc": (lambda: b"\xd0\xcf\x11\xe0" + b"\x00" * 100, 2, ".doc"),
    "cv.rtf": (lambda: b"{\\rtf1 hello}", 2, "reads .txt, .md, .pdf and .docx"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_one_plain_error_naming_the_file(tmp_path, name):
    make, code, words = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(make())
    out = rolemap("assess", "--cv", str(path), "--json")
    assert out.code == code, out
    assert out.stdout == ""
    assert out.stderr.startswith("rolemap: ") and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) <= 2
    assert name in out.stderr.splitlines()[0]
    assert words in out.stderr


def test_a_missing_file_or_a_directory_is_a_usage_error(tmp_path):
    out = rolemap("assess", "--cv", str(tmp_path / "nope.pdf"), "--json")
    assert out.code == 2 and "does not exist" in out.stderr and out.stdout == ""
    out = rolemap("assess", "--cv", str(tmp_path), "--json")
    assert out.code == 2 and "directory" in out.stderr


def test_a_cv_does_not_go_with_batch(tmp_path):
    batch = tmp_path / "b.jsonl"
    batch.write_text("{}\n")
    out = rolemap("assess", "--batch", str(batch), "--cv", str(docs.write(tmp_path, "cv", "Python", "txt")))
    assert out.code == 2 and "--cv" in out.stderr


def test_terminal_escapes_in_a_cv_never_reach_the_screen(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text("- Built APIs in Python \x1b]0;pwned\x07 \x1b[31m[bold]red[/bold]\n", encoding="utf-8")
    out = rolemap("assess", "--cv", str(path))
    assert out.code == 0, out
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert "[bold]red[/bold]" in out.stdout  # shown as written, not taken as markup


def test_the_largest_documents_accepted_are_read_whole(tmp_path):
    """40 full pages of PDF and 490 kB of text, just under the limits, are read to the end (how fast is
    measured by hand and stated in the README: a clock in a test would depend on the machine)."""
    path = tmp_path / "long-cv.pdf"
    path.write_bytes(docs.pdf_bytes("- Built APIs in Python with Docker\n" * 40 * 50))  # 40 full pages: the most
    out = rolemap("assess", "--cv", str(path), "--json")
    assert out.code == 0, out
    assert {e["skill"] for e in out.json()["evidence"]} == {"apis", "python", "docker"}
    text = tmp_path / "big.txt"
    text.write_text("- Built APIs in Python with Docker\n" * 14_000)  # 490 kB: just under the limit
    out = rolemap("assess", "--cv", str(text), "--json")
    assert out.code == 0, out
    assert {e["skill"] for e in out.json()["evidence"]} == {"apis", "python", "docker"}


def test_other_commands_do_not_import_the_document_readers(tmp_path):
    probe = (
        "import sys, json\nfrom rolemap.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES ' + json.dumps(sorted({m.split('.')[0] for m in sys.modules})) + '\\n')\n"
    )
    profile = tmp_path / "me.yaml"
    profile.write_text("background: swe\n")
    for args in (["assess", "--profile", str(profile), "--json"], ["compare", "ai", "ml", "--json"]):
        proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60)
        line = [x for x in proc.stderr.splitlines() if x.startswith("MODULES ")][-1]
        loaded = set(json.loads(line[len("MODULES ") :]))
        assert not loaded & {"pypdf", "docx", "lxml"}, args
