"""The batch hot path: the engine's batch answer for one profile, from tables compiled once per run.

``assess --batch`` must score tens of thousands of profiles a second on one core. The engine
(:mod:`rolemap.scoring`, :mod:`rolemap.planning`) is written to be read; this module computes the same
summary (:func:`rolemap.batch.summarise`) from lookup tables built from the catalogue once per run:

* skills, roles and goals are small integers; a profile's levels are a list indexed by skill;
* coverage is counted in whole units (:class:`rolemap.scoring.RoleTable`), each role's in its own 64-bit
  field of one int: a profile's coverage of every role is its background's int plus one precomputed int
  per skill it rates, and fits are rounded in integers (the same answer as ``scoring.clamp``);
* a gap's study-plan row (priority, hours, fit gain per hour, its prerequisites as a bit mask) is
  precomputed per (role, skill, level held, level needed, importance); the plan order is a sort of
  those rows plus Kahn's algorithm over bit masks;
* a plan depends only on the levels of the skills that matter to the role (its requirements and their
  prerequisites, each up to the highest level any role asks of it), so plans are cached by those levels:
  a cohort shares many. The cache is bounded, so memory stays flat however long the input;
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
from typing import Any

from rolemap import planning, scoring
from rolemap.catalogue import Catalogue
from rolemap.profile import (CONTROL_CHARS, DEFAULT_HOURS, DEFAULT_REGION, GOAL_INDEX, INTEREST_KEYS, MAX_HOURS,
                             MAX_YEARS, PROFILE_KEYS, Interests, Profile)

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_ONLY_INT = {int}
_MAX_ROLES = 8  # a role's index fits the 3 low bits of its ranking key
_CACHE_LIMIT = 4096
_PLAN_CACHE_LIMIT = 8192  # plans kept (about 0.5 KiB each), so memory stays flat however long the input

# The fields of a plan row (a tuple, for speed). Rows sort by (priority, skill), as planning.gap_rows does.
PRIORITY, SKILL, HAVE, NEED, IMPORTANCE, HOURS, RATE, CORE, QUOTED, BIT, PREREQ_MASK, READY_AT, GAIN, PER_HOURS = range(14)


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
            raise ValueError(f"the batch kernel handles up to {_MAX_ROLES} roles")
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
        self._prereq_mask = [sum(1 << p for p in pre) for pre in self._prereqs]
        self._hours = [tuple(tuple(catalogue.skills[sid].hours_between(a, b) for b in range(5)) for a in range(5))
                       for sid in skill_ids]
        self._quoted_skill = [f'"{sid}"' for sid in skill_ids]

        # Coverage is counted in whole units (scoring.RoleTable), every role's in its own bit field of one
        # int: a profile's coverage of all roles is its background's int plus one precomputed int per
        # skill it rates (the change that skill's level makes, in every role that needs it).
        self._denominator = tables[0].denominator
        self._full = tables[0].full
        if self._full >= 1 << 63:
            raise ValueError("role importances too varied for 64-bit coverage fields")
        self._shifts = [64 * i for i in range(len(tables))]  # 64-bit fields: struct unpacks them all at once
        self._unpack = struct.Struct(f"<{len(tables)}Q").unpack
        self._bytes = 8 * len(tables)
        # scoring.clamp in integers. With coverage u units and a bonus of b whole tenths, the fit in
        # tenths is round(u / D + b / 10 + 1e-9, 1) * 10 = b + floor((20u + D + 2e-8 D) / 2D), and as 20u + D
        # is whole, 2e-8 D can be taken down to a whole number. Exact as long as the part dropped leaves
        # a margin far above float error (else the float path is used for every profile).
        nudge = 2e-8 * self._denominator
        margin = min(nudge % 1, 1 - nudge % 1) / (2 * self._denominator)
        self._tenths_offset = self._denominator + int(nudge)
        self._tenths_step = 2 * self._denominator if margin > 1e-11 else 0
        self._tenths_bonus: dict[tuple[Any, ...], list[int]] = {}
        needs: dict[int, list[tuple[int, int, int]]] = {}
        for i, t in enumerate(tables):
            for sid, need, per_level in t.reqs:
                needs.setdefault(index[sid], []).append((i, need, per_level))
        self._delta = [
            tuple(tuple(sum(per_level * (min(new, need) - min(old, need)) << self._shifts[i]
                            for i, need, per_level in needs.get(k, ()))
                        for new in range(5)) for old in range(5))
            for k in range(len(skill_ids))
        ]

        # The levels that matter for each role's plan: what it requires, and what those requirements'
        # prerequisites must reach first. A level above every role's need for a skill acts as that need, so
        # levels are clamped to it: profiles that differ only above it share a cached plan.
        plan_reqs = planning._tables(catalogue)[1]
        matters: list[dict[int, int]] = []
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
            matters.append(levels_needed)
        cap = [max((m.get(k, 0) for m in matters), default=0) for k in range(len(skill_ids))]
        self._clamp = [tuple(min(level, cap[k]) for level in range(5)) for k in range(len(skill_ids))]
        self._relevant = [operator.itemgetter(*sorted(m)) for m in matters]
        self._plans: list[dict[Any, tuple[str, int, str]]] = [{} for _ in role_ids]
        self._planned = 0

        # Per background: every role's coverage (packed), the levels it starts from, and its own role.
        self._start: dict[str | None, tuple[int, list[int], int]] = {}
        for bg in (None, *catalogue.presets, *catalogue.roles):
            start = catalogue.starting_levels(bg)
            levels = [0] * len(skill_ids)
            for sid, level in start.items():
                levels[index[sid]] = self._clamp[index[sid]][level]
            packed = sum(scoring.coverage_units(t, start) << self._shifts[i] for i, t in enumerate(tables))
            self._start[bg] = (packed, levels, self._role_index.get(bg, -1))

        # Per role: its requirements as (skill, level, prerequisites that could be pulled in, row per level held).
        self._units = [{index[sid]: w for sid, w in t.weights.items()} for t in tables]
        self._row_cache: dict[tuple[int, int, int, int, int], tuple[Any, ...]] = {}
        self._requirements: list[tuple[tuple[int, int, tuple[tuple[int, int], ...], tuple[tuple[Any, ...], ...]], ...]] = []
        self._max_gain: list[float] = []
        for t, rid in enumerate(role_ids):
            role_level = {index[sid]: level for sid, level, _, _ in plan_reqs[rid]}
            reqs = []
            for sid, level, importance, _ in plan_reqs[rid]:
                k = index[sid]
                pl = planning.prerequisite_level(level)
                pulls = tuple((p, pl) for p in self._prereqs[k] if pl > 0 and role_level.get(p, 0) < pl)
                reqs.append((k, level, pulls, tuple(self._row(t, k, have, level, importance) for have in range(level))))
            self._requirements.append(tuple(reqs))
            self._max_gain.append(max((row[GAIN] for req in reqs for row in req[3]), default=0.0))

        self._bonuses: dict[tuple[Any, ...], list[float]] = {}
        self._tails: dict[tuple[int, float], str] = {}
        self._target = self._role_index[target] if target else None
        self._hours_per_week = float(hours_per_week) if hours_per_week is not None else None

    def _row(self, t: int, k: int, have: int, need: int, importance: int) -> tuple[Any, ...]:
        """The plan row for raising skill ``k`` from ``have`` to ``need`` in role ``t`` (built once)."""
        key = (t, k, have, need, importance)
        row = self._row_cache.get(key)
        if row is None:
            hours = self._hours[k][have][need]
            per = hours if hours > 1 else 1
            gain = 0.0
            entry = self._units[t].get(k)
            if entry is not None:
                req_level, per_level = entry
                gain = per_level * (min(need, req_level) - min(have, req_level)) / self._denominator
            pl = planning.prerequisite_level(need)
            ready_at = tuple((p, pl) for p in self._prereqs[k]) if pl > 0 else ()
            row = self._row_cache[key] = (
                -importance / per, k, have, need, importance, hours, gain / per,
                importance >= planning.CORE_IMPORTANCE, self._quoted_skill[k], 1 << k, self._prereq_mask[k],
                ready_at, gain, per)
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

        # -- fits: the background's coverage plus what each rated skill changes
        packed, levels, current = self._start[background]
        levels = levels[:]
        skills = get("skills")
        if skills:
            if type(skills) is not dict:
                return None
            rated_levels = skills.values()
            if {*map(type, rated_levels)} != _ONLY_INT or min(rated_levels) < 0 or max(rated_levels) > 4:
                return None
            index = self._skill_index
            delta = self._delta
            clamp = self._clamp
            rated = {}
            try:
                for raw, level in skills.items():
                    k = index[raw]
                    rated[k] = level
                    packed += delta[k][levels[k]][level]
                    levels[k] = clamp[k][level]
            except KeyError:
                return None
            if len(rated) != len(skills):
                return None  # one skill named twice (by its id and by an alias)
        elif skills is not None and type(skills) is not dict:
            return None

        answers = (background, years if years < scoring.YEARS_BONUS_CAP_YEARS else scoring.YEARS_BONUS_CAP_YEARS,
                   goal, daily_work, fine_tuned, used_gpus, shipped)
        bonuses = self._bonuses.get(answers)
        if bonuses is None:
            if len(self._bonuses) > _CACHE_LIMIT:
                self._bonuses.clear()
                self._tenths_bonus.clear()
            bonuses = self._bonuses[answers] = self._bonus(
                background, float(years), Interests(goal, daily_work, fine_tuned, used_gpus, shipped))
            tenths = [round(b * 10) for b in bonuses]
            if all(abs(b * 10 - n) < 1e-9 for b, n in zip(bonuses, tenths)):
                self._tenths_bonus[answers] = tenths
        tie_key = self._tie_key
        denominator = self._denominator
        units = self._unpack(packed.to_bytes(self._bytes, "little"))
        keys = []
        i = 0
        tenths_bonus = self._tenths_bonus.get(answers) if self._tenths_step else None
        if tenths_bonus is not None:  # whole tenths of bonus: the fit in tenths by integer arithmetic
            offset, step = self._tenths_offset, self._tenths_step
            for u in units:
                tenths = (u * 20 + offset) // step + tenths_bonus[i]
                if tenths > 1000:
                    tenths = 1000
                keys.append(tenths * 64 + tie_key[i])
                i += 1
        else:
            for u in units:
                x = u / denominator + bonuses[i]
                if x >= 100.0:
                    tenths = 1000
                else:  # scoring.clamp without a call to round(), except within a hair of a rounding boundary
                    z = (x + 1e-9) * 10.0 + 0.5
                    tenths = int(z)
                    z -= tenths
                    if z < 1e-6 or z > 0.999999:
                        tenths = round(scoring.clamp(x) * 10)
                keys.append(tenths * 64 + tie_key[i])
                i += 1
        ranked = sorted(keys, reverse=True)

        # -- the target: asked for, else the profile's, else the best fit that is not the current job
        t = self._target
        if t is None:
            if target is not None:
                t = self._role_index[target]
            else:
                for key in ranked:
                    i = key & 7
                    if i != current and units[i] != self._full:
                        t = i
                        break
                else:
                    t = next((key & 7 for key in ranked if key & 7 != current), ranked[0] & 7)

        # -- gaps, study order and next best skill: cached by the levels that matter to the role, unless
        # the fit is so close to 100 that the gains are capped by the room left
        x = units[t] / denominator + bonuses[t]
        room = 100.0 - x if x < 100.0 else 0.0
        if room < self._max_gain[t]:
            gaps, total, best_text = self._plan(t, levels, room)
        else:
            key = self._relevant[t](levels)
            plans = self._plans[t]
            plan = plans.get(key)
            if plan is None:
                self._planned += 1
                if self._planned > _PLAN_CACHE_LIMIT:
                    for cached in self._plans:
                        cached.clear()
                    self._planned = 1
                plan = plans[key] = self._plan(t, levels, None)
            gaps, total, best_text = plan

        tail = self._tails.get((total, hours_per_week))
        if tail is None:
            if len(self._tails) > _CACHE_LIMIT:
                self._tails.clear()
            tail = self._tails[(total, hours_per_week)] = _tail(total, hours_per_week)
        return (f'{{"line":{number}{name},"target":{self._quoted_role[t]},"target_fit":{self._fit_repr[keys[t] >> 6]},'
                f'"ranking":[{",".join(map(self._fit_text, ranked))}],"gaps":[{gaps}],'
                f'"next_best_skill":{best_text}{tail}')

    def _plan(self, t: int, levels: list[int], room: float | None) -> tuple[str, int, str]:
        """The gaps (as JSON list items), their hours and the next best skill (as JSON) for role ``t``.

        ``room``: the fit points left under 100, when a gain could exceed them (else None).
        """
        need_mask = 0
        rows = []
        pulls_in = False  # does a gap pull in a prerequisite (or raise a requirement's level)?
        total = 0
        for k, level, pulls, by_have in self._requirements[t]:
            have = levels[k]
            if have < level:
                row = by_have[have]
                rows.append(row)
                need_mask |= row[BIT]
                total += row[HOURS]
                if not pulls_in:
                    for p, pl in pulls:
                        if levels[p] < pl:
                            pulls_in = True
                            break
        if pulls_in:
            rows, total, need_mask = self._with_prerequisites(t, levels, rows)

        # study order (priority first, prerequisites before what needs them) and the next best skill
        gaps: list[str] = []
        best_text = "null"
        if rows:
            rows.sort()
            best = best_core = first = waiting = None
            best_at = best_core_at = -1.0 + 1e-12
            for row in rows:
                if row[PREREQ_MASK] & need_mask:
                    if waiting is None:
                        waiting = [row]
                    else:
                        waiting.append(row)
                    continue
                while row is not None:  # place the row, then any waiting row it unblocked
                    need_mask ^= row[BIT]
                    gaps.append(row[QUOTED])
                    if first is None:
                        first = row
                    for p, pl in row[READY_AT]:
                        if levels[p] < pl:
                            break
                    else:
                        rate = row[RATE] if room is None else min(row[GAIN], room) / row[PER_HOURS]
                        if rate > best_at:
                            best, best_at = row, rate + 1e-12
                        if row[CORE] and rate > best_core_at:
                            best_core, best_core_at = row, rate + 1e-12
                    row = None
                    if waiting:
                        for j, w in enumerate(waiting):
                            if not w[PREREQ_MASK] & need_mask:
                                del waiting[j]
                                row = w
                                break
            best_text = (best_core or best or first)[QUOTED]
        return ",".join(gaps), total, best_text

    def _with_prerequisites(self, t: int, levels: list[int], rows: list[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], int, int]:
        """The gaps with the prerequisites they pull in: rows, hours and skill mask.

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
        total = need_mask = 0
        for row in out:
            total += row[HOURS]
            need_mask |= row[BIT]
        return out, total, need_mask

    def _bonus(self, background: str | None, years: float, interests: Interests) -> list[float]:
        profile = Profile({}, background, years, DEFAULT_HOURS, DEFAULT_REGION, None, interests, None, {}, {})
        return [scoring.bonus_total(t, profile) for t in self._tables]


def _tail(total: int, hours_per_week: float) -> str:
    def ceil(x: float) -> int:
        n = int(x)
        return n + 1 if x > n else n

    shown = int(hours_per_week) if float(hours_per_week).is_integer() else hours_per_week
    return (f',"total_hours":{total},"total_weeks":{ceil(total / hours_per_week)},'
            f'"weeks_low":{ceil(total * planning.RANGE_LOW / hours_per_week)},'
            f'"weeks_high":{ceil(total * planning.RANGE_HIGH / hours_per_week)},"hours_per_week":{shown!r}}}')
