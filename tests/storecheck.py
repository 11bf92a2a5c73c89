"""Read a store folder directly with pyoxigraph, independently of the code under test."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

PREFIXES = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX id: <https://w3id.org/claimgraph/id/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def snapshot(store_path: Path) -> set[tuple[str, str, str, str]]:
    """The store's quads as canonical strings, blank nodes relabelled canonically."""
    store = ox.Store(str(store_path))
    dataset = ox.Dataset(store)
    del store
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in dataset}


def query(store_path: Path, sparql: str) -> list[dict[str, str]]:
    """Run SPARQL over the union of the store's graphs; rows as {variable: value}."""
    store = ox.Store(str(store_path))
    try:
        solutions = store.query(PREFIXES + sparql, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]
    finally:
        del store


def ask(store_path: Path, sparql: str) -> bool:
    store = ox.Store(str(store_path))
    try:
        return bool(store.query(PREFIXES + sparql, use_default_graph_as_union=True))
    finally:
        del store
