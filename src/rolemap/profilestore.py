"""Where the saved profile lives, and writing profiles (atomically, as readable YAML; ``mark`` edits the
person's own file in place with ruamel.yaml, keeping their comments and layout).

The default place is ``profile.yaml`` in the user's data directory
(``platformdirs.user_data_dir("rolemap")``, e.g. ``~/.local/share/rolemap`` on Linux);
``$ROLEMAP_PROFILE`` names another file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEADER = """\
# rolemap profile: edit freely, then run `rolemap assess --profile THIS_FILE`.
# Skill levels: 0 none, 1 aware, 2 working, 3 strong, 4 expert. `rolemap skills` lists the names.
"""


def default_path() -> Path:
    explicit = os.environ.get("ROLEMAP_PROFILE")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("rolemap", appauthor=False)) / "profile.yaml"


def saved_profile() -> Path | None:
    """The saved profile, if one exists."""
    path = default_path()
    return path if path.is_file() else None


def edit_yaml(
    text: str,
    skill: str,
    skills: dict[Any, Any],
    progress: dict[str, Any] | None,
    same_skill: Callable[[Any], bool],
) -> str:
    """``text`` (a YAML profile) with ``skill`` set to its level in ``skills`` and its ``progress`` entry
    set or removed; everything else (comments, key order, quoting, flow or block style) as it was.

    ruamel.yaml reads and writes YAML round trip, which PyYAML cannot: it is why rolemap depends on it.
    It is imported here, so only ``mark`` pays for it. Call it on text :func:`rolemap.engine.profile.load_profile_text`
    accepted (the safe loader has already refused tags, alias bombs and the like).
    """
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.util import load_yaml_guess_indent

    _, indent, block_seq_indent = load_yaml_guess_indent(text)
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the person's long lines
    yaml.indent(mapping=indent or 2, sequence=(indent or 2) + (block_seq_indent or 0), offset=block_seq_indent or 0)
    doc = yaml.load(text)

    def section(name: str, before: str | None = None) -> Any:
        value = doc.get(name)
        if not isinstance(value, dict):
            value = CommentedMap()
            if name in doc:
                doc[name] = value
            elif before is not None and before in doc:
                doc.insert(list(doc).index(before), name, value)
            else:
                doc[name] = value
        return value

    level = next(v for k, v in skills.items() if same_skill(k))
    have = section("skills", before="progress")
    key = next((k for k in have if same_skill(k)), None)
    have[skill if key is None else key] = level

    entry = (progress or {}).get(skill)
    if entry is None:
        done = doc.get("progress")
        if isinstance(done, dict) and skill in done:
            if len(done) == 1:  # the section goes with its last entry (and hands on the comments after it)
                _pop_keeping_comments(doc, "progress")
            else:
                _pop_keeping_comments(done, skill)
    else:
        done = section("progress")
        old = done.get(skill)
        if isinstance(old, dict):
            for k in list(old):
                if k not in entry:
                    del old[k]
            old.update(entry)
        else:
            done[skill] = CommentedMap(entry)
    yaml.dump(doc, out := io.StringIO())
    return out.getvalue()


def _last_line(node: Any, key: Any) -> tuple[Any, Any]:
    """The (mapping, key) whose comment slot holds the comments that follow ``node[key]``'s last line."""
    from ruamel.yaml.comments import CommentedMap

    while isinstance(node[key], CommentedMap) and len(node[key]) and node[key].fa.flow_style() is not True:
        node, key = node[key], list(node[key])[-1]
    return node, key


def _pop_keeping_comments(mapping: Any, key: Any) -> None:
    """Delete ``mapping[key]``, handing the comments after it (ruamel keeps them with the last line above
    them) to the entry before it, so deleting what ``mark`` added never takes the person's comments along."""
    keys = list(mapping)
    holder, last = _last_line(mapping, key)
    slot = holder.ca.items.get(last)
    token = slot[2] if slot and len(slot) > 2 else None
    del mapping[key]
    at = keys.index(key)
    if token is None or at == 0:
        return
    into, before = _last_line(mapping, keys[at - 1])
    comments = into.ca.items.setdefault(before, [None, None, None, None])
    if comments[2] is None:
        comments[2] = token


def write(text: str, path: str | os.PathLike[str]) -> Path:
    """Write a profile's text atomically; a failure is one plain error."""
    from rolemap.errors import RolemapError
    from rolemap.fileio import write_atomic

    try:
        return write_atomic(Path(path).expanduser(), text)
    except OSError as exc:
        raise RolemapError(f"cannot save the profile to {str(path)!r}: {exc.strerror or exc}") from None


def dump(profile_dict: dict[str, Any]) -> str:
    import yaml

    body = yaml.safe_dump(profile_dict, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return HEADER + body


def save(profile_dict: dict[str, Any], path: str | os.PathLike[str] | None = None, *, as_json: bool = False) -> Path:
    """Write a profile atomically (YAML, or JSON for a .json file); returns where it went."""
    from rolemap.errors import RolemapError
    from rolemap.fileio import write_atomic

    target = Path(path).expanduser() if path else default_path()
    if target.is_dir():
        raise RolemapError(
            f"cannot save the profile: {str(target)!r} is a directory", "Give a file name, e.g. me.yaml."
        )
    try:
        if as_json:
            import json

            return write_atomic(target, json.dumps(profile_dict, indent=2, ensure_ascii=False) + "\n")
        return write_atomic(target, dump(profile_dict))
    except OSError as exc:
        raise RolemapError(f"cannot save the profile to {str(target)!r}: {exc.strerror or exc}") from None
