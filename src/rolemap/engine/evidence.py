"""Finding skills in a document's text: which skill, at what level, and the line that says so.

Skills are found by the catalogue's names and aliases (``rolemap skills --json`` lists them), as
whole words and phrases, in any case: ``GitHub Actions``, ``github-actions`` and ``CI/CD`` are the
forms people write, ``a legit theatre`` holds no Git and ``ragtime piano`` no RAG. Words that are
also ordinary English need more than the word:

* two- and three-letter abbreviations count only in capitals (``RAG``, ``ML``, ``ETL``; ``a rag`` and
  ``500 ml`` are nothing), except ``git``, ``sql``, ``aws`` and ``gcp``, which people write in lower case;
* tool names that are ordinary words count only capitalised (``Excel``, ``Spark``, ``Flask``,
  ``React``, ``Airflow``: "excel at", "spark joy" and "a glass flask" are nothing);
* a few words count only with a technical word on the same line (``agents`` with LLM, AI, tool...,
  ``containers`` with Docker or Kubernetes, ``papers`` with research or a journal);
* words too general to mean a skill (``features``, ``serving``, ``deployment``, ``coding``) are left
  alone, and so are R, Go and "AI", which rolemap does not take from text at all ("AI Technician"
  is artificial insemination in O*NET).

**The level rule for a CV** (the highest line wins, never above 3 from text alone):

1. *mentioned* anywhere (a skills list, a course, a summary) → 1 (aware);
2. *used in a role's bullet*: a bulleted line, or a line saying what you did ("built", "ran",
   "analysed"...), outside the skills, education and interests sections → 2 (working);
3. *years stated* on the line ("5 years of Python", "Python (3+ yrs)") or *led / designed / owned /
   architected* → 3 (strong).

A line that says you are only learning it ("learning", "familiar with", "course") counts 1 at most, and
one that says you have not used it ("no experience with", "want to learn") counts nothing.

Pure functions over lines of text: no files, no terminal. :mod:`rolemap.documents` reads the files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from rolemap.catalogue import Catalogue
from rolemap.engine.profile import Profile
from rolemap.names import normalise

MAX_LEVEL_FROM_TEXT = 3
LEVEL_RULE = (
    "mentioned → 1; used in a role's bullet → 2; years stated or led/designed/owned → 3; never above 3 from text"
)

#: Short abbreviations people do write in lower case (every other one counts only in capitals).
LOWER_CASE_OK = frozenset({"git", "sql", "aws", "gcp", "dbt", "k8s", "api", "llm", "llms", "apis", "nlp"})
#: Tool names that are ordinary words too: they count only when written with a capital.
CAPITALISED_ONLY = frozenset(
    {
        "rest",
        "excel",
        "spark",
        "flask",
        "react",
        "airflow",
        "snowflake",
        "helm",
        "kafka",
        "looker",
        "jupyter",
        "keras",
        "jax",
        "torch",
        "django",
        "vue",
        "chroma",
        "terraform",
        "prometheus",
        "sentry",
        "jest",
    }
)
_SOFTWARE = r"\b(?:software|code|service|services|server|api|apis|production|app|application|system|systems|cloud|docker|kubernetes|python|java|pipeline|pipelines|logs?|metrics|grafana|prometheus|datadog|opentelemetry|sre|devops|ci)\b"
_AI = r"\b(?:llms?|gpt|genai|langchain|langgraph|tool|tools|tool-calling|function|autonomous|multi-agent|model|models|openai|anthropic|rag)\b"
#: Words that count only with one of these on the same line.
NEEDS_CONTEXT: dict[str, str] = {
    "agents": _AI,
    "agent": _AI,
    "agentic-design": _AI,
    "transformers": r"\b(?:models?|hugging\s*face|attention|bert|gpt|neural|nlp|llms?|deep learning|pytorch)\b",
    "containers": r"\b(?:docker|kubernetes|k8s|podman|deploy\w*|images?|ecs|microservices?)\b",
    "shell": r"\b(?:scripts?|scripting|bash|zsh|linux|unix|command)\b",
    "monitoring": _SOFTWARE,
    "logging": _SOFTWARE,
    "tracing": _SOFTWARE,
    "tests": _SOFTWARE + r"|\b(?:unit|integration|automated|pytest)\b",
    "papers": r"\b(?:research|arxiv|journal|journals|conference|conferences|neurips|icml|iclr|acl|read|reading|reviewed|published|peer)\b",
    "retrieval": r"\b(?:llms?|rag|vector|embeddings?|augmented|semantic)\b",
    "probability": r".",  # plain word, but kept here to show every context rule in one place
}
#: Aliases that name a skill when you type them to rolemap, but say nothing reliable in free text.
NOT_FROM_TEXT = frozenset(
    {
        "features",
        "serving",
        "caching",
        "deployment",
        "coding",
        "programming",
        "integrations",
        "publishing",
        "presenting",
        "storytelling",
        "architectures",
        "py",
        "python3",
        "prompts",
        "communication",  # "good communication skills" is on every CV; rate it yourself
        "stakeholder-communication",
    }
)

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#]*(?:\.[A-Za-z0-9+#]+)*")
_SEPARATOR = re.compile(r"^[\s\-_/]+$")
_MAX_WORDS = 5

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–—+>]|\(?\d{1,2}[.)])\s+")
_YEARS = re.compile(r"\b\d{1,2}(?:\.\d)?\+?\s*(?:years?|yrs?)\b", re.IGNORECASE)
_LEAD = re.compile(r"\b(?:led|lead|leading|designed|owned|own|architected|headed)\b", re.IGNORECASE)
_DID = re.compile(
    r"\b(?:built|build|developed|develop|implemented|wrote|written|ran|run|running|used|using|deployed|maintained|"
    r"created|automated|shipped|migrated|analy[sz]ed|trained|optimi[sz]ed|reduced|improved|delivered|managed|"
    r"integrated|launched|configured|refactored|tested|modell?ed|cleaned|queried|visuali[sz]ed|reported|"
    r"conducted|engineered|authored|contributed|supported|monitored|scaled|operated|prototyped|evaluated|"
    r"fine-tuned|benchmarked|taught|mentored|worked|working|produced|set up|introduced|replaced|cut|"
    r"wrangled|modelled|presented|published|programmed|coded|scripted|containeri[sz]ed|orchestrated)\b",
    re.IGNORECASE,
)
_ONLY_LEARNING = re.compile(
    r"\b(?:learning|studying|familiar with|familiarity with|exposure to|basic|basics|beginner|introductory|"
    r"intro to|course|courses|coursework|certificate|currently taking|self-taught|interested in|interest in)\b",
    re.IGNORECASE,
)
_NOT_USED = re.compile(
    r"\b(?:no experience|not yet|never used|want to learn|wants to learn|would like to learn|hope to learn|"
    r"plan to learn|planning to learn|keen to learn|eager to learn|aim to learn)\b",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*#{0,6}\s*([A-Za-z][A-Za-z &/'’-]{1,48}?)\s*:?\s*$")
#: Sections whose lines are lists or study, not work done: a bullet there is a mention (level 1).
LIST_SECTIONS = (
    "skill",
    "tool",
    "technolog",
    "tech stack",
    "stack",
    "language",
    "interest",
    "hobbies",
    "certification",
    "course",
    "training",
    "education",
    "qualification",
    "competenc",
    "keyword",
    "award",
    "reference",
)
WORK_SECTIONS = ("experience", "employment", "work", "project", "career", "research", "publication", "history", "role")


class Found(NamedTuple):
    """A skill found in a document, with the level its best line gives and that line (1-based)."""

    skill: str
    level: int
    line: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"skill": self.skill, "level": self.level, "line": self.line, "text": self.text}


class Mention(NamedTuple):
    """One match of a skill's name on one line: ``start``/``end`` are character offsets in the line."""

    skill: str
    line: int
    start: int
    end: int


class Guess(NamedTuple):
    """A value read from the text (a background, years of experience) and the line it came from."""

    value: Any
    line: int
    text: str

    def to_dict(self, key: str) -> dict[str, Any]:
        return {key: self.value, "line": self.line, "text": self.text}


class CvReading(NamedTuple):
    """Everything rolemap takes from a CV: skills with their evidence, and its guesses."""

    source: str
    kind: str
    found: tuple[Found, ...]
    background: Guess | None
    years: Guess | None

    @property
    def levels(self) -> dict[str, int]:
        return {f.skill: f.level for f in self.found}

    def by_skill(self) -> dict[str, Found]:
        return {f.skill: f for f in self.found}


# -- phrase table -------------------------------------------------------------------------------------


def phrase_table(catalogue: Catalogue) -> dict[str, str]:
    """Every normalised form that names a skill in text -> skill id (cached on the catalogue)."""
    cached: dict[str, str] | None = catalogue.derived.get("evidence-phrases")
    if cached is None:
        cached = {}
        for skill in catalogue.skills.values():
            forms = [skill.id, skill.name, skill.name.split(" (")[0], *skill.aliases]
            if "(" in skill.name:
                forms.append(skill.name.split(" (", 1)[1].rstrip(")"))
            for form in forms:
                key = normalise(form)
                if key and key not in NOT_FROM_TEXT:
                    cached.setdefault(key, skill.id)
        catalogue.derived["evidence-phrases"] = cached
    return cached


def _variants(catalogue: Catalogue) -> tuple[dict[str, str], frozenset[str]]:
    """Every written form (a phrase, its plural, its singular) -> the phrase; and every proper prefix
    of a form ("github" of "github-actions"), so that a scan extends a phrase only while one can follow."""
    cached: tuple[dict[str, str], frozenset[str]] | None = catalogue.derived.get("evidence-variants")
    if cached is None:
        table = phrase_table(catalogue)
        forms: dict[str, str] = {}
        for key in table:
            singular = key[:-1] if key.endswith("s") and len(key) > 4 else None
            for variant in (key + "s", key + "es", singular):
                if variant and variant not in table:
                    forms.setdefault(variant, key)
        forms.update({key: key for key in table})
        prefixes = frozenset(
            "-".join(words[:n]) for words in (f.split("-") for f in forms) for n in range(1, len(words))
        )
        cached = catalogue.derived["evidence-variants"] = (forms, prefixes)
    return cached


def _accepted(form: str, written: str, line: str) -> bool:
    """The case and context rules for one phrase as written on a line."""
    letters = form.replace("-", "")
    if len(letters) <= 3 and letters.isalpha() and form not in LOWER_CASE_OK:
        if written.rstrip("sS") != written.rstrip("sS").upper() or not any(c.isupper() for c in written):
            return False
    if form in CAPITALISED_ONLY and not written[:1].isupper():
        return False
    context = NEEDS_CONTEXT.get(form)
    return not (context is not None and not re.search(context, line, re.IGNORECASE))


def mentions(lines: Sequence[str], catalogue: Catalogue) -> Iterator[Mention]:
    """Every skill named on every line, the longest phrase first at each place, left to right."""
    table = phrase_table(catalogue)
    forms, prefixes = _variants(catalogue)
    for number, line in enumerate(lines, 1):
        lower = line.lower()
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
        words = [lower[a:b].rstrip(".") for a, b in tokens]
        i, count = 0, len(tokens)
        while i < count:
            key = words[i]
            if key not in forms and key not in prefixes:
                i += 1
                continue
            candidates: list[tuple[int, str]] = []  # (last token, form), shortest first
            j = i
            while True:
                if key in forms:
                    candidates.append((j, key))
                if j + 1 >= count or key not in prefixes or not _SEPARATOR.match(line[tokens[j][1] : tokens[j + 1][0]]):
                    break
                j += 1
                key = key + "-" + words[j]
            for last, form in reversed(candidates):
                phrase = forms[form]
                start, end = tokens[i][0], tokens[last][1]
                if _accepted(phrase, line[start:end], line):
                    yield Mention(table[phrase], number, start, end)
                    i = last + 1
                    break
            else:
                i += 1


# -- a CV ------------------------------------------------------------------------------------------


def sections(lines: Sequence[str]) -> list[str]:
    """Each line's section kind: ``"list"`` (skills, education...), ``"work"`` or ``""`` (not known)."""
    kind = ""
    out: list[str] = []
    for line in lines:
        heading = _heading(line)
        if heading is not None:
            kind = heading
        out.append(kind)
    return out


def _heading(line: str) -> str | None:
    m = _HEADING.match(line)
    if m is None or _BULLET.match(line) or len(m.group(1).split()) > 5:
        return None
    words = m.group(1).lower()
    if any(w in words for w in LIST_SECTIONS):
        return "list"
    if any(w in words for w in WORK_SECTIONS):
        return "work"
    return None


_SENTENCE_END = re.compile(r"[;!?]|\.(?:\s|$)|\bbut\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;!?]|\.(?:\s|$)|\b(?:and|but)\b", re.IGNORECASE)


def _bounds(line: str, start: int, end: int, stop: re.Pattern[str]) -> tuple[int, int]:
    """The stretch of ``line`` around ``start:end`` between two ``stop`` marks."""
    left = max((m.end() for m in stop.finditer(line, 0, start)), default=0)
    right = next((m.start() for m in stop.finditer(line, end)), len(line))
    return left, right


def _applies(pattern: re.Pattern[str], line: str, start: int, end: int) -> bool:
    """A hedge ("learning", "no experience with") covers a skill when it comes before it in the same
    sentence ("learning Docker, Kubernetes"), or anywhere in the same clause ("Python (basic)")."""
    s_left, _ = _bounds(line, start, end, _SENTENCE_END)
    c_left, c_right = _bounds(line, start, end, _CLAUSE_END)
    return pattern.search(line, s_left, start) is not None or pattern.search(line, c_left, c_right) is not None


class _Line(NamedTuple):
    """What one line says about every skill on it, worked out once per line."""

    level: int  # 1, 2 or 3, before any hedge
    not_used: bool  # the line has a "no experience with"-like phrase somewhere
    learning: bool  # the line has a "learning"-like word somewhere


def _line_facts(line: str, section: str) -> _Line:
    level = 1
    if _YEARS.search(line) or _LEAD.search(line):
        level = 3
    elif section != "list" and (_BULLET.match(line) or _DID.search(line)):
        level = 2
    return _Line(level, _NOT_USED.search(line) is not None, _ONLY_LEARNING.search(line) is not None)


def _level(line: str, facts: _Line, start: int, end: int) -> int:
    if facts.not_used and _applies(_NOT_USED, line, start, end):
        return 0
    if facts.learning and _applies(_ONLY_LEARNING, line, start, end):
        return 1
    return min(facts.level, MAX_LEVEL_FROM_TEXT)


def line_level(line: str, section: str, start: int = 0, end: int | None = None) -> int:
    """The level a line gives the skill named at ``start:end`` (0: the line says it is not used)."""
    return _level(line, _line_facts(line, section), start, len(line) if end is None else end)


def find_skills(lines: Sequence[str], catalogue: Catalogue) -> list[Found]:
    """Every skill in a CV's lines with its level (see the module's rule) and the line that gives it.

    In the catalogue's skill order. The evidence is the first line that gives the highest level.
    """
    kinds = sections(lines)
    best: dict[str, Found] = {}
    facts: tuple[int, _Line] | None = None
    for m in mentions(lines, catalogue):
        text = lines[m.line - 1]
        if facts is None or facts[0] != m.line:
            facts = (m.line, _line_facts(text, kinds[m.line - 1]))
        level = _level(text, facts[1], m.start, m.end)
        if level == 0:
            continue
        have = best.get(m.skill)
        if have is None or level > have.level:
            best[m.skill] = Found(m.skill, level, m.line, text.strip())
    return [best[s] for s in catalogue.skills if s in best]


#: Job titles and degrees that name a background (a preset, or a role someone already does).
BACKGROUND_TITLES: dict[str, tuple[str, ...]] = {
    "software-engineer": (
        "software engineer",
        "software developer",
        "backend engineer",
        "backend developer",
        "back-end engineer",
        "back-end developer",
        "full-stack engineer",
        "full-stack developer",
        "full stack engineer",
        "full stack developer",
        "frontend engineer",
        "front-end engineer",
        "web developer",
        "platform engineer",
        "devops engineer",
        "site reliability engineer",
    ),
    "data-scientist": ("data scientist",),
    "data-analyst": (
        "data analyst",
        "business analyst",
        "bi analyst",
        "business intelligence analyst",
        "insights analyst",
        "reporting analyst",
        "analytics analyst",
    ),
    "academic": ("phd", "ph.d", "dphil", "postdoc", "postdoctoral", "doctoral researcher", "research fellow"),
    "ml-engineer": ("machine learning engineer", "ml engineer", "mlops engineer"),
    "ai-engineer": ("ai engineer", "llm engineer", "genai engineer", "generative ai engineer"),
    "research-scientist": ("research scientist",),
    "ai-architect": ("ai architect",),
    "student": ("student", "new graduate", "recent graduate", "undergraduate"),
}
_YEARS_OF_EXPERIENCE = re.compile(
    r"\b(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)(?:'|’)?\s+(?:of\s+)?(?:\w+\s+){0,3}?experience\b"
    r"|\bexperience\s+of\s+(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)\b",
    re.IGNORECASE,
)


def guess_background(lines: Sequence[str], catalogue: Catalogue) -> Guess | None:
    """The first job title or degree in the text that names a background rolemap knows."""
    owner: dict[str, str] = {}
    for background, titles in BACKGROUND_TITLES.items():
        if background in catalogue.presets or background in catalogue.roles:
            owner.update({normalise(title.replace(".", "")): background for title in titles})
    if not owner:
        return None
    alternatives = "|".join(
        r"[\s-]+".join(re.escape(w) for w in title.split("-")) for title in sorted(owner, key=len, reverse=True)
    )
    pattern = re.compile(r"(?<![\w.])(?:" + alternatives.replace("phd", r"ph\.?d") + r")(?![\w])", re.IGNORECASE)
    for number, line in enumerate(lines, 1):
        m = pattern.search(line)
        if m is not None:
            return Guess(owner[normalise(m.group().replace(".", ""))], number, line.strip())
    return None


def guess_years(lines: Sequence[str]) -> Guess | None:
    """Years of experience, when the text says "6 years of experience" (or "experience of 6 years")."""
    for number, line in enumerate(lines, 1):
        m = _YEARS_OF_EXPERIENCE.search(line)
        if m is not None:
            years = float(m.group(1) or m.group(2))
            if 0 <= years <= 60:
                return Guess(int(years) if years.is_integer() else years, number, line.strip())
    return None


def read_cv(lines: Sequence[str], catalogue: Catalogue, source: str = "CV", kind: str = "text") -> CvReading:
    """Skills, background and years from a CV's lines."""
    return CvReading(
        source,
        kind,
        tuple(find_skills(lines, catalogue)),
        guess_background(lines, catalogue),
        guess_years(lines),
    )


def shown(text: str, width: int = 72) -> str:
    """A line as quoted back to a person: its bullet dropped, spaces folded, cut to ``width`` with an ellipsis."""
    text = " ".join(_BULLET.sub("", text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def profile_with_cv(reading: CvReading, catalogue: Catalogue, profile: Profile | None = None) -> Profile:
    """The profile to assess: ``profile``'s own values win; the CV fills in the rest.

    Background and years come from the profile when it gives them, else from the CV's guesses; a
    skill the CV found counts where it raises the level the background already gives.
    """
    from rolemap.engine.profile import parse_profile

    data: dict[str, Any] = profile.to_dict() if profile is not None else {}
    if not data.get("background") and reading.background is not None:
        data["background"] = reading.background.value
    if not data.get("years_experience") and reading.years is not None:
        data["years_experience"] = reading.years.value
    typical = catalogue.starting_levels(data.get("background"))
    data["skills"] = merged_levels(typical, reading.levels, dict(profile.skills) if profile is not None else {})
    return parse_profile(data, catalogue, source=profile_source(reading))


def profile_source(reading: CvReading) -> str:
    return f"the CV {reading.source}"


def merged_levels(typical: dict[str, int], found: dict[str, int], explicit: dict[str, int]) -> dict[str, int]:
    """The skills to record for a person: what the CV found where it raises the background's typical
    level (a CV is evidence of at least that level, not of at most), then every value they gave themselves."""
    out = {skill: level for skill, level in found.items() if level > typical.get(skill, 0)}
    out.update(explicit)
    return out


# -- files and reports ---------------------------------------------------------------------------------


def read_cv_file(path: str, catalogue: Catalogue) -> CvReading:
    """Read a CV file (``-``: text on standard input) and find what it shows. Raises RolemapError."""
    from rolemap.documents import read_document

    document = read_document(path, "CV")
    return read_cv(document.lines, catalogue, document.name, document.kind)


def cv_summary(reading: CvReading) -> dict[str, Any]:
    """What the CV gave beyond its skills: its name and kind, and the guessed background and years."""
    return {
        "file": reading.source,
        "kind": reading.kind,
        "background": reading.background.to_dict("background") if reading.background else None,
        "years_experience": reading.years.to_dict("years") if reading.years else None,
    }


def evidence_list(reading: CvReading, catalogue: Catalogue) -> list[dict[str, Any]]:
    """``[{"skill", "name", "level", "line", "text"}]``: the found skills, for JSON and the renderers."""
    return [{**f.to_dict(), "name": catalogue.skills[f.skill].name} for f in reading.found]


def add_evidence(report: dict[str, Any], reading: CvReading, catalogue: Catalogue) -> None:
    """Add ``evidence`` (each found skill, its level, line and text) and ``cv`` to an assess report."""
    report["evidence"] = evidence_list(reading, catalogue)
    report["cv"] = cv_summary(reading)
