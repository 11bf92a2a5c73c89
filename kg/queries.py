"""Saved SPARQL queries: ``queries/*.rq`` files with a grlc-style ``#+`` YAML header.

A saved query is plain SPARQL anyone can paste into a SPARQL UI. Its parameters follow
grlc's naming: ``?_name`` (a literal), ``?_name_iri`` (an IRI), ``?_name_en`` (a literal
in English), ``?_name_integer``, ``?_name_xsd_date`` (a typed literal); two leading
underscores (``?__name_iri``) make a parameter optional. Values are bound as RDF terms
as checked RDF terms in a ``VALUES`` block at the top of the query's outer group, the
one way that works the same on every SPARQL 1.1 engine: a value is never spliced into
the query as text, so it can only ever be a term, and a hostile one matches nothing.
(Parameters therefore cannot be used inside sub-SELECTs, which do not see outer values.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import yaml

from kg.errors import FormatError, InputError
from kg.namespaces import ABSOLUTE, ID, expand_curie
from kg.resources import resource_dir
from kg.store import Store

_PARAMETER = re.compile(r"[?$](__?)([A-Za-z][A-Za-z0-9]*)(?:_([A-Za-z0-9]+(?:_[A-Za-z0-9]+)?))?\b")
_HEADER_KEYS = {"summary", "description", "tags", "defaults", "endpoint", "method", "pagination", "enumerate"}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_MAX_VALUE = 2000
_ID_KINDS = ("actor", "proposition", "document", "topic", "membership")


@dataclass(frozen=True)
class Parameter:
    """One query parameter, as its variable name says."""

    variable: str  # the SPARQL variable without '?', e.g. "_actor_iri"
    name: str  # the user-facing name, e.g. "actor"
    kind: str  # "iri", "literal", or a language tag / datatype suffix
    required: bool

    def describe(self) -> str:
        shape = {"iri": "IRI, CURIE or id", "literal": "text"}.get(self.kind, self.kind)
        return f"{self.name} ({shape}{'' if self.required else ', optional'})"


@dataclass
class SavedQuery:
    """A parsed ``.rq`` file."""

    name: str
    path: Path
    text: str
    summary: str
    description: str = ""
    tags: list[str] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)
    parameters: list[Parameter] = field(default_factory=list)


def queries_dir() -> Path:
    return resource_dir("queries")


def _header(path: Path, text: str) -> dict:
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#+"):
            lines.append(line[2:].removeprefix(" "))
        elif lines or line.strip():
            if not lines:
                raise FormatError("a saved query must start with a '#+' header (summary: ...)", path=path, line=number)
            break
    try:
        header = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise FormatError(f"malformed '#+' header: {exc}", path=path, line=(mark.line + 1) if mark else 1) from exc
    if not isinstance(header, dict) or not isinstance(header.get("summary"), str):
        raise FormatError("the '#+' header needs a 'summary: ...' line", path=path, line=1)
    unknown = set(header) - _HEADER_KEYS
    if unknown:
        raise FormatError(f"unknown key(s) in the '#+' header: {', '.join(sorted(unknown))}", path=path, line=1)
    return header


def _parameters(text: str) -> list[Parameter]:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    found: dict[str, Parameter] = {}
    for match in _PARAMETER.finditer(body):
        underscores, name, suffix = match.groups()
        variable = match.group(0)[1:]
        kind = "literal" if suffix is None else suffix
        found.setdefault(variable, Parameter(variable, name, kind, required=underscores == "_"))
    return list(found.values())


def load(source: str | Path) -> SavedQuery:
    """A saved query by name (``who-said``) or by path (``my.rq``)."""
    path = Path(source)
    if path.suffix != ".rq" or not path.exists():
        candidate = queries_dir() / f"{source}.rq"
        if not candidate.exists():
            known = ", ".join(q.name for q in catalogue())
            raise InputError(f"no saved query {str(source)!r} (known: {known})")
        path = candidate
    text = path.read_text(encoding="utf-8")
    header = _header(path, text)
    try:
        ox.Store().query(text)  # parses (and runs on an empty store): catches syntax errors early
    except SyntaxError as exc:
        raise FormatError(f"malformed SPARQL: {exc}", path=path) from exc
    defaults: dict[str, str] = {}
    for item in header.get("defaults") or []:
        if not isinstance(item, dict):
            raise FormatError("'defaults' must be a list of 'name: value' items", path=path, line=1)
        defaults.update({str(k): str(v) for k, v in item.items()})
    return SavedQuery(
        name=path.stem,
        path=path,
        text=text,
        summary=header["summary"].strip(),
        description=str(header.get("description") or "").strip(),
        tags=[str(t) for t in header.get("tags") or []],
        defaults=defaults,
        parameters=_parameters(text),
    )


def catalogue() -> list[SavedQuery]:
    """Every shipped saved query, by name."""
    return [load(path) for path in sorted(queries_dir().glob("*.rq"))]


def resolve_iri(value: str, parameter: Parameter, store: Store | None) -> ox.NamedNode:
    """An IRI, a CURIE or an annotation id as the IRI it names (checked)."""
    value = expand_curie(value)
    if value.startswith(ABSOLUTE):
        try:
            return ox.NamedNode(value)
        except ValueError as exc:
            raise InputError(f"parameter {parameter.name!r}: not a valid IRI: {value!r}") from exc
    return _resolve_id(value, parameter, store)


def _resolve_id(value: str, parameter: Parameter, store: Store | None) -> ox.NamedNode:
    """An annotation-file id (``medinsky``, ``doc-2025-06-09/s8``) as the IRI it names."""
    parts = value.split("/")
    if not all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", part) for part in parts) or len(parts) > 2:
        raise InputError(f"parameter {parameter.name!r}: not an IRI, CURIE or id: {value!r}")
    candidates = [ID + f"statement/{value}"] if len(parts) == 2 else [ID + f"{kind}/{value}" for kind in _ID_KINDS]
    if store is None:
        return ox.NamedNode(candidates[0])
    existing = store.existing_subjects(candidates)
    if len(existing) == 1:
        return ox.NamedNode(existing.pop())
    if not existing:
        raise InputError(
            f"parameter {parameter.name!r}: no actor, proposition, document, topic or statement has the id {value!r}"
        )
    raise InputError(f"parameter {parameter.name!r}: the id {value!r} is ambiguous: {', '.join(sorted(existing))}")


def bind(query: SavedQuery, values: dict[str, str], store: Store | None = None) -> dict[str, ox.NamedNode | ox.Literal]:
    """Turn ``name=value`` pairs into RDF terms for the query's parameters."""
    by_name = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(by_name))
    expected = ", ".join(p.describe() for p in query.parameters) or "none"
    if unknown:
        raise InputError(f"query {query.name!r} has no parameter {', '.join(map(repr, unknown))}; expected: {expected}")
    # The header's defaults are examples for a UI to prefill; here a missing required
    # parameter is an error, never silently replaced by an example.
    merged = dict(values)
    missing = [p.name for p in query.parameters if p.required and p.name not in merged]
    if missing:
        raise InputError(f"query {query.name!r} needs parameter {', '.join(map(repr, missing))}; expected: {expected}")
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for name, value in merged.items():
        parameter = by_name[name]
        if len(value) > _MAX_VALUE:
            raise InputError(f"parameter {name!r}: value longer than {_MAX_VALUE} characters")
        if parameter.kind == "iri":
            bound[parameter.variable] = resolve_iri(value, parameter, store)
        elif parameter.kind == "literal":
            bound[parameter.variable] = ox.Literal(value)
        elif parameter.kind == "integer":
            if not re.fullmatch(r"[+-]?\d+", value):
                raise InputError(f"parameter {name!r}: not an integer: {value!r}")
            bound[parameter.variable] = ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
        elif parameter.kind.startswith("xsd_"):
            bound[parameter.variable] = ox.Literal(value, datatype=ox.NamedNode(_XSD + parameter.kind[4:]))
        else:
            bound[parameter.variable] = ox.Literal(value, language=parameter.kind)
    return bound


@dataclass
class Rows:
    """The variables and solutions of a SELECT query."""

    variables: list[str]
    rows: list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | None]]
    solutions: object = None


def outer_group(text: str) -> int:
    """The offset just after the ``{`` opening the query's outer group pattern."""
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char == "#":
            newline = text.find("\n", index)
            index = length if newline < 0 else newline
        elif char == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[index:]):
            index = text.index(">", index)
        elif char in "\"'":
            quote = text[index : index + 3] if text[index : index + 3] in ('"""', "'''") else char
            index = text.index(quote, index + len(quote)) + len(quote) - 1
        elif char == "{":
            return index + 1
        index += 1
    raise FormatError("the query has no group pattern '{ ... }'")


def with_values(text: str, bound: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with its bound parameters as a ``VALUES`` block of checked RDF terms."""
    if not bound:
        return text
    names = sorted(bound)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(bound[n]) for n in names)}) }} "
    at = outer_group(text)
    return text[:at] + block + text[at:]


def solutions(store: Store, query: SavedQuery, values: dict[str, str] | None = None) -> ox.QuerySolutions:
    """Run a saved SELECT query with bound parameters; the engine's solutions, unread."""
    return store.query(with_values(query.text, bind(query, values or {}, store)))


def execute(store: Store, query: SavedQuery, values: dict[str, str] | None = None) -> Rows:
    """Run a saved SELECT query with bound parameters over the union of the store's graphs."""
    found = solutions(store, query, values)
    variables = [v.value for v in found.variables]
    rows = [{name: row[name] for name in variables} for row in found]
    return Rows(variables, rows)
