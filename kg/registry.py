"""Compile a registry file (actors, roles, topics, propositions, their relations) into RDF.

A registry is shared by many annotation files; it becomes one named graph of its own,
``graph/registry/{name}``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import URIRef

from kg.compiled import CompiledGraph, Reference, new_graph, triples_of
from kg.errors import AnnotationError
from kg.fields import Fields
from kg.namespaces import (
    CG,
    LANGUAGE_TAG,
    ORG,
    SCHEMA,
    actor_iri,
    membership_iri,
    mint,
    proposition_iri,
    registry_graph,
    role_iri,
    slugify,
    topic_iri,
)
from kg.yamlfile import LineMapping, LineSequence

REGISTRY_KEYS = {"registry", "actors", "topics", "propositions", "relations"}

ACTOR_TYPES: dict[str, URIRef] = {
    "person": CG.Person,
    "organization": CG.Organization,
    "government": CG.Government,
    "state": CG.State,
    "collective": CG.CollectiveActor,
    "anonymous": CG.AnonymousSource,
}

RELATIONS: dict[str, URIRef] = {
    "same-content": CG.sameContentAs,
    "paraphrase-of": CG.paraphraseOf,
    "closely-matches": CG.closelyMatches,
    "compatible-with": CG.compatibleWith,
    "contradicts": CG.contradicts,
    "more-specific-than": CG.moreSpecificThan,
}

TOPIC_SCHEME = mint("topics")


def language_texts(fields: Fields, key: str, *, many: bool) -> list[tuple[str, str]]:
    """``{lang: text}`` (or ``{lang: [texts]}`` when ``many``); a bare value means English."""
    value = fields.raw(key)
    if value is None:
        return []
    pairs: list[tuple[str, object]] = (
        [(str(lang), texts) for lang, texts in value.items()] if isinstance(value, LineMapping) else [("en", value)]
    )
    result = []
    for lang, texts in pairs:
        if not LANGUAGE_TAG.match(lang):
            raise fields.error(key, f"{key!r}: {lang!r} is not a language tag such as en, uk or ru")
        items = list(texts) if isinstance(texts, LineSequence) and many else [texts]
        for text in items:
            if not isinstance(text, (str, int, float)) or not str(text).strip():
                raise fields.error(key, f"{key!r} must give text per language (e.g. en: ...)")
            result.append((lang, str(text)))
    return result


def _require(requires: list[Reference], iri: URIRef, kind: str, written: str, fields: Fields, key: str) -> None:
    requires.append(Reference(iri, kind, written, fields.path, fields.line_of(key)))


def compile_propositions(
    items: list[Fields],
    graph,
    declares: set[URIRef],
    requires: list[Reference],
    seen: dict[str, int],
) -> None:
    """Add proposition declarations (shared by registries and annotation files)."""
    for item in items:
        item.check_keys({"id", "text", "topics", "language", "description"})
        pid = item.ident("id", required=True)
        assert pid is not None
        if pid in seen:
            raise item.error("id", f"proposition {pid!r} is declared twice in this file")
        seen[pid] = item.line
        node = proposition_iri(pid)
        lang = item.language("language")
        graph.add((node, RDF.type, CG.Proposition))
        graph.add((node, RDFS.label, Literal(item.text("text", required=True), lang=lang)))
        description = item.text("description")
        if description:
            graph.add((node, DCTERMS.description, Literal(description, lang=lang)))
        for topic, line in item.ident_list("topics"):
            graph.add((node, DCTERMS.subject, topic_iri(topic)))
            requires.append(Reference(topic_iri(topic), "topic", topic, item.path, line))
        declares.add(node)


def _compile_actor(actor: Fields, graph, declares: set[URIRef], requires: list[Reference]) -> None:
    actor.check_keys({"id", "type", "labels", "aliases", "affiliation", "government-of", "roles", "description"})
    actor_id = actor.ident("id", required=True)
    assert actor_id is not None
    node = actor_iri(actor_id)
    kind = actor.text("type", required=True)
    if kind not in ACTOR_TYPES:
        raise actor.error("type", f"'type' must be one of {', '.join(ACTOR_TYPES)}; not {kind!r}")
    graph.add((node, RDF.type, ACTOR_TYPES[kind]))
    labels = language_texts(actor, "labels", many=False)
    if not any(lang == "en" for lang, _ in labels):
        raise actor.error(
            "labels" if actor.has("labels") else None,
            f"actor {actor_id!r} needs an English label (labels: en: ...)",
        )
    for lang, text in labels:
        graph.add((node, RDFS.label, Literal(text, lang=lang)))
    for lang, text in language_texts(actor, "aliases", many=True):
        graph.add((node, SKOS.altLabel, Literal(text, lang=lang)))
    description = actor.text("description")
    if description:
        graph.add((node, DCTERMS.description, Literal(description, lang="en")))
    for other, line in actor.ident_list("affiliation"):
        graph.add((node, CG.affiliatedWith, actor_iri(other)))
        requires.append(Reference(actor_iri(other), "actor", other, actor.path, line))
    state = actor.ident("government-of")
    if state is not None:
        if kind != "government":
            raise actor.error("government-of", "'government-of' is only for actors of type government")
        graph.add((node, CG.governmentOf, actor_iri(state)))
        _require(requires, actor_iri(state), "actor", state, actor, "government-of")
    declares.add(node)
    role_ids: set[str] = set()
    for role in actor.items("roles", "a role"):
        role.check_keys({"id", "title", "organization", "role", "start", "end"})
        role_id = role.ident("id", required=True)
        assert role_id is not None
        if role_id in role_ids:
            raise role.error("id", f"role {role_id!r} is declared twice for actor {actor_id!r}")
        role_ids.add(role_id)
        membership = membership_iri(actor_id, role_id)
        title = role.text("title", required=True)
        graph.add((membership, RDF.type, ORG.Membership))
        graph.add((membership, RDFS.label, Literal(title, lang="en")))
        graph.add((membership, ORG.member, node))
        organization = role.ident("organization", required=True)
        assert organization is not None
        graph.add((membership, ORG.organization, actor_iri(organization)))
        _require(requires, actor_iri(organization), "actor", organization, role, "organization")
        role_node = role_iri(role.ident("role") or slugify(title or role_id))
        graph.add((membership, ORG.role, role_node))
        graph.add((role_node, RDF.type, ORG.Role))
        graph.add((role_node, SKOS.prefLabel, Literal(role.text("role") or title, lang="en")))
        start, end = role.date("start"), role.date("end")
        if start:
            graph.add((membership, SCHEMA.startDate, Literal(start, datatype=XSD.date)))
        if end:
            graph.add((membership, SCHEMA.endDate, Literal(end, datatype=XSD.date)))
        if start and end and end < start:
            raise role.error("end", f"role {role_id!r} ends ({end}) before it starts ({start})")
        declares.add(membership)


def compile_relations(items: list[Fields], graph, requires: list[Reference]) -> None:
    """Add relations between propositions, with a qualified node when a note is given."""
    for item in items:
        item.check_keys({"a", "relation", "b", "note"})
        a, b = item.ident("a", required=True), item.ident("b", required=True)
        assert a is not None and b is not None
        name = item.text("relation", required=True)
        if name not in RELATIONS:
            raise item.error("relation", f"'relation' must be one of {', '.join(RELATIONS)}; not {name!r}")
        if a == b:
            raise item.error("b", f"a proposition cannot be related to itself ({a!r})")
        prop = RELATIONS[name]
        graph.add((proposition_iri(a), prop, proposition_iri(b)))
        _require(requires, proposition_iri(a), "proposition", a, item, "a")
        _require(requires, proposition_iri(b), "proposition", b, item, "b")
        note = item.text("note")
        if note:
            node = mint("proposition-relationship", a, name, b)
            graph.add((node, RDF.type, CG.PropositionRelationship))
            graph.add((node, CG.subjectProposition, proposition_iri(a)))
            graph.add((node, CG.objectProposition, proposition_iri(b)))
            graph.add((node, CG.relationType, prop))
            graph.add((node, SKOS.note, Literal(note, lang="en")))


def compile_registry(document: LineMapping, path: Path) -> CompiledGraph:
    """Compile one registry file into the content of its named graph."""
    top = Fields(document, path, 1, "a registry file")
    top.check_keys(REGISTRY_KEYS)
    name = top.ident("registry") or path.stem
    if not name:
        raise AnnotationError("registry needs a name", path=path, line=1)
    graph = new_graph()
    declares: set[URIRef] = set()
    requires: list[Reference] = []
    seen_actors: dict[str, int] = {}
    for actor in top.items("actors", "an actor"):
        actor_id = actor.ident("id", required=True)
        assert actor_id is not None
        if actor_id in seen_actors:
            raise actor.error(
                "id",
                f"actor {actor_id!r} is declared twice (first on line {seen_actors[actor_id]})",
            )
        seen_actors[actor_id] = actor.line
        _compile_actor(actor, graph, declares, requires)
    topics = top.items("topics", "a topic")
    if topics:
        graph.add((TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme))
        graph.add((TOPIC_SCHEME, RDFS.label, Literal("claimgraph topics", lang="en")))
    seen_topics: set[str] = set()
    for topic in topics:
        topic.check_keys({"id", "labels", "broader"})
        topic_id = topic.ident("id", required=True)
        assert topic_id is not None
        if topic_id in seen_topics:
            raise topic.error("id", f"topic {topic_id!r} is declared twice")
        seen_topics.add(topic_id)
        node = topic_iri(topic_id)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, TOPIC_SCHEME))
        labels = language_texts(topic, "labels", many=False)
        if not labels:
            raise topic.error(None, f"topic {topic_id!r} needs labels (labels: en: ...)")
        for lang, text in labels:
            graph.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
            graph.add((node, RDFS.label, Literal(text, lang=lang)))
        for broader, line in topic.ident_list("broader"):
            graph.add((node, SKOS.broader, topic_iri(broader)))
            requires.append(Reference(topic_iri(broader), "topic", broader, path, line))
        declares.add(node)
    compile_propositions(top.items("propositions", "a proposition"), graph, declares, requires, {})
    compile_relations(top.items("relations", "a relation"), graph, requires)
    return CompiledGraph(registry_graph(name), path, triples_of(graph), declares, requires)
