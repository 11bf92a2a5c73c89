"""``claimgraph export --format claimreview``: the store's fact-check reviews as ClaimReview JSON-LD.

One ``@graph`` of schema.org ClaimReview objects, one per review, each with its rating,
its author (the fact-checker) and the claim it rates with the claimant. The context is
written inline (no remote context to fetch), so any JSON-LD processor reads it offline,
and ``claimgraph import claimreview`` reads it back unchanged: the ``@id``s are
claimgraph's own IRIs, which the importer keeps. Actors other than people are written as
``Organization`` (what schema.org expects of an author), with their exact claimgraph
class in ``additionalType``. Links to propositions (``cg:reviewedProposition``) are not
part of ClaimReview and are not written; an import makes them again from the wording.
Output is sorted, so two exports of the same store are identical.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pyoxigraph as ox

from kg.namespaces import CG, SCHEMA
from kg.store import Store

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_XSD = "http://www.w3.org/2001/XMLSchema#"

CONTEXT: dict[str, object] = {
    "@vocab": str(SCHEMA),
    "schema": str(SCHEMA),
    "xsd": _XSD,
    "cg": str(CG),
    "url": {"@id": "schema:url", "@type": "@id"},
    "additionalType": {"@id": "schema:additionalType", "@type": "@id"},
    "datePublished": {"@id": "schema:datePublished", "@type": "xsd:date"},
    "appearance": {"@id": "schema:appearance", "@container": "@set"},
}

_ORGANIZATION_CLASSES = {str(CG.Organization)}


def _properties(store: Store, subjects: list[str]) -> dict[str, dict[str, list]]:
    """subject -> predicate -> sorted objects, for the given subjects (union of the graphs)."""
    found: dict[str, dict[str, set]] = {s: {} for s in subjects}
    for start in range(0, len(subjects), 200):
        values = " ".join(f"<{s}>" for s in subjects[start : start + 200])
        for row in store.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}"):
            found[row["s"].value].setdefault(row["p"].value, set()).add(row["o"])
    return {s: {p: sorted(objects, key=str) for p, objects in props.items()} for s, props in found.items()}


def _one(props: dict[str, list], predicate: object) -> ox.NamedNode | ox.Literal | None:
    values = props.get(str(predicate), [])
    return values[0] if values else None


def _number(literal: ox.Literal) -> int | float | str:
    try:
        value = Decimal(literal.value)
    except ArithmeticError:
        return literal.value
    return int(value) if value == value.to_integral_value() else float(value)


def _actor(iri: str, props: dict[str, list]) -> dict[str, object]:
    classes = {o.value for o in props.get(_RDF_TYPE, []) if isinstance(o, ox.NamedNode)}
    person = str(CG.Person) in classes
    node: dict[str, object] = {"@id": iri, "@type": "Person" if person else "Organization"}
    labels = [o for o in props.get(_LABEL, []) if isinstance(o, ox.Literal)]
    english = [o.value for o in labels if o.language == "en"] or [o.value for o in labels]
    if english:
        node["name"] = english[0]
    if not person:
        exact = sorted(c for c in classes if c.startswith(str(CG)) and c not in _ORGANIZATION_CLASSES)
        if exact:
            node["additionalType"] = exact[0]
    return node


def _label(props: dict[str, list]) -> ox.Literal | None:
    labels = [o for o in props.get(_LABEL, []) if isinstance(o, ox.Literal)]
    return labels[0] if labels else None


def documents(store: Store) -> dict[str, object]:
    """The ClaimReview JSON-LD document of every review in the store."""
    rows = store.query(
        f"SELECT DISTINCT ?review ?claim WHERE {{ ?review a <{SCHEMA.ClaimReview}> ; <{SCHEMA.itemReviewed}> ?claim }}"
    )
    pairs = sorted((row["claim"].value, row["review"].value) for row in rows)
    reviews = sorted({review for _, review in pairs})
    claims = sorted({claim for claim, _ in pairs})
    props = _properties(store, reviews + claims)
    ratings = sorted({str(o.value) for r in reviews for o in props[r].get(str(SCHEMA.reviewRating), [])})
    authors = sorted({o.value for s in reviews + claims for o in props[s].get(str(SCHEMA.author), [])})
    props |= _properties(store, ratings + authors)
    graph = []
    for claim, review in pairs:
        graph.append(_review(review, claim, props))
    return {"@context": CONTEXT, "@graph": graph}


def _review(review: str, claim: str, props: dict[str, dict[str, list]]) -> dict[str, object]:
    mine, its_claim = props[review], props[claim]
    node: dict[str, object] = {"@id": review, "@type": "ClaimReview"}
    label = _label(its_claim)
    if label is not None:
        node["claimReviewed"] = label.value
    for key, predicate in (("url", SCHEMA.url), ("datePublished", SCHEMA.datePublished)):
        value = _one(mine, predicate)
        if value is not None:
            node[key] = value.value
    for key, predicate in (("inLanguage", SCHEMA.inLanguage), ("headline", SCHEMA.headline)):
        value = _one(mine, predicate)
        if value is not None:
            node[key] = value.value
    author = _one(mine, SCHEMA.author)
    if author is not None:
        node["author"] = _actor(author.value, props.get(author.value, {}))
    rating = _one(mine, SCHEMA.reviewRating)
    if rating is not None:
        node["reviewRating"] = _rating(rating.value, props.get(rating.value, {}))
    node["itemReviewed"] = _claim(claim, its_claim, label, props)
    return node


def _rating(iri: str, props: dict[str, list]) -> dict[str, object]:
    node: dict[str, object] = {"@id": iri, "@type": "Rating"}
    text = _one(props, SCHEMA.alternateName)
    if text is not None:
        node["alternateName"] = text.value
    for key, predicate in (
        ("ratingValue", SCHEMA.ratingValue),
        ("bestRating", SCHEMA.bestRating),
        ("worstRating", SCHEMA.worstRating),
    ):
        value = _one(props, predicate)
        if isinstance(value, ox.Literal):
            node[key] = _number(value)
    return node


def _claim(iri: str, props: dict[str, list], label: ox.Literal | None, everything: dict) -> dict[str, object]:
    node: dict[str, object] = {"@id": iri, "@type": "Claim"}
    if label is not None and label.language:
        node["inLanguage"] = label.language
    author = _one(props, SCHEMA.author)
    if author is not None:
        node["author"] = _actor(author.value, everything.get(author.value, {}))
    published = _one(props, SCHEMA.datePublished)
    if published is not None:
        node["datePublished"] = published.value
    appearances = [o.value for o in props.get(str(SCHEMA.appearance), [])]
    if appearances:
        node["appearance"] = [{"@id": url, "@type": "CreativeWork", "url": url} for url in appearances]
    first = _one(props, SCHEMA.firstAppearance)
    if first is not None:
        node["firstAppearance"] = {"@id": first.value, "@type": "CreativeWork", "url": first.value}
    return node


def serialize(store: Store) -> bytes:
    """The ClaimReview JSON-LD of the store, as UTF-8 bytes ending in a newline."""
    return (json.dumps(documents(store), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
