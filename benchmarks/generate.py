"""Generate a synthetic claims corpus in claimgraph's own model, as N-Quads.

Realistic shape, not realistic prose: actors with en/uk/ru labels and roles, documents
whose text really contains every quote (selectors are computed from the text), threads
of accusation -> denial -> counter, nested attribution (a statement reporting another),
and propositions shared across documents. About 22 triples per statement. Seeded, so
the same arguments always give the same file.

    python benchmarks/generate.py --triples 100000 -o /tmp/corpus-100k.nq
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

CG = "https://w3id.org/claimgraph/ontology#"
ID = "https://w3id.org/claimgraph/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "http://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
TRIPLES_PER_STATEMENT = 22
STATEMENTS_PER_DOCUMENT = 12
CONTEXT = 32

FIRST = ["Olena", "Ivan", "Maria", "Petro", "Anna", "Dmytro", "Sergei", "Irina", "Oleh", "Natalia"]
LAST = ["Kovalenko", "Shevchenko", "Bondar", "Melnyk", "Petrov", "Ivanova", "Sokolov", "Tkachenko"]
VERBS = {
    "asserts": "said",
    "accuses": "accused",
    "denies": "denied",
    "counter-claims": "countered",
    "reports": "reported",
}
TOPICS = ["the exchange", "the talks", "the shelling", "the convoy", "the ceasefire", "the bodies", "the lists"]
EVENTS = ["was postponed", "was disrupted", "took place", "was agreed", "was cancelled", "was delayed"]


def iri(path: str) -> str:
    return f"<{ID}{path}>"


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


class Writer:
    """Collects quads for one named graph and writes N-Quads lines."""

    def __init__(self, out) -> None:
        self.out = out
        self.count = 0

    def quad(self, s: str, p: str, o: str, g: str) -> None:
        self.out.write(f"{s} <{p}> {o} {g} .\n")
        self.count += 1


def registry(w: Writer, rng: random.Random, actors: int, propositions: int) -> None:
    g = iri("graph/registry/synthetic")
    for state in ("north", "south"):
        node = iri(f"actor/{state}")
        w.quad(node, RDF_TYPE, f"<{CG}State>", g)
        w.quad(node, RDFS_LABEL, lit(state.title() + "land", "en"), g)
        gov = iri(f"actor/{state}-government")
        w.quad(gov, RDF_TYPE, f"<{CG}Government>", g)
        w.quad(gov, RDFS_LABEL, lit(f"Government of {state.title()}land", "en"), g)
        w.quad(gov, f"{CG}governmentOf", node, g)
    for n in range(actors):
        node = iri(f"actor/a{n}")
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}"
        side = "north" if n % 2 else "south"
        w.quad(node, RDF_TYPE, f"<{CG}Person>", g)
        for lang in ("en", "uk", "ru"):
            w.quad(node, RDFS_LABEL, lit(name, lang), g)
        w.quad(node, f"{CG}affiliatedWith", iri(f"actor/{side}"), g)
        membership = iri(f"membership/a{n}/spokesperson")
        w.quad(membership, RDF_TYPE, f"<{ORG}Membership>", g)
        w.quad(membership, RDFS_LABEL, lit(f"Spokesperson of {side.title()}land", "en"), g)
        w.quad(membership, f"{ORG}member", node, g)
        w.quad(membership, f"{ORG}organization", iri(f"actor/{side}-government"), g)
        w.quad(membership, f"{ORG}role", iri("role/spokesperson"), g)
        w.quad(membership, f"{SCHEMA}startDate", lit("2024-01-01", datatype=XSD + "date"), g)
    w.quad(iri("role/spokesperson"), RDF_TYPE, f"<{ORG}Role>", g)
    w.quad(iri("role/spokesperson"), "http://www.w3.org/2004/02/skos/core#prefLabel", lit("Spokesperson", "en"), g)
    w.quad(iri("actor/outlet"), RDF_TYPE, f"<{CG}Organization>", g)
    w.quad(iri("actor/outlet"), RDFS_LABEL, lit("Synthetic Wire", "en"), g)
    for n in range(propositions):
        node = iri(f"proposition/p{n}")
        w.quad(node, RDF_TYPE, f"<{CG}Proposition>", g)
        w.quad(node, RDFS_LABEL, lit(proposition_text(n), "en"), g)


def proposition_text(n: int) -> str:
    return f"{TOPICS[n % len(TOPICS)].capitalize()} {EVENTS[(n // len(TOPICS)) % len(EVENTS)]} (case {n})"


def document(w: Writer, rng: random.Random, d: int, actors: int, propositions: int) -> None:
    """One document: text made of attributed sentences, and a statement per sentence."""
    doc_id = f"doc{d}"
    g = iri(f"graph/document/{doc_id}")
    doc = iri(f"document/{doc_id}")
    day = 1 + d % 28
    issued = f"2025-06-{day:02d}"
    plan = []
    previous: tuple[int, int] | None = None  # (statement number, speaker) an answer can target
    for k in range(STATEMENTS_PER_DOCUMENT):
        speaker = rng.randrange(actors)
        prop = rng.randrange(propositions)
        act, target = "asserts", None
        roll = rng.random()
        if previous is not None and roll < 0.25:
            act, target = rng.choice(["denies", "counter-claims"]), previous[0]
            while speaker == previous[1]:
                speaker = rng.randrange(actors)
        elif roll < 0.45:
            act = "accuses"
        elif roll < 0.55 and previous is not None:
            act, target = "reports", previous[0]
        plan.append((k, speaker, prop, act, target))
        previous = (k, speaker)
    sentences, spans = [], []
    offset = 0
    for k, speaker, prop, act, _target in plan:
        quote = f"{proposition_text(prop)} according to source {d}-{k}"
        sentence = f"Speaker {speaker} {VERBS[act]}: \u201c{quote}.\u201d"
        start = offset + sentence.index(quote)
        spans.append((start, start + len(quote)))
        sentences.append(sentence)
        offset += len(sentence) + 2
    text = "\n\n".join(sentences)
    w.quad(doc, RDF_TYPE, f"<{CG}SourceDocument>", g)
    w.quad(doc, f"{DCT}identifier", lit(doc_id), g)
    w.quad(doc, f"{DCT}issued", lit(issued, datatype=XSD + "date"), g)
    w.quad(doc, f"{DCT}publisher", iri("actor/outlet"), g)
    w.quad(doc, f"{DCT}language", lit("en", datatype=XSD + "language"), g)
    w.quad(doc, f"{SCHEMA}text", lit(text, "en"), g)
    for (k, speaker, prop, act, target), (start, end) in zip(plan, spans, strict=True):
        s = iri(f"statement/{doc_id}/s{k}")
        w.quad(s, RDF_TYPE, f"<{CG}Statement>", g)
        w.quad(s, f"{CG}speaker", iri(f"actor/a{speaker}"), g)
        w.quad(s, f"{CG}speechAct", f"<{CG}act-{act}>", g)
        w.quad(s, f"{CG}expresses", iri(f"proposition/p{prop}"), g)
        polarity = "negative" if act == "denies" else "affirmative"
        w.quad(s, f"{CG}polarity", f"<{CG}polarity-{polarity}>", g)
        w.quad(s, f"{CG}certainty", f"<{CG}certainty-certain>", g)
        w.quad(s, f"{CG}channel", f"<{CG}channel-press-statement>", g)
        w.quad(s, f"{CG}statedOn", lit(issued, datatype=XSD + "date"), g)
        w.quad(s, f"{CG}reportedIn", doc, g)
        if target is not None:
            relation = {"denies": "denies", "counter-claims": "counters", "reports": "reports"}[act]
            w.quad(s, f"{CG}{relation}", iri(f"statement/{doc_id}/s{target}"), g)
        if act == "accuses":
            w.quad(s, f"{CG}accuses", iri("actor/north" if speaker % 2 == 0 else "actor/south"), g)
        q = iri(f"quote/{doc_id}/s{k}/1")
        w.quad(s, f"{CG}hasQuote", q, g)
        w.quad(q, RDF_TYPE, f"<{CG}Quote>", g)
        w.quad(q, f"{CG}quoteKind", f"<{CG}quote-direct>", g)
        w.quad(q, f"{OA}hasSource", doc, g)
        tq, tp = iri(f"quote/{doc_id}/s{k}/1/text-quote"), iri(f"quote/{doc_id}/s{k}/1/text-position")
        w.quad(q, f"{OA}hasSelector", tq, g)
        w.quad(q, f"{OA}hasSelector", tp, g)
        w.quad(tq, RDF_TYPE, f"<{OA}TextQuoteSelector>", g)
        w.quad(tq, f"{OA}exact", lit(text[start:end], "en"), g)
        if start:
            w.quad(tq, f"{OA}prefix", lit(text[max(0, start - CONTEXT) : start], "en"), g)
        if end < len(text):
            w.quad(tq, f"{OA}suffix", lit(text[end : end + CONTEXT], "en"), g)
        w.quad(tp, RDF_TYPE, f"<{OA}TextPositionSelector>", g)
        w.quad(tp, f"{OA}start", lit(str(start), datatype=XSD + "integer"), g)
        w.quad(tp, f"{OA}end", lit(str(end), datatype=XSD + "integer"), g)


def generate(triples: int, out, seed: int = 7) -> int:
    """Write a corpus of about ``triples`` triples; return the exact count."""
    rng = random.Random(seed)
    statements = max(STATEMENTS_PER_DOCUMENT, triples // TRIPLES_PER_STATEMENT)
    documents = max(1, statements // STATEMENTS_PER_DOCUMENT)
    actors = max(4, statements // 40)
    propositions = max(4, statements // 6)
    w = Writer(out)
    registry(w, rng, actors, propositions)
    for d in range(documents):
        document(w, rng, d, actors, propositions)
    return w.count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000, help="about how many triples (default 100000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True, help="N-Quads file to write")
    args = parser.parse_args(argv)
    with args.output.open("w", encoding="utf-8") as out:
        count = generate(args.triples, out, args.seed)
    print(f"wrote {count} quads to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
