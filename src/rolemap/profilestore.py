"""Where the saved profile lives, and writing profiles (atomically, as readable YAML).

The default place is ``profile.yaml`` in the user's data directory
(``platformdirs.user_data_dir("rolemap")``, e.g. ``~/.local/share/rolemap`` on Linux);
``$ROLEMAP_PROFILE`` names another file.
"""

from __future__ import annotations

import os
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


def own_comments(text: str) -> int:
    """How many comment lines in ``text`` are the user's (not rolemap's own header)."""
    ours = set(HEADER.splitlines())
    return sum(
        1
        for line in text.splitlines()
        if "#" in line and line.strip() not in ours and (line.lstrip().startswith("#") or " #" in line)
    )


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
