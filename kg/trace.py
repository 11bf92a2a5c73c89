"""``claimgraph trace``: the story of a dispute, told from the saved queries.

Given a text, an id or an IRI, find the propositions it names (``find-claims``), then
for each: who claimed it first and who repeated it (``who-said``), who denied, refuted,
countered or confirmed those statements at any depth (``dispute-thread``), and who
relayed them (``attribution-chain``), in the order the documents tell it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from kg import queries
from kg.errors import InputError, NotFoundError
from kg.namespaces import ID
from kg.store import Store

_STATUS = {
    "denies": "denied",
    "refutes": "refuted",
    "counters": "countered",
    "confirms": "confirmed",
    "supports": "supported",
}
_NEGATIVE = {"denies": "denied", "refutes": "refuted"}
_EXPRESSED = """
PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?p ?label WHERE {
  { ?s cg:expresses ?p } UNION { ?p a cg:Proposition BIND(?p AS ?s) }
  ?p rdfs:label ?label
}"""
_ISSUED = """
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id ?issued WHERE { ?document dcterms:identifier ?id OPTIONAL { ?document dcterms:issued ?issued } }"""
_ID_OR_IRI = re.compile(r"^(https?://\S+|[A-Za-z][\w-]*:\S+|[A-Za-z0-9][\w.-]*(/[A-Za-z0-9][\w.-]*)?)$")


@dataclass
class Entry:
    """One statement in a thread, and the part it plays there."""

    status: str
    statement: str
    speaker: str
    speaker_as: str | None
    role: str | None
    act: str
    polarity: str | None
    date: str | None
    document: str
    quote: str
    position: int
    in_reply_to: str | None = None
    expresses_other: str | None = None


@dataclass
class Thread:
    """Everything said about one proposition."""

    proposition: str
    label: str
    entries: list[Entry] = field(default_factory=list)


def _v(row: dict, name: str) -> str | None:
    try:
        term = row[name]
    except KeyError:  # a column this query does not have
        return None
    return term.value if term is not None else None


def _run(store: Store, name: str, **values: str) -> list[dict]:
    return queries.execute(store, queries.load(name), values).rows


def _propositions(store: Store, needle: str) -> list[tuple[str, str]]:
    """The propositions (IRI, label) that ``needle`` names, as text, id or IRI."""
    if _ID_OR_IRI.match(needle):
        parameter = queries.Parameter("_x_iri", "statement or proposition", "iri", True)
        try:
            node = queries.resolve_iri(needle, parameter, store)
        except InputError:
            node = None
        if node is not None:
            rows = store.query(queries.with_values(_EXPRESSED, {"s": node}))
            found = [(r["p"].value, r["label"].value) for r in rows]
            if found:
                return found
    seen: dict[str, str] = {}
    for row in _run(store, "find-claims", text=needle):
        seen.setdefault(_v(row, "proposition") or "", _v(row, "propositionLabel") or "")
    return list(seen.items())


def _entry(row: dict, status: str, statement_key: str = "statement", speaker_key: str = "speakerLabel") -> Entry:
    start = _v(row, "quoteStart")
    return Entry(
        status=status,
        statement=_v(row, statement_key) or "",
        speaker=_v(row, speaker_key) or "",
        speaker_as=_v(row, "speakerAs"),
        role=_v(row, "role"),
        act=_v(row, "act") or "",
        polarity=_v(row, "polarity"),
        date=_v(row, "date"),
        document=_v(row, "documentId") or "",
        quote=_v(row, "quote") or "",
        position=int(start) if start else 0,
    )


def thread(store: Store, proposition: str, label: str) -> Thread:
    """The statements expressing ``proposition``, the responses to them and who relayed them."""
    result = Thread(proposition, label)
    shown: set[str] = set()
    for row in _run(store, "who-said", proposition=proposition):
        statement = _v(row, "statement") or ""
        if statement in shown:
            continue
        negative = _v(row, "polarity") == "negative"
        result.entries.append(_entry(row, _NEGATIVE.get(_v(row, "act") or "", "denied") if negative else "claimed"))
        shown.add(statement)
    for claim in [e.statement for e in result.entries]:
        for row in _run(store, "dispute-thread", statement=claim):
            response = _v(row, "response") or ""
            if response in shown:
                for entry in result.entries:
                    if entry.statement == response:
                        entry.in_reply_to = entry.in_reply_to or _v(row, "inReplyTo")
                continue
            entry = _entry(row, _STATUS.get(_v(row, "relation") or "", "answered"), "response", "responderLabel")
            entry.in_reply_to = _v(row, "inReplyTo")
            entry.expresses_other = _v(row, "responseLabel")
            result.entries.append(entry)
            shown.add(response)
        for row in _run(store, "attribution-chain", statement=claim):
            statement = _v(row, "statement") or ""
            if statement in shown:
                continue
            entry = _entry(row, "relayed")
            entry.in_reply_to = _v(row, "relays")
            result.entries.append(entry)
            shown.add(statement)
    # The order the documents tell it: by publication, then by place in the text.
    issued = {_v(row, "id"): _v(row, "issued") or "" for row in store.query(_ISSUED)}
    result.entries.sort(key=lambda e: (issued.get(e.document, ""), e.document, e.position))
    claims = [e for e in result.entries if e.status == "claimed"]
    for number, entry in enumerate(claims):
        entry.status = "claimed first" if number == 0 else "repeated"
    return result


def trace(store: Store, needle: str) -> list[Thread]:
    """Every thread about the propositions ``needle`` names; :class:`NotFoundError` if none."""
    if not needle.strip():
        raise InputError("trace needs a text, an id or an IRI")
    found = _propositions(store, needle)
    if not found:
        raise NotFoundError(f"no proposition or quote matches {needle!r}")
    return [thread(store, iri, label) for iri, label in found]


def _short(iri: str | None) -> str:
    return (iri or "").removeprefix(ID + "statement/")


def render(threads: list[Thread]) -> str:
    """The threads as indented text for people."""
    lines: list[str] = []
    for item in threads:
        lines += [item.label, f"  <{item.proposition}>", ""]
        for e in item.entries:
            who = e.speaker + (f" (as “{e.speaker_as}”)" if e.speaker_as and e.speaker_as != e.speaker else "")
            if e.role:
                who += f", {e.role}"
            reply = f" — {e.act} {_short(e.in_reply_to)}" if e.in_reply_to else f" — {e.act}"
            lines.append(f"  {e.status:<14} {who}{reply}")
            lines.append(f"  {'':<14} {e.date or 'undated'} · {e.document} · {_short(e.statement)}")
            lines.append(f"  {'':<14} “{e.quote}”")
            if e.expresses_other and e.status != "relayed":
                lines.append(f"  {'':<14} ({e.expresses_other})")
        lines.append("")
    return "\n".join(lines).rstrip()


def as_json(threads: list[Thread]) -> list[dict[str, object]]:
    return [asdict(t) for t in threads]
