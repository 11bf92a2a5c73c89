"""The RDF namespaces claimgraph writes, and the builders of its deterministic IRIs.

Every IRI the tool mints comes from here, made from the ids in annotation files, so the
same input always gives the same triples.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import URIRef

CG = Namespace("https://w3id.org/claimgraph/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/claimgraph/ontology")
ID = "https://w3id.org/claimgraph/id/"
SCHEMA = Namespace("http://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
VANN = Namespace("http://purl.org/vocab/vann/")

PREFIXES: dict[str, str] = {
    "cg": str(CG),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "org": str(ORG),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


ABSOLUTE = ("http://", "https://", "urn:")


def expand_curie(value: str) -> str:
    """``prefix:local`` with a known prefix (or ``id:`` for the data namespace) as the full
    IRI; anything else (an absolute IRI, an id) unchanged."""
    if ":" not in value or value.startswith(ABSOLUTE):
        return value
    prefix, _, local = value.partition(":")
    if prefix == "id":
        return ID + local
    return PREFIXES[prefix] + local if prefix in PREFIXES else value


def mint(*parts: str) -> URIRef:
    """An IRI under the data namespace from path segments (each percent-encoded)."""
    return URIRef(ID + "/".join(quote(part, safe="._-") for part in parts))


def actor_iri(actor_id: str) -> URIRef:
    return mint("actor", actor_id)


def membership_iri(actor_id: str, role_id: str) -> URIRef:
    return mint("membership", actor_id, role_id)


def role_iri(role_slug: str) -> URIRef:
    return mint("role", role_slug)


def topic_iri(topic_id: str) -> URIRef:
    return mint("topic", topic_id)


def proposition_iri(proposition_id: str) -> URIRef:
    return mint("proposition", proposition_id)


def document_iri(document_id: str) -> URIRef:
    return mint("document", document_id)


def statement_iri(document_id: str, statement_id: str) -> URIRef:
    return mint("statement", document_id, statement_id)


def document_graph(document_id: str) -> URIRef:
    return mint("graph", "document", document_id)


def registry_graph(name: str) -> URIRef:
    return mint("graph", "registry", name)


def file_graph(stem: str) -> URIRef:
    return mint("graph", "file", stem)


def slugify(text: str) -> str:
    """A lower-case slug of free text (for role and annotator IRIs)."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "unnamed"
