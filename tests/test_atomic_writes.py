"""Writes are atomic, and the catalogue cache is never trusted when it is damaged.

Every file rolemap writes goes through :func:`rolemap.fileio.write_atomic` (a temporary file in the
same directory, flushed and fsynced, then ``os.replace``d). A writer killed with SIGKILL at any moment
leaves the old file or the complete new one, never a torn one; its leftover temporary file is never
read as the profile. A snapshot cache that is truncated, garbage, edited or for other data is ignored
and rebuilt; an unwritable cache only costs speed.
"""

from __future__ import annotations

import ast
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rolemap import fileio

SRC = Path(__file__).resolve().parent.parent / "src" / "rolemap"

pytestmark = pytest.mark.cold_cache  # the snapshot tests count the files in the cache


# -- killing a writer -----------------------------------------------------------------------------

WRITER = r"""
import sys
from rolemap.fileio import write_atomic

path = sys.argv[1]
payloads = [open(p, "rb").read() for p in sys.argv[2:]]
sys.stdout.write("ready\n")
sys.stdout.flush()
i = 0
while True:
    write_atomic(path, payloads[i % len(payloads)])
    i += 1
"""


def _payload(tag: str, size: int) -> bytes:
    """A valid profile padded with a comment, distinct per tag, ``size`` bytes long."""
    head = f"# payload {tag}\nname: {tag}\nskills: {{python: 3}}\nhours_per_week: 10\n#".encode()
    body = (tag.encode() * (size // len(tag) + 1))[: size - len(head) - 1]
    return head + body + b"\n"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_save_never_leaves_a_torn_file(tmp_path, catalogue, monkeypatch):
    from rolemap import profilestore
    from rolemap.engine.profile import load_profile_text

    rng = random.Random(20260523)
    sizes = {"alpha": 1_000_000, "bravo": 3_000_000, "charlie": 5_000_000, "delta": 2_000_000}
    payloads = {tag: _payload(tag, size) for tag, size in sizes.items()}
    files = []
    for tag, data in payloads.items():
        f = tmp_path / f"{tag}.bin"
        f.write_bytes(data)
        files.append(str(f))
    target = tmp_path / "profiles" / "profile.yaml"
    fileio.write_atomic(target, payloads["alpha"])
    allowed = set(payloads.values())
    monkeypatch.setenv("ROLEMAP_PROFILE", str(target))

    kills = 0
    seen = set()
    for round_ in range(25):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            assert child.stdout.readline() == b"ready\n", child.stderr.read().decode()
            time.sleep(rng.uniform(0.0, 0.25))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        kills += child.returncode == -signal.SIGKILL
        content = target.read_bytes()
        assert content in allowed, f"round {round_}: torn file of {len(content):,} bytes"
        seen.add(content[:20])
        # the file is a valid profile, and the reader picks exactly the target, never a temp file
        assert profilestore.saved_profile() == target
        assert load_profile_text(content.decode(), catalogue, "profile.yaml").name in payloads
        for leftover in fileio.temp_files(target):
            assert leftover.name.startswith(".profile.yaml.") and leftover.name.endswith(".tmp")
    assert kills >= 20
    assert len(seen) >= 2, "the writer never got a save through; the test proves nothing"

    # the next save sweeps temporary files left long ago by killed writers, and only those
    stale = fileio.temp_files(target)
    old_time = time.time() - 2 * fileio.STALE_TEMP_SECONDS
    for leftover in stale:
        os.utime(leftover, (old_time, old_time))
    fresh = target.parent / ".profile.yaml.fresh1234.tmp"
    fresh.write_bytes(b"someone else's save in progress")
    other = target.parent / ".other.yaml.abcd.tmp"
    other.write_bytes(b"not ours")
    os.utime(other, (old_time, old_time))
    fileio.write_atomic(target, payloads["bravo"])
    assert fileio.temp_files(target) == [fresh]
    assert other.exists()
    assert target.read_bytes() == payloads["bravo"]


def test_write_atomic_replaces_and_keeps_mode(tmp_path):
    target = tmp_path / "deep" / "er" / "file.txt"
    fileio.write_atomic(target, "one")
    assert target.read_text() == "one"
    target.chmod(0o600)
    fileio.write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert target.stat().st_mode & 0o777 == 0o600
    assert fileio.temp_files(target) == []
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.txt"]


def test_write_atomic_failure_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "file.txt"
    fileio.write_atomic(target, "old")

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        fileio.write_atomic(target, "new" * 1000)
    assert target.read_text() == "old"
    assert fileio.temp_files(target) == []


def _into_memory(arg: ast.expr) -> bool:
    """``io.StringIO()`` (or ``name := io.StringIO()``) as the stream: no file is written."""
    value = arg.value if isinstance(arg, ast.NamedExpr) else arg
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, (ast.Attribute, ast.Name))
        and (value.func.attr if isinstance(value.func, ast.Attribute) else value.func.id) == "StringIO"
    )


def test_every_writer_uses_write_atomic():
    """No module but fileio opens a file for writing; they all call write_atomic."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "fileio.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in (
                "write_text",
                "write_bytes",
                "mkstemp",
                "NamedTemporaryFile",
                "dump",
                "save_html",
                "save_svg",
                "save_text",
            ) and not (name == "dump" and len(node.args) < 2 and not any(k.arg == "stream" for k in node.keywords)):
                if name == "dump" and len(node.args) == 2 and _into_memory(node.args[1]):
                    continue  # yaml.dump(doc, buffer := io.StringIO()): text built in memory, written elsewhere
                offenders.append(f"{path.name}:{node.lineno}: {name}()")
            if name == "open":
                mode = (
                    node.args[1]
                    if len(node.args) > 1
                    else next((k.value for k in node.keywords if k.arg == "mode"), None)
                )
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "os":
                    flags = {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
                    if flags & {"O_CREAT", "O_TRUNC", "O_APPEND"}:  # dup2-ing /dev/null is not writing a file
                        offenders.append(f"{path.name}:{node.lineno}: os.open() creating a file")
                elif isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) & set("wax+"):
                    offenders.append(f"{path.name}:{node.lineno}: open(..., {mode.value!r})")
                elif mode is not None and not isinstance(mode, ast.Constant):
                    offenders.append(f"{path.name}:{node.lineno}: open() with a computed mode")
    assert offenders == [], "write files through rolemap.fileio.write_atomic:\n" + "\n".join(offenders)


def test_savers_call_write_atomic(tmp_path, monkeypatch, mini_dir):
    from rolemap import profilestore
    from rolemap.catalogue import cache as snapshot

    calls = []
    real = fileio.write_atomic

    def spy(path, data):
        calls.append(Path(path))
        return real(path, data)

    monkeypatch.setattr(fileio, "write_atomic", spy)
    profilestore.save({"skills": {"python": 3}}, tmp_path / "me.yaml")
    snapshot.load(mini_dir)
    assert calls[0] == tmp_path / "me.yaml"
    assert calls[1].parent == snapshot.cache_dir() and calls[1].name.startswith("catalogue-")


def test_saving_over_a_directory_is_refused(tmp_path):
    from rolemap import profilestore
    from rolemap.errors import RolemapError

    (tmp_path / "adir").mkdir()
    with pytest.raises(RolemapError, match="directory"):
        profilestore.save({"skills": {}}, tmp_path / "adir")
    (tmp_path / "afile").write_text("x")
    with pytest.raises(RolemapError, match="cannot save"):
        profilestore.save({"skills": {}}, tmp_path / "afile" / "me.yaml")


# -- the snapshot cache ---------------------------------------------------------------------------


def _snapshot_file() -> Path:
    from rolemap.catalogue import cache as snapshot

    files = sorted(snapshot.cache_dir().glob("catalogue-*.json"))
    assert len(files) == 1, files
    return files[0]


def _assert_valid_snapshot(path: Path, data_dir: Path) -> None:
    from rolemap.catalogue import cache as snapshot

    raw = path.read_bytes()
    header_line, _, body = raw.partition(b"\n")
    header = json.loads(header_line)
    assert header["format"] == snapshot.FORMAT
    assert header["key"] == snapshot.key_for(snapshot.read_data_files(data_dir))
    assert header["digest"] == snapshot.checksum(body)


def _corrupt_truncated(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _corrupt_garbage(raw: bytes) -> bytes:
    return bytes(random.Random(1).randrange(256) for _ in range(4096))


def _corrupt_empty(raw: bytes) -> bytes:
    return b""


def _corrupt_wrong_digest(raw: bytes) -> bytes:
    header_line, _, body = raw.partition(b"\n")
    header = json.loads(header_line)
    header["digest"] = "0" * 64
    return json.dumps(header).encode() + b"\n" + body


def _corrupt_edited_body(raw: bytes) -> bytes:
    header_line, _, body = raw.partition(b"\n")
    return header_line + b"\n" + body.replace(b"Builder", b"Hacked!", 1)


def _corrupt_valid_digest_bad_shape(raw: bytes) -> bytes:
    from rolemap.catalogue import cache as snapshot

    header_line, _, _ = raw.partition(b"\n")
    header = json.loads(header_line)
    body = b'{"roles": 1}'
    header["digest"] = snapshot.checksum(body)
    return json.dumps(header).encode() + b"\n" + body


def _corrupt_header_only(raw: bytes) -> bytes:
    return raw.partition(b"\n")[0]


def _corrupt_not_an_object(raw: bytes) -> bytes:
    return b"[1, 2, 3]\n[]"


def _corrupt_deep_json(raw: bytes) -> bytes:
    return b"[" * 100_000 + b"]" * 100_000


def _corrupt_other_format(raw: bytes) -> bytes:
    header_line, _, body = raw.partition(b"\n")
    header = json.loads(header_line)
    header["format"] = 999
    return json.dumps(header).encode() + b"\n" + body


CORRUPTIONS = [
    _corrupt_truncated,
    _corrupt_garbage,
    _corrupt_empty,
    _corrupt_wrong_digest,
    _corrupt_edited_body,
    _corrupt_valid_digest_bad_shape,
    _corrupt_header_only,
    _corrupt_not_an_object,
    _corrupt_deep_json,
    _corrupt_other_format,
]


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=[c.__name__[9:] for c in CORRUPTIONS])
def test_corrupt_snapshot_is_rebuilt_not_trusted(corrupt, mini_dir):
    from rolemap.catalogue import load_catalogue

    fresh = load_catalogue(mini_dir, use_cache=False)
    load_catalogue(mini_dir)  # writes the snapshot
    path = _snapshot_file()
    _assert_valid_snapshot(path, mini_dir)
    path.write_bytes(corrupt(path.read_bytes()))

    loaded = load_catalogue(mini_dir)
    assert loaded.to_snapshot() == fresh.to_snapshot()
    assert loaded.roles["builder"].title == "Builder"
    assert _snapshot_file() == path
    _assert_valid_snapshot(path, mini_dir)  # rewritten


@pytest.mark.parametrize(
    "corrupt", [_corrupt_garbage, _corrupt_edited_body, _corrupt_truncated], ids=["garbage", "edited-body", "truncated"]
)
def test_corrupt_snapshot_through_the_cli(corrupt, mini_dir, run):
    first = run("roles", "--data", str(mini_dir), "--json")
    assert first.returncode == 0, first
    path = _snapshot_file()
    path.write_bytes(corrupt(path.read_bytes()))
    again = run("roles", "--data", str(mini_dir), "--json")
    assert again.returncode == 0, again
    assert again.stdout == first.stdout
    assert "Hacked" not in again.stdout
    _assert_valid_snapshot(path, mini_dir)


def test_snapshot_for_other_data_is_not_used(mini_dir):
    """A snapshot copied under another data version's name is refused: its key does not match."""
    from rolemap.catalogue import cache as snapshot
    from rolemap.catalogue import load_catalogue

    load_catalogue(mini_dir)
    old = _snapshot_file()
    text = (mini_dir / "roles.yaml").read_text()
    (mini_dir / "roles.yaml").write_text(text.replace("title: Builder", "title: Maker"))
    key = snapshot.key_for(snapshot.read_data_files(mini_dir))
    impostor = snapshot.cache_dir() / f"catalogue-{key[:32]}.json"
    impostor.write_bytes(old.read_bytes())
    assert load_catalogue(mini_dir).roles["builder"].title == "Maker"
    _assert_valid_snapshot(impostor, mini_dir)


def test_editing_the_data_invalidates_the_snapshot(mini_dir):
    from rolemap.catalogue import load_catalogue
    from rolemap.errors import DataError

    assert load_catalogue(mini_dir).roles["builder"].title == "Builder"
    text = (mini_dir / "roles.yaml").read_text()
    (mini_dir / "roles.yaml").write_text(text.replace("{skill: rag, importance: 4", "{skill: rga, importance: 4"))
    with pytest.raises(DataError) as info:
        load_catalogue(mini_dir)
    assert "roles.yaml:" in info.value.message and "rga" in info.value.message


def _unwritable_caches(tmp_path: Path) -> list[str]:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    places = [str(blocker / "cache"), str(blocker), "/dev/null/cache"]
    if os.geteuid() != 0:  # root writes anywhere
        ro = tmp_path / "read-only"
        ro.mkdir()
        ro.chmod(0o500)
        places.append(str(ro))
    return places


def test_unwritable_cache_only_costs_speed(tmp_path, run, mini_dir):
    for place in _unwritable_caches(tmp_path):
        result = run("roles", "--json", env={"ROLEMAP_CACHE_DIR": place})
        assert result.returncode == 0, (place, result)
        assert "Traceback" not in result.stderr and result.stderr == ""
        assert json.loads(result.stdout)
        result = run(
            "assess",
            "--profile",
            "-",
            "--json",
            "--data",
            str(mini_dir),
            input="skills: {python: 3}\n",
            env={"ROLEMAP_CACHE_DIR": place},
        )
        assert result.returncode == 0, (place, result)
        assert result.stderr == ""


def test_unwritable_cache_in_process(tmp_path, monkeypatch, mini_dir):
    from rolemap.catalogue import load_catalogue

    for place in _unwritable_caches(tmp_path):
        monkeypatch.setenv("ROLEMAP_CACHE_DIR", place)
        assert load_catalogue(mini_dir).roles["builder"].title == "Builder"


def test_broken_data_is_never_cached(mini_dir, run, isolated_home):
    text = (mini_dir / "roles.yaml").read_text()
    (mini_dir / "roles.yaml").write_text(text.replace("{skill: rag, importance: 4", "{skill: rga, importance: 4"))
    for _ in range(2):
        result = run("roles", "--data", str(mini_dir), "--json")
        assert result.returncode == 1 and "rga" in result.stderr
    cache = isolated_home / "cache"
    assert not cache.exists() or not list(cache.glob("catalogue-*.json"))
