"""``claimgraph import``: fact-check files into named graphs, checked, atomically.

Each file becomes one named graph, ``graph/{format}/{file name}``; re-importing a file
replaces its graph, and re-importing an unchanged file changes nothing, since every IRI
comes from stable keys: a claim from its normalised text and claimant, a review from its
URL and claim, an actor from its name. Malformed records are skipped and reported; the
others are imported. All files are read before the store is touched, the new graphs are
validated with the stored data they touch, and then written in one all-or-nothing write.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import URIRef

from kg import claimreview, factcheck, ratings
from kg.claimants import Actors, name_key
from kg.compiled import new_graph, triples_of
from kg.errors import InputError
from kg.ingest import check_changes, graph_status
from kg.namespaces import CG, ONTOLOGY_IRI, SCHEMA, mint
from kg.rdfinput import read_rdf
from kg.resources import ontology_path
from kg.reviewlinks import expressed_propositions, matches
from kg.reviewrecords import ClaimRecord, Parsed, Review, Skipped, read_json
from kg.store import Store
from kg.validation import DEFAULT_ENGINE, Report

PARSERS: dict[str, Callable[[object, str], Parsed]] = {
    "claimreview": claimreview.parse,
    "google-factcheck": factcheck.parse,
}
DEFAULT_LANGUAGE = "en"


def graph_iri(kind: str, path: Path) -> URIRef:
    """The named graph of one imported file: ``graph/{kind}/{file name}``."""
    return mint("graph", kind, path.name)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def claim_iri(record: ClaimRecord) -> URIRef:
    """A claim's IRI: its own (from claimgraph's export), else from its wording and claimant (case-folded)."""
    if record.iri is not None:
        return URIRef(record.iri)
    claimant = name_key(record.claimant.name) if record.claimant else ""
    return mint("proposition", "claim-" + _digest(wording(record.text), claimant))


def wording(text: str) -> str:
    """A claim's text as stored: runs of whitespace as one space. Other spellings stay
    distinct claims (a claim has one wording per language); linking joins them."""
    return re.sub(r"\s+", " ", text).strip()


def review_iri(review: Review, claim: URIRef) -> URIRef:
    """A review's IRI: its own, else from its URL (or publisher, date and rating) and its claim."""
    if review.iri is not None:
        return URIRef(review.iri)
    rating = review.rating
    key = review.url or "|".join(
        str(part or "") for part in (review.publisher.name, review.date, rating.text, rating.value)
    )
    return mint("review", _digest(key, str(claim)))


def number_literal(value: Decimal) -> Literal:
    """A rating number: ``xsd:integer`` when whole, else ``xsd:decimal``."""
    if value == value.to_integral_value():
        return Literal(str(int(value)), datatype=XSD.integer)
    return Literal(format(value.normalize(), "f"), datatype=XSD.decimal)


@dataclass
class FileImport:
    """What one file gave: its graph, the records imported and skipped, the links made."""

    path: Path
    graph: URIRef
    triples: list[ox.Triple]
    claims: int
    reviews: int
    links: int
    skipped: list[Skipped]
    status: str = "added"


@dataclass
class ImportResult:
    """What an import wrote, and the validation report of it (if validated)."""

    files: list[FileImport] = field(default_factory=list)
    report: Report | None = None
    data: Graph | None = None

    @property
    def skipped(self) -> int:
        return sum(len(f.skipped) for f in self.files)


def _add_claim(graph: Graph, record: ClaimRecord, claim: URIRef, actors: Actors) -> None:
    language = (record.language or DEFAULT_LANGUAGE).lower()
    graph.add((claim, RDF.type, CG.Proposition))
    graph.add((claim, RDFS.label, Literal(wording(record.text), lang=language)))
    if record.claimant is not None:
        graph.add((claim, SCHEMA.author, actors.resolve(record.claimant)))
    if record.date:
        graph.add((claim, SCHEMA.datePublished, Literal(record.date, datatype=XSD.date)))
    for appearance in record.appearances:
        graph.add((claim, SCHEMA.appearance, URIRef(appearance)))
    if record.first_appearance:
        graph.add((claim, SCHEMA.firstAppearance, URIRef(record.first_appearance)))


def _add_review(graph: Graph, review: Review, claim: URIRef, actors: Actors) -> URIRef:
    node = review_iri(review, claim)
    rating_node = URIRef(f"{node}/rating")
    graph.add((node, RDF.type, SCHEMA.ClaimReview))
    graph.add((node, SCHEMA.itemReviewed, claim))
    graph.add((node, SCHEMA.author, actors.resolve(review.publisher, publisher=True)))
    graph.add((node, SCHEMA.reviewRating, rating_node))
    if review.url:
        graph.add((node, SCHEMA.url, URIRef(review.url)))
    if review.date:
        graph.add((node, SCHEMA.datePublished, Literal(review.date, datatype=XSD.date)))
    if review.language:
        graph.add((node, SCHEMA.inLanguage, Literal(review.language.lower())))
    if review.headline:
        graph.add((node, SCHEMA.headline, Literal(review.headline)))
    rating = review.rating
    graph.add((rating_node, RDF.type, SCHEMA.Rating))
    if rating.text:
        graph.add((rating_node, SCHEMA.alternateName, Literal(rating.text)))
    for predicate, value in (
        (SCHEMA.ratingValue, rating.value),
        (SCHEMA.bestRating, rating.best),
        (SCHEMA.worstRating, rating.worst),
    ):
        if value is not None:
            graph.add((rating_node, predicate, number_literal(value)))
    normalised = ratings.normalise(rating.text, rating.value, rating.best, rating.worst)
    graph.add((rating_node, CG.normalisedRating, ratings.concept(normalised)))
    return node


def compile_records(
    records: Sequence[ClaimRecord], actors: Actors, candidates: dict[str, list[URIRef]]
) -> tuple[Graph, int, int]:
    """The triples of ``records`` (claims, reviews, ratings, new actors, links), the
    number of reviews and the number of links to existing propositions."""
    graph = new_graph()
    reviews = links = 0
    for record in records:
        claim = claim_iri(record)
        _add_claim(graph, record, claim, actors)
        for review in record.reviews:
            node = _add_review(graph, review, claim, actors)
            reviews += 1
            for proposition in matches(record.text, candidates, claim):
                graph.add((node, CG.reviewedProposition, proposition))
                links += 1
    used = {o for o in graph.objects(None, SCHEMA.author) if isinstance(o, URIRef)}
    for iri in sorted(used & set(actors.created)):  # actors this import creates: described where used
        actor_class, label = actors.created[iri]
        graph.add((iri, RDF.type, actor_class))
        graph.add((iri, RDFS.label, Literal(label, lang="en")))
    return graph, reviews, links


def read_files(paths: Sequence[Path], kind: str) -> list[tuple[Path, Parsed]]:
    """Read and parse every file first, so that an unreadable one stops the import before any writing."""
    if kind not in PARSERS:
        raise InputError(f"unknown fact-check format {kind!r} (known: {', '.join(PARSERS)})")
    seen: dict[URIRef, Path] = {}
    parsed = []
    for path in paths:
        graph = graph_iri(kind, path)
        if graph in seen:
            raise InputError(f"fills graph <{graph}>, which {seen[graph]} fills too; rename one file", path=path)
        seen[graph] = path
        if not path.is_file():
            raise InputError("no such file", path=path)
        parsed.append((path, PARSERS[kind](read_json(path), str(path))))
    return parsed


def import_files(
    paths: Sequence[str | Path],
    store: Store,
    kind: str,
    *,
    validate: bool = True,
    shapes: Graph | None = None,
    engine: str = DEFAULT_ENGINE,
) -> ImportResult:
    """Import fact-check files of one ``kind`` ("claimreview" or "google-factcheck") into ``store``."""
    files = read_files([Path(p) for p in paths], kind)
    graphs = [ox.NamedNode(str(graph_iri(kind, path))) for path, _ in files]
    actors = Actors.from_store(store, excluding=graphs)
    candidates = expressed_propositions(store)
    result = ImportResult()
    contents: dict[ox.NamedNode, list[ox.Triple]] = {}
    for (path, parsed), graph in zip(files, graphs, strict=True):
        compiled, reviews, links = compile_records(parsed.records, actors, candidates)
        triples = triples_of(compiled)
        done = FileImport(path, URIRef(graph.value), triples, len(parsed.records), reviews, links, parsed.skipped)
        done.status, _ = graph_status(store, graph, triples)
        if not triples:  # nothing well-formed: an earlier import of the file is taken out
            done.status = "empty" if done.status == "added" else "emptied"
        if done.status not in ("unchanged", "empty"):
            contents[graph] = triples
        result.files.append(done)
    ontology = ox.NamedNode(str(ONTOLOGY_IRI))
    if contents and store.graph_size(ontology) == 0:
        (compiled_ontology,) = read_rdf(ontology_path(), default_graph=ONTOLOGY_IRI)
        contents[ontology] = compiled_ontology.triples
    if validate and contents:
        result.report, result.data = check_changes(store, contents, shapes, engine, action="import")
    if contents:
        store.replace_graphs(contents)
    return result
