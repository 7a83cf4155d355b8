"""`rolemap match AD...`: a job ad becomes a target; the fit, gaps and plan for it; several ads ranked.

The ads and CVs (a backend engineer, a data analyst, a PhD) come from docfactory.py, written in the test
as text, PDF and Word. The command line runs in-process through Typer's CliRunner.
"""

from __future__ import annotations

import pytest

import docfactory as docs
from rolemap.catalogue import load_catalogue
from rolemap.engine.match import read_ad
from test_cv import rolemap

ADS = {"backend": docs.BACKEND_AD, "analyst": docs.ANALYST_AD, "phd": docs.PHD_AD}
CVS = {"backend": docs.BACKEND_CV, "analyst": docs.ANALYST_CV, "phd": docs.PHD_CV}
NEAREST = {"backend": "ai-engineer", "analyst": "data-scientist", "phd": "research-scientist"}


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def _skills(view: dict) -> dict[str, tuple[int, bool]]:
    return {s["skill"]: (s["need"], s["required"]) for s in view["ad"]["skills"]}


def test_an_ad_names_required_and_optional_skills_with_levels_and_lines(tmp_path):
    ad = docs.write(tmp_path, "ad", docs.BACKEND_AD, "txt")
    cv = docs.write(tmp_path, "cv", docs.BACKEND_CV, "txt")
    out = rolemap("match", str(ad), "--cv", str(cv), "--json")
    assert out.code == 0, out
    view = out.json()
    skills = _skills(view)
    assert skills["python"] == (3, True)  # "Strong Python", under "Must have"
    assert skills["rag"] == (2, True)  # "Hands-on experience with RAG"
    assert skills["kubernetes"] == (1, False)  # "Familiarity with Kubernetes", under "Nice to have"
    assert skills["agents"][1] is False  # LangGraph, nice to have
    assert "pytorch" not in skills  # nothing in "What we offer" is a requirement
    rag = next(s for s in view["ad"]["skills"] if s["skill"] == "rag")
    assert docs.BACKEND_AD.splitlines()[rag["line"] - 1] == rag["text"]
    assert view["ad"]["title"] == "Senior AI Engineer — Payments Assistant"
    assert view["ad"]["nearest_role"]["role"] == "ai-engineer"


@pytest.mark.parametrize("person", sorted(ADS))
@pytest.mark.parametrize("kind", ["txt", "pdf", "docx"])
def test_each_ad_gives_its_nearest_role_gaps_and_a_plan(tmp_path, person, kind):
    ad = docs.write(tmp_path, "ad", ADS[person], kind)
    cv = docs.write(tmp_path, "cv", CVS[person], "txt")
    view = rolemap("match", str(ad), "--cv", str(cv), "--json").json()
    assert view["ad"]["nearest_role"]["role"] == NEAREST[person]
    must_gaps = [g for g in view["gaps"] if g["must_have"]]
    assert view["ready_to_apply"] is (not must_gaps)
    planned = {s["skill"] for s in view["plan"]["steps"]}
    assert planned == {g["skill"] for g in must_gaps}  # the plan covers the must-haves
    assert view["plan"]["total_hours"] == sum(g["hours"] for g in must_gaps)
    required = {s["skill"]: s["need"] for s in view["ad"]["skills"] if s["required"]}
    for g in must_gaps:
        if g["kind"] == "required":
            assert required[g["skill"]] == g["need"]


def test_the_same_ad_reads_the_same_from_text_pdf_and_word(tmp_path):
    cv = docs.write(tmp_path, "cv", docs.ANALYST_CV, "txt")
    views = [
        rolemap("match", str(docs.write(tmp_path, "ad", docs.ANALYST_AD, k)), "--cv", str(cv), "--json").json()
        for k in ("txt", "pdf", "docx")
    ]
    assert _skills(views[0]) == _skills(views[1]) == _skills(views[2])
    assert views[0]["fit"] == views[1]["fit"] == views[2]["fit"]


def test_learning_the_gaps_makes_you_ready_to_apply(tmp_path):
    ad = docs.write(tmp_path, "ad", docs.BACKEND_AD, "txt")
    cv = docs.write(tmp_path, "cv", docs.BACKEND_CV, "txt")
    before = rolemap("match", str(ad), "--cv", str(cv), "--json").json()
    assert not before["ready_to_apply"]
    profile = tmp_path / "me.yaml"
    lines = [f"  {g['skill']}: {g['need']}" for g in before["gaps"]]
    profile.write_text("skills:\n" + "\n".join(lines) + "\n")
    after = rolemap("match", str(ad), "--cv", str(cv), "--profile", str(profile), "--json").json()
    assert after["ready_to_apply"] and after["plan"]["steps"] == []
    assert after["fit"] > before["fit"]
    assert after["must_have"]["met"] == after["must_have"]["of"]


def test_several_ads_are_ranked_by_fit(tmp_path):
    ads = [str(docs.write(tmp_path, name, ADS[name], kind)) for name, kind in [("phd", "pdf"), ("analyst", "docx")]]
    ads.append(str(docs.write(tmp_path, "backend", ADS["backend"], "txt")))
    cv = docs.write(tmp_path, "cv", docs.ANALYST_CV, "txt")
    out = rolemap("match", *ads, "--cv", str(cv), "--json")
    assert out.code == 0, out
    view = out.json()
    fits = [r["fit"] for r in view["ranking"]]
    assert fits == sorted(fits, reverse=True)
    assert view["ranking"][0]["nearest_role"] == "data-scientist"  # the analyst's best bet
    assert [m["ad"]["file"] for m in view["matches"]] == [r["file"] for r in view["ranking"]]
    text = rolemap("match", *ads, "--cv", str(cv)).stdout
    assert "Job ads, best fit first" in text
    assert text.index("Data Scientist, Growth") < text.index("Research Scientist, Foundation Models")


def test_output_validates_against_the_match_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = rolemap("schema", "match").json()
    ad = docs.write(tmp_path, "ad", docs.PHD_AD, "txt")
    cv = docs.write(tmp_path, "cv", docs.PHD_CV, "docx")
    one = rolemap("match", str(ad), "--cv", str(cv), "--json").json()
    jsonschema.validate(one, schema)
    many = rolemap("match", str(ad), str(docs.write(tmp_path, "a2", docs.ANALYST_AD, "md")), "--cv", str(cv), "--json")
    jsonschema.validate(many.json(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**one, "surprise": 1}, schema)


def test_the_report_for_people_and_the_export(tmp_path):
    ad = docs.write(tmp_path, "ad", docs.BACKEND_AD, "docx")
    cv = docs.write(tmp_path, "cv", docs.BACKEND_CV, "pdf")
    out = rolemap("match", str(ad), "--cv", str(cv), "--export", str(tmp_path / "m.md"))
    assert out.code == 0, out
    assert "Nearest role: AI Engineer" in out.stdout
    assert "must  Python" in out.stdout and "nice  Kubernetes" in out.stdout
    assert "Ready to apply after" in out.stdout
    md = (tmp_path / "m.md").read_text()
    assert md.startswith("# Job ad: Senior AI Engineer") and "Plan to be ready to apply" in md
    html = tmp_path / "m.html"
    assert rolemap("match", str(ad), "--cv", str(cv), "--export", str(html), "--json").code == 0
    assert "Nearest role" in html.read_text()


def test_cue_words_set_the_level(cat):
    ad = read_ad(
        [
            "Requirements",
            "- Expert SQL",
            "- Strong Python and familiarity with Docker",
            "- 4+ years of Kubernetes",
            "- Exposure to Airflow",
            "- Git",
        ],
        cat,
    )
    need = {s.skill: (s.need, s.cue) for s in ad.skills}
    assert need["sql"] == (4, True)
    assert need["python"] == (3, True)
    assert need["docker"] == (1, True)
    assert need["kubernetes"] == (3, True)
    assert need["data-pipelines"] == (1, True)
    assert need["git"][1] is False  # no cue: the nearest role's level


def test_nice_to_have_on_the_line_itself(cat):
    ad = read_ad(["You have:", "- Python", "- Docker (nice to have)", "- RAG is a plus"], cat)
    required = {s.skill: s.required for s in ad.skills}
    assert required == {"python": True, "docker": False, "rag": False}


def test_an_ad_without_known_skills_is_a_plain_error(tmp_path):
    ad = tmp_path / "ad.txt"
    ad.write_text("Barista wanted. Latte art and a smile.\n")
    out = rolemap("match", str(ad), "--cv", str(docs.write(tmp_path, "cv", docs.BACKEND_CV, "txt")), "--json")
    assert out.code == 1 and out.stdout == ""
    assert "no skill rolemap knows" in out.stderr and "ad.txt" in out.stderr


def test_match_needs_a_person(tmp_path):
    ad = docs.write(tmp_path, "ad", docs.BACKEND_AD, "txt")
    out = rolemap("match", str(ad), "--json")
    assert out.code == 2 and "--cv" in out.stderr and out.stdout == ""


def test_bad_ad_files_are_one_plain_error(tmp_path):
    cv = docs.write(tmp_path, "cv", docs.BACKEND_CV, "txt")
    scan = tmp_path / "ad.pdf"
    scan.write_bytes(docs.pdf_bytes(""))
    out = rolemap("match", str(scan), "--cv", str(cv), "--json")
    assert out.code == 1 and "no text found in" in out.stderr and out.stdout == ""
    out = rolemap("match", str(tmp_path / "missing.docx"), "--cv", str(cv), "--json")
    assert out.code == 2 and "does not exist" in out.stderr
    out = rolemap("match", "-", "--cv", "-")
    assert out.code == 2 and "standard input" in out.stderr


def test_an_ad_on_standard_input(tmp_path):
    cv = docs.write(tmp_path, "cv", docs.BACKEND_CV, "txt")
    out = rolemap("match", "-", "--cv", str(cv), "--json", input=docs.BACKEND_AD)
    assert out.code == 0, out
    assert out.json()["ad"]["file"] == "standard input"
