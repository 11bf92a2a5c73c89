"""The mini corpus compiled and stored: every value below is worked out from tests/data/mini."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINI
from storecheck import ask, query

ARTICLE_BODY = (MINI / "article.txt").read_text(encoding="utf-8").split(" ", 3)[3]
S = "https://w3id.org/claimgraph/id/statement/wire-2025-07-01/"


@pytest.fixture
def mini_store(run, store_path: Path) -> Path:
    result = run("add", MINI)
    assert result.exit_code == 0, result.output
    return store_path


def test_document_text_is_the_body_after_the_header(mini_store: Path) -> None:
    rows = query(
        mini_store,
        "SELECT ?text ?issued ?publisher WHERE { ?d a cg:SourceDocument ; schema:text ?text ; dcterms:issued ?issued ; dcterms:publisher ?publisher }",
    )
    assert len(rows) == 1
    assert rows[0]["text"].startswith("Northland and Southland agreed")
    assert rows[0]["text"] == ARTICLE_BODY
    assert rows[0]["issued"] == "2025-07-01"  # from the text file's header
    assert rows[0]["publisher"].endswith("/actor/wire")


def test_selectors_of_the_accusation(mini_store: Path) -> None:
    # Body: "Northland ... 30 June." is 57 characters, then "\n\n": the accusation
    # sentence starts at 59 and its quoted part is 77 characters long.
    rows = query(
        mini_store,
        f"""
        SELECT ?start ?end ?exact ?prefix ?kind WHERE {{
          <{S}s2> cg:hasQuote ?q . ?q cg:quoteKind ?kind ; oa:hasSelector ?p, ?t .
          ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?t a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix }}""",
    )
    assert len(rows) == 1
    row = rows[0]
    assert (int(row["start"]), int(row["end"])) == (59, 136)
    assert row["exact"] == "Minister Alice Brown accused Southland of breaking the ceasefire within hours"
    # 32 characters before offset 59 start at offset 27, inside "agreed".
    assert row["prefix"] == "eed to a ceasefire on 30 June.\n\n"
    assert row["kind"].endswith("#quote-indirect")


def test_direct_quote_is_detected(mini_store: Path) -> None:
    assert ask(mini_store, f"ASK {{ <{S}s4> cg:hasQuote/cg:quoteKind cg:quote-direct }}")


def test_metonymic_mention_is_found_inside_the_quote(mini_store: Path) -> None:
    # "Capital" appears once, right after "hours. " at offset 138.
    rows = query(
        mini_store,
        f"""
        SELECT ?surface ?actor ?kind ?start WHERE {{
          <{S}s3> cg:speakerMention ?m . ?m cg:surfaceForm ?surface ; cg:refersTo ?actor ;
             cg:referenceKind ?kind ; oa:hasSelector ?p . ?p oa:start ?start }}""",
    )
    assert rows == [
        {
            "surface": "Capital",
            "actor": "https://w3id.org/claimgraph/id/actor/southland-government",
            "kind": "https://w3id.org/claimgraph/ontology#ref-metonymic",
            "start": "138",
        }
    ]


def test_mention_with_after_hint_takes_the_later_occurrence(mini_store: Path) -> None:
    later = ARTICLE_BODY.index("Brown later")
    rows = query(
        mini_store,
        f"SELECT ?start WHERE {{ <{S}s5> cg:speakerMention/oa:hasSelector/oa:start ?start }}",
    )
    assert [int(r["start"]) for r in rows] == [later]


def test_denial_has_negative_polarity_by_default_and_targets_the_accusation(
    mini_store: Path,
) -> None:
    assert ask(
        mini_store,
        f"""ASK {{ <{S}s3> cg:denies <{S}s2> ; cg:polarity cg:polarity-negative ;
        cg:speechAct cg:act-denies ; cg:expresses ?p . <{S}s2> cg:expresses ?p ; cg:polarity cg:polarity-affirmative }}""",
    )


def test_accusation_speaker_role_and_accused(mini_store: Path) -> None:
    assert ask(
        mini_store,
        f"""ASK {{ <{S}s2> cg:speaker id:actor\\/alice-brown ; cg:accuses id:actor\\/southland ;
        cg:speakerRole ?m ; cg:accusedMention/cg:surfaceForm "Southland"@en ; cg:cue "accused"@en .
        ?m org:member id:actor\\/alice-brown ; org:organization id:actor\\/northland-government ;
           schema:startDate "2024-01-15"^^xsd:date }}""",
    )


def test_document_voice_is_the_publisher(mini_store: Path) -> None:
    assert ask(mini_store, f"ASK {{ <{S}s1> cg:speaker id:actor\\/wire ; cg:channel cg:channel-article }}")


def test_every_statement_is_reported_in_the_document_and_counter_and_support_links(
    mini_store: Path,
) -> None:
    rows = query(mini_store, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a cg:Statement ; cg:reportedIn ?d }")
    assert rows[0]["n"] == "5"
    assert ask(mini_store, f'ASK {{ <{S}s4> cg:counters <{S}s2> ; cg:statedOn "2025-07-01"^^xsd:date }}')
    assert ask(mini_store, f"ASK {{ <{S}s5> cg:supports <{S}s2> }}")


def test_annotation_record(mini_store: Path) -> None:
    rows = query(
        mini_store,
        "SELECT ?who ?on ?file WHERE { ?d cg:annotation ?r . ?r dcterms:creator/rdfs:label ?who ; dcterms:created ?on ; dcterms:source ?file }",
    )
    assert rows == [{"who": "Test Annotator", "on": "2025-07-02", "file": "annotation.yaml"}]


def test_registry_content(mini_store: Path) -> None:
    assert ask(
        mini_store,
        'ASK { id:actor\\/alice-brown a cg:Person ; rdfs:label "Аліса Браун"@uk ; skos:altLabel "Minister Brown"@en ; cg:affiliatedWith id:actor\\/northland }',
    )
    assert ask(
        mini_store,
        "ASK { id:actor\\/southland-government a cg:Government ; cg:governmentOf id:actor\\/southland }",
    )
    assert ask(
        mini_store,
        """ASK { id:proposition\\/southland-broke-ceasefire cg:contradicts id:proposition\\/southland-did-not-fire .
        ?r a cg:PropositionRelationship ; cg:relationType cg:contradicts ; skos:note ?note }""",
    )
    assert ask(
        mini_store,
        'ASK { id:proposition\\/ceasefire-agreed dcterms:subject ?t . ?t skos:prefLabel "Ceasefire"@en }',
    )


def test_registry_and_document_graphs_are_separate(mini_store: Path) -> None:
    rows = query(mini_store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    graphs = [r["g"].removeprefix("https://w3id.org/claimgraph/") for r in rows]
    assert graphs == ["id/graph/document/wire-2025-07-01", "id/graph/registry/mini", "ontology"]
    assert ask(
        mini_store,
        "ASK { GRAPH id:graph\\/registry\\/mini { id:actor\\/alice-brown a cg:Person } }",
    )
    assert not ask(
        mini_store,
        "ASK { GRAPH id:graph\\/document\\/wire-2025-07-01 { id:actor\\/alice-brown a cg:Person } }",
    )
