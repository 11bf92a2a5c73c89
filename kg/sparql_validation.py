"""SHACL validation as SPARQL queries that run inside Oxigraph: the fast engine.

Each shape of the shapes graph is compiled once into a few SELECT queries, each of which
returns the focus nodes (and values) that break one kind of constraint. The queries run
over the union of a pyoxigraph store's graphs, so no copy of the data is made and the
store's indexes do the work. The results are the same :class:`~kg.validation.Result`
objects as pyshacl's (the reference engine, ``--engine pyshacl``); tests hold the two to
the same answers on the shape test suite and on generated data.

Covered is what SHACL Core and SHACL-AF offer that claimgraph's shapes can use: class,
subjects-of, node and SPARQL targets; predicate paths; the value type, cardinality,
value range, string, language, property pair and "other" constraint components; and
SPARQL-based constraints. A shapes graph with anything else (sh:node, sh:or, a complex
path, ...) is refused with :class:`UnsupportedShapes`, and the caller falls back to
pyshacl: a result is never silently skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.compiled import to_oxigraph
from kg.datagraph import to_rdflib
from kg.errors import FormatError
from kg.queries import outer_group  # the brace finder that also places parameter VALUES
from kg.validation import Result

Query = Callable[[str], ox.QuerySolutions]

RDF_TYPE = f"<{RDF.type}>"
SUBCLASS = f"<{RDFS.subClassOf}>"
_FOCUS = "#FOCUS#\n"  # where a VALUES block on ?this goes when only some focus nodes count
_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
# Parameters this engine compiles; any other sh: parameter on a shape is refused.
_VALUE_PARAMETERS = {
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH["in"],
    SH.hasValue,
    SH.pattern,
    SH.flags,
    SH.minLength,
    SH.maxLength,
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.disjoint,
    SH.equals,
    SH.uniqueLang,
    SH.minCount,
    SH.maxCount,
    SH.sparql,
}
_DESCRIPTIVE = {
    SH.path,
    SH.message,
    SH.severity,
    SH.property,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
    SH.deactivated,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.defaultValue,
}
_CASTABLE = {
    "http://www.w3.org/2001/XMLSchema#integer",
    "http://www.w3.org/2001/XMLSchema#decimal",
    "http://www.w3.org/2001/XMLSchema#double",
    "http://www.w3.org/2001/XMLSchema#float",
    "http://www.w3.org/2001/XMLSchema#boolean",
    "http://www.w3.org/2001/XMLSchema#date",
    "http://www.w3.org/2001/XMLSchema#dateTime",
    "http://www.w3.org/2001/XMLSchema#time",
    "http://www.w3.org/2001/XMLSchema#gYear",
    "http://www.w3.org/2001/XMLSchema#duration",
}


class UnsupportedShapes(FormatError):
    """The shapes use a SHACL feature this engine does not compile (use pyshacl)."""


@dataclass(frozen=True)
class CountRule:
    """The cardinality bounds of one property shape."""

    shape: Node
    path: URIRef
    low: int | None
    high: int | None
    severity: str
    messages: tuple[str, ...]

    def condition(self, count: str) -> str:
        parts = ([f"{count} < {self.low}"] if self.low else []) + (
            [f"{count} > {self.high}"] if self.high is not None else []
        )
        return f"(?path = <{self.path}> && ({' || '.join(parts)}))" if parts else ""


@dataclass(frozen=True)
class Check:
    """One compiled query and how to read its rows as validation results.

    The query's rows bind ``?this`` and, where the constraint has one, ``?value`` (and,
    for SPARQL constraints, possibly ``?path``). A count check covers the sh:minCount and
    sh:maxCount of every property shape with the same focus nodes: its rows bind
    ``?this``, ``?path`` and ``?count``, and ``counts`` says which bounds apply.
    """

    shape: Node
    component: URIRef
    severity: str
    messages: tuple[str, ...]
    path: Node | None
    query: str
    has_value: bool = True
    counts: tuple[CountRule, ...] = ()
    guard: str = ""  # ASK whether the shape has any focus node at all; no need to run if not


@dataclass
class CompiledShapes:
    """Every check of a shapes graph, ready to run against any store."""

    checks: list[Check] = field(default_factory=list)


def _term(node: Node) -> str:
    """A constraint value in SPARQL (N-Triples) syntax."""
    if isinstance(node, BNode):
        raise UnsupportedShapes(f"a blank node ({node}) cannot be a constraint value here")
    return str(to_oxigraph(node))


def _string(value: str) -> str:
    return str(ox.Literal(value))


class _Compiler:
    """Turns a shapes graph into :class:`Check` objects (one pass, then thrown away)."""

    def __init__(self, shapes: Graph, subclasses: Callable[[URIRef], list[URIRef]]):
        self.shapes = shapes
        self.subclasses = subclasses
        self.prefixes: dict[str, str] = {}
        self.counts: dict[tuple[str, str], list[CountRule]] = {}  # by focus subquery (and its guard)

    # -- targets ------------------------------------------------------------------
    def focus(self, shape: Node) -> list[str]:
        """SPARQL group patterns, one per target, each binding ?this."""
        g = self.shapes
        patterns: list[str] = []
        for cls in g.objects(shape, SH.targetClass):
            classes = " ".join(f"<{c}>" for c in self.subclasses(cls))
            patterns.append(f"VALUES ?targetClass {{ {classes} }} ?this {RDF_TYPE} ?targetClass .")
        for node in g.objects(shape, SH.targetNode):
            patterns.append(f"VALUES ?this {{ {_term(node)} }}")
        for prop in g.objects(shape, SH.targetSubjectsOf):
            patterns.append(f"?this {_term(prop)} ?targetObject .")
        for prop in g.objects(shape, SH.targetObjectsOf):
            patterns.append(f"?targetSubject {_term(prop)} ?this .")
        for target in g.objects(shape, SH.target):
            if (target, RDF.type, SH.SPARQLTarget) not in g:
                raise UnsupportedShapes(f"target {target} of shape {shape} is not a sh:SPARQLTarget")
            select = self.select_of(target)
            patterns.append(f"{{ {select} }}")
        if (shape, RDF.type, RDFS.Class) in g:
            classes = " ".join(f"<{c}>" for c in self.subclasses(shape))
            patterns.append(f"VALUES ?targetClass {{ {classes} }} ?this {RDF_TYPE} ?targetClass .")
        return patterns

    def select_of(self, node: Node) -> str:
        """The SELECT text of a SPARQL target or constraint; its prefixes are collected
        in ``self.prefixes``, since a subquery cannot declare them."""
        g = self.shapes
        text = g.value(node, SH.select)
        if text is None:
            raise UnsupportedShapes(f"{node} has no sh:select")
        query = str(text)
        for forbidden in ("$PATH", "$currentShape", "$shapesGraph", "?PATH", "?currentShape", "?shapesGraph"):
            if forbidden in query:
                raise UnsupportedShapes(f"{node} uses {forbidden}, which this engine does not bind")
        for source in g.objects(node, SH.prefixes):
            for declaration in g.objects(source, SH.declare):
                prefix, namespace = str(g.value(declaration, SH.prefix)), str(g.value(declaration, SH.namespace))
                if self.prefixes.setdefault(prefix, namespace) != namespace:
                    raise UnsupportedShapes(f"prefix {prefix}: is declared for two namespaces")
        return query.replace("$this", "?this")

    # -- shapes -------------------------------------------------------------------
    def compile(self) -> CompiledShapes:
        g = self.shapes
        node_shapes = set(g.subjects(RDF.type, SH.NodeShape)) | {
            s
            for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
            for s in g.subjects(p, None)
            if (s, SH.path, None) not in g
        }
        property_shapes = set(g.subjects(RDF.type, SH.PropertyShape)) | set(g.objects(None, SH.property))
        compiled = CompiledShapes()
        for shape in sorted(node_shapes, key=str):
            if _deactivated(g, shape):
                continue
            focus = self.focus(shape)
            if focus:
                compiled.checks.extend(self.constraints(shape, focus, path=None))
        for shape in sorted(property_shapes, key=str):
            if _deactivated(g, shape):
                continue
            focus = self.focus(shape)
            for parent in g.subjects(SH.property, shape):
                if not _deactivated(g, parent):
                    focus.extend(self.focus(parent))
            if focus:
                path = g.value(shape, SH.path)
                if not isinstance(path, URIRef):
                    raise UnsupportedShapes(f"shape {shape}: only predicate paths are compiled, not {path}")
                compiled.checks.extend(self.constraints(shape, focus, path=path))
        compiled.checks.extend(self.count_checks())
        header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.prefixes.items()))
        compiled.checks = [
            replace(check, query=header + check.query, guard=header + check.guard if check.guard else "")
            for check in compiled.checks
        ]
        return compiled

    def count_checks(self) -> list[Check]:
        """One query per set of focus nodes for all the cardinalities on it: the focus
        nodes are found once, and each path's values counted per node."""
        checks = []
        count = "COUNT(DISTINCT ?value)"  # HAVING cannot see the SELECT's alias
        for (this, guard), rules in self.counts.items():
            paths = " ".join(sorted({f"<{rule.path}>" for rule in rules}))
            having = " || ".join(rule.condition(count) for rule in rules)
            query = (
                f"SELECT ?this ?path ({count} AS ?count) WHERE {{ {this} VALUES ?path {{ {paths} }} "
                f"OPTIONAL {{ SELECT ?this ?path ?value WHERE {{ VALUES ?path {{ {paths} }} "
                f"?this ?path ?value }} }} }} "
                f"GROUP BY ?this ?path HAVING({having})"
            )
            first = rules[0]
            checks.append(
                Check(
                    first.shape,
                    SH.MinCountConstraintComponent,
                    first.severity,
                    first.messages,
                    None,
                    query,
                    has_value=False,
                    counts=tuple(rules),
                    guard=guard,
                )
            )
        return checks

    def constraints(self, shape: Node, focus: list[str], path: URIRef | None) -> list[Check]:
        g = self.shapes
        for parameter in set(g.predicates(shape, None)):
            if parameter.startswith(str(SH)) and parameter not in _VALUE_PARAMETERS | _DESCRIPTIVE:
                raise UnsupportedShapes(f"shape {shape} uses {parameter}, which this engine does not compile")
        severity = _SEVERITY.get(g.value(shape, SH.severity), "violation")
        messages = tuple(str(m) for m in g.objects(shape, SH.message))
        targets = " UNION ".join(f"{{ {p} }}" for p in focus)
        this = f"{{ SELECT DISTINCT ?this WHERE {{ {_FOCUS} {targets} }} }}"
        # Values, other properties and typed resources come from subqueries: Oxigraph
        # evaluates each as one index scan and hash-joins them, several times faster on
        # the disk store than looking each focus node's values up one by one.
        values = _scan("?value", path) if path is not None else "BIND(?this AS ?value)"
        checks: list[Check] = []

        guard = f"ASK {{ {_FOCUS} {targets} }}"

        def check(component: URIRef, query: str, **extra: object) -> None:
            checks.append(Check(shape, component, severity, messages, path, query, guard=guard, **extra))  # type: ignore[arg-type]

        def value_check(component: URIRef, condition: str) -> None:
            check(component, f"SELECT DISTINCT ?this ?value WHERE {{ {this} {values} FILTER({condition}) }}")

        for cls in g.objects(shape, SH["class"]):
            classes = " ".join(f"<{c}>" for c in self.subclasses(cls))
            typed = (
                f"OPTIONAL {{ SELECT DISTINCT ?value (true AS ?typed) WHERE {{ "
                f"VALUES ?valueClass {{ {classes} }} ?value {RDF_TYPE} ?valueClass }} }}"
            )
            check(
                SH.ClassConstraintComponent,
                f"SELECT DISTINCT ?this ?value WHERE {{ {this} {values} {typed} "
                f"FILTER(isLiteral(?value) || !BOUND(?typed)) }}",
            )
        for datatype in g.objects(shape, SH.datatype):
            condition = f"!isLiteral(?value) || DATATYPE(?value) != <{datatype}>"
            if str(datatype) in _CASTABLE:  # well-formed: the cast to its own type works
                condition += f" || !COALESCE(isLiteral(<{datatype}>(?value)), false)"
            value_check(SH.DatatypeConstraintComponent, condition)
        for kind in g.objects(shape, SH.nodeKind):
            value_check(SH.NodeKindConstraintComponent, "!(" + _node_kind(kind) + ")")
        for members in g.objects(shape, SH["in"]):
            allowed = list(Collection(g, members))
            test = " || ".join(f"sameTerm(?value, {_term(v)})" for v in allowed) or "false"
            value_check(SH.InConstraintComponent, f"!({test})")
        for required in g.objects(shape, SH.hasValue):
            if path is None:
                check(
                    SH.HasValueConstraintComponent,
                    f"SELECT DISTINCT ?this WHERE {{ {this} FILTER(!sameTerm(?this, {_term(required)})) }}",
                    has_value=False,
                )
            else:
                check(
                    SH.HasValueConstraintComponent,
                    f"SELECT DISTINCT ?this WHERE {{ {this} "
                    f"FILTER NOT EXISTS {{ ?this <{path}> {_term(required)} }} }}",
                    has_value=False,
                )
        flags = g.value(shape, SH.flags)
        for pattern in g.objects(shape, SH.pattern):
            arguments = _string(str(pattern)) + (f", {_string(str(flags))}" if flags is not None else "")
            value_check(SH.PatternConstraintComponent, f"isBlank(?value) || !REGEX(STR(?value), {arguments})")
        for parameter, component, operator in (
            (SH.minLength, SH.MinLengthConstraintComponent, ">="),
            (SH.maxLength, SH.MaxLengthConstraintComponent, "<="),
        ):
            for length in g.objects(shape, parameter):
                value_check(
                    component, f"isBlank(?value) || !COALESCE(STRLEN(STR(?value)) {operator} {int(length)}, false)"
                )
        for parameter, component, operator in (
            (SH.minInclusive, SH.MinInclusiveConstraintComponent, ">="),
            (SH.maxInclusive, SH.MaxInclusiveConstraintComponent, "<="),
            (SH.minExclusive, SH.MinExclusiveConstraintComponent, ">"),
            (SH.maxExclusive, SH.MaxExclusiveConstraintComponent, "<"),
        ):
            for bound in g.objects(shape, parameter):
                value_check(component, f"!COALESCE(?value {operator} {_term(bound)}, false)")
        for parameter, component, operator in (
            (SH.lessThan, SH.LessThanConstraintComponent, "<"),
            (SH.lessThanOrEquals, SH.LessThanOrEqualsConstraintComponent, "<="),
        ):
            for other in g.objects(shape, parameter):
                check(
                    component,
                    f"SELECT DISTINCT ?this ?value WHERE {{ {this} {values} {_scan('?other', other)} "
                    f"FILTER(!COALESCE(?value {operator} ?other, false)) }}",
                )
        for other in g.objects(shape, SH.disjoint):
            check(
                SH.DisjointConstraintComponent,
                f"SELECT DISTINCT ?this ?value WHERE {{ {this} {values} {_scan('?value', other)} }}",
            )
        for other in g.objects(shape, SH.equals):
            check(
                SH.EqualsConstraintComponent,
                f"SELECT DISTINCT ?this ?value WHERE {{ {this} "
                f"{{ {values} FILTER NOT EXISTS {{ ?this {_term(other)} ?value }} }} UNION "
                f"{{ ?this {_term(other)} ?value . FILTER NOT EXISTS {{ {values} }} }} }}",
            )
        if path is not None and any(v == Literal(True) for v in g.objects(shape, SH.uniqueLang)):
            check(
                SH.UniqueLangConstraintComponent,
                f"SELECT DISTINCT ?this ?language WHERE {{ {this} {values} {_scan('?other', path)} "
                f'BIND(LCASE(LANG(?value)) AS ?language) FILTER(?language != "" && '
                f"!sameTerm(?value, ?other) && LCASE(LANG(?other)) = ?language) }}",
                has_value=False,
            )
        minimum, maximum = g.value(shape, SH.minCount), g.value(shape, SH.maxCount)
        if path is not None and (minimum is not None or maximum is not None):
            low = int(minimum) if minimum is not None else None
            high = int(maximum) if maximum is not None else None
            rule = CountRule(shape, path, low, high, severity, messages)
            if rule.condition("?count"):
                self.counts.setdefault((this, guard), []).append(rule)
        for constraint in g.objects(shape, SH.sparql):
            if _deactivated(g, constraint):
                continue
            select = self.select_of(constraint)
            own = tuple(str(m) for m in g.objects(constraint, SH.message)) or messages
            # A rule that is its shape's only target reports exactly its own rows: no join.
            alone = list(g.objects(shape, SH.target)) == [constraint] and len(focus) == 1
            checks.append(
                Check(
                    shape,
                    SH.SPARQLConstraintComponent,
                    severity,
                    own,
                    path,
                    _join_focus(select, _FOCUS if alone else this),
                    has_value="?value" in select,
                    guard="" if alone else guard,
                )
            )
        return checks


def _scan(variable: str, path: Node) -> str:
    """A subquery for every (?this, value) pair of one predicate."""
    return f"{{ SELECT ?this {variable} WHERE {{ ?this {_term(path)} {variable} }} }}"


def _join_focus(select: str, this: str) -> str:
    """A SPARQL constraint's SELECT, restricted to the shape's focus nodes."""
    at = outer_group(select)
    return select[:at] + f" {this} " + select[at:]


def _deactivated(g: Graph, node: Node) -> bool:
    return g.value(node, SH.deactivated) == Literal(True)


def _node_kind(kind: Node) -> str:
    tests = {
        SH.IRI: "isIRI(?value)",
        SH.BlankNode: "isBlank(?value)",
        SH.Literal: "isLiteral(?value)",
        SH.BlankNodeOrIRI: "isBlank(?value) || isIRI(?value)",
        SH.BlankNodeOrLiteral: "isBlank(?value) || isLiteral(?value)",
        SH.IRIOrLiteral: "isIRI(?value) || isLiteral(?value)",
    }
    if kind not in tests:
        raise UnsupportedShapes(f"unknown sh:nodeKind {kind}")
    return tests[kind]


def compile_shapes(shapes: Graph, query: Query) -> CompiledShapes:
    """Compile a shapes graph; subclass lists are read from the data through ``query``."""
    cache: dict[URIRef, list[URIRef]] = {}

    def subclasses(cls: URIRef) -> list[URIRef]:
        if cls not in cache:
            rows = query(f"SELECT DISTINCT ?sub WHERE {{ ?sub {SUBCLASS}* <{cls}> }}")
            found = {URIRef(row["sub"].value) for row in rows if isinstance(row["sub"], ox.NamedNode)}
            cache[cls] = sorted(found | {cls}, key=str)
        return cache[cls]

    return _Compiler(shapes, subclasses).compile()


def _focus_values(text: str, focus_nodes: Sequence[URIRef] | None) -> str:
    """The compiled query for every focus node, or restricted to some by a VALUES block."""
    if focus_nodes is None:
        return text.replace(_FOCUS, "")
    values = " ".join(f"<{node}>" for node in focus_nodes)
    return text.replace(_FOCUS, f"VALUES ?this {{ {values} }}")


_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def _message(template: str, row: ox.QuerySolution, variables: Iterable[str]) -> str:
    names = set(variables)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        term = row[name] if name in names else None
        return term.value if term is not None else match.group(0)

    return _PLACEHOLDER.sub(fill, template)


def run(compiled: CompiledShapes, query: Query, focus_nodes: Sequence[URIRef] | None = None) -> list[Result]:
    """Run every check, on as many threads as there are cores (Oxigraph queries release
    the GIL); the validation results, as :class:`kg.validation.Result` objects."""
    guards: dict[str, Future[bool]] = {}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for check in compiled.checks:
            if check.guard and check.guard not in guards:
                guards[check.guard] = pool.submit(
                    lambda text: bool(query(text)), _focus_values(check.guard, focus_nodes)
                )
        pending = [pool.submit(_run_check, check, query, focus_nodes, guards) for check in compiled.checks]
        found = {result for task in pending for result in task.result()}
    return sorted(found, key=lambda r: (str(r.source_shape), str(r.focus_node), str(r.path), str(r.value)))


def _run_check(
    check: Check, query: Query, focus_nodes: Sequence[URIRef] | None, guards: dict[str, Future[bool]]
) -> list[Result]:
    if check.guard and not guards[check.guard].result():
        return []
    solutions = query(_focus_values(check.query, focus_nodes))
    variables = [v.value for v in solutions.variables]
    if check.counts:
        return list(_count_results(check, solutions, variables))
    results = []
    for row in solutions:
        focus = to_rdflib(row["this"])
        value = to_rdflib(row["value"]) if check.has_value and "value" in variables and row["value"] else None
        path: Node | None = check.path
        if "path" in variables and row["path"] is not None:
            path = to_rdflib(row["path"])
        message = _message(check.messages[0], row, variables) if check.messages else _default_message(check)
        results.append(Result(focus, path, value, check.shape, check.component, check.severity, message))
    return results


def _count_results(check: Check, solutions: ox.QuerySolutions, variables: list[str]) -> Iterator[Result]:
    for row in solutions:
        focus, path, count = to_rdflib(row["this"]), URIRef(row["path"].value), int(row["count"].value)
        for rule in check.counts:
            if rule.path != path:
                continue
            if rule.low is not None and count < rule.low:
                component = SH.MinCountConstraintComponent
            elif rule.high is not None and count > rule.high:
                component = SH.MaxCountConstraintComponent
            else:
                continue
            message = rule.messages[0] if rule.messages else f"{count} values of {path}"
            yield Result(focus, path, None, rule.shape, component, rule.severity, message)


def _default_message(check: Check) -> str:
    name = str(check.component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    return f"{name} constraint of {check.shape} not met"


def report_graph(results: Sequence[Result], conforms: bool) -> Graph:
    """The standard SHACL validation report graph for ``results``."""
    graph = Graph()
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms)))
    severity_iri = {v: k for k, v in _SEVERITY.items()}
    for result in results:
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, result.focus_node))
        if result.path is not None:
            graph.add((node, SH.resultPath, result.path))
        if result.value is not None:
            graph.add((node, SH.value, result.value))
        graph.add((node, SH.sourceShape, result.source_shape))
        graph.add((node, SH.sourceConstraintComponent, result.constraint_component))
        graph.add((node, SH.resultSeverity, severity_iri[result.severity]))
        if result.message:
            graph.add((node, SH.resultMessage, Literal(result.message)))
    return graph
