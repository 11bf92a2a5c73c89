"""The ontology's controlled values (SKOS concepts), looked up by their notation.

Annotation files write ``act: denies`` or ``channel: on-air``; the words allowed and
the IRIs they stand for are read from the ontology itself, so the ontology stays the
one place where a value is defined.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox
from rdflib.term import URIRef

from kg.namespaces import CG
from kg.resources import ontology_path

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_NOTATION = "http://www.w3.org/2004/02/skos/core#notation"

SPEECH_ACT = CG.SpeechActType
CHANNEL = CG.Channel
REFERENCE_KIND = CG.ReferenceKind
QUOTE_KIND = CG.QuoteKind
POLARITY = CG.Polarity
CERTAINTY = CG.Certainty
NORMALISED_RATING = CG.NormalisedRating


@cache
def _concepts() -> dict[str, dict[str, URIRef]]:
    """Map each value class IRI to ``{notation: concept IRI}``."""
    types: dict[str, set[str]] = {}
    notations: dict[str, str] = {}
    with ontology_path().open("rb") as handle:
        for triple in ox.parse(handle, format=ox.RdfFormat.TURTLE):
            subject = triple.subject
            if not isinstance(subject, ox.NamedNode):
                continue
            predicate = triple.predicate.value
            if predicate == _RDF_TYPE and isinstance(triple.object, ox.NamedNode):
                types.setdefault(subject.value, set()).add(triple.object.value)
            elif predicate == _NOTATION and isinstance(triple.object, ox.Literal):
                notations[subject.value] = triple.object.value
    by_class: dict[str, dict[str, URIRef]] = {}
    for concept, notation in notations.items():
        for class_iri in types.get(concept, ()):
            by_class.setdefault(class_iri, {})[notation] = URIRef(concept)
    return by_class


def values(value_class: URIRef) -> dict[str, URIRef]:
    """The allowed notations of one value class, e.g. ``values(SPEECH_ACT)``."""
    return dict(_concepts().get(str(value_class), {}))
