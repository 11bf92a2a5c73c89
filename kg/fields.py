"""Typed, located access to the values of an annotation or registry file.

Each getter checks one key of one YAML mapping and, when the value is wrong, raises an
:class:`AnnotationError` that names the file, the line and the key. Unknown keys are
errors too: a misspelt ``porposition:`` must not be silently ignored.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from rdflib.term import URIRef

from kg import vocabulary
from kg.dates import parse_date
from kg.errors import AnnotationError
from kg.namespaces import LANGUAGE_TAG, SLUG
from kg.yamlfile import LineMapping, LineSequence


class Fields:
    """One YAML mapping of one file, read key by key with checks."""

    def __init__(self, mapping: Any, path: Path, line: int, what: str):
        if not isinstance(mapping, LineMapping):
            raise AnnotationError(f"{what} must be a mapping of keys to values", path=path, line=line)
        self.mapping = mapping
        self.path = path
        self.what = what

    @property
    def line(self) -> int:
        return self.mapping.line

    def line_of(self, key: str) -> int:
        return self.mapping.line_of(key)

    def error(self, key: str | None, message: str) -> AnnotationError:
        line = self.line_of(key) if key is not None else self.line
        return AnnotationError(message, path=self.path, line=line)

    def check_keys(self, allowed: set[str]) -> None:
        """Refuse keys this mapping does not know, suggesting the closest known one."""
        for key in self.mapping:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise self.error(key, f"unknown key {key!r} in {self.what}{hint}")

    def has(self, key: str) -> bool:
        return self.mapping.get(key) is not None

    def raw(self, key: str) -> Any:
        return self.mapping.get(key)

    def _given(self, key: str, required: bool) -> Any:
        """The raw value of ``key``; a missing required key is an error at the mapping."""
        value = self.mapping.get(key)
        if value is None and required:
            raise self.error(None, f"{self.what} needs {key!r}")
        return value

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self._given(key, required)
        if value is None:
            return None
        if isinstance(value, (LineMapping, LineSequence, bool)):
            raise self.error(key, f"{key!r} must be text")
        text = str(value)
        if required and not text.strip():
            raise self.error(key, f"{key!r} must not be empty")
        return text

    def ident(self, key: str, *, required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if value is not None and not SLUG.match(value):
            raise self.error(
                key,
                f"{key!r} must be an id of letters, digits, '.', '_' or '-' "
                f"(starting with a letter or digit), not {value!r}",
            )
        return value

    def language(self, key: str, *, default: str = "en") -> str:
        """A BCP 47 language tag such as ``en`` or ``uk``."""
        tag = self.text(key) or default
        if not LANGUAGE_TAG.match(tag):
            raise self.error(key, f"{key!r} must be a language tag such as en, uk or ru; not {tag!r}")
        return tag

    def ident_list(self, key: str) -> list[tuple[str, int]]:
        """An id or a list of ids, each with its line."""
        value = self.mapping.get(key)
        if value is None:
            return []
        if isinstance(value, LineSequence):
            items = [(item, value.line_of(i)) for i, item in enumerate(value)]
        else:
            items = [(value, self.line_of(key))]
        result = []
        for item, line in items:
            text = str(item) if not isinstance(item, (LineMapping, LineSequence, bool)) else ""
            if not all(SLUG.match(part) for part in text.split("/")) or text.count("/") > 1:
                raise AnnotationError(f"{key!r} must name ids, not {item!r}", path=self.path, line=line)
            result.append((text, line))
        return result

    def date(self, key: str, *, required: bool = False) -> str | None:
        value = self._given(key, required)
        if value is None:
            return None
        return parse_date(value, what=key, path=self.path, line=self.line_of(key))

    def choice(self, key: str, value_class: URIRef, *, default: str | None = None) -> URIRef | None:
        """A controlled value, given by its notation, as its concept IRI."""
        word = self.text(key)
        if word is None:
            word = default
        if word is None:
            return None
        allowed = vocabulary.values(value_class)
        if word not in allowed:
            raise self.error(key, f"{key!r} must be one of {', '.join(sorted(allowed))}; not {word!r}")
        return allowed[word]

    def sub(self, key: str, what: str) -> Fields | None:
        value = self.mapping.get(key)
        if value is None:
            return None
        return Fields(value, self.path, self.line_of(key), what)

    def items(self, key: str, what: str) -> list[Fields]:
        """The mappings of a list-valued key."""
        value = self.mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, LineSequence):
            raise self.error(key, f"{key!r} must be a list")
        return [Fields(item, self.path, value.line_of(i), what) for i, item in enumerate(value)]
