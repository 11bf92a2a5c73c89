"""Compile an annotation file (one source document and its statements) into RDF.

The document's text is read, every quote and mention is anchored in it (see
:mod:`kg.anchoring`), and the result becomes the named graph ``graph/document/{id}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD
from rdflib.term import URIRef

from kg import vocabulary
from kg.anchoring import Span, is_enclosed_in_quotation_marks, locate
from kg.compiled import CompiledGraph, Reference, new_graph, triples_of
from kg.errors import AnnotationError, QuoteError
from kg.fields import Fields
from kg.namespaces import (
    CG,
    OA,
    SCHEMA,
    actor_iri,
    document_graph,
    document_iri,
    membership_iri,
    mint,
    proposition_iri,
    slugify,
    statement_iri,
)
from kg.registry import compile_propositions
from kg.textsource import SourceText, read_text_file, split_header
from kg.yamlfile import LineMapping, LineSequence

ANNOTATION_KEYS = {"document", "annotation", "propositions", "statements"}
DOCUMENT_KEYS = {
    "id",
    "title",
    "text-file",
    "text",
    "published",
    "publisher",
    "author",
    "url",
    "language",
    "source",
}
STATEMENT_KEYS = {
    "id", "ref", "speaker", "mention", "role", "act", "cue", "date", "channel", "via",
    "proposition", "polarity", "certainty", "label", "accuses", "accused-mention",
    "withholds", "denies", "refutes", "counters", "confirms", "supports", "reports", "quote",
}  # fmt: skip
RESPONSES: dict[str, URIRef] = {
    "denies": CG.denies,
    "refutes": CG.refutes,
    "counters": CG.counters,
    "confirms": CG.confirms,
    "supports": CG.supports,
    "reports": CG.reports,
}
NEGATIVE_ACTS = {"denies", "refutes"}


@dataclass
class _Document:
    """What statements need to know about the document they are read from."""

    doc_id: str
    node: URIRef
    text: str
    language: str
    voice: str | None  # actor id of the document's own voice (author, else publisher)


class _Compiler:
    """Compiles one annotation file; holds the graph and cross-references as it goes."""

    def __init__(self, path: Path):
        self.path = path
        self.graph: Graph = new_graph()
        self.declares: set[URIRef] = set()
        self.requires: list[Reference] = []

    def require(self, iri: URIRef, kind: str, written: str, line: int) -> None:
        self.requires.append(Reference(iri, kind, written, self.path, line))

    def actor(self, fields: Fields, key: str) -> URIRef | None:
        actor_id = fields.ident(key)
        if actor_id is None:
            return None
        self.require(actor_iri(actor_id), "actor", actor_id, fields.line_of(key))
        return actor_iri(actor_id)

    # -- document -------------------------------------------------------------------
    def document(self, fields: Fields) -> _Document:
        fields.check_keys(DOCUMENT_KEYS)
        doc_id = fields.ident("id", required=True)
        assert doc_id is not None
        source = self._source_text(fields)
        node = document_iri(doc_id)
        language = fields.language("language")
        g = self.graph
        g.add((node, RDF.type, CG.SourceDocument))
        g.add((node, DCTERMS.identifier, Literal(doc_id)))
        g.add((node, DCTERMS.language, Literal(language, datatype=XSD.language)))
        g.add((node, SCHEMA.text, Literal(source.text, lang=language)))
        title = fields.text("title")
        if title:
            g.add((node, DCTERMS.title, Literal(title, lang=language)))
        published = fields.date("published") or source.date
        if published:
            g.add((node, DCTERMS.issued, Literal(published, datatype=XSD.date)))
        publisher = self.actor(fields, "publisher")
        if publisher is not None:
            g.add((node, DCTERMS.publisher, publisher))
        author = self.actor(fields, "author")
        if author is not None:
            g.add((node, DCTERMS.creator, author))
        url = fields.text("url")
        if url:
            if not url.startswith(("http://", "https://")):
                raise fields.error("url", f"'url' must be an http(s) URL, not {url!r}")
            g.add((node, SCHEMA.url, URIRef(url)))
        note = fields.text("source")
        if note:
            g.add((node, DCTERMS.source, Literal(note)))
        self.declares.add(node)
        voice = fields.ident("author") or fields.ident("publisher")
        return _Document(doc_id, node, source.text, language, voice)

    def _source_text(self, fields: Fields) -> SourceText:
        if fields.has("text-file") == fields.has("text"):
            raise fields.error(None, "the document needs exactly one of 'text-file' or 'text'")
        if fields.has("text"):
            return split_header(fields.text("text", required=True) or "", self.path)
        relative = fields.text("text-file", required=True) or ""
        target = (self.path.parent / relative).resolve()
        if not target.is_file():
            raise fields.error("text-file", f"text file not found: {relative!r} (looked for {target})")
        return read_text_file(target)

    def annotation_record(self, fields: Fields | None, doc: _Document) -> None:
        record = mint("annotation", doc.doc_id)
        g = self.graph
        g.add((record, RDF.type, CG.AnnotationRecord))
        g.add((doc.node, CG.annotation, record))
        g.add((record, DCTERMS.source, Literal(self.path.name)))
        if fields is None:
            return
        fields.check_keys({"by", "on"})
        by = fields.text("by")
        if by:
            agent = mint("agent", slugify(by))
            g.add((agent, RDF.type, PROV.Agent))
            g.add((agent, RDFS.label, Literal(by)))
            g.add((record, DCTERMS.creator, agent))
        on = fields.date("on")
        if on:
            g.add((record, DCTERMS.created, Literal(on, datatype=XSD.date)))

    # -- anchoring ------------------------------------------------------------------
    def anchor(
        self, doc: _Document, spec: object, line: int, within: list[tuple[int, int]] | None = None
    ) -> tuple[Span, Fields | None]:
        """Locate a quote or mention given as text or ``{text, occurrence, after, ...}``."""
        fields = None
        occurrence = after = None
        if isinstance(spec, LineMapping):
            fields = Fields(spec, self.path, line, "a quote")
            text = fields.text("text", required=True) or ""
            raw = fields.raw("occurrence")
            if raw is not None:
                if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
                    raise fields.error("occurrence", "'occurrence' must be a whole number from 1")
                occurrence = raw
            after = fields.text("after")
        elif isinstance(spec, (str, int, float)) and not isinstance(spec, bool):
            text = str(spec)
        else:
            raise AnnotationError("a quote must be text or a mapping with 'text'", path=self.path, line=line)
        try:
            if within is not None and occurrence is None and after is None:
                try:
                    return locate(doc.text, text, within=within), fields
                except QuoteError:
                    pass
            return locate(doc.text, text, occurrence=occurrence, after=after), fields
        except QuoteError as exc:
            raise QuoteError(f"{exc.message} (document {doc.doc_id!r})", path=self.path, line=line) from exc

    def selectors(self, owner: URIRef, span: Span, doc: _Document) -> None:
        """Attach both Web Annotation selectors of ``span`` to ``owner``.

        Offsets are typed ``xsd:integer`` (values >= 0): Oxigraph stores every derived
        integer type, ``xsd:nonNegativeInteger`` included, as ``xsd:integer``, so that is
        what a round trip through the store gives back.
        """
        g = self.graph
        quote_selector = URIRef(f"{owner}/text-quote")
        position_selector = URIRef(f"{owner}/text-position")
        g.add((owner, OA.hasSource, doc.node))
        g.add((owner, OA.hasSelector, quote_selector))
        g.add((owner, OA.hasSelector, position_selector))
        g.add((quote_selector, RDF.type, OA.TextQuoteSelector))
        g.add((quote_selector, OA.exact, Literal(span.exact, lang=doc.language)))
        if span.prefix:
            g.add((quote_selector, OA.prefix, Literal(span.prefix, lang=doc.language)))
        if span.suffix:
            g.add((quote_selector, OA.suffix, Literal(span.suffix, lang=doc.language)))
        g.add((position_selector, RDF.type, OA.TextPositionSelector))
        g.add((position_selector, OA.start, Literal(span.start, datatype=XSD.integer)))
        g.add((position_selector, OA.end, Literal(span.end, datatype=XSD.integer)))

    def quotes(self, statement: URIRef, key: str, fields: Fields, doc: _Document) -> list[tuple[int, int]]:
        raw = fields.raw("quote")
        if raw is None:
            raise fields.error(None, "a statement needs at least one 'quote' from the document text")
        if isinstance(raw, LineSequence):
            specs = [(item, raw.line_of(i)) for i, item in enumerate(raw)]
        else:
            specs = [(raw, fields.line_of("quote"))]
        if not specs:
            raise fields.error("quote", "'quote' must not be empty")
        spans = []
        for number, (spec, line) in enumerate(specs, start=1):
            span, quote_fields = self.anchor(doc, spec, line)
            if quote_fields is not None:
                quote_fields.check_keys({"text", "kind", "occurrence", "after"})
            default_kind = "direct" if is_enclosed_in_quotation_marks(doc.text, span.start, span.end) else "indirect"
            kind = (
                quote_fields.choice("kind", vocabulary.QUOTE_KIND, default=default_kind)
                if quote_fields
                else vocabulary.values(vocabulary.QUOTE_KIND)[default_kind]
            )
            quote = mint("quote", doc.doc_id, key, str(number))
            self.graph.add((quote, RDF.type, CG.Quote))
            self.graph.add((quote, CG.quoteKind, kind))
            self.graph.add((statement, CG.hasQuote, quote))
            self.selectors(quote, span, doc)
            spans.append((span.start, span.end))
        return spans

    def mention(
        self,
        fields: Fields,
        key: str,
        role: str,
        actor: URIRef,
        statement_key: str,
        doc: _Document,
        spans: list[tuple[int, int]],
    ) -> URIRef | None:
        sub = fields.sub(key, f"a mention ('{key}')")
        if sub is None:
            return None
        sub.check_keys({"text", "kind", "occurrence", "after"})
        span, _ = self.anchor(doc, sub.mapping, sub.line, within=spans)
        node = mint("mention", doc.doc_id, statement_key, role)
        g = self.graph
        g.add((node, RDF.type, CG.ActorMention))
        g.add((node, CG.surfaceForm, Literal(span.exact, lang=doc.language)))
        g.add((node, CG.refersTo, actor))
        g.add((node, CG.referenceKind, sub.choice("kind", vocabulary.REFERENCE_KIND, default="named")))
        self.selectors(node, span, doc)
        return node

    # -- statements -----------------------------------------------------------------
    def statement_target(self, doc: _Document, written: str, line: int, local_ids: set[str]) -> URIRef:
        if "/" in written:
            other_doc, other_id = written.split("/", 1)
            target = statement_iri(other_doc, other_id)
            if other_doc != doc.doc_id:
                self.require(target, "statement", written, line)
                return target
            written = other_id
        if written not in local_ids:
            raise AnnotationError(
                f"unknown statement {written!r} in this document (ids here: {', '.join(sorted(local_ids))})",
                path=self.path,
                line=line,
            )
        return statement_iri(doc.doc_id, written)

    def reported_again(self, fields: Fields, doc: _Document) -> None:
        fields.check_keys({"ref", "quote"})
        written = fields.text("ref", required=True) or ""
        parts = written.split("/")
        if len(parts) != 2 or parts[0] == doc.doc_id:
            raise fields.error(
                "ref",
                f"'ref' must name a statement of another document as document-id/statement-id, not {written!r}",
            )
        target = statement_iri(*parts)
        self.require(target, "statement", written, fields.line_of("ref"))
        self.graph.add((target, CG.reportedIn, doc.node))
        self.quotes(target, f"ref.{parts[0]}.{parts[1]}", fields, doc)

    def statement(self, fields: Fields, doc: _Document, local_ids: set[str]) -> None:
        fields.check_keys(STATEMENT_KEYS)
        sid = fields.ident("id", required=True)
        assert sid is not None
        node = statement_iri(doc.doc_id, sid)
        g = self.graph
        g.add((node, RDF.type, CG.Statement))
        g.add((node, CG.reportedIn, doc.node))
        speaker_id = fields.text("speaker", required=True)
        if speaker_id == "document":
            if doc.voice is None:
                raise fields.error("speaker", "'speaker: document' needs the document's 'author' or 'publisher'")
            speaker_id = doc.voice
            speaker = actor_iri(speaker_id)
        else:
            speaker = self.actor(fields, "speaker")
            assert speaker is not None
        g.add((node, CG.speaker, speaker))
        act_word = fields.text("act", required=True)
        g.add((node, CG.speechAct, fields.choice("act", vocabulary.SPEECH_ACT)))
        proposition = fields.ident("proposition", required=True)
        assert proposition is not None
        g.add((node, CG.expresses, proposition_iri(proposition)))
        self.require(proposition_iri(proposition), "proposition", proposition, fields.line_of("proposition"))
        default_polarity = "negative" if act_word in NEGATIVE_ACTS else "affirmative"
        g.add(
            (
                node,
                CG.polarity,
                fields.choice("polarity", vocabulary.POLARITY, default=default_polarity),
            )
        )
        g.add(
            (
                node,
                CG.certainty,
                fields.choice("certainty", vocabulary.CERTAINTY, default="certain"),
            )
        )
        channel = fields.choice("channel", vocabulary.CHANNEL)
        if channel is not None:
            g.add((node, CG.channel, channel))
        date = fields.date("date")
        if date:
            g.add((node, CG.statedOn, Literal(date, datatype=XSD.date)))
        via = self.actor(fields, "via")
        if via is not None:
            g.add((node, CG.viaOutlet, via))
        for key, prop in (("cue", CG.cue), ("withholds", CG.withholds), ("label", RDFS.label)):
            value = fields.text(key)
            if value:
                g.add((node, prop, Literal(value, lang=doc.language if key == "cue" else "en")))
        role = fields.text("role")
        if role is not None:
            holder, _, role_id = role.rpartition("/")
            membership = membership_iri(holder or speaker_id, role_id)
            g.add((node, CG.speakerRole, membership))
            self.require(membership, "role", role, fields.line_of("role"))
        spans = self.quotes(node, sid, fields, doc)
        mention = self.mention(fields, "mention", "speaker", speaker, sid, doc, spans)
        if mention is not None:
            g.add((node, CG.speakerMention, mention))
        accused = self.actor(fields, "accuses")
        if accused is not None:
            g.add((node, CG.accuses, accused))
            accused_mention = self.mention(fields, "accused-mention", "accused", accused, sid, doc, spans)
            if accused_mention is not None:
                g.add((node, CG.accusedMention, accused_mention))
        elif fields.has("accused-mention"):
            raise fields.error("accused-mention", "'accused-mention' needs 'accuses'")
        for key, prop in RESPONSES.items():
            for written, line in fields.ident_list(key):
                target = self.statement_target(doc, written, line, local_ids)
                if target == node:
                    raise AnnotationError(
                        f"statement {sid!r} cannot respond to itself ({key!r})", path=self.path, line=line
                    )
                g.add((node, prop, target))
        self.declares.add(node)


def compile_annotation(document: LineMapping, path: Path) -> CompiledGraph:
    """Compile one annotation file into the content of its document's named graph."""
    top = Fields(document, path, 1, "an annotation file")
    top.check_keys(ANNOTATION_KEYS)
    compiler = _Compiler(path)
    doc_fields = top.sub("document", "'document'")
    assert doc_fields is not None
    doc = compiler.document(doc_fields)
    compiler.annotation_record(top.sub("annotation", "'annotation'"), doc)
    compile_propositions(
        top.items("propositions", "a proposition"),
        compiler.graph,
        compiler.declares,
        compiler.requires,
        {},
    )
    statements = top.items("statements", "a statement")
    local_ids: dict[str, int] = {}
    for fields in statements:
        if fields.has("ref"):
            continue
        sid = fields.ident("id", required=True)
        assert sid is not None
        if sid in local_ids:
            raise fields.error("id", f"statement {sid!r} is declared twice (first on line {local_ids[sid]})")
        local_ids[sid] = fields.line
    for fields in statements:
        if fields.has("ref"):
            compiler.reported_again(fields, doc)
        else:
            compiler.statement(fields, doc, set(local_ids))
    return CompiledGraph(
        document_graph(doc.doc_id),
        path,
        triples_of(compiler.graph),
        compiler.declares,
        compiler.requires,
    )
