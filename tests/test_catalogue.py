"""The shipped catalogue: what it must contain, and that every name people type resolves."""

from __future__ import annotations

import pytest

from rolemap.errors import UnknownName

VOCABULARY = {
    "python": "python",
    "SQL": "sql",
    "statistics": "statistics",
    "linear algebra": "linear-algebra",
    "calculus": "calculus-probability",
    "probability": "calculus-probability",
    "calculus/probability": "calculus-probability",
    "machine learning": "machine-learning",
    "deep learning": "deep-learning",
    "PyTorch": "pytorch",
    "data visualization": "data-visualization",
    "git": "git",
    "testing": "testing",
    "docker": "docker",
    "APIs": "apis",
    "system design": "system-design",
    "cloud": "cloud",
    "prompt engineering": "prompt-engineering",
    "RAG": "rag",
    "retrieval": "rag",
    "embeddings": "embeddings",
    "vector search": "embeddings",
    "evals": "llm-evals",
    "LLM evaluation": "llm-evals",
    "agents": "agents",
    "tool use": "agents",
    "fine-tuning": "fine-tuning",
    "MLOps": "mlops",
    "model serving": "mlops",
    "distributed training": "distributed-training",
    "experiment design": "experiment-design",
    "A/B testing": "experiment-design",
    "research papers": "research-papers",
}


@pytest.mark.parametrize("typed, sid", VOCABULARY.items())
def test_the_vocabulary_people_type_resolves(catalogue, typed, sid):
    assert catalogue.skill_id(typed) == sid


def test_at_least_thirty_skills_each_complete(catalogue):
    assert len(catalogue.skills) >= 30
    for skill in catalogue.skills.values():
        assert len(skill.levels) == 4 and all(skill.levels)
        assert len(skill.hours) == 4 and all(h > 0 for h in skill.hours)
        assert skill.layer in ("foundation", "ai-craft", "production")
        assert "rolemap-estimate" in skill.sources


def test_prerequisites_exist_and_at_least_ten_skills_have_some(catalogue):
    with_pre = [s for s in catalogue.skills.values() if s.prerequisites]
    assert len(with_pre) >= 10
    for skill in with_pre:
        assert set(skill.prerequisites) <= set(catalogue.skills)


def test_ai_engineering_does_not_require_ml_maths(catalogue):
    need = {r.skill: r.level for r in catalogue.role("ai").requirements}
    assert need.get("linear-algebra", 0) == 0 and need.get("calculus-probability", 0) == 0
    assert need.get("machine-learning", 0) <= 1
    for sid in ("prompt-engineering", "rag", "agents", "llm-evals"):
        assert "machine-learning" not in catalogue.skills[sid].prerequisites


def test_every_role_is_layered_and_cites_sources(catalogue):
    for role in catalogue.roles.values():
        layers = {catalogue.skills[r.skill].layer for r in role.requirements}
        # not every role spans all three (software engineering has no AI craft, data science ships no
        # production systems), but all stand on the foundation
        assert "foundation" in layers and len(layers) >= 2, role.id
    assert {catalogue.skills[r.skill].layer for r in catalogue.role("ai").requirements} == {
        "foundation",
        "ai-craft",
        "production",
    }
    for role in catalogue.roles.values():
        assert role.sources and role.not_your_role_if and role.entry_backgrounds
        assert set(role.sources) <= set(catalogue.sources)


def test_background_presets(catalogue):
    for name in ("software-engineer", "data-scientist", "data-analyst", "academic", "phd", "student", "ml-engineer"):
        assert catalogue.starting_levels(catalogue.background(name))


def test_every_salary_band_is_sourced(catalogue):
    assert catalogue.salaries
    for band in catalogue.salaries:
        assert band.source and 1990 <= band.year <= 2026 and band.low <= band.high
        assert band.basis in ("base", "total_comp", "wage", "unstated")
        assert band.url.startswith(("https://", "http://")) or band.evidence == "untraceable", band
        if "Bureau of Labor Statistics" in band.source:
            assert band.basis == "wage", band
    assert not catalogue.salaries_for("ai-architect")


def test_ai_engineer_bands_match_the_source(catalogue):
    bands = {
        (b.region, b.level): (b.low, b.high, b.currency, b.basis)
        for b in catalogue.salaries_for("ai-engineer")
        if b.source.startswith("GenAI Systems Lab")
    }
    assert bands[("us", "junior")] == (120000, 160000, "USD", "total_comp")
    assert bands[("uk", "mid")] == (80000, 120000, "GBP", "base")
    assert bands[("in", "senior")] == (5000000, 10000000, "INR", "base")


def test_unknown_names_suggest_the_closest(catalogue):
    with pytest.raises(UnknownName) as info:
        catalogue.skill("pytorhc")
    assert "did you mean 'pytorch'" in str(info.value)
