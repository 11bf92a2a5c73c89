"""``claimgraph stats``: what the store holds, per class and per document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pyoxigraph as ox

from kg.namespaces import ID, PREFIXES
from kg.store import Store

_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?thing) AS ?n) WHERE { ?thing a ?class }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""

_DOCUMENTS = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?id ?title ?issued (COUNT(DISTINCT ?statement) AS ?statements) WHERE {
  ?doc a cg:SourceDocument ; dcterms:identifier ?id .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:issued ?issued }
  OPTIONAL { ?statement cg:reportedIn ?doc }
} GROUP BY ?doc ?id ?title ?issued ORDER BY ?issued ?id
"""


def compact(iri: str) -> str:
    """``cg:Statement`` for a cg IRI, and so on for the known prefixes."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and "/" not in iri[len(namespace) :]:
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


@dataclass
class Stats:
    """Counts a person can read and a machine can parse (see :func:`as_dict`)."""

    triples: int
    graphs: dict[str, int] = field(default_factory=dict)
    classes: dict[str, int] = field(default_factory=dict)
    documents: list[dict[str, object]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _value(term: object) -> str | None:
    if term is None:
        return None
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def collect(store: Store) -> Stats:
    """Count triples per graph, things per class, statements per document."""
    stats = Stats(triples=len(store))
    for graph in store.named_graphs():
        stats.graphs[graph.value] = sum(1 for _ in store.quads(graph))
    for row in store.query(_CLASS_COUNTS):
        stats.classes[compact(row["class"].value)] = int(row["n"].value)
    for row in store.query(_DOCUMENTS):
        stats.documents.append(
            {
                "id": _value(row["id"]),
                "iri": _value(row["doc"]),
                "title": _value(row["title"]),
                "issued": _value(row["issued"]),
                "statements": int(row["statements"].value),
            }
        )
    return stats


def render(stats: Stats) -> str:
    """The stats as aligned plain-text tables."""
    lines = [f"{stats.triples} triples in {len(stats.graphs)} named graphs", ""]
    lines.append("Documents")
    if not stats.documents:
        lines.append("  (none)")
    for doc in stats.documents:
        lines.append(
            f"  {doc['id']:<32} {doc['issued'] or '':<10}  {doc['statements']:>4} statements  {doc['title'] or ''}"
        )
    lines += ["", "Classes"]
    width = max((len(name) for name in stats.classes), default=0)
    for name, count in stats.classes.items():
        lines.append(f"  {name:<{width}}  {count:>6}")
    lines += ["", "Graphs"]
    for graph, count in stats.graphs.items():
        lines.append(f"  {graph.removeprefix(ID):<60}  {count:>6} triples")
    return "\n".join(lines)
