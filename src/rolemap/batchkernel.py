"""The batch hot path: the engine's batch answer for one profile, from tables compiled once per run.

``assess --batch`` must score tens of thousands of profiles a second on one core. The engine
(:mod:`rolemap.scoring`, :mod:`rolemap.planning`) is written to be read; this module computes the same
summary (:func:`rolemap.batch.summarise`) from lookup tables built from the catalogue once per run:

* skills, roles and goals are small integers; a profile's levels are a list indexed by skill;
* a profile's state is one int, the sum of a precomputed int per skill it rates (for its level, given
  its background): every role's coverage in whole units (:class:`rolemap.scoring.RoleTable`) and every
  role's plan key, each in its own 64-bit field, above a count of ratings per skill (to catch one skill
  named twice). Fits are rounded in integers (the same answer as ``scoring.clamp``);
* a gap's study-plan row (priority, hours, fit gain per hour, its prerequisites as a bit mask) is
  precomputed per (role, skill, level held, level needed, importance); the plan order is a sort of
  those rows plus Kahn's algorithm over bit masks;
* a plan depends only on the levels of the skills that matter to the role (its requirements and their
  prerequisites), and only up to the highest level the role asks of each, so the plan key packs those
  levels as digits of one number, and plans are cached by it: a cohort shares many. The cache is
  bounded, so memory stays flat however long the input;
* the JSON text of every ``{"role": ..., "fit": ...}`` pair is prebuilt.

:meth:`BatchKernel.line` takes a decoded profile mapping and returns the result line, or ``None`` when
the profile is anything but plain (an alias in another spelling, a level word, a duplicate, a field
that needs a message...): the caller then takes the engine's own path, which gives the same answer or
the error. ``tests/test_batch.py`` checks the two paths agree, line for line, on thousands of profiles.
"""

from __future__ import annotations

import json
import operator
import struct
from operator import getitem
from typing import Any

from rolemap import planning, scoring
from rolemap.catalogue import Catalogue
from rolemap.profile import (
    CONTROL_CHARS,
    DEFAULT_HOURS,
    DEFAULT_REGION,
    GOAL_INDEX,
    INTEREST_KEYS,
    MAX_HOURS,
    MAX_YEARS,
    PROFILE_KEYS,
    Interests,
    Profile,
)

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_ONLY_INT = {int}
_MAX_ROLES = 8  # a role's index fits the 3 low bits of its ranking key
_CACHE_LIMIT = 4096
# Plans are cached in two generations of this many (about 0.5 KiB each): when the new one is full, the
# old one is dropped. Plans in use carry over, and memory stays flat however long the input.
_PLAN_GENERATION = 4096

# The fields of a plan row (a tuple, for speed). Rows sort by (priority, skill), as planning.gap_rows does.
# BIT and PREREQ_MASK number the skills that matter to the row's role from 0 (small ints are cheap).
# READY_LEVEL is the level the skill's prerequisites need first; LOW1 and LOW2 are BIT when the level
# held is below 1 (2), else 0: a gap with LOW<n> set blocks a skill whose READY_LEVEL is n.
(
    PRIORITY,
    SKILL,
    HAVE,
    NEED,
    IMPORTANCE,
    HOURS,
    RATE,
    CORE,
    QUOTED,
    BIT,
    PREREQ_MASK,
    GAIN,
    PER_HOURS,
    READY_LEVEL,
    LOW1,
    LOW2,
) = range(16)
_BITS, _HOURS, _LOW1, _LOW2 = (operator.itemgetter(field) for field in (BIT, HOURS, LOW1, LOW2))


class KernelUnavailable(Exception):
    """The catalogue is beyond what the tables can pack: every line takes the engine's path."""


class BatchKernel:
    """Catalogue tables for one batch run (``target`` and ``hours_per_week`` apply to every line)."""

    def __init__(self, catalogue: Catalogue, target: str | None = None, hours_per_week: float | None = None) -> None:
        skill_ids = sorted(catalogue.skills)  # index order is id order: equal priorities break ties by id
        index = {sid: k for k, sid in enumerate(skill_ids)}
        self._skill_index = {form: index[sid] for form, sid in catalogue.names("skill").forms().items()}
        self._backgrounds = catalogue.names("background").forms()
        self._regions = catalogue.names("region").forms()
        self._roles = catalogue.names("role").forms()
        self._goals = GOAL_INDEX.forms()
        self._fields = frozenset(PROFILE_KEYS) - {"progress"}

        tables = list(scoring.tables(catalogue).values())
        if len(tables) > _MAX_ROLES:
            raise KernelUnavailable(f"the batch kernel handles up to {_MAX_ROLES} roles")
        self._tables = tables
        role_ids = [t.role.id for t in tables]
        self._role_index = {rid: i for i, rid in enumerate(role_ids)}
        self._quoted_role = [f'"{rid}"' for rid in role_ids]

        # Ranking keys: fit in tenths * 64 + tie rank * 8 + role index, so that sorting plain ints
        # descending gives the engine's order (best fit first, then the role that is quicker to reach).
        order = sorted(range(len(tables)), key=lambda i: (tables[i].entry_hours, role_ids[i]))
        self._tie_key = [0] * len(tables)
        for rank, i in enumerate(order):
            self._tie_key[i] = (len(tables) - 1 - rank) * 8 + i
        fit_text: list[str | None] = [None] * (1001 * 64)
        for i, rid in enumerate(role_ids):
            for tenths in range(1001):
                fit_text[tenths * 64 + self._tie_key[i]] = f'{{"role":"{rid}","fit":{tenths / 10!r}}}'
        self._fit_text = fit_text.__getitem__
        self._fit_repr = [repr(tenths / 10) for tenths in range(1001)]

        self._prereqs = [tuple(index[p] for p in catalogue.skills[sid].prerequisites) for sid in skill_ids]
        self._hours = [
            tuple(tuple(catalogue.skills[sid].hours_between(a, b) for b in range(5)) for a in range(5))
            for sid in skill_ids
        ]
        self._quoted_skill = [f'"{sid}"' for sid in skill_ids]

        # scoring.clamp in integers. With coverage u units and a bonus of b whole tenths, the fit in
        # tenths is round(u / D + b / 10 + 1e-9, 1) * 10 = b + floor((20u + D + 2e-8 D) / 2D), and as 20u + D
        # is whole, 2e-8 D can be taken down to a whole number. Exact as long as the part dropped leaves
        # a margin far above float error (else the float path is used for every profile).
        self._denominator = tables[0].denominator
        full = tables[0].full
        nudge = 2e-8 * self._denominator
        margin = min(nudge % 1, 1 - nudge % 1) / (2 * self._denominator)
        self._tenths_offset = self._denominator + int(nudge)
        self._tenths_step = 2 * self._denominator if margin > 1e-11 else 0
        self._tenths_cap = tuple(1000 * 64 + tie for tie in self._tie_key)
        # The state holds each role's coverage as 20u + offset, the numerator above: a fit is one division.
        self._full_field = 20 * full + self._tenths_offset
        self._addends: dict[tuple[Any, ...], tuple[int, ...]] = {}

        # The levels that matter for each role's plan: what it requires, and what those requirements'
        # prerequisites must reach first. A level above that acts as that level, so a role's plan key is
        # the skills' levels, each capped there, as the digits of one mixed-radix number.
        plan_reqs = planning._tables(catalogue)[1]
        digits: list[dict[int, tuple[int, int]]] = []  # per role: skill -> (highest level that matters, weight)
        for rid in role_ids:
            levels_needed: dict[int, int] = {}
            todo = [(index[sid], level) for sid, level, _, _ in plan_reqs[rid]]
            while todo:
                k, level = todo.pop()
                if levels_needed.get(k, 0) >= level:
                    continue
                levels_needed[k] = level
                pl = planning.prerequisite_level(level)
                todo.extend((p, pl) for p in self._prereqs[k] if pl > 0)
            weight, role_digits = 1, {}
            for k in sorted(levels_needed):
                role_digits[k] = (levels_needed[k], weight)
                weight *= levels_needed[k] + 1
            if weight > 1 << 64:
                raise KernelUnavailable("a role's plan depends on too many skills for a 64-bit key")
            digits.append(role_digits)
        # Per role, the skills that matter to it numbered from 0: plan rows' bit masks stay small ints.
        self._bit = [{k: 1 << n for n, k in enumerate(sorted(role_digits))} for role_digits in digits]

        # The state int. Low bits: a count of ratings per skill, `width` bits each; then every role's
        # coverage, then every role's plan key, 64 bits each (struct unpacks them at once).
        forms_per_skill: dict[int, int] = {}
        for sid in catalogue.names("skill").forms().values():
            forms_per_skill[index[sid]] = forms_per_skill.get(index[sid], 0) + 1
        width = max(forms_per_skill.values()).bit_length() + 1
        count_bit = [1 << (width * k) for k in range(len(skill_ids))]
        self._twice = sum(((1 << width) - 2) << (width * k) for k in range(len(skill_ids)))  # a count of 2 or more
        base = -(-width * len(skill_ids) // 64) * 64
        coverage_at = [base + 64 * i for i in range(len(tables))]
        key_at = [base + 64 * (len(tables) + i) for i in range(len(tables))]
        self._state_fields = struct.Struct(f"<{2 * len(tables)}Q")
        self._fields_from = base // 8
        self._state_bytes = base // 8 + 16 * len(tables)
        if self._full_field >= 1 << 64:
            raise KernelUnavailable("role importances too varied for 64-bit coverage fields")
        needs: dict[int, list[tuple[int, int, int]]] = {}
        for i, t in enumerate(tables):
            for sid, need, per_level in t.reqs:
                needs.setdefault(index[sid], []).append((i, need, per_level))

        def state(k: int, level: int) -> int:
            """Skill k's part of the state at ``level`` (without its rating count)."""
            value = 0
            for i, need, per_level in needs.get(k, ()):
                value += 20 * per_level * min(level, need) << coverage_at[i]
            for i, role_digits in enumerate(digits):
                if k in role_digits:
                    top, weight = role_digits[k]
                    value += min(level, top) * weight << key_at[i]
            return value

        # Per background: its state, the levels it starts from, its own role, and per skill form the
        # change a rating at each level makes to the state (shared by a skill's forms).
        self._start: dict[str | None, tuple[int, list[int], int, dict[str, tuple[int, ...]]]] = {}
        for bg in (None, *catalogue.presets, *catalogue.roles):
            levels = [0] * len(skill_ids)
            for sid, level in catalogue.starting_levels(bg).items():
                levels[index[sid]] = level
            start = [state(k, levels[k]) for k in range(len(skill_ids))]
            change = [tuple(state(k, new) - start[k] + count_bit[k] for new in range(5)) for k in range(len(skill_ids))]
            ratings = {form: change[k] for form, k in self._skill_index.items()}
            offsets = sum(self._tenths_offset << at for at in coverage_at)
            self._start[bg] = (sum(start) + offsets, levels, self._role_index.get(bg, -1), ratings)
        self._plans: list[dict[int, tuple[str, int, str]]] = [{} for _ in role_ids]  # per role, by plan key
        self._older_plans: list[dict[int, tuple[str, int, str]]] = [{} for _ in role_ids]
        self._planned = 0

        # Per role: each requirement's plan row for every level held below it (None once it is met), read
        # for all requirements at once; the checks that tell whether a profile's gaps pull in a
        # prerequisite: (requirement, its level, prerequisite, the level it must reach first); and the
        # largest fit gain one row can give.
        self._units = [{index[sid]: w for sid, w in t.weights.items()} for t in tables]
        self._row_cache: dict[tuple[int, int, int, int, int], tuple[Any, ...]] = {}
        self._pull_checks: list[tuple[tuple[int, int, int, int], ...]] = []
        self._max_gain: list[float] = []
        self._held: list[Any] = []
        self._row_at: list[tuple[tuple[Any, ...], ...]] = []
        for t, rid in enumerate(role_ids):
            role_level = {index[sid]: level for sid, level, _, _ in plan_reqs[rid]}
            reqs = []  # (skill, rows by level held)
            checks = []
            for sid, level, importance, _ in plan_reqs[rid]:
                k = index[sid]
                pl = planning.prerequisite_level(level)
                checks.extend((k, level, p, pl) for p in self._prereqs[k] if pl > 0 and role_level.get(p, 0) < pl)
                reqs.append((k, tuple(self._row(t, k, have, level, importance) for have in range(level))))
            self._pull_checks.append(tuple(checks))
            self._max_gain.append(max((row[GAIN] for _, by_have in reqs for row in by_have), default=0.0))
            self._held.append(_tuple_getter([k for k, _ in reqs]))
            self._row_at.append(tuple(by_have + (None,) * (5 - len(by_have)) for _, by_have in reqs))

        self._bonuses: dict[tuple[Any, ...], list[float]] = {}
        self._tails: dict[tuple[int, float], str] = {}
        self._target = self._role_index[target] if target else None
        self._hours_per_week = float(hours_per_week) if hours_per_week is not None else None

    def _row(self, t: int, k: int, have: int, need: int, importance: int) -> tuple[Any, ...]:
        """The plan row for raising skill ``k`` from ``have`` to ``need`` in role ``t`` (built once)."""
        key = (t, k, have, need, importance)
        row = self._row_cache.get(key)
        if row is None:
            bits = self._bit[t]
            hours = self._hours[k][have][need]
            per = max(1, hours)
            gain = 0.0
            entry = self._units[t].get(k)
            if entry is not None:
                req_level, per_level = entry
                gain = per_level * (min(need, req_level) - min(have, req_level)) / self._denominator
            pl = planning.prerequisite_level(need)
            row = self._row_cache[key] = (
                -importance / per,
                k,
                have,
                need,
                importance,
                hours,
                gain / per,
                importance >= planning.CORE_IMPORTANCE,
                self._quoted_skill[k],
                bits[k],
                sum(bits.get(p, 0) for p in self._prereqs[k]),
                gain,
                per,
                pl,
                bits[k] if have < 1 else 0,
                bits[k] if have < 2 else 0,
            )
        return row

    def line(self, number: int, data: Any) -> str | None:
        """The result line for one decoded profile, or None: then use the engine's path (which may fail)."""
        if type(data) is not dict or not data.keys() <= self._fields:
            return None
        get = data.get
        name = get("name")
        if name is None:
            name = ""
        elif type(name) is not str or len(name) > 200 or CONTROL_CHARS.search(name):
            return None
        elif '"' in name or "\\" in name:
            name = ',"name":' + _dumps(name)
        else:
            name = ',"name":"' + name + '"'
        background = get("background")
        if background is not None:
            background = self._backgrounds.get(background) if type(background) is str else None
            if background is None:
                return None
        years = get("years_experience", 0)
        kind = type(years)
        if (kind is not int and kind is not float) or not 0 <= years <= MAX_YEARS:
            return None
        hours_per_week = get("hours_per_week", DEFAULT_HOURS)
        kind = type(hours_per_week)
        if (kind is not int and kind is not float) or not 1 <= hours_per_week <= MAX_HOURS:
            return None
        region = get("region")
        if region is not None and (type(region) is not str or region not in self._regions):
            return None
        target = get("target")
        if target is not None:
            target = self._roles.get(target) if type(target) is str else None
            if target is None:
                return None
        goal = daily_work = fine_tuned = used_gpus = shipped = None
        interests = get("interests")
        if interests is not None:
            if type(interests) is not dict:
                return None
            for key, value in interests.items():
                if value is None:
                    if key not in INTEREST_KEYS:
                        return None
                elif key == "goal":
                    goal = self._goals.get(value) if type(value) is str else None
                    if goal is None:
                        return None
                elif key == "daily_work":
                    daily_work = self._goals.get(value) if type(value) is str else None
                    if daily_work is None:
                        return None
                elif type(value) is not bool:
                    return None
                elif key == "fine_tuned":
                    fine_tuned = value
                elif key == "used_gpus":
                    used_gpus = value
                elif key == "shipped_to_production":
                    shipped = value
                else:
                    return None
        if self._hours_per_week is not None:
            hours_per_week = self._hours_per_week

        # -- the state: the background's, plus what each rated skill changes
        state, start_levels, current, ratings = self._start[background]
        skills = get("skills")
        if skills:
            if type(skills) is not dict:
                return None
            rated = skills.values()
            if {*map(type, rated)} != _ONLY_INT or min(rated) < 0:
                return None
            try:
                for raw, level in skills.items():
                    state += ratings[raw][level]
            except (KeyError, IndexError):
                return None
            if state & self._twice:
                return None  # one skill named twice (by its id and by an alias)
        elif skills is not None and type(skills) is not dict:
            return None
        fields = self._state_fields.unpack_from(state.to_bytes(self._state_bytes, "little"), self._fields_from)

        # -- fits, in tenths, as ranking keys
        answers = (
            background,
            min(scoring.YEARS_BONUS_CAP_YEARS, years),
            goal,
            daily_work,
            fine_tuned,
            used_gpus,
            shipped,
        )
        bonuses = self._bonuses.get(answers)
        if bonuses is None:
            if len(self._bonuses) > _CACHE_LIMIT:
                self._bonuses.clear()
                self._addends.clear()
            bonuses = self._bonuses[answers] = self._bonus(
                background, float(years), Interests(goal, daily_work, fine_tuned, used_gpus, shipped)
            )
            tenths = [round(b * 10) for b in bonuses]
            if self._tenths_step and all(abs(b * 10 - n) < 1e-9 for b, n in zip(bonuses, tenths, strict=False)):
                self._addends[answers] = tuple(n * 64 + tie for n, tie in zip(tenths, self._tie_key, strict=False))
        addends = self._addends.get(answers)
        if addends is not None:  # whole tenths of bonus: the fit in tenths by integer arithmetic
            step = self._tenths_step
            keys = [v // step * 64 + add for v, add in zip(fields, addends, strict=False)]
            if max(keys) >= 1001 * 64:  # a fit over 100 with its bonus: capped at 100
                keys = [min(cap, key) for key, cap in zip(keys, self._tenths_cap, strict=False)]
        else:
            keys = []
            denominator, offset = self._denominator, self._tenths_offset
            for v, bonus, tie in zip(fields, bonuses, self._tie_key, strict=False):
                x = (v - offset) // 20 / denominator + bonus
                if x >= 100.0:
                    tenths = 1000
                else:  # scoring.clamp without a call to round(), except within a hair of a rounding boundary
                    z = (x + 1e-9) * 10.0 + 0.5
                    tenths = int(z)
                    z -= tenths
                    if z < 1e-6 or z > 0.999999:
                        tenths = round(scoring.clamp(x) * 10)
                keys.append(tenths * 64 + tie)
        ranked = sorted(keys, reverse=True)

        # -- the target: asked for, else the profile's, else the best fit that is not the current job
        t = self._target
        if t is None:
            if target is not None:
                t = self._role_index[target]
            else:
                for key in ranked:
                    i = key & 7
                    if i != current and fields[i] != self._full_field:
                        t = i
                        break
                else:
                    t = next((key & 7 for key in ranked if key & 7 != current), ranked[0] & 7)

        # -- gaps, study order and next best skill: cached by the role's plan key, unless the fit is so
        # close to 100 that the gains are capped by the room left
        x = (fields[t] - self._tenths_offset) // 20 / self._denominator + bonuses[t]
        room = 100.0 - x if x < 100.0 else 0.0
        if room < self._max_gain[t]:
            gaps, total, best_text = self._plan(t, self._levels(start_levels, skills), room)
        else:
            key = fields[len(ranked) + t]
            plans = self._plans[t]
            plan = plans.get(key)
            if plan is None:
                plan = self._older_plans[t].get(key)
                if plan is None:
                    plan = self._plan(t, self._levels(start_levels, skills), None)
                plans[key] = plan
                self._planned += 1
                if self._planned == _PLAN_GENERATION:
                    self._older_plans = self._plans
                    self._plans = [{} for _ in self._plans]
                    self._planned = 0
            gaps, total, best_text = plan

        tail = self._tails.get((total, hours_per_week))
        if tail is None:
            if len(self._tails) > _CACHE_LIMIT:
                self._tails.clear()
            tail = self._tails[(total, hours_per_week)] = _tail(total, hours_per_week)
        return (
            f'{{"line":{number}{name},"target":{self._quoted_role[t]},"target_fit":{self._fit_repr[keys[t] >> 6]},'
            f'"ranking":[{",".join(map(self._fit_text, ranked))}],"gaps":[{gaps}],'
            f'"next_best_skill":{best_text}{tail}'
        )

    def _levels(self, start: list[int], skills: dict[str, int] | None) -> list[int]:
        """Every skill's level (by index): the background's, with the rated ones in their place."""
        levels = start[:]
        if skills:
            index = self._skill_index
            for raw, level in skills.items():
                levels[index[raw]] = level
        return levels

    def _plan(self, t: int, levels: list[int], room: float | None) -> tuple[str, int, str]:
        """The gaps (as JSON list items), their hours and the next best skill (as JSON) for role ``t``.

        ``room``: the fit points left under 100, when a gain could exceed them (else None).
        """
        rows = [*filter(None, map(getitem, self._row_at[t], self._held[t](levels)))]
        if not rows:
            return "", 0, "null"
        for k, level, p, pl in self._pull_checks[t]:
            if levels[p] < pl and levels[k] < level:  # a gap pulls in a prerequisite (or raises its level)
                rows = self._with_prerequisites(t, levels, rows)
                break

        # Study order: priority first, prerequisites before what needs them (Kahn's algorithm, over bit
        # masks). A skill is ready to study (for the next best skill) unless a prerequisite is still a gap
        # held below the level it needs first (READY_LEVEL): `low` has the bits of such gaps.
        rows.sort()
        need = sum(map(_BITS, rows))
        total = sum(map(_HOURS, rows))
        low = (0, sum(map(_LOW1, rows)), sum(map(_LOW2, rows)))
        order: list[str] = []
        place = order.append
        waiting = []
        best = best_core = None
        best_at = best_core_at = -1.0 + 1e-12
        for row in rows:
            if row[PREREQ_MASK] & need:
                waiting.append(row)
                continue
            while row is not None:  # place the row, then any waiting row it unblocked
                need ^= row[BIT]
                place(row[QUOTED])
                if not row[PREREQ_MASK] & low[row[READY_LEVEL]]:
                    rate = row[RATE] if room is None else min(row[GAIN], room) / row[PER_HOURS]
                    if rate > best_at:
                        best, best_at = row, rate + 1e-12
                    if row[CORE] and rate > best_core_at:
                        best_core, best_core_at = row, rate + 1e-12
                row = None
                if waiting:
                    for j, w in enumerate(waiting):
                        if not w[PREREQ_MASK] & need:
                            del waiting[j]
                            row = w
                            break
        chosen = best_core or best
        return ",".join(order), total, chosen[QUOTED] if chosen is not None else order[0]

    def _with_prerequisites(self, t: int, levels: list[int], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The gaps with the prerequisites they pull in.

        The same walk as planning.gap_rows, in the same order (importance passes down the order
        skills are visited in); rows whose level and importance did not change are kept.
        """
        prereqs = self._prereqs
        need: dict[int, int] = {}
        importance: dict[int, int] = {}
        work = []
        for row in rows:
            k = row[SKILL]
            need[k] = row[NEED]
            importance[k] = row[IMPORTANCE]
            if prereqs[k]:
                work.append(k)
        required = set(need)
        changed = set()
        while work:
            k = work.pop()
            pl = planning.prerequisite_level(need[k])
            mine = importance[k]
            for pre in prereqs[k]:
                current = need.get(pre, 0)
                if pl > current and pl > levels[pre]:
                    need[pre] = pl
                    if importance.get(pre, 0) < mine:
                        importance[pre] = mine
                    changed.add(pre)
                    if prereqs[pre]:
                        work.append(pre)
                elif current and pre not in required and importance[pre] < mine:
                    importance[pre] = mine
                    changed.add(pre)
        out = [row for row in rows if row[SKILL] not in changed]
        for k in changed:
            out.append(self._row(t, k, levels[k], need[k], importance[k]))
        return out

    def _bonus(self, background: str | None, years: float, interests: Interests) -> list[float]:
        profile = Profile({}, background, years, DEFAULT_HOURS, DEFAULT_REGION, None, interests, None, {}, {})
        return [scoring.bonus_total(t, profile) for t in self._tables]


def _tuple_getter(indices: list[int]) -> Any:
    """``f(seq) -> tuple(seq[i] for i in indices)``, in C (itemgetter gives a bare item for one index)."""
    if len(indices) > 1:
        return operator.itemgetter(*indices)
    return lambda seq: tuple(seq[i] for i in indices)


def _tail(total: int, hours_per_week: float) -> str:
    def ceil(x: float) -> int:
        n = int(x)
        return n + 1 if x > n else n

    shown = int(hours_per_week) if float(hours_per_week).is_integer() else hours_per_week
    return (
        f',"total_hours":{total},"total_weeks":{ceil(total / hours_per_week)},'
        f'"weeks_low":{ceil(total * planning.RANGE_LOW / hours_per_week)},'
        f'"weeks_high":{ceil(total * planning.RANGE_HIGH / hours_per_week)},"hours_per_week":{shown!r}}}'
    )
