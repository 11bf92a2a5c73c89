"""Checks on the OWL ontology (ontology/claimgraph.ttl) and its JSON-LD context.

The expected terms and concept notations are written out by hand from docs/model.md, so a
term that is renamed, dropped or added in the ontology without the model changing fails
here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

ONTOLOGY_DIR = Path(__file__).parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "claimgraph.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"

CG_NS = "https://w3id.org/claimgraph/ontology#"
CG = Namespace(CG_NS)
ONTOLOGY = URIRef("https://w3id.org/claimgraph/ontology")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("http://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
VANN = Namespace("http://purl.org/vocab/vann/")
# A plain Namespace: rdflib's XSD warns when pytest probes module attributes on it.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# --- The term list of docs/model.md ------------------------------------------------------

EXPECTED_CLASSES = {
    "Actor",
    "Person",
    "Organization",
    "Government",
    "State",
    "CollectiveActor",
    "AnonymousSource",
    "ActorMention",
    "Statement",
    "Proposition",
    "Quote",
    "SourceDocument",
    "AnnotationRecord",
    "PropositionRelationship",
    "SpeechActType",
    "Channel",
    "ReferenceKind",
    "QuoteKind",
    "Polarity",
    "Certainty",
    "NormalisedRating",
}

EXPECTED_OBJECT_PROPERTIES = {
    "affiliatedWith",
    "governmentOf",
    "refersTo",
    "referenceKind",
    "speaker",
    "speakerMention",
    "speakerRole",
    "speechAct",
    "channel",
    "viaOutlet",
    "expresses",
    "polarity",
    "certainty",
    "accuses",
    "accusedMention",
    "reportedIn",
    "hasQuote",
    "respondsTo",
    "disputes",
    "denies",
    "refutes",
    "counters",
    "supports",
    "confirms",
    "reports",
    "sameContentAs",
    "paraphraseOf",
    "closelyMatches",
    "compatibleWith",
    "contradicts",
    "moreSpecificThan",
    "subjectProposition",
    "objectProposition",
    "relationType",
    "quoteKind",
    "annotation",
    "normalisedRating",
    "reviewedProposition",
}

EXPECTED_DATATYPE_PROPERTIES = {"surfaceForm", "statedOn", "cue", "withholds"}

# scheme -> (concept class, IRI stem, notations)
EXPECTED_SCHEMES = {
    "SpeechActScheme": (
        "SpeechActType",
        "act",
        {
            "asserts",
            "reports",
            "accuses",
            "denies",
            "refutes",
            "counter-claims",
            "confirms",
            "commits",
            "declines-to-disclose",
        },
    ),
    "ChannelScheme": (
        "Channel",
        "channel",
        {
            "press-statement",
            "facebook-post",
            "telegram-post",
            "comments-to-outlet",
            "on-air",
            "video",
            "interview",
            "official-website",
            "talks",
            "article",
            "unspecified",
        },
    ),
    "ReferenceKindScheme": (
        "ReferenceKind",
        "ref",
        {"named", "metonymic", "collective", "anonymous", "descriptive", "pronominal"},
    ),
    "QuoteKindScheme": ("QuoteKind", "quote", {"direct", "indirect", "paraphrase"}),
    "PolarityScheme": ("Polarity", "polarity", {"affirmative", "negative"}),
    "CertaintyScheme": ("Certainty", "certainty", {"certain", "probable", "possible", "doubtful"}),
    "NormalisedRatingScheme": (
        "NormalisedRating",
        "rating",
        {"false", "mostly-false", "mixed", "mostly-true", "true", "unrated"},
    ),
}

# narrower notation -> broader notation, in the speech act scheme
EXPECTED_SPEECH_ACT_BROADER = {
    "refutes": "denies",
    "accuses": "asserts",
    "confirms": "asserts",
    "counter-claims": "asserts",
}

# property -> (domain, range), as given in docs/model.md
EXPECTED_DOMAIN_RANGE = {
    CG.affiliatedWith: (CG.Actor, CG.Actor),
    CG.governmentOf: (CG.Government, CG.State),
    CG.surfaceForm: (CG.ActorMention, RDF.langString),
    CG.refersTo: (CG.ActorMention, CG.Actor),
    CG.referenceKind: (CG.ActorMention, CG.ReferenceKind),
    CG.speaker: (CG.Statement, CG.Actor),
    CG.speakerMention: (CG.Statement, CG.ActorMention),
    CG.speakerRole: (CG.Statement, ORG.Membership),
    CG.speechAct: (CG.Statement, CG.SpeechActType),
    CG.statedOn: (CG.Statement, XSD.date),
    CG.channel: (CG.Statement, CG.Channel),
    CG.viaOutlet: (CG.Statement, CG.Actor),
    CG.cue: (CG.Statement, RDF.langString),
    CG.expresses: (CG.Statement, CG.Proposition),
    CG.polarity: (CG.Statement, CG.Polarity),
    CG.certainty: (CG.Statement, CG.Certainty),
    CG.withholds: (CG.Statement, RDF.langString),
    CG.accuses: (CG.Statement, CG.Actor),
    CG.accusedMention: (CG.Statement, CG.ActorMention),
    CG.reportedIn: (CG.Statement, CG.SourceDocument),
    CG.hasQuote: (CG.Statement, CG.Quote),
    CG.respondsTo: (CG.Statement, CG.Statement),
    CG.reports: (CG.Statement, CG.Statement),
    CG.sameContentAs: (CG.Proposition, CG.Proposition),
    CG.closelyMatches: (CG.Proposition, CG.Proposition),
    CG.compatibleWith: (CG.Proposition, CG.Proposition),
    CG.contradicts: (CG.Proposition, CG.Proposition),
    CG.moreSpecificThan: (CG.Proposition, CG.Proposition),
    CG.subjectProposition: (CG.PropositionRelationship, CG.Proposition),
    CG.objectProposition: (CG.PropositionRelationship, CG.Proposition),
    CG.quoteKind: (CG.Quote, CG.QuoteKind),
    CG.annotation: (CG.SourceDocument, CG.AnnotationRecord),
    CG.normalisedRating: (SCHEMA.Rating, CG.NormalisedRating),
    CG.reviewedProposition: (SCHEMA.ClaimReview, CG.Proposition),
}

ALIGNMENTS = [
    (CG.Actor, RDFS.subClassOf, PROV.Agent),
    (CG.Person, RDFS.subClassOf, CG.Actor),
    (CG.Person, RDFS.subClassOf, PROV.Person),
    (CG.Person, RDFS.subClassOf, SCHEMA.Person),
    (CG.Organization, RDFS.subClassOf, CG.Actor),
    (CG.Organization, RDFS.subClassOf, ORG.Organization),
    (CG.Organization, RDFS.subClassOf, PROV.Organization),
    (CG.Organization, RDFS.subClassOf, SCHEMA.Organization),
    (CG.Government, RDFS.subClassOf, CG.Organization),
    (CG.Government, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
    (CG.State, RDFS.subClassOf, CG.Actor),
    (CG.CollectiveActor, RDFS.subClassOf, CG.Actor),
    (CG.AnonymousSource, RDFS.subClassOf, CG.Actor),
    (CG.ActorMention, RDFS.subClassOf, OA.SpecificResource),
    (CG.Statement, RDFS.subClassOf, PROV.Activity),
    (CG.Proposition, RDFS.subClassOf, SCHEMA.Claim),
    (CG.Quote, RDFS.subClassOf, OA.SpecificResource),
    (CG.SourceDocument, RDFS.subClassOf, SCHEMA.CreativeWork),
    (CG.SourceDocument, RDFS.subClassOf, PROV.Entity),
    (CG.AnnotationRecord, RDFS.subClassOf, PROV.Entity),
    (CG.SpeechActType, RDFS.subClassOf, SKOS.Concept),
    (CG.Channel, RDFS.subClassOf, SKOS.Concept),
    (CG.ReferenceKind, RDFS.subClassOf, SKOS.Concept),
    (CG.QuoteKind, RDFS.subClassOf, SKOS.Concept),
    (CG.Polarity, RDFS.subClassOf, SKOS.Concept),
    (CG.Certainty, RDFS.subClassOf, SKOS.Concept),
    (CG.NormalisedRating, RDFS.subClassOf, SKOS.Concept),
    (CG.speaker, RDFS.subPropertyOf, PROV.wasAssociatedWith),
    (CG.statedOn, RDFS.subPropertyOf, DCTERMS.date),
    (CG.disputes, RDFS.subPropertyOf, CG.respondsTo),
    (CG.denies, RDFS.subPropertyOf, CG.disputes),
    (CG.refutes, RDFS.subPropertyOf, CG.denies),
    (CG.counters, RDFS.subPropertyOf, CG.disputes),
    (CG.supports, RDFS.subPropertyOf, CG.respondsTo),
    (CG.confirms, RDFS.subPropertyOf, CG.supports),
    (CG.paraphraseOf, RDFS.subPropertyOf, CG.sameContentAs),
    (CG.sameContentAs, RDF.type, OWL.SymmetricProperty),
    (CG.closelyMatches, RDF.type, OWL.SymmetricProperty),
    (CG.compatibleWith, RDF.type, OWL.SymmetricProperty),
    (CG.contradicts, RDF.type, OWL.SymmetricProperty),
    (CG.moreSpecificThan, RDF.type, OWL.TransitiveProperty),
]

MULTILINGUAL_LABELS = {
    CG.Actor: {"en": "Actor", "uk": "Актор", "ru": "Актор"},
    CG.Statement: {"en": "Statement", "uk": "Заява", "ru": "Заявление"},
    CG.Proposition: {"en": "Proposition", "uk": "Твердження", "ru": "Утверждение"},
    CG.Quote: {"en": "Quote", "uk": "Цитата", "ru": "Цитата"},
    CG.SourceDocument: {
        "en": "Source document",
        "uk": "Документ-джерело",
        "ru": "Документ-источник",
    },
}

OWL_ENTITY_KINDS = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDFS.Datatype,
}
BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL))


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def _cg_iris(graph: Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple if isinstance(term, URIRef) and str(term).startswith(CG_NS)}


def _cg_names(graph: Graph, kind: URIRef) -> set[str]:
    return {
        str(s)[len(CG_NS) :]
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(CG_NS)
    }


def _langs(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> list[Literal]:
    return [o for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang]


def _expand(value: str, context: dict) -> str:
    """Expand a compact IRI (``cg:speaker``) with the prefixes of the context."""
    prefix, sep, local = value.partition(":")
    if sep and isinstance(context.get(prefix), str) and not local.startswith("//"):
        return context[prefix] + local
    return value


# --- Parsing and header ------------------------------------------------------------------


def test_parses_with_pyoxigraph_to_the_same_triples(graph: Graph) -> None:
    with ONTOLOGY_FILE.open("rb") as handle:
        quads = list(pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(graph) > 500
    assert len(quads) == len(graph)


def test_header_metadata(graph: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in graph
    assert list(graph.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY]

    def one(predicate: URIRef):
        values = list(graph.objects(ONTOLOGY, predicate))
        assert len(values) == 1, f"{predicate} should occur once on the ontology: {values}"
        return values[0]

    title = one(DCTERMS.title)
    assert isinstance(title, Literal) and title.language == "en" and "claimgraph" in title
    description = one(DCTERMS.description)
    assert isinstance(description, Literal) and description.language == "en"
    assert len(str(description)) > 40
    assert one(DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    created = one(DCTERMS.created)
    assert created == Literal("2026-11-22", datatype=XSD.date)
    assert created.datatype == XSD.date
    modified = one(DCTERMS.modified)
    assert modified == Literal("2026-11-22", datatype=XSD.date)
    assert modified.datatype == XSD.date
    assert one(OWL.versionIRI) == URIRef("https://w3id.org/claimgraph/ontology/0.1.0")
    assert str(one(OWL.versionInfo)) == "0.1.0"
    assert str(one(VANN.preferredNamespacePrefix)) == "cg"
    assert str(one(VANN.preferredNamespaceUri)) == CG_NS

    creator = one(DCTERMS.creator)
    if isinstance(creator, Literal):
        assert str(creator) == "claimgraph maintainers"
    else:
        assert isinstance(creator, (BNode, URIRef))
        assert [str(label) for label in graph.objects(creator, RDFS.label)] == ["claimgraph maintainers"]

    assert list(graph.objects(ONTOLOGY, OWL.imports)) == []


# --- Terms -------------------------------------------------------------------------------


def test_exactly_the_terms_of_the_model(graph: Graph) -> None:
    assert _cg_names(graph, OWL.Class) == EXPECTED_CLASSES
    assert _cg_names(graph, OWL.ObjectProperty) == EXPECTED_OBJECT_PROPERTIES
    assert _cg_names(graph, OWL.DatatypeProperty) == EXPECTED_DATATYPE_PROPERTIES
    assert _cg_names(graph, OWL.AnnotationProperty) == set()
    assert _cg_names(graph, SKOS.ConceptScheme) == set(EXPECTED_SCHEMES)


def test_every_cg_term_is_declared_and_documented(graph: Graph) -> None:
    terms = _cg_iris(graph)
    expected_concepts = sum(len(notations) for _, _, notations in EXPECTED_SCHEMES.values())
    assert len(terms) == (
        len(EXPECTED_CLASSES)
        + len(EXPECTED_OBJECT_PROPERTIES)
        + len(EXPECTED_DATATYPE_PROPERTIES)
        + len(EXPECTED_SCHEMES)
        + expected_concepts
    )
    problems = []
    for term in sorted(terms):
        if graph.value(term, RDF.type) is None:
            problems.append(f"{term}: no rdf:type")
        labels = _langs(graph, term, RDFS.label, "en")
        if len(labels) != 1 or not str(labels[0]).strip():
            problems.append(f"{term}: {len(labels)} rdfs:label@en")
        definitions = _langs(graph, term, SKOS.definition, "en")
        if len(definitions) != 1 or len(str(definitions[0]).split()) < 4:
            problems.append(f"{term}: {len(definitions)} skos:definition@en")
        if len(list(graph.objects(term, SKOS.definition))) != len(definitions):
            problems.append(f"{term}: skos:definition without @en")
        if list(graph.objects(term, RDFS.isDefinedBy)) != [ONTOLOGY]:
            problems.append(f"{term}: rdfs:isDefinedBy is not the ontology")
    assert problems == []


def test_definitions_are_distinct(graph: Graph) -> None:
    definitions = [str(o) for s, o in graph.subject_objects(SKOS.definition)]
    duplicates = {d for d in definitions if definitions.count(d) > 1}
    assert duplicates == set()


def test_main_classes_have_ukrainian_and_russian_labels(graph: Graph) -> None:
    for cls, by_lang in MULTILINGUAL_LABELS.items():
        for lang, expected in by_lang.items():
            labels = [str(label) for label in _langs(graph, cls, RDFS.label, lang)]
            assert labels == [expected], f"{cls.n3()} rdfs:label@{lang}"


def test_proposition_scope_note(graph: Graph) -> None:
    notes = _langs(graph, CG.Proposition, SKOS.scopeNote, "en")
    assert len(notes) == 1
    note = str(notes[0])
    for needle in ("schema:ClaimReview", "schema:itemReviewed", "cg:Statement", "verdict"):
        assert needle in note


# --- Alignments and property characteristics ---------------------------------------------


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=[f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in ALIGNMENTS])
def test_alignment(graph: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in graph


def test_property_characteristics(graph: Graph) -> None:
    symmetric = {str(s)[len(CG_NS) :] for s in graph.subjects(RDF.type, OWL.SymmetricProperty)}
    assert {"sameContentAs", "closelyMatches", "compatibleWith", "contradicts"} <= symmetric
    assert "moreSpecificThan" not in symmetric
    assert symmetric <= EXPECTED_OBJECT_PROPERTIES
    transitive = set(graph.subjects(RDF.type, OWL.TransitiveProperty))
    assert transitive == {CG.moreSpecificThan}
    # Cardinalities are left to SHACL.
    assert list(graph.subjects(RDF.type, OWL.FunctionalProperty)) == []
    assert list(graph.subjects(RDF.type, OWL.Restriction)) == []


@pytest.mark.parametrize("prop", sorted(EXPECTED_DOMAIN_RANGE), ids=lambda p: p.n3())
def test_domain_and_range(graph: Graph, prop: URIRef) -> None:
    domain, range_ = EXPECTED_DOMAIN_RANGE[prop]
    assert list(graph.objects(prop, RDFS.domain)) == [domain]
    assert list(graph.objects(prop, RDFS.range)) == [range_]


def test_no_punning_and_external_terms_declared(graph: Graph) -> None:
    kinds: dict[URIRef, set[URIRef]] = {}
    for s, o in graph.subject_objects(RDF.type):
        if o in OWL_ENTITY_KINDS and isinstance(s, URIRef):
            kinds.setdefault(s, set()).add(o)
    punned = {s: k for s, k in kinds.items() if len(k) > 1}
    assert punned == {}

    property_kinds = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for predicate in set(graph.predicates()):
        if str(predicate).startswith(BUILTIN_NAMESPACES):
            continue
        assert kinds.get(predicate, set()) & property_kinds, f"{predicate} is not declared"

    class_positions = (RDFS.subClassOf, RDFS.domain, RDF.type)
    for position in class_positions:
        for o in set(graph.objects(None, position)):
            if str(o).startswith(BUILTIN_NAMESPACES):
                continue
            assert OWL.Class in kinds.get(o, set()), f"{o} ({position.n3()}) is not a class"
    for prop, range_ in graph.subject_objects(RDFS.range):
        expected = OWL.Class if OWL.ObjectProperty in kinds[prop] else RDFS.Datatype
        assert expected in kinds.get(range_, set()), f"range of {prop}: {range_}"
    for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
        assert kinds[sub] == kinds[sup], f"{sub} and {sup} are different kinds of property"


# --- Concept schemes ---------------------------------------------------------------------


@pytest.mark.parametrize("scheme_name", sorted(EXPECTED_SCHEMES))
def test_concept_scheme(graph: Graph, scheme_name: str) -> None:
    class_name, stem, notations = EXPECTED_SCHEMES[scheme_name]
    scheme = CG[scheme_name]
    cls = CG[class_name]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph

    members = set(graph.subjects(SKOS.inScheme, scheme))
    found = {}
    for concept in members:
        values = list(graph.objects(concept, SKOS.notation))
        assert len(values) == 1, f"{concept} needs one skos:notation"
        notation = values[0]
        assert isinstance(notation, Literal)
        assert notation.language is None and notation.datatype in (None, XSD.string)
        found[str(notation)] = concept
    assert set(found) == notations

    for notation, concept in found.items():
        assert concept == CG[f"{stem}-{notation}"]
        assert (concept, RDF.type, SKOS.Concept) in graph
        assert (concept, RDF.type, cls) in graph
        assert len(_langs(graph, concept, SKOS.prefLabel, "en")) == 1
        is_top = (concept, SKOS.topConceptOf, scheme) in graph
        assert is_top == ((scheme, SKOS.hasTopConcept, concept) in graph)
        assert is_top == (graph.value(concept, SKOS.broader) is None), concept
        for broader in graph.objects(concept, SKOS.broader):
            assert broader in members

    # No stray instances of the concept class outside the scheme.
    assert set(graph.subjects(RDF.type, cls)) == members


def test_speech_act_hierarchy(graph: Graph) -> None:
    broader = {
        str(graph.value(narrow, SKOS.notation)): str(graph.value(wide, SKOS.notation))
        for narrow, wide in graph.subject_objects(SKOS.broader)
    }
    assert broader == EXPECTED_SPEECH_ACT_BROADER
    assert (CG["act-refutes"], SKOS.broader, CG["act-denies"]) in graph
    assert (CG["act-counter-claims"], SKOS.broader, CG["act-asserts"]) in graph


# --- JSON-LD context ---------------------------------------------------------------------


def test_context_has_prefixes(context: dict) -> None:
    expected = {
        "cg": CG_NS,
        "prov": str(PROV),
        "schema": str(SCHEMA),
        "oa": str(OA),
        "org": str(ORG),
        "skos": str(SKOS),
        "dcterms": str(DCTERMS),
        "rdfs": str(RDFS),
        "xsd": str(XSD),
        "owl": str(OWL),
        "vann": str(VANN),
    }
    assert {key: context.get(key) for key in expected} == expected


def test_context_has_a_term_for_every_class_and_property(graph: Graph, context: dict) -> None:
    terms: dict[str, dict] = {}
    for key, value in context.items():
        if key.startswith("@") or key in ("cg", "prov", "schema", "oa", "org", "skos"):
            continue
        definition = {"@id": value} if isinstance(value, str) else value
        terms[_expand(definition["@id"], context)] = {k: _expand(v, context) for k, v in definition.items()}

    for name in EXPECTED_CLASSES:
        assert name in context and _expand(context[name], context) == CG_NS + name
    for name in EXPECTED_OBJECT_PROPERTIES:
        assert terms[CG_NS + name].get("@type") == "@id", name
        assert context[name]["@id"] == f"cg:{name}"
    for name in EXPECTED_DATATYPE_PROPERTIES:
        range_ = graph.value(CG[name], RDFS.range)
        expected_type = None if range_ == RDF.langString else str(range_)
        assert terms[CG_NS + name].get("@type") == expected_type, name
        assert context[name]["@id"] == f"cg:{name}"

    for iri, expected_type in {
        str(OA.start): str(XSD.nonNegativeInteger),
        str(OA.end): str(XSD.nonNegativeInteger),
        str(OA.hasSource): "@id",
        str(OA.hasSelector): "@id",
        str(DCTERMS.issued): str(XSD.date),
        str(DCTERMS.publisher): "@id",
        str(SCHEMA.url): "@id",
        str(SCHEMA.startDate): str(XSD.date),
        str(ORG.member): "@id",
    }.items():
        assert terms[iri].get("@type") == expected_type, iri
    for iri in (RDFS.label, SKOS.altLabel, OA.exact, OA.prefix, OA.suffix, SCHEMA.text):
        assert str(iri) in terms and "@type" not in terms[str(iri)], iri


def test_context_round_trip_with_rdflib(context: dict) -> None:
    base = "https://w3id.org/claimgraph/id/"
    document = {
        "@context": context,
        "@graph": [
            {
                "@id": base + "statement/doc-1/s1",
                "@type": "Statement",
                "speaker": base + "actor/medinsky",
                "speechAct": "cg:act-accuses",
                "accuses": base + "actor/ukraine",
                "statedOn": "2025-06-09",
                "polarity": "cg:polarity-affirmative",
                "expresses": base + "proposition/ukraine-postponed-exchange",
                "cue": {"@value": "accused", "@language": "en"},
                "reportedIn": base + "document/doc-1",
                "hasQuote": base + "quote/doc-1/s1/1",
                "label": {"@value": "Medinsky accuses Ukraine", "@language": "en"},
            },
            {
                "@id": base + "statement/doc-1/s2",
                "@type": "Statement",
                "denies": base + "statement/doc-1/s1",
            },
            {
                "@id": base + "quote/doc-1/s1/1",
                "@type": "Quote",
                "hasSource": base + "document/doc-1",
                "hasSelector": [
                    {
                        "@id": base + "quote/doc-1/s1/1/text-position",
                        "@type": "TextPositionSelector",
                        "start": 10,
                        "end": 42,
                    },
                    {
                        "@id": base + "quote/doc-1/s1/1/text-quote",
                        "@type": "TextQuoteSelector",
                        "exact": {"@value": "postponing the exchange", "@language": "en"},
                    },
                ],
                "quoteKind": "cg:quote-direct",
            },
            {
                "@id": base + "document/doc-1",
                "@type": "SourceDocument",
                "issued": "2025-06-09",
                "url": "https://example.org/article",
                "publisher": base + "actor/outlet",
                "language": "en",
            },
            {
                "@id": base + "actor/medinsky",
                "@type": "Person",
                "label": [
                    {"@value": "Vladimir Medinsky", "@language": "en"},
                    {"@value": "Володимир Мединський", "@language": "uk"},
                ],
            },
        ],
    }
    g = Graph().parse(data=json.dumps(document), format="json-ld")

    def iri(path: str) -> URIRef:
        return URIRef(base + path)

    statement = iri("statement/doc-1/s1")
    position = iri("quote/doc-1/s1/1/text-position")
    expected = {
        (statement, RDF.type, CG.Statement),
        (statement, CG.speaker, iri("actor/medinsky")),
        (statement, CG.speechAct, CG["act-accuses"]),
        (statement, CG.accuses, iri("actor/ukraine")),
        (statement, CG.statedOn, Literal("2025-06-09", datatype=XSD.date)),
        (statement, CG.polarity, CG["polarity-affirmative"]),
        (statement, CG.expresses, iri("proposition/ukraine-postponed-exchange")),
        (statement, CG.cue, Literal("accused", lang="en")),
        (statement, CG.reportedIn, iri("document/doc-1")),
        (statement, CG.hasQuote, iri("quote/doc-1/s1/1")),
        (statement, RDFS.label, Literal("Medinsky accuses Ukraine", lang="en")),
        (iri("statement/doc-1/s2"), CG.denies, statement),
        (iri("quote/doc-1/s1/1"), RDF.type, CG.Quote),
        (iri("quote/doc-1/s1/1"), OA.hasSource, iri("document/doc-1")),
        (iri("quote/doc-1/s1/1"), OA.hasSelector, position),
        (iri("quote/doc-1/s1/1"), CG.quoteKind, CG["quote-direct"]),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal("10", datatype=XSD.nonNegativeInteger)),
        (position, OA.end, Literal("42", datatype=XSD.nonNegativeInteger)),
        (
            iri("quote/doc-1/s1/1/text-quote"),
            OA.exact,
            Literal("postponing the exchange", lang="en"),
        ),
        (iri("document/doc-1"), DCTERMS.issued, Literal("2025-06-09", datatype=XSD.date)),
        (iri("document/doc-1"), SCHEMA.url, URIRef("https://example.org/article")),
        (iri("document/doc-1"), DCTERMS.publisher, iri("actor/outlet")),
        (iri("document/doc-1"), DCTERMS.language, Literal("en", datatype=XSD.language)),
        (iri("actor/medinsky"), RDF.type, CG.Person),
        (iri("actor/medinsky"), RDFS.label, Literal("Володимир Мединський", lang="uk")),
    }
    assert expected - set(g) == set()
    # Every predicate and class came out as a full IRI, none as a relative or blank term.
    for s, p, o in g:
        assert isinstance(s, URIRef) and str(s).startswith(base)
        assert str(p).startswith(("http://", "https://"))
        if p == RDF.type:
            assert str(o).startswith((CG_NS, str(OA)))
