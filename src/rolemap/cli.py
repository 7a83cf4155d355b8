"""The command line: parses options, calls the library, hands the result to a renderer.

Nothing here computes advice; see catalogue, profile, engine and views. Heavy imports (rich,
questionary, pydantic, yaml) happen inside the commands that need them, so that ``--json`` commands
start at the cost of Typer itself.
"""

from __future__ import annotations

import math
import os
import stat
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from rolemap import __version__
from rolemap.errors import ExitStatus, RolemapError, UsageError
from rolemap.render import quiet_broken_pipe

# Click's own exception classes, whether Typer vendors Click (0.26 and later) or depends on it: they are
# the bases of the public ``typer.BadParameter``, so no private module is imported to name them.
_ClickUsageError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
_ClickException: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class RolemapGroup(TyperGroup):
    """The root command: turns every error into one or two plain lines on stderr and an exit code.

    Doing it here (not only in :func:`main`) means Typer's CliRunner sees exactly what a user sees.
    """

    def main(  # type: ignore[override]  # the same parameters; Click's stubs name one more, never passed
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        args = sys.argv[1:] if args is None else list(args)
        if not args:
            args = ["--help"]
        try:
            code = super().main(
                args=args, prog_name=prog_name or "rolemap", complete_var=complete_var, standalone_mode=False, **extra
            )
        except RolemapError as exc:
            _fail(exc.message, exc.hint, exc.exit_code)
        except _ClickUsageError as exc:
            ctx = getattr(exc, "ctx", None)
            hint = f"Try '{ctx.command_path} --help' for help." if ctx is not None else None
            _fail(_click_message(exc), hint, ExitStatus.USAGE)
        except _ClickException as exc:
            _fail(_click_message(exc), None, getattr(exc, "exit_code", ExitStatus.ERROR))
        except (typer.Abort, KeyboardInterrupt, EOFError):
            _fail("interrupted", None, ExitStatus.INTERRUPTED)
        except BrokenPipeError:
            quiet_broken_pipe()
        except RecursionError:
            _fail("the input is nested too deeply", None, ExitStatus.ERROR)
        except MemoryError:
            _fail("out of memory reading the input", None, ExitStatus.ERROR)
        except OSError as exc:  # most often writing the output failed (a full disk, a closed file)
            what = f"cannot use {exc.filename}" if exc.filename else "cannot write the output"
            _fail(
                f"{what}: {exc.strerror or exc}",
                "Check where it goes: disk space, permissions, a closed file.",
                ExitStatus.ERROR,
            )
        except Exception as exc:  # a bug: one line for the user, the traceback on request
            if os.environ.get("ROLEMAP_DEBUG"):
                raise
            _fail(
                f"internal error: {type(exc).__name__}: {exc}",
                "This is a bug in rolemap; ROLEMAP_DEBUG=1 shows the traceback for a report.",
                ExitStatus.ERROR,
            )
        if code == ExitStatus.INTERRUPTED:  # Typer turns Ctrl-C into a silent Exit(130)
            _fail("interrupted", None, ExitStatus.INTERRUPTED)
        sys.exit(code if isinstance(code, int) else ExitStatus.SUCCESS)


def _click_message(exc: Exception) -> str:
    format_message = getattr(exc, "format_message", None)
    return str(format_message()) if callable(format_message) else str(exc)


APP_HELP = """\
Find the AI-era role that fits your background, what to learn next and how long it takes.

rolemap ranks six roles (AI engineer, ML engineer, data scientist, software engineer, research scientist, AI architect) against your skills, lists the gaps for your target role in study order, lays them out week by week at the hours you can give, and shows sourced salary bands.

[bold]Start here:[/bold] [cyan]rolemap assess[/cyan] (a short interview, then your report). Then try [cyan]rolemap compare ai ml[/cyan].

Every command that shows data takes --json for scripts. Hours per skill level are rolemap's own estimates.
"""

# -- shared options ---------------------------------------------------------------------------------


def _complete_role(incomplete: str) -> list[str]:
    try:
        catalogue = _catalogue(None)
    except Exception:  # noqa: BLE001 - completion must never fail loudly
        return []
    names = [r.id for r in catalogue.roles.values()] + [a for r in catalogue.roles.values() for a in r.aliases]
    return [n for n in names if n.startswith(incomplete.lower())]


# Completion for every value chosen from a list. Each returns (value, help) pairs: zsh and fish show the
# help beside the value, bash the values alone. None may fail loudly: a broken catalogue completes nothing.


def _completing(ctx: typer.Context, incomplete: str, names: Callable[[Any], list[tuple[str, str]]]) -> list[Any]:
    try:
        data = ctx.params.get("data") or (ctx.find_root().params.get("data") if ctx.parent else None)
        found = names(_catalogue(data))
    except Exception:  # noqa: BLE001 - completion must never fail loudly
        return []
    typed = incomplete.lower()
    return [(name, help_) if help_ else name for name, help_ in found if name.startswith(typed)]


def _complete_region(ctx: typer.Context, incomplete: str) -> list[Any]:
    return _completing(ctx, incomplete, lambda c: [(r, "") for r in c.regions])


def _complete_salary_level(ctx: typer.Context, incomplete: str) -> list[Any]:
    return _completing(ctx, incomplete, lambda c: [(lv, "") for lv in c.salary_levels])


def _complete_skill(ctx: typer.Context, incomplete: str) -> list[Any]:
    """Skill ids, then aliases that need no quoting in a shell."""

    def names(c: Any) -> list[tuple[str, str]]:
        out = [(s.id, s.name) for s in c.skills.values()]
        out += [(a, s.name) for s in c.skills.values() for a in s.aliases if a.replace("-", "").isalnum()]
        return out

    return _completing(ctx, incomplete, names)


def _complete_skill_level(incomplete: str) -> list[Any]:
    from rolemap.catalogue import LEVEL_NAMES

    return [(str(i), name) for i, name in enumerate(LEVEL_NAMES) if str(i).startswith(incomplete)]


def _complete_schema(incomplete: str) -> list[str]:
    from rolemap.schemas import SCHEMAS

    return [k for k in SCHEMAS if k.startswith(incomplete.lower())]


def _complete_export(incomplete: str) -> list[str]:
    """``plan`` -> plan.md, plan.html, plan.svg; ``plan.h`` -> plan.html; a directory -> DIR/report.md, ..."""
    from rolemap.render.export import FORMATS

    head, sep, tail = incomplete.rpartition("/")
    stem = tail.rsplit(".", 1)[0] if "." in tail else tail
    stem = stem or "report"
    names = [f"{head}{sep}{stem}{ext}" for ext in FORMATS]
    return [n for n in names if n.lower().startswith(incomplete.lower())] or names


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout (nothing else), for scripts.")]
DataOpt = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="DIR",
        envvar="ROLEMAP_DATA",
        show_envvar=True,
        help="Use the roles.yaml and salaries.csv in DIR instead of the shipped data.",
    ),
]
RegionOpt = Annotated[
    str | None,
    typer.Option(
        "--region",
        "-r",
        metavar="REGION",
        autocompletion=_complete_region,
        help="Region with salary data: us, uk or in.",
    ),
]


def _version(value: bool) -> None:
    if value:
        print(f"rolemap {__version__}")
        raise typer.Exit()


def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    data: DataOpt = None,
) -> None:
    ctx.obj = {"data": data}
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def _catalogue(data: str | None, ctx: typer.Context | None = None) -> Any:
    from rolemap.catalogue import load_catalogue

    if data is None and ctx is not None:
        root = ctx.find_root()
        data = (root.obj or {}).get("data")
    return load_catalogue(data)


def _emit_json(obj: Any) -> None:
    from rolemap.render.jsonout import emit

    emit(obj)


def _show(view: dict[str, Any], kind: str, json_: bool, export: str | None = None, catalogue: Any = None) -> None:
    """Print ``view`` as JSON or for a person, and write ``--export`` if asked."""
    if json_:
        _emit_json(view)
    else:
        from rolemap.render.registry import show

        show(kind, view, catalogue)
    if export is not None:
        from rolemap.render.export import write

        written = write(export, kind, view, catalogue)
        print(f"Wrote {written}", file=sys.stderr)


# -- browse ---------------------------------------------------------------------------------------


def roles_cmd(ctx: typer.Context, json_: JsonOpt = False, data: DataOpt = None) -> None:
    """List the six roles: id, title, aliases and what each one is in a line.

    [dim]Example:[/dim]  rolemap roles
    """
    from rolemap.render import views

    _show(views.roles_view(_catalogue(data, ctx)), "roles", json_)


def show_cmd(
    ctx: typer.Context,
    role: Annotated[
        str,
        typer.Argument(
            help="Role id or alias (ai, ml, ds, swe, research, architect).",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ],
    region: RegionOpt = None,
    json_: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Show a role card: summary, day to day, boundaries, skills by layer, salary bands, related roles.

    [dim]Example:[/dim]  rolemap show ai
    """
    from rolemap.render import views

    catalogue = _catalogue(data, ctx)
    the_role = catalogue.role(role)
    region_id = catalogue.region(region) if region else None
    _show(views.role_view(the_role, catalogue, region_id), "role_card", json_)


def skills_cmd(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            metavar="ROLE",
            autocompletion=_complete_role,
            help="Only the skills this role requires, with its levels.",
        ),
    ] = None,
    json_: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """List the skills: layer, prerequisites and estimated hours per level (rolemap's own estimates).

    [dim]Examples:[/dim]  rolemap skills   ·   rolemap skills --role ml --json
    """
    from rolemap.render import views

    catalogue = _catalogue(data, ctx)
    the_role = catalogue.role(role) if role is not None else None
    _show(views.skills_view(catalogue, the_role), "skills", json_)


def salary_cmd(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(help="Role id or alias.", autocompletion=_complete_role, show_default=False)],
    region: RegionOpt = None,
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            "-l",
            metavar="LEVEL",
            autocompletion=_complete_salary_level,
            help="junior, mid, senior, staff, or all.",
        ),
    ] = None,
    json_: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Show salary bands for a role with their source, year and basis (base pay or total comp).

    rolemap only shows figures it can source; a role without one says so.

    [dim]Examples:[/dim]  rolemap salary ai --region uk   ·   rolemap salary ml --level senior --json
    """
    from rolemap.render import views

    catalogue = _catalogue(data, ctx)
    the_role = catalogue.role(role)
    region_id = catalogue.region(region) if region is not None else None
    level_id = catalogue.salary_level(level) if level is not None else None
    _show(views.salary_view(catalogue, the_role, region_id, level_id), "salary", json_)


def validate_cmd(
    ctx: typer.Context,
    directory: Annotated[
        str | None,
        typer.Argument(
            metavar="[DIR]",
            show_default=False,
            help="A data directory (default: --data, ROLEMAP_DATA, or the shipped data).",
        ),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Check roles.yaml and salaries.csv; exit 1 listing each problem as FILE:LINE: what is wrong.

    [dim]Examples:[/dim]  rolemap data validate   ·   rolemap data validate ./my-data
    """
    from rolemap.catalogue import data_dir, validate_directory

    if directory is None:
        directory = (ctx.find_root().obj or {}).get("data")
    path = data_dir(directory)
    catalogue, problems = validate_directory(str(path))
    if json_:
        _emit_json(
            {
                "data_dir": str(path),
                "ok": not problems,
                "problems": problems,
                "counts": _counts(catalogue) if catalogue else None,
            }
        )
    elif problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"rolemap: {len(problems)} problem(s) in {path}", file=sys.stderr)
    else:
        c = _counts(catalogue)
        import shutil
        import textwrap

        print(f"ok: {path}")  # the path on a line of its own, the counts wrapped to the terminal below it
        counts = (
            f"{c['roles']} roles, {c['skills']} skills, {c['presets']} backgrounds, "
            f"{c['salaries']} salary bands, {c['sources']} sources"
        )
        print(textwrap.fill(counts, width=shutil.get_terminal_size().columns))
    if problems:
        raise typer.Exit(ExitStatus.ERROR)


def _counts(catalogue: Any) -> dict[str, int]:
    return {
        "roles": len(catalogue.roles),
        "skills": len(catalogue.skills),
        "presets": len(catalogue.presets),
        "salaries": len(catalogue.salaries),
        "sources": len(catalogue.sources),
    }


# -- advice ---------------------------------------------------------------------------------------

ProfileOpt = Annotated[
    str | None,
    typer.Option(
        "--profile",
        "-p",
        metavar="FILE",
        show_default=False,
        help="A profile (YAML or JSON); '-' reads standard input.",
    ),
]
MarkProfileOpt = Annotated[
    str | None,
    typer.Option(
        "--profile",
        "-p",
        metavar="FILE",
        show_default=False,
        help="The profile file to update (YAML or JSON); default: the saved one.",
    ),
]


def _target_option(help_text: str) -> Any:
    return typer.Option("--target", "-t", metavar="ROLE", autocompletion=_complete_role, help=help_text)


TargetOpt = Annotated[
    str | None, _target_option("Plan for this role (default: the profile's target, else your best fit).")
]
CohortTargetOpt = Annotated[
    str | None, _target_option("Plan everyone for this role (default: each profile's target, else its best fit).")
]


CvOpt = Annotated[
    str | None,
    typer.Option(
        "--cv",
        metavar="FILE",
        show_default=False,
        help="Read your CV (.txt, .md, .pdf, .docx; '-' for text on stdin) for skills, each with the line "
        "that shows it. Levels: mentioned → 1; used in a role's bullet → 2; years stated or "
        "led/designed/owned → 3; never above 3 from text. Nothing is uploaded or stored.",
    ),
]


def _check_export(value: str | None) -> str | None:
    """Refuse an unknown format or a missing directory before any work is done."""
    if value is not None:
        from rolemap.render.export import check

        check(value)
    return value


ExportOpt = Annotated[
    str | None,
    typer.Option(
        "--export",
        "-o",
        metavar="FILE",
        show_default=False,
        callback=_check_export,
        autocompletion=_complete_export,
        help="Also write the report to FILE: .md (Markdown), .html or .svg. Combines with --json.",
    ),
]


def _check_hours(value: float | None) -> float | None:
    # checked here rather than with Click's min/max, whose "0.0 is not in the range 1<=x<=80" reads like code
    if value is not None and not (math.isfinite(value) and 1 <= value <= 80):
        raise typer.BadParameter(f"must be from 1 to 80 hours a week; got {value:g}")
    return value


def _hours_option(help_text: str) -> Any:
    return typer.Option("--hours", metavar="N", callback=_check_hours, help=help_text)


HoursOpt = Annotated[float | None, _hours_option("Hours a week you can study (1-80; default 10).")]
CohortHoursOpt = Annotated[
    float | None, _hours_option("Hours a week for everyone (1-80; default: each profile's own, else 10).")
]


def _check_format(value: str | None) -> str | None:
    """``jsonl`` or ``csv``, in any case; a usage error for anything else."""
    if value is None:
        return None
    if value.lower() not in ("jsonl", "csv"):
        raise UsageError(f"--format {value!r} is not one rolemap reads", "Use --format jsonl or --format csv.")
    return value.lower()


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="jsonl|csv",
        show_default=False,
        callback=_check_format,
        autocompletion=lambda: ["jsonl", "csv"],
        help="How the profiles are written: jsonl (one JSON profile a line) or csv (a header row naming fields "
        "and skills, then a profile a row). Default: csv for a .csv file, else jsonl.",
    ),
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="WHERE",
        show_default=False,
        help="Score on Dask (pip install 'rolemap\\[dask]'). WHERE is 'local' (a cluster on this machine) or "
        "tcp://HOST:PORT (a running scheduler whose workers can read FILE at the same path). Same output, same order.",
    ),
]
MAX_PROCESSES = 512


def _check_processes(value: int | None) -> int | None:
    # checked here rather than with Click's min/max, which print "N [1<=x<=512]" in the help's option column
    if value is not None and not 1 <= value <= MAX_PROCESSES:
        raise typer.BadParameter(f"must be a number of processes from 1 to {MAX_PROCESSES}; got {value}")
    return value


DaskWorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--dask-workers",
        metavar="N",
        callback=_check_processes,
        help="Worker processes for --dask local (default: one a core).",
    ),
]


JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        callback=_check_processes,
        show_default=False,
        help="Processes that score the file (default: one a core for a file of 2 MB or more, else 1; standard "
        "input and pipes are scored in one process as they stream). The output is the same, in order, whatever N.",
    ),
]


def _data_dir(data: str | None, ctx: typer.Context) -> str | None:
    """The --data directory (or ROLEMAP_DATA) as given, for workers that load the catalogue themselves."""
    return data if data is not None else (ctx.find_root().obj or {}).get("data")


def _input_name(path: str) -> str:
    """A batch or cohort input as messages name it."""
    return "standard input" if path == "-" else path


def _say_no_profiles(where: str) -> None:
    print(f"rolemap: no profiles in {where} (it is empty, or holds blank lines only)", file=sys.stderr)


def _say_if_streamed(path: str, jobs: int | None) -> None:
    """A note when --jobs asks for processes that a stream (standard input, a pipe) cannot use."""
    if jobs is not None and jobs > 1:
        if path != "-":
            try:
                if stat.S_ISREG(os.stat(path).st_mode):
                    return  # a file: the workers score it
            except (OSError, ValueError):
                return  # opening it says what is wrong
        print(
            f"rolemap: {_input_name(path)} is scored in one process, as it streams; --jobs {jobs} takes effect on a file",
            file=sys.stderr,
        )


def assess_cmd(
    ctx: typer.Context,
    profile: ProfileOpt = None,
    cv: CvOpt = None,
    target: TargetOpt = None,
    hours: HoursOpt = None,
    json_: JsonOpt = False,
    batch: Annotated[
        str | None,
        typer.Option(
            "--batch",
            metavar="FILE",
            show_default=False,
            help="Score many profiles: one JSON profile per line, or a CSV file with a header row (see "
            "--format); '-' for stdin. Prints one JSON result per line, in order (JSON whether or not "
            "--json is given). Blank lines are skipped; a bad line gets "
            '{"line": N, "error": ...} and the run goes on, ending with exit '
            "code 1. --target and --hours apply to every line.",
        ),
    ] = None,
    fmt: FormatOpt = None,
    jobs: JobsOpt = None,
    dask: DaskOpt = None,
    dask_workers: DaskWorkersOpt = None,
    save: Annotated[
        str | None,
        typer.Option(
            "--save",
            metavar="PATH",
            show_default=False,
            help="Save the profile (your interview answers, or --profile) as YAML here.",
        ),
    ] = None,
    export: ExportOpt = None,
    data: DataOpt = None,
) -> None:
    """Rank the roles for you, list your skill gaps and lay out a week-by-week plan.

    With no --profile, asks a short interview (every question has a default: Enter goes through).

    [dim]Examples:[/dim]
      rolemap assess
      rolemap assess --profile me.yaml --target ai --hours 15
      rolemap assess --profile me.yaml --json | jq .plan.total_weeks
      rolemap assess --cv cv.pdf          (your CV's skills pre-fill the interview)
      rolemap assess --batch cohort.jsonl --json > results.jsonl
    """
    catalogue = _catalogue(data, ctx)
    target_id = catalogue.role(target).id if target is not None else None
    if fmt is not None and batch is None:
        raise UsageError("--format says what --batch reads; it goes with --batch FILE")
    if (dask is not None or dask_workers is not None) and batch is None:
        raise UsageError("--dask scores a --batch file; it goes with --batch FILE")
    if jobs is not None and batch is None:
        raise UsageError("--jobs says how many processes score a --batch file; it goes with --batch FILE")
    if jobs is not None and dask is not None:
        raise UsageError(
            "--jobs and --dask do not go together", "With --dask local, --dask-workers N sets the workers."
        )
    if batch is not None:
        if export is not None or save is not None:
            raise UsageError(
                f"{'--export' if export is not None else '--save'} works on one profile; it does not go with --batch"
            )
        if profile is not None or cv is not None:
            raise UsageError(
                f"--batch and {'--profile' if profile is not None else '--cv'} do not go together",
                "Put every profile in the batch file, one per line.",
            )
        from rolemap.batch import run_batch

        try:
            if dask is not None:
                from rolemap.batch import daskrun

                bad, scored = daskrun.run_batch(
                    batch,
                    catalogue,
                    dask,
                    data_dir=_data_dir(data, ctx),
                    fmt=fmt,
                    target=target_id,
                    hours_per_week=hours,
                    workers=dask_workers,
                    out=sys.stdout,
                )
            else:
                _say_if_streamed(batch, jobs)
                bad, scored = run_batch(
                    batch,
                    catalogue,
                    target=target_id,
                    hours_per_week=hours,
                    fmt=fmt,
                    jobs=jobs,
                    data_dir=_data_dir(data, ctx),
                )
        except BrokenPipeError:  # Typer would make this exit 1, which here means "bad lines"
            quiet_broken_pipe()
        where = _input_name(batch)
        if bad:
            print(
                f"rolemap: {bad} of {scored} profile line(s) in {where} were bad; their output lines carry the error",
                file=sys.stderr,
            )
            raise typer.Exit(ExitStatus.ERROR)
        if not scored:
            _say_no_profiles(where)
        return
    from rolemap.engine.profile import load_profile
    from rolemap.engine.report import assess

    reading = None
    if cv is not None:
        if cv == "-" and profile == "-":
            raise UsageError("--cv - and --profile - cannot both read standard input")
        from rolemap.engine.evidence import read_cv_file

        reading = read_cv_file(cv, catalogue)
    if reading is not None and (profile is not None or json_ or cv == "-" or not sys.stdin.isatty()):
        from rolemap.engine.evidence import profile_with_cv

        the_profile = profile_with_cv(reading, catalogue, load_profile(profile, catalogue) if profile else None)
        if save is not None:
            from rolemap import profilestore

            print(f"Saved your profile to {profilestore.save(the_profile.to_dict(), save)}", file=sys.stderr)
    elif profile is not None:
        the_profile = load_profile(profile, catalogue)
        if save is not None:  # e.g. turn a JSON profile into the YAML one plan and mark use
            from rolemap import profilestore

            saved = profilestore.save(the_profile.to_dict(), save)
            print(f"Saved your profile to {saved}", file=sys.stderr)
    else:
        from rolemap.interview import run_interview

        the_profile = run_interview(
            catalogue, save_to=save, json_output=json_, target=target_id, hours=hours, cv=reading
        )
    report = assess(the_profile, catalogue, target=target_id, hours_per_week=hours).to_dict()
    if reading is not None:
        from rolemap.engine.evidence import add_evidence

        add_evidence(report, reading, catalogue)
    _show(report, "report", json_, export, catalogue)


def compare_cmd(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(
            metavar="ROLE ROLE [ROLE...]",
            autocompletion=_complete_role,
            show_default=False,
            help="Two or more role ids or aliases.",
        ),
    ],
    region: RegionOpt = None,
    profile: ProfileOpt = None,
    json_: JsonOpt = False,
    export: ExportOpt = None,
    data: DataOpt = None,
) -> None:
    """Put roles side by side: skills by layer, weighted overlap, shared and unique skills, pay, and when to choose each.

    [dim]Examples:[/dim]  rolemap compare ai ml   ·   rolemap compare ai ml ds --region uk --profile me.yaml
    """
    from rolemap.render import views

    catalogue = _catalogue(data, ctx)
    if len(roles) < 2:
        raise UsageError(f"compare needs at least two roles; got {len(roles)}", "Example: rolemap compare ai ml")
    chosen = []
    for name in roles:
        if not name.strip():
            raise UsageError("a role name is empty", "Example: rolemap compare ai ml")
        role = catalogue.role(name)
        if role in chosen:
            raise UsageError(f"{name!r} is {role.id}, which is already in the list; compare different roles")
        chosen.append(role)
    the_profile = None
    if profile is not None:
        from rolemap.engine.profile import load_profile

        the_profile = load_profile(profile, catalogue)
    if region is not None:
        region_id = catalogue.region(region)
    else:
        region_id = the_profile.region if the_profile is not None else "us"
    view = views.compare_view(chosen, catalogue, region_id, the_profile)
    _show(view, "compare", json_, export, catalogue)


def cohort_cmd(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            show_default=False,
            help="The cohort: JSON Lines (one profile a line) or CSV (a header row, then a profile a row); "
            "'-' reads standard input.",
        ),
    ],
    fmt: FormatOpt = None,
    target: CohortTargetOpt = None,
    hours: CohortHoursOpt = None,
    jobs: JobsOpt = None,
    dask: DaskOpt = None,
    dask_workers: DaskWorkersOpt = None,
    json_: JsonOpt = False,
    export: ExportOpt = None,
    data: DataOpt = None,
) -> None:
    """Sum up a cohort: which roles its people fit, how far each role is, and which skills to teach.

    For a careers service or a team lead: per role, how many profiles fit it best and how many target it.

    The hours and weeks to reach each role (25th, 50th and 75th percentile), then the skills most often missing.

    Bad lines are counted and left out. Hours are rolemap's own estimates.

    [dim]Examples:[/dim]
      rolemap cohort examples/cohort.jsonl
      rolemap cohort class-of-2026.csv --export cohort.html
      rolemap cohort class-of-2026.csv --json | jq '.top_gaps[0]'
    """
    catalogue = _catalogue(data, ctx)
    target_id = catalogue.role(target).id if target is not None else None
    if dask_workers is not None and dask is None:
        raise UsageError("--dask-workers goes with --dask local")
    if jobs is not None and dask is not None:
        raise UsageError(
            "--jobs and --dask do not go together", "With --dask local, --dask-workers N sets the workers."
        )
    if dask is not None:
        from rolemap.batch import daskrun

        cohort = daskrun.run_cohort(
            file,
            catalogue,
            dask,
            data_dir=_data_dir(data, ctx),
            fmt=fmt,
            target=target_id,
            hours_per_week=hours,
            workers=dask_workers,
        )
    else:
        from rolemap.batch.cohort import run_cohort

        _say_if_streamed(file, jobs)
        cohort = run_cohort(
            file, catalogue, fmt=fmt, target=target_id, hours_per_week=hours, jobs=jobs, data_dir=_data_dir(data, ctx)
        )
    _show(cohort.to_dict(catalogue), "cohort", json_, export, catalogue)
    where = _input_name(file)
    if cohort.errors:  # as with --batch: the report stands, and the exit code says lines were left out
        shown = len(cohort.first_errors)
        more = (
            f"; the first {shown} are in the report, and assess --batch lists every one"
            if cohort.errors > shown
            else ""
        )
        print(f"rolemap: {cohort.errors} line(s) in {where} were bad and left out of the report{more}", file=sys.stderr)
        raise typer.Exit(ExitStatus.ERROR)
    if not cohort.profiles:
        _say_no_profiles(where)


def match_cmd(
    ctx: typer.Context,
    ads: Annotated[
        list[str],
        typer.Argument(
            metavar="AD...",
            show_default=False,
            help="One or more job ads: .txt, .md, .pdf or .docx files; '-' reads the text of one from stdin.",
        ),
    ],
    profile: ProfileOpt = None,
    cv: CvOpt = None,
    hours: HoursOpt = None,
    json_: JsonOpt = False,
    export: ExportOpt = None,
    data: DataOpt = None,
) -> None:
    """Turn real job ads into targets: the ad's skills, your fit, the gaps and a plan to be ready to apply.

    Skills under "must have / requirements / you have" are required, under "nice to have / bonus / preferred" optional. The level wanted comes from the ad's words ("expert" 4, "strong" or "3+ years" 3, "experience with" 2, "familiar with" 1), else from the nearest role: the catalogue role with the most weighted overlap, which also gives the weights, pay and milestones. Several ads are ranked by fit.

    You are --profile, --cv (or both: the profile's values win), else your saved profile.

    [dim]Examples:[/dim]
      rolemap match ad.txt --cv cv.pdf
      rolemap match ad1.txt ad2.pdf ad3.docx --profile me.yaml
      rolemap match ad.md --cv cv.docx --json | jq .gaps
    """
    catalogue = _catalogue(data, ctx)
    if ads.count("-") > 1 or ("-" in ads and "-" in (profile, cv)):
        raise UsageError("only one input can be read from standard input ('-')")
    from rolemap.engine.evidence import cv_summary, evidence_list, profile_with_cv, read_cv_file
    from rolemap.engine.match import match, ranking, read_ad_file
    from rolemap.engine.profile import load_profile

    read = [read_ad_file(ad, catalogue) for ad in ads]  # every ad is checked before any work is shown
    reading = read_cv_file(cv, catalogue) if cv is not None else None
    if profile is None and reading is None:
        from rolemap import profilestore

        if profilestore.saved_profile() is None:
            raise UsageError(
                "match needs to know your skills: pass --cv FILE or --profile FILE",
                "Or run 'rolemap assess' once and save your answers.",
            )
    the_profile = load_profile(_profile_path(profile), catalogue) if profile or reading is None else None
    if reading is not None:
        the_profile = profile_with_cv(reading, catalogue, the_profile)
    assert the_profile is not None
    views = [match(ad, the_profile, catalogue, hours) for ad in read]
    view = views[0] if len(views) == 1 else ranking(views)
    if reading is not None:
        view["evidence"] = evidence_list(reading, catalogue)
        view["cv"] = cv_summary(reading)
    _show(view, "match", json_, export, catalogue)


def _profile_path(given: str | None) -> str:
    """``--profile`` if given, else the saved profile; a usage error naming both when neither exists."""
    if given is not None:
        return given
    from rolemap import profilestore

    saved = profilestore.saved_profile()
    if saved is None:
        raise UsageError(
            f"no profile given and none saved at {profilestore.default_path()}",
            "Pass --profile FILE, or run 'rolemap assess' and save your answers.",
        )
    return str(saved)


def plan_cmd(
    ctx: typer.Context,
    profile: ProfileOpt = None,
    target: TargetOpt = None,
    hours: HoursOpt = None,
    json_: JsonOpt = False,
    export: ExportOpt = None,
    data: DataOpt = None,
) -> None:
    """Show what is left of your plan: done steps ticked, percent done, weeks left at your pace.

    Uses your saved profile unless --profile is given. Mark skills learned with 'rolemap mark'.

    [dim]Examples:[/dim]  rolemap plan   ·   rolemap plan --profile me.yaml --target ml --export plan.md
    """
    catalogue = _catalogue(data, ctx)
    target_id = catalogue.role(target).id if target is not None else None
    from rolemap.engine.profile import load_profile
    from rolemap.progress import progress_view

    the_profile = load_profile(_profile_path(profile), catalogue)
    view = progress_view(the_profile, catalogue, target_id, hours)
    _show(view, "progress", json_, export, catalogue)


def mark_cmd(
    ctx: typer.Context,
    skill: Annotated[
        str,
        typer.Argument(
            help="The skill you learned (id or alias, e.g. rag, 'vector search').",
            autocompletion=_complete_skill,
            show_default=False,
        ),
    ],
    level: Annotated[
        int | None,
        typer.Option(
            "--level",
            "-l",
            min=0,
            max=4,
            metavar="N",
            autocompletion=_complete_skill_level,
            help="The level you reached, 0-4 (default: what your target needs).",
        ),
    ] = None,
    profile: MarkProfileOpt = None,
    target: TargetOpt = None,
    json_: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Record that you learned a skill: rewrites your profile (atomically) and shortens every plan that needs it.

    [dim]Examples:[/dim]  rolemap mark rag   ·   rolemap mark git --level 3 --profile me.yaml
    """
    catalogue = _catalogue(data, ctx)
    target_id = catalogue.role(target).id if target is not None else None
    path = _profile_path(profile)
    if path == "-":
        raise UsageError(
            "mark rewrites the profile file, so it cannot read the profile from standard input", "Pass --profile FILE."
        )
    from rolemap.progress import mark_file

    summary, updated = mark_file(path, catalogue, skill, level, target_id)
    if json_:
        return _emit_json(summary)
    if not summary["changed"]:
        bg = updated.background or ""
        if summary["previous_from"] == "background" and (bg in catalogue.presets or bg in catalogue.roles):
            named = catalogue.presets[bg].name if bg in catalogue.presets else catalogue.roles[bg].title
            print(
                f"{summary['name']} is already at level {summary['level']}: your background, {named}, "
                "starts you there. Nothing changed."
            )
        else:
            print(f"{summary['name']} is already at level {summary['level']} in {path}; nothing changed.")
        return
    verb = "Marked" if summary["level"] > summary["previous"] else "Lowered"
    print(f"{verb} {summary['name']} to level {summary['level']} (was {summary['previous']}) in {path}.")
    print(
        f"Plan for {summary['target_title']}: {summary['hours_left_before']} → {summary['hours_left']} hours left, "
        f"about {summary['weeks_left']} weeks at {updated.hours_per_week:g} h/week."
    )


def schema_cmd(
    which: Annotated[
        str,
        typer.Argument(
            metavar="[KIND]",
            show_default=False,
            autocompletion=_complete_schema,
            help="Whose JSON Schema: assess (default), compare, match, cohort, plan, mark, salary or show output, a "
            "batch line (batch), or profile (the profile file).",
        ),
    ] = "assess",
) -> None:
    """Print the JSON Schema of rolemap's machine formats, for tools built on rolemap.

    [dim]Examples:[/dim]  rolemap schema   ·   rolemap schema profile > profile.schema.json
    """
    from rolemap.schemas import SCHEMAS, schema_for

    if which not in SCHEMAS:
        from rolemap.names import NameIndex

        NameIndex("schema", [(k, ()) for k in SCHEMAS]).resolve(which)  # raises, with a did-you-mean
    _emit_json(schema_for(which))


# -- entry point ----------------------------------------------------------------------------------


# -- the app ---------------------------------------------------------------------------------------

#: Every command, by the name a person types. ``data`` is a group of its own (see :func:`build_app`).
COMMANDS: dict[str, Callable[..., None]] = {
    "roles": roles_cmd,
    "show": show_cmd,
    "skills": skills_cmd,
    "salary": salary_cmd,
    "assess": assess_cmd,
    "compare": compare_cmd,
    "match": match_cmd,
    "plan": plan_cmd,
    "mark": mark_cmd,
    "schema": schema_cmd,
    "cohort": cohort_cmd,
}
DATA_COMMANDS: dict[str, Callable[..., None]] = {"validate": validate_cmd}


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with only the command (or group) named ``only``.

    Typer builds every command's parameters before running any (about a millisecond each); scripts
    that call ``rolemap ... --json`` in a loop would pay that on every start, so :func:`main` builds
    only the command invoked. Help, errors and completion use the whole app.
    """
    whole = only is None
    the_app = typer.Typer(
        name="rolemap",
        cls=RolemapGroup,
        help=APP_HELP,
        rich_markup_mode="rich",
        add_completion=whole,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
    the_app.callback(invoke_without_command=True)(_root)
    for name, command in COMMANDS.items():
        if whole or name == only:
            the_app.command(name)(command)
    if whole or only == "data":
        data_app = typer.Typer(
            help="Check the catalogue: the shipped data or your own copy.\n\n"
            "[dim]Example:[/dim]  rolemap data validate ./my-data",
            rich_markup_mode="rich",
        )
        for name, command in DATA_COMMANDS.items():
            data_app.command(name)(command)
        the_app.add_typer(data_app, name="data")
    return the_app


#: The whole app: what tests invoke with ``CliRunner().invoke(app, args)``.
app = build_app()


def main(argv: list[str] | None = None) -> None:
    """Run rolemap (the ``rolemap`` console script and ``python -m rolemap``)."""
    args = sys.argv[1:] if argv is None else list(argv)
    typer.main.get_command(_app_for(args)).main(args=args, prog_name="rolemap")


def _app_for(args: list[str]) -> typer.Typer:
    """A slim app when the first word names a command; the whole app for anything else.

    No command, a root option first, a typo or shell completion all get the whole app, so help,
    did-you-mean and completion are unchanged.
    """
    if args and "_ROLEMAP_COMPLETE" not in os.environ and (args[0] in COMMANDS or args[0] == "data"):
        return build_app(args[0])
    return app


def _fail(message: str, hint: str | None, code: int) -> NoReturn:
    try:
        sys.stdout.flush()
    except Exception:  # noqa: BLE001
        pass
    message = message.rstrip(".")
    print(f"rolemap: {message}", file=sys.stderr)
    if hint:
        print(hint, file=sys.stderr)
    sys.exit(code)
