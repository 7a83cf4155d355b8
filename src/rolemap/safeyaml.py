"""YAML through the safe loader only, with line numbers, refusing alias bombs and deep nesting.

Nothing in a file can execute: only the plain YAML tags (``!!str``, ``!!int``, ``!!map``, ...) are
accepted, and any other tag (``!!python/object/apply:...``, ``!custom``) is refused while the file is
parsed, before a single value is constructed. On top of PyYAML's safe loader this module:

* builds the node tree itself from the parser's events (libyaml's when it is installed, which is
  fast and, unlike libyaml's own composer, never recurses), so that it can refuse, as it goes:
  documents nested more than ``max_depth`` levels deep; documents whose aliases would expand past
  ``max_nodes`` values ("billion laughs": the expanded size is counted, never built); recursive
  aliases; a repeated key in one mapping (PyYAML silently keeps the last one);
* turns every failure, including bad values such as ``!!int 12x`` or a timestamp with month 13,
  into a :class:`YamlProblem` carrying the line;
* keeps the node tree so errors can name the line of a field (:meth:`Document.line`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml's parser: ~10x faster than the pure-Python one
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_NODES = 200_000
MAX_DEPTH = 64

_STD = "tag:yaml.org,2002:"
_MERGE = _STD + "merge"
_ALLOWED_TAGS = frozenset(tag for tag in yaml.SafeLoader.yaml_constructors if tag is not None) | {_MERGE}


class YamlProblem(Exception):
    """A YAML document that cannot be read; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Loader(_BaseLoader):
    """The safe loader, with value errors (``!!int 12x``, month 13) raised as marked YAML errors."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, RecursionError, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - ValueError, IndexError (``!!int ''``), OverflowError, ...
            if isinstance(node, yaml.ScalarNode):
                kind = node.tag.removeprefix(_STD)
                shown = node.value if len(node.value) <= 20 else node.value[:17] + "..."
                problem = f"{shown!r} is not a valid {kind}"
            else:
                problem = f"invalid value ({str(exc)[:80]})"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


@dataclass
class Document:
    data: Any
    root: yaml.Node | None

    def line(self, path: Sequence[Any]) -> int | None:
        """The 1-based line of the value at ``path`` (keys and list indexes), or of its nearest parent."""
        node = self.root
        best = node.start_mark.line + 1 if node is not None else None
        for key in path:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                        node = v
                        best = k.start_mark.line + 1
                        break
                else:
                    return best
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
                node = node.value[key]
                best = node.start_mark.line + 1
            else:
                return best
        return best


def load(text: str, *, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH) -> Document:
    """Parse one YAML document with the safe loader. Raises :class:`YamlProblem`."""
    loader = None
    try:
        loader = _Loader(text)
        root = _compose(loader, max_nodes, max_depth)
        if root is None:
            return Document(None, None)
        data = loader.construct_document(root)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and _flow_depth(text, mark.index) > max_depth:
            # libyaml's scanner reads ahead and may stop deep flow nesting itself, in its own words
            raise YamlProblem(f"nested more than {max_depth} levels deep; refused", mark.line + 1) from None
        problem = exc.problem or exc.context or "not valid YAML"
        if exc.context and isinstance(exc, yaml.constructor.ConstructorError):
            problem = f"{exc.context}: {problem}"
        raise YamlProblem(problem, mark.line + 1 if mark is not None else None) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        what = f"character #x{exc.character:04x}" if isinstance(exc.character, int) else "a character"
        raise YamlProblem(f"{what} is not allowed in YAML ({exc.reason})", line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(str(exc).splitlines()[0] if str(exc) else "not valid YAML") from None
    except RecursionError:
        raise YamlProblem("nested too deeply") from None
    except UnicodeError:  # a str holding lone surrogates: not text a file could contain
        raise YamlProblem("not valid Unicode text") from None
    finally:
        if loader is not None:
            loader.dispose()
    return Document(data, root)


_QUOTED_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\n]|\'\')*\'|#[^\n]*')


def _flow_depth(text: str, end: int) -> int:
    """How deep ``[`` and ``{`` are open at ``end`` (quoted text and comments left out)."""
    bare = _QUOTED_OR_COMMENT.sub("", text[:end])
    return bare.count("[") + bare.count("{") - bare.count("]") - bare.count("}")


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


class _Frame:
    __slots__ = ("anchor", "items", "key", "mapping", "node", "seen", "start")

    def __init__(self, node: yaml.Node, mapping: bool, anchor: str | None, start: int) -> None:
        self.node = node
        self.items: list[Any] = node.value
        self.mapping = mapping
        self.key: yaml.Node | None = None
        self.seen: dict[tuple[str, str], int] | None = {} if mapping else None
        self.anchor = anchor
        self.start = start


def _compose(loader: Any, max_nodes: int, max_depth: int) -> yaml.Node | None:
    """Build the node graph from parser events, without recursion, checking limits as it goes."""
    ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
    SequenceStartEvent, MappingStartEvent = yaml.SequenceStartEvent, yaml.MappingStartEvent
    SequenceEndEvent, MappingEndEvent = yaml.SequenceEndEvent, yaml.MappingEndEvent
    DocumentStartEvent = yaml.DocumentStartEvent
    resolve = loader.resolve
    anchors: dict[str, yaml.Node] = {}
    sizes: dict[str, int] = {}  # anchor -> how many values the anchored node expands to
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    root: yaml.Node | None = None
    count = 0  # values in the document with every alias expanded
    aliased = False
    documents = 0

    while loader.check_event():
        event = loader.get_event()
        kind = type(event)
        node: yaml.Node
        if kind is ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(yaml.ScalarNode, event.value, event.implicit)
            elif tag not in _ALLOWED_TAGS:
                raise _bad_tag(tag, event)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            count += 1
            if event.anchor is not None:
                anchors[event.anchor], sizes[event.anchor] = node, 1
        elif kind is AliasEvent:
            name = event.anchor
            if name in open_anchors:
                raise YamlProblem(f"alias *{name} refers to a value that contains it; refused", _line(event))
            if name not in anchors:
                raise YamlProblem(f"alias *{name} has no anchor &{name} before it", _line(event))
            node = anchors[name]
            count += sizes[name]
            aliased = True
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            mapping = kind is MappingStartEvent
            node_class = yaml.MappingNode if mapping else yaml.SequenceNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(node_class, None, event.implicit)
            elif tag not in _ALLOWED_TAGS:
                raise _bad_tag(tag, event)
            count += 1
            if count > max_nodes:
                raise _too_big(max_nodes, aliased, event)
            if len(stack) >= max_depth:
                raise YamlProblem(f"nested more than {max_depth} levels deep; refused", _line(event))
            node = node_class(tag, [], event.start_mark, None, flow_style=event.flow_style)
            if event.anchor is not None:
                open_anchors.add(event.anchor)
            stack.append(_Frame(node, mapping, event.anchor, count))
            continue
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            frame = stack.pop()
            node = frame.node
            node.end_mark = event.end_mark
            if frame.anchor is not None:
                open_anchors.discard(frame.anchor)
                anchors[frame.anchor], sizes[frame.anchor] = node, count - frame.start + 1
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlProblem("found a second document ('---'); rolemap reads one document per file", _line(event))
            continue
        else:  # stream and document ends
            continue

        if count > max_nodes:
            raise _too_big(max_nodes, aliased, event)
        if not stack:
            root = node
            continue
        parent = stack[-1]
        if not parent.mapping:
            parent.items.append(node)
        elif parent.key is None:
            parent.key = node
            if isinstance(node, yaml.ScalarNode) and node.tag != _MERGE and kind is not AliasEvent:
                seen = parent.seen
                assert seen is not None
                ident = (node.tag, node.value)
                first = seen.get(ident)
                if first is not None:
                    raise YamlProblem(
                        f"duplicate key {node.value!r} (first on line {first}); list each key once", _line(event)
                    )
                seen[ident] = node.start_mark.line + 1
        else:
            parent.items.append((parent.key, node))
            parent.key = None
    return root


def _bad_tag(tag: str, event: Any) -> YamlProblem:
    return YamlProblem(f"tag {_show_tag(tag)} is not allowed; rolemap reads plain YAML only (no tags)", _line(event))


def _too_big(max_nodes: int, aliased: bool, event: Any) -> YamlProblem:
    if aliased:
        return YamlProblem(
            f"its aliases expand to more than {max_nodes:,} values (an alias bomb?); refused", _line(event)
        )
    return YamlProblem(f"more than {max_nodes:,} values; too large to be a rolemap file", _line(event))
