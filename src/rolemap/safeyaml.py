"""YAML through the safe loader only, with line numbers, and refusing alias bombs and deep nesting.

PyYAML's ``SafeLoader`` never constructs Python objects from ``!!python/...`` tags (it raises), so
nothing in a file can execute. On top of it this module:

* refuses documents whose aliases would expand past :data:`MAX_NODES` nodes ("billion laughs"),
  counted on the composed node graph before anything is constructed;
* turns recursion errors from very deep nesting into a clean error;
* keeps the node tree so errors can name the line of a field (:meth:`Document.line`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import yaml

MAX_NODES = 200_000


class YamlProblem(Exception):
    """A YAML document that cannot be read; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


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


def load(text: str) -> Document:
    """Parse one YAML document with the safe loader. Raises :class:`YamlProblem`."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return Document(None, None)
        _check_size(root)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if exc.context and "constructor" in type(exc).__name__.lower():
            problem = f"{exc.context}: {problem}" if "tag" not in problem else problem
        if "could not determine a constructor" in (exc.problem or ""):
            problem = f"tag not allowed ({exc.problem.split('tag', 1)[-1].strip()}); rolemap reads plain YAML only"
        raise YamlProblem(problem, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(str(exc).splitlines()[0] if str(exc) else "not valid YAML") from None
    except RecursionError:
        raise YamlProblem("nested too deeply to be a rolemap file") from None
    finally:
        loader.dispose()
    return Document(data, root)


def _check_size(root: yaml.Node) -> None:
    """Count the nodes the document would expand to, following aliases, without expanding them."""
    sizes: dict[int, int] = {}
    # iterative post-order walk; shared (aliased) nodes are counted once per reference, computed once
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in sizes and not done:
            continue
        children = _children(node)
        if done:
            total = 1
            for child in children:
                total += sizes.get(id(child), 1)
                if total > MAX_NODES:
                    raise YamlProblem(
                        f"the document expands to more than {MAX_NODES:,} values (an alias bomb?); refused",
                        node.start_mark.line + 1,
                    )
            sizes[key] = total
        else:
            sizes[key] = 1  # provisional, guards against self-reference
            stack.append((node, True))
            for child in children:
                if id(child) not in sizes:
                    stack.append((child, False))
        if len(stack) > MAX_NODES:
            raise YamlProblem("nested too deeply to be a rolemap file")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        out: list[yaml.Node] = []
        for k, v in node.value:
            out.append(k)
            out.append(v)
        return out
    return []
