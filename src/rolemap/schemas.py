"""The published contract: JSON Schemas (from pydantic models) of rolemap's machine formats.

``rolemap schema assess|compare|profile`` prints them. The models mirror what ``assess --json``
and ``compare --json`` print and what a profile file may hold; the tests validate real output and
sample profiles against these schemas, so the contract and the output cannot drift apart. Every
object forbids keys it does not list, so a new output field must be added here too.

Only ``rolemap schema`` imports this module (it needs pydantic).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

SCHEMA_VERSION = "1"
Level = Field(ge=0, le=4)


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SalaryBand(_Out):
    role: str
    level: str = Field(description="junior, mid, senior, staff, or all (one figure for every level)")
    region: str
    currency: str = Field(description="ISO 4217 code")
    low: int
    high: int
    basis: Literal["base", "total_comp", "wage", "unstated"] = Field(
        description="wage: an OEWS (BLS) wage, which excludes equity; unstated: the source does not say"
    )
    basis_label: str = Field(description="the basis in words, as the terminal and exports print it")
    statistic: Literal["range", "median", "mean"]
    year: int = Field(description="the year the figure describes")
    source: str = Field(description="article title or publisher of the figure")
    url: str = Field(description="the page the figure is on; empty only when evidence is untraceable")
    evidence: Literal["primary", "secondary", "article", "untraceable"] = Field(
        description="what you can rely on: primary, the publisher's own page; secondary, third parties citing it; "
        "article, a career article's own figure; untraceable, no page to check it on"
    )
    note: str


class SalaryEntry(_Out):
    level: str = Field(description="the level of the bands in salary: the one the person would likely enter at")
    years_level: str = Field(description="the level the person's years of experience give")
    career_change: bool = Field(description="the person's background is not the target role")
    basis: Literal["years", "rolemap-judgement"] = Field(
        description="years: the level the years give; rolemap-judgement: a career changer's entry level"
    )
    rule: str


class Estimates(_Out):
    """What in the figures is rolemap's own."""

    hours: Literal["rolemap-estimate"]
    importance: Literal["rolemap-judgement"]
    need: str = Field(description="the required levels: rolemap's judgement unless a requirement says otherwise")


class SkillPoints(_Out):
    skill: str
    name: str
    have: int = Level
    need: int = Level
    importance: int = Field(ge=1, le=5)
    points: float = Field(description="fit points earned (strengths) or still missing (missing)")


class Explanation(_Out):
    coverage: float = Field(ge=0, le=100, description="importance-weighted coverage of required levels, 0-100")
    bonus: dict[Literal["background", "goal", "signals"], float]
    met: int
    required: int
    strengths: list[SkillPoints]
    missing: list[SkillPoints]
    summary: str


class RoleFit(_Out):
    role: str
    title: str
    fit: float = Field(ge=0, le=100)
    current: bool = Field(description="the person's background is this role")
    explanation: Explanation


class Gap(_Out):
    skill: str
    name: str
    have: int = Level
    need: int = Level
    importance: int = Field(ge=1, le=5)
    hours: int = Field(ge=1, description="rolemap's own estimate")
    layer: Literal["foundation", "ai-craft", "production"]
    why: str
    kind: Literal["required", "prerequisite"]


class Step(_Out):
    skill: str
    name: str
    from_: int = Field(alias="from", ge=0, le=4)
    to: int = Level
    hours: int
    start_week: int = Field(ge=1)
    end_week: int = Field(ge=1)
    cumulative_hours: int


class Milestone(_Out):
    title: str
    skills: list[str]
    week: int = Field(ge=0, description="0: done already")
    done: bool = Field(description="every skill it needs is already at the role's level (shown as ✓, week 0)")


class Plan(_Out):
    role: str
    total_hours: int = Field(ge=0)
    total_weeks: int = Field(ge=0)
    weeks_low: int = Field(ge=0)
    weeks_high: int = Field(ge=0)
    hours_per_week: float = Field(ge=1, le=80)
    steps: list[Step]
    milestones: list[Milestone]
    apply_ready_hours: int | None = Field(
        ge=0, description="hours into the plan when the role's apply-ready rule holds (0: now); null: no rule"
    )
    apply_ready_week: int | None = Field(ge=0, description="the week that happens at your pace (0: now)")
    apply_ready_rule: str | None = Field(description="the role's apply-ready rule, as roles.yaml states it")
    apply_ready_source: str | None = Field(
        description="the rule's source id; rolemap-judgement where no source states it"
    )


class NextBestSkill(_Out):
    skill: str
    name: str
    from_: int = Field(alias="from", ge=0, le=4)
    to: int = Level
    hours: int
    fit_gain: float
    fit_gain_per_10_hours: float
    kind: Literal["required", "prerequisite"] = Field(
        description="prerequisite: needed before a later step, raises the fit by nothing itself"
    )


class TransitionClaim(_Out):
    from_: str = Field(alias="from", description="a background or role id")
    to: str
    kind: Literal["apply", "job-ready", "advice"] = Field(
        description="apply: when to start applying; job-ready: fully up to speed; advice: what to learn"
    )
    claim: str = Field(description="the claim in rolemap's words")
    weeks_low: int | None = Field(description="the claim in weeks (a month = 4.35 weeks); null: no figure")
    weeks_high: int | None
    source: str = Field(description="the source id in roles.yaml")
    source_name: str
    quote: str = Field(description="the source's own words, briefly")


class ProfileSummary(_Out):
    name: str | None
    background: str | None
    years_experience: float
    region: str
    hours_per_week: float


class Evidence(_Out):
    """A skill found in a CV: the level its best line gives (1-3) and that line."""

    skill: str
    name: str
    level: int = Field(ge=1, le=3, description="mentioned 1; used in a role's bullet 2; years or led/designed/owned 3")
    line: int = Field(ge=1, description="line number in the document's text")
    text: str = Field(description="the line itself")


class BackgroundGuess(_Out):
    background: str
    line: int = Field(ge=1)
    text: str


class YearsGuess(_Out):
    years: float = Field(ge=0, le=60)
    line: int = Field(ge=1)
    text: str


class CvSummary(_Out):
    file: str = Field(description="the file name as given ('standard input' for -)")
    kind: Literal["text", "pdf", "docx"]
    background: BackgroundGuess | None = Field(description="the first job title or degree naming a background")
    years_experience: YearsGuess | None = Field(description='from "N years of experience"')


class AssessOutput(_Out):
    """`rolemap assess --json`"""

    model_config = ConfigDict(title="rolemap assess --json")
    profile: ProfileSummary
    ranking: list[RoleFit] = Field(description="every role, best fit first")
    target: str
    target_title: str
    target_reason: Literal["asked", "profile", "goal", "source", "best-fit"] = Field(
        description="goal: the best-fitting role whose goal is the one the profile states; source: the "
        "best-fitting move a source advises from the background (transition claims of kind advice)"
    )
    gaps: list[Gap] = Field(
        description="in study order: of the steps whose prerequisites are met, the most fit per hour first"
    )
    plan: Plan
    next_best_skill: NextBestSkill | None
    salary_level: str = Field(description="the level of the bands in salary (see salary_entry)")
    salary: list[SalaryBand] = Field(description="the bands at salary_level, traceable ones first")
    salary_entry: SalaryEntry | None = Field(description="how salary_level was chosen")
    salary_context: list[SalaryBand] = Field(
        description="for a career change: the bands at the level the person's years give, for context"
    )
    estimates: Estimates
    transition_claims: list[TransitionClaim] = Field(
        default=[], description="what the sources say about a move from the profile's background to the target"
    )
    evidence: list[Evidence] | None = Field(default=None, description="with --cv: the skills found in the CV")
    cv: CvSummary | None = Field(default=None, description="with --cv: what else was read from the CV")


class AdSkill(_Out):
    skill: str
    name: str
    need: int = Field(ge=1, le=4, description="the level the ad wants")
    required: bool = Field(description="false: nice to have")
    line: int = Field(ge=1, description="the line of the ad that asks for it")
    text: str
    level_from: Literal["ad", "nearest-role"] = Field(description="a cue word in the ad, or the nearest role's level")


class NearestRole(_Out):
    role: str
    title: str
    overlap: float = Field(ge=0, le=100, description="weighted overlap with the ad, as in compare")


class AdInfo(_Out):
    file: str
    title: str
    skills: list[AdSkill]
    nearest_role: NearestRole


class MustHave(_Out):
    met: int = Field(ge=0)
    of: int = Field(ge=0)


class MatchGap(Gap):
    must_have: bool = Field(description="needed to meet the ad's must-haves (else only for nice-to-haves)")


class MatchOutput(_Out):
    """`rolemap match AD --json` (one ad)"""

    model_config = ConfigDict(title="rolemap match --json (one ad)")
    ad: AdInfo
    fit: float = Field(ge=0, le=100)
    explanation: Explanation
    must_have: MustHave
    ready_to_apply: bool
    gaps: list[MatchGap] = Field(description="every gap, in study order")
    plan: Plan = Field(description="the plan to meet every must-have: when it is done, you are ready to apply")
    next_best_skill: NextBestSkill | None
    salary_level: str
    salary: list[SalaryBand] = Field(description="the nearest role's bands")
    profile: ProfileSummary
    evidence: list[Evidence] | None = Field(default=None, description="with --cv: the skills found in the CV")
    cv: CvSummary | None = None


class AdRank(_Out):
    file: str
    title: str
    fit: float = Field(ge=0, le=100)
    ready_to_apply: bool
    weeks_to_ready: int = Field(ge=0)
    hours_to_ready: int = Field(ge=0)
    must_have: MustHave
    nearest_role: str


class MatchManyOutput(_Out):
    """`rolemap match AD AD... --json` (several ads)"""

    model_config = ConfigDict(title="rolemap match --json (several ads)")
    ranking: list[AdRank] = Field(description="best fit first, then the quickest to be ready for")
    matches: list[MatchOutput] = Field(description="each ad's match, in ranking order")
    evidence: list[Evidence] | None = None
    cv: CvSummary | None = None


class MatchSchema(RootModel[MatchOutput | MatchManyOutput]):
    """`rolemap match --json`: one ad's match, or several ads ranked."""

    model_config = ConfigDict(title="rolemap match --json")


class Related(_Out):
    role: str
    title: str
    relation: Literal["step-up", "neighbour", "overlaps"]
    note: str


class RequirementRow(_Out):
    skill: str
    name: str
    layer: Literal["foundation", "ai-craft", "production"]
    importance: int = Field(ge=1, le=5, description="rolemap's judgement (see importance_basis)")
    level: int = Level
    why: str
    source: str = Field(description="the source id behind the requirement; rolemap-judgement where none supports it")
    source_name: str = Field(description="the source's publisher and year, or rolemap's own judgement")
    quote: str = Field(description="the source's own words (empty for rolemap-judgement)")
    sourced: bool = Field(description="a source supports the requirement")
    level_basis: Literal["source", "rolemap-judgement"] = Field(
        description="source: the quote states the level; rolemap-judgement: the level is rolemap's own estimate"
    )
    importance_basis: Literal["rolemap-judgement"] = Field(description="weights are always rolemap's own")


class SourceRef(_Out):
    id: str
    title: str
    publisher: str
    year: int


class RoleMilestone(_Out):
    title: str
    skills: list[str]


class RoleView(_Out):
    """One role, as `rolemap show ROLE --json` prints it."""

    id: str
    title: str
    aliases: list[str]
    synonyms: list[str]
    summary: str
    goal: str
    day_to_day: list[str]
    deliverables: list[str]
    not_your_role_if: list[str]
    choose_if: list[str]
    entry_backgrounds: list[str]
    related: list[Related]
    milestones: list[RoleMilestone]
    requirements: list[RequirementRow]
    estimates: str = Field(description="what in the requirements is rolemap's own estimate")
    salaries: list[SalaryBand]
    sources: list[SourceRef]


class Pair(_Out):
    roles: list[str] = Field(min_length=2, max_length=2)
    overlap: float = Field(ge=0, le=100)


class CompareOutput(_Out):
    """`rolemap compare ROLE ROLE [ROLE...] --json`"""

    model_config = ConfigDict(title="rolemap compare --json")
    roles: list[RoleView] = Field(description="in argument order")
    overlap: float = Field(ge=0, le=100, description="importance-weighted overlap; the mean of the pairs for 3+ roles")
    shared: list[str] = Field(description="skills every role requires")
    only: dict[str, list[str]] = Field(description="per role, skills no other compared role requires")
    region: str | None
    pay_basis: str | None = Field(
        description="the basis every role's salaries were narrowed to, so that like is compared with like; "
        "null: the roles share no basis and every band is shown with its own"
    )
    pairs: list[Pair] | None = Field(default=None, description="pairwise overlaps, with 3+ roles")
    fit: dict[str, RoleFit] | None = Field(default=None, description="the person's fit, with --profile")


LevelValue = int | Literal["none", "aware", "working", "strong", "expert"]
Goal = Literal["build-products", "train-models", "analyse-data", "build-software", "research", "design-systems"]


class Interests(BaseModel):
    model_config = ConfigDict(extra="forbid")
    goal: Goal | None = Field(default=None, description="what you want to spend your days doing")
    daily_work: Goal | None = Field(default=None, description="what your days are spent on now")
    fine_tuned: bool | None = None
    used_gpus: bool | None = None
    shipped_to_production: bool | None = None


class ProgressEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    from_: int = Field(alias="from", ge=0, le=4, description="the level before you marked it learned")
    to: int = Field(ge=0, le=4)
    date: str | None = Field(default=None, description="ISO date it was marked")


class ProfileDocument(BaseModel):
    """A rolemap profile (YAML or JSON): what `--profile` reads and `--save` / `rolemap mark` write."""

    model_config = ConfigDict(extra="forbid", title="rolemap profile")
    name: str | int | None = None
    background: str | None = Field(default=None, description="a background preset or role id (`rolemap roles`)")
    years_experience: float | None = Field(default=None, ge=0, le=60)
    skills: dict[str, Any] | None = Field(
        default=None,
        description="skill id or alias -> level 0-4 (or none/aware/working/strong/expert); `rolemap skills` lists them",
        json_schema_extra={
            "additionalProperties": {
                "anyOf": [
                    {"type": "integer", "minimum": 0, "maximum": 4},
                    {"enum": ["none", "aware", "working", "strong", "expert"]},
                ]
            }
        },
    )
    hours_per_week: float | None = Field(default=None, ge=1, le=80)
    region: str | None = Field(default=None, description="a region with salary data: us, uk, in")
    target: str | None = Field(default=None, description="a role id or alias")
    interests: Interests | None = None
    progress: dict[str, ProgressEntry] | None = Field(
        default=None, description="skills marked learned with `rolemap mark`: where they started"
    )


class CohortError(_Out):
    line: int = Field(description="the line (CSV: the row) of the input")
    error: str
    hint: str | None = Field(default=None, description="how to put it right, when rolemap knows (else absent)")


class CohortRole(_Out):
    role: str
    title: str
    best_fit_count: int = Field(description="profiles whose best fit this role is")
    target_count: int = Field(description="profiles whose plan targets this role")
    p25_hours: int | None = Field(description="25th percentile of the study hours to reach the role (nearest rank)")
    median_hours: int | None
    p75_hours: int | None
    p25_weeks: int | None = Field(description="the same in weeks, at each person's hours per week")
    median_weeks: int | None
    p75_weeks: int | None
    ready_to_apply_share: float | None = Field(
        description="share of profiles ready to apply for the role now; null where not reported"
    )


class CohortGap(_Out):
    skill: str
    name: str
    profiles: int = Field(description="profiles whose target needs this skill and who lack it")
    share: float = Field(description="profiles / all profiles scored, 0-1")
    median_hours: int | None


class CohortOutput(_Out):
    profiles: int = Field(description="profiles scored")
    errors: int = Field(description="bad lines, left out")
    first_errors: list[CohortError] = Field(description="the first five bad lines")
    roles: list[CohortRole] = Field(description="every role, most often the best fit first")
    top_gaps: list[CohortGap] = Field(description="the ten skills most often missing from the targets")
    estimates: str = Field(description="what is rolemap's own estimate in these figures")


class BatchFit(_Out):
    role: str
    fit: float = Field(description="0-100, one decimal")


class BatchResult(_Out):
    """One profile's line: the figures of `rolemap assess --json` without explanations, steps,
    milestones, salary or claims."""

    line: int = Field(description="the profile's line in the input (CSV: its row, the header being row 1)")
    name: str | None = Field(default=None, description="the profile's name, when it has one (else absent)")
    target: str = Field(description="the role planned for (see target_reason in assess --json)")
    target_fit: float
    ranking: list[BatchFit] = Field(description="every role, best fit first")
    gaps: list[str] = Field(description="the skills to study, in study order (skill ids)")
    next_best_skill: str | None = Field(description="the first gap; null when there is none")
    total_hours: int = Field(description="rolemap's own estimate of the hours all the gaps take")
    total_weeks: int = Field(description="at hours_per_week")
    weeks_low: int
    weeks_high: int
    hours_per_week: float


class BatchError(_Out):
    """A line that could not be scored; the run goes on, and ends with exit code 1."""

    line: int = Field(description="the line (CSV: the row) of the input")
    error: str = Field(description="what is wrong, with where: 'line N: field: problem'")
    hint: str | None = Field(default=None, description="how to put it right, when rolemap knows (else absent)")


class BatchLine(RootModel[BatchResult | BatchError]):
    """`rolemap assess --batch FILE`: one JSON object per line, a result or an error, in input order."""

    model_config = ConfigDict(title="rolemap assess --batch (one line)")


class SalaryOutput(_Out):
    """`rolemap salary ROLE --json`"""

    model_config = ConfigDict(title="rolemap salary --json")
    role: str
    title: str
    region: str | None
    level: str | None
    salaries: list[SalaryBand] = Field(description="traceable bands first")
    caveat: str
    message: str | None = Field(default=None, description="why there is no band")


class PlanOutput(_Out):
    """`rolemap plan --json`: the plan as first made, what is done of it, and the plan from here."""

    model_config = ConfigDict(title="rolemap plan --json")
    target: str
    target_title: str
    fit: float = Field(description="the target fit now, 0-100, one decimal")
    percent: float = Field(ge=0, le=100, description="share of the first plan's hours done, one decimal")
    hours_total: int = Field(ge=0, description="the first plan's hours (rolemap's own estimates)")
    hours_done: int = Field(ge=0)
    hours_left: int = Field(ge=0, description="the plan from here")
    weeks_left: int = Field(ge=0, description="at the profile's hours per week")
    done: list[str] = Field(description="skill ids of the first plan's steps now done")
    plan: Plan = Field(description="the plan as it was before the skills marked learned (rolemap mark)")
    remaining: Plan = Field(description="the plan from here")
    next_best_skill: NextBestSkill | None


class MarkOutput(_Out):
    """`rolemap mark SKILL --json`: what was recorded, and the plan's hours before and after."""

    model_config = ConfigDict(title="rolemap mark --json")
    skill: str
    name: str
    previous: int = Field(ge=0, le=4, description="the level before")
    previous_from: Literal["skills", "background", "none"] = Field(
        description="where that level came from: the profile's skills, its background's starting levels, or nowhere (0)"
    )
    level: int = Level
    target: str
    target_title: str
    hours_left_before: int = Field(ge=0)
    hours_left: int = Field(ge=0)
    weeks_left: int = Field(ge=0)
    profile: str = Field(description="the profile file")
    changed: bool = Field(description="false: the skill was at that level already, and the file is as it was")


class ShowOutput(RoleView):
    """`rolemap show ROLE --json`"""

    model_config = ConfigDict(title="rolemap show --json")


SCHEMAS: dict[str, type[BaseModel]] = {
    "assess": AssessOutput,
    "compare": CompareOutput,
    "salary": SalaryOutput,
    "show": ShowOutput,
    "profile": ProfileDocument,
    "match": MatchSchema,
    "cohort": CohortOutput,
    "batch": BatchLine,
    "plan": PlanOutput,
    "mark": MarkOutput,
}


def schema_for(name: str) -> dict[str, Any]:
    model = SCHEMAS[name]
    schema: dict[str, Any] = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["x-rolemap-schema-version"] = SCHEMA_VERSION
    schema["$comment"] = NUMBERS
    return schema


#: How rolemap writes numbers, in every JSON it prints (``rolemap.render.jsonout.plain``).
NUMBERS = (
    "Numbers: a whole value is written as an integer (100, not 100.0) wherever it appears; "
    "other values with their decimals (62.5). Both are JSON numbers, valid where the type is number."
)
