"""Read YAML keeping the line of every key and item, so errors can say FILE:LINE.

Dates are left as strings (PyYAML would turn ``2025-13-40`` into a bare ValueError
with no location); the annotation compilers check them with a located message.
Duplicate keys, which YAML silently overwrites, are an error here, and only
``true``/``false`` are booleans (so a key ``on:`` stays the word "on").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from kg.errors import FormatError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"


class LineMapping(dict):
    """A YAML mapping that remembers where it and each of its values stand."""

    line: int
    key_lines: dict[Any, int]

    def line_of(self, key: str) -> int:
        """The 1-based line of ``key`` (or of the mapping, if the key is absent)."""
        return self.key_lines.get(key, self.line)


class LineSequence(list):
    """A YAML sequence that remembers where it and each of its items stand."""

    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        """The 1-based line of item ``index``."""
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(yaml.SafeLoader):
    """SafeLoader with located containers and no implicit timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_TIMESTAMP, _BOOL)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 booleans only: in YAML 1.1 ``on``, ``off``, ``yes``, ``no`` are booleans too,
# which would turn the key ``on:`` (annotation date) into True.
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineMapping:
    loader.flatten_mapping(node)
    result = LineMapping()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineSequence:
    result = LineSequence(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [item.start_mark.line + 1 for item in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; raise :class:`FormatError` with the file and line on failure."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 text ({exc.reason})", path=path) from exc
    except OSError as exc:
        raise FormatError(f"cannot read file: {exc.strerror}", path=path) from exc
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = " ".join(part for part in (exc.context, exc.problem) if part)
        raise FormatError(f"malformed YAML: {reason}", path=path, line=line) from exc
    except yaml.YAMLError as exc:
        raise FormatError(f"malformed YAML: {exc}", path=path) from exc
