"""Join fact-check reviews to the propositions that statements in the graph express.

A review rates a claim as the fact-checker words it (its ``schema:itemReviewed``). When
that wording is, after normalisation, the wording of a proposition some statement
expresses, the import links the review to it with ``cg:reviewedProposition``; other
links are made by hand (``claimgraph link``) into a named graph of their own. A link is
a join, not a verdict about the statements: a party's denial stays a statement.
"""

from __future__ import annotations

import re
import unicodedata

import pyoxigraph as ox
from rdflib.term import URIRef

from kg.errors import InputError, NotFoundError
from kg.namespaces import ABSOLUTE, CG, ID, SCHEMA, expand_curie, mint
from kg.store import Store

LINKS_GRAPH = mint("graph", "review-links", "manual")
_QUOTES = "\"'“”„‟‘’‚‛«»‹›`"
_END = ".,;:!?…-–—" + _QUOTES


def normalise_text(text: str) -> str:
    """Wording as it is compared: Unicode-normalised, case-folded, quote marks dropped,
    whitespace collapsed, punctuation at the ends stripped."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = "".join(ch for ch in folded if ch not in _QUOTES)
    folded = re.sub(r"\s+", " ", folded)
    return folded.strip().strip(_END).strip()


def expressed_propositions(store: Store | None) -> dict[str, list[URIRef]]:
    """Normalised wording -> the propositions with that wording that some statement expresses."""
    if store is None:
        return {}
    query = f"""
        SELECT DISTINCT ?proposition ?wording WHERE {{
          ?statement <{CG.expresses}> ?proposition .
          ?proposition <http://www.w3.org/2000/01/rdf-schema#label> ?wording .
        }}"""
    found: dict[str, set[URIRef]] = {}
    for row in store.query(query):
        if isinstance(row["proposition"], ox.NamedNode):
            found.setdefault(normalise_text(row["wording"].value), set()).add(URIRef(row["proposition"].value))
    return {key: sorted(iris) for key, iris in found.items()}


def matches(wording: str, candidates: dict[str, list[URIRef]], claim: URIRef) -> list[URIRef]:
    """The propositions whose wording matches ``wording`` (the claim itself left out)."""
    return [iri for iri in candidates.get(normalise_text(wording), []) if iri != claim]


def resolve(value: str, kind: str) -> ox.NamedNode:
    """An IRI, a CURIE (``id:review/…``, ``cg:…``), a path under the data namespace
    (``review/…``) or a bare id (``ukraine-postponed-exchange``) as the IRI it names."""
    value = expand_curie(value)
    if not value.startswith(ABSOLUTE):
        value = ID + (value if "/" in value else f"{kind}/{value}")
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise InputError(f"not a valid IRI, CURIE or id: {value!r}") from exc


def _exists(store: Store, iri: ox.NamedNode, cls: str) -> bool:
    return any(True for _ in store.query(f"SELECT ?x WHERE {{ {iri} a <{cls}> BIND(1 AS ?x) }} LIMIT 1"))


def link(store: Store, review: str, proposition: str) -> tuple[ox.NamedNode, ox.NamedNode, bool]:
    """Link a review to a proposition by hand, in the manual-links graph, atomically.

    Both must exist (a ``schema:ClaimReview`` and a ``cg:Proposition``). Returns the two
    IRIs and whether anything was written (linking twice changes nothing).
    """
    review_iri, proposition_iri = resolve(review, "review"), resolve(proposition, "proposition")
    if not _exists(store, review_iri, str(SCHEMA.ClaimReview)):
        raise NotFoundError(f"no fact-check review (schema:ClaimReview) {review_iri} in the store")
    if not _exists(store, proposition_iri, str(CG.Proposition)):
        raise NotFoundError(f"no proposition (cg:Proposition) {proposition_iri} in the store")
    graph = ox.NamedNode(str(LINKS_GRAPH))
    new = ox.Triple(review_iri, ox.NamedNode(str(CG.reviewedProposition)), proposition_iri)
    current = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    if new in current:
        return review_iri, proposition_iri, False
    store.replace_graphs({graph: [*current, new]})
    return review_iri, proposition_iri, True
