"""A readable overview of the store: each document's statements in text order, and disputes.

Used by ``claimgraph demo`` to show what the seed graph holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.store import Store

_PREFIXES = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_STATEMENTS = (
    _PREFIXES
    + """
SELECT ?docId ?statement ?speaker ?surface ?act ?polarity ?proposition (MIN(?start) AS ?first) WHERE {
  ?doc a cg:SourceDocument ; dcterms:identifier ?docId .
  ?statement cg:reportedIn ?doc ; cg:hasQuote ?quote ; cg:speaker ?who ; cg:speechAct ?actConcept ;
             cg:expresses ?prop ; cg:polarity ?pol .
  ?quote oa:hasSource ?doc ; oa:hasSelector ?selector .
  ?selector oa:start ?start .
  ?who rdfs:label ?speaker FILTER(LANG(?speaker) = "en")
  ?prop rdfs:label ?proposition .
  OPTIONAL { ?actConcept skos:notation ?actNotation }
  BIND(COALESCE(?actNotation, STRAFTER(STR(?actConcept), "#act-")) AS ?act)
  BIND(STRAFTER(STR(?pol), "#polarity-") AS ?polarity)
  OPTIONAL { ?statement cg:speakerMention/cg:surfaceForm ?surface }
}
GROUP BY ?docId ?statement ?speaker ?surface ?act ?polarity ?proposition
ORDER BY ?docId ?first
"""
)

_DISPUTES = (
    _PREFIXES
    + """
SELECT ?relation ?speaker ?surface ?targetSpeaker ?proposition WHERE {
  VALUES ?property { cg:denies cg:refutes cg:counters cg:confirms cg:supports cg:reports }
  ?statement ?property ?target ; cg:speaker/rdfs:label ?speaker .
  ?target cg:speaker/rdfs:label ?targetSpeaker ; cg:expresses/rdfs:label ?proposition .
  FILTER(LANG(?speaker) = "en" && LANG(?targetSpeaker) = "en")
  OPTIONAL { ?statement cg:speakerMention/cg:surfaceForm ?surface }
  BIND(STRAFTER(STR(?property), "#") AS ?relation)
}
ORDER BY ?relation ?speaker ?proposition
"""
)


@dataclass(frozen=True)
class StatementLine:
    document: str
    speaker: str
    surface: str | None
    act: str
    polarity: str
    proposition: str


def _text(row, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def statements(store: Store) -> list[StatementLine]:
    """Every statement with its first quote's position, per document in text order."""
    return [
        StatementLine(
            document=_text(row, "docId") or "",
            speaker=_text(row, "speaker") or "",
            surface=_text(row, "surface"),
            act=_text(row, "act") or "",
            polarity=_text(row, "polarity") or "",
            proposition=_text(row, "proposition") or "",
        )
        for row in store.query(_STATEMENTS)
    ]


def render(store: Store) -> str:
    """Statements per document, then disputes, as plain text."""
    lines: list[str] = []
    current = None
    for line in statements(store):
        if line.document != current:
            current = line.document
            lines += ["", f"Document {current}"]
        who = f"{line.speaker} (as {line.surface!r})" if line.surface else line.speaker
        negation = "NOT " if line.polarity == "negative" else ""
        lines.append(f"  {who} {line.act}: {negation}{line.proposition}")
    disputes = list(store.query(_DISPUTES))
    if disputes:
        lines += ["", "Responses between statements"]
    for row in disputes:
        who = _text(row, "speaker")
        if _text(row, "surface"):
            who = f"{who} (as {_text(row, 'surface')!r})"
        lines.append(f"  {who} {_text(row, 'relation')} {_text(row, 'targetSpeaker')}: {_text(row, 'proposition')}")
    return "\n".join(lines).lstrip("\n")
