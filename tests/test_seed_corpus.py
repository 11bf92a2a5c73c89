"""The seed corpus: each of the 21 items of the founding issue is in the built graph.

Expected values are read off the two articles in examples/articles by hand: speakers,
speech acts, targets and the words each quote must contain.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from storecheck import ask, query

from cli.main import cli

ID = "https://w3id.org/claimgraph/id/"
D1, D2 = "doc-2025-06-09", "up-2025-06-14"


def st(doc: str, sid: str) -> str:
    return f"<{ID}statement/{doc}/{sid}>"


def actor(name: str) -> str:
    return f"<{ID}actor/{name}>"


def prop(name: str) -> str:
    return f"<{ID}proposition/{name}>"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("seed") / "store"
    result = CliRunner().invoke(cli, ["--store", str(store), "add", str(EXAMPLES)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return store


def statement(seed: Path, doc: str, sid: str) -> dict[str, object]:
    """Speaker, act, proposition, polarity and quotes of one statement."""
    rows = query(
        seed,
        f"""
        SELECT ?speaker ?act ?proposition ?polarity ?exact ?kind WHERE {{
          {st(doc, sid)} cg:speaker ?speaker ; cg:speechAct ?act ; cg:expresses ?proposition ;
             cg:polarity ?polarity ; cg:reportedIn id:document\\/{doc} ; cg:hasQuote ?q .
          ?q cg:quoteKind ?kind ; oa:hasSource id:document\\/{doc} ; oa:hasSelector/oa:exact ?exact }}""",
    )
    assert rows, f"statement {doc}/{sid} missing or incomplete"
    first = rows[0]
    return {
        "speaker": str(first["speaker"]).removeprefix(ID + "actor/"),
        "act": str(first["act"]).rsplit("#act-", 1)[1],
        "proposition": str(first["proposition"]).removeprefix(ID + "proposition/"),
        "polarity": str(first["polarity"]).rsplit("-", 1)[1],
        "quotes": " | ".join(sorted(str(r["exact"]) for r in rows)),
        "kinds": {str(r["kind"]).rsplit("-", 1)[1] for r in rows},
    }


def check(
    seed: Path,
    doc: str,
    sid: str,
    speaker: str,
    act: str,
    *words: str,
    polarity: str = "affirmative",
) -> dict[str, object]:
    found = statement(seed, doc, sid)
    assert (found["speaker"], found["act"], found["polarity"]) == (speaker, act, polarity), found
    for word in words:
        assert word in found["quotes"], (word, found["quotes"])
    return found


# -- 9 June 2025 ---------------------------------------------------------------------


def test_item_01_zelensky_reported_the_exchange_began(seed: Path) -> None:
    check(
        seed,
        D1,
        "s1",
        "zelensky",
        "reports",
        "began a new exchange of prisoners of war",
        "several stages",
    )
    assert ask(
        seed,
        f'ASK {{ {st(D1, "s1")} cg:speakerMention/cg:surfaceForm "President Volodymyr Zelensky"@en }}',
    )


def test_item_02_categories_and_withheld_number(seed: Path) -> None:
    check(
        seed,
        D1,
        "s2",
        "zelensky",
        "asserts",
        "seriously wounded and seriously ill",
        "under the age of 25",
    )
    found = check(
        seed,
        D1,
        "s2b",
        "zelensky",
        "declines-to-disclose",
        "not being disclosed for security reasons",
    )
    assert found["proposition"] == "released-number-withheld"
    assert ask(seed, f"ASK {{ {st(D1, 's2b')} cg:withholds ?what FILTER(CONTAINS(?what, 'number')) }}")


def test_item_03_zelensky_direct_quote(seed: Path) -> None:
    found = check(seed, D1, "s3", "zelensky", "asserts", "The process is quite complicated")
    assert found["kinds"] == {"direct"}


def test_item_04_headquarters_clarified_branches(seed: Path) -> None:
    check(
        seed,
        D1,
        "s4",
        "coordination-hq",
        "asserts",
        "Navy, Ground Forces",
        "State Special Transport Service",
    )


def test_item_05_privates_ncos_and_mariupol(seed: Path) -> None:
    check(seed, D1, "s5", "coordination-hq", "asserts", "privates and non-commissioned officers")
    found = check(seed, D1, "s5b", "coordination-hq", "asserts", "defenders of Mariupol")
    assert found["proposition"] == "mariupol-defenders-returned"


def test_item_06_headquarters_added_body_repatriation(seed: Path) -> None:
    check(seed, D1, "s6", "coordination-hq", "asserts", "repatriate the bodies")
    assert ask(
        seed,
        f"""ASK {{ {st(D1, "s6")} cg:speakerMention ?m . ?m cg:surfaceForm "the Headquarters"@en ;
        cg:referenceKind cg:ref-descriptive ; cg:refersTo {actor("coordination-hq")} }}""",
    )


def test_item_07_background_istanbul_talks(seed: Path) -> None:
    voice = "unidentified-outlet-2025-06-09"
    check(seed, D1, "s7", voice, "asserts", "concluded in Istanbul on June 2")
    assert check(seed, D1, "s7b", voice, "asserts", "from 18 to 25")["proposition"] == "istanbul-categories"
    assert check(seed, D1, "s7c", voice, "asserts", "6 000 bodies")["proposition"] == "istanbul-6000-bodies"
    assert ask(
        seed,
        f"ASK {{ {st(D1, 's7')} cg:channel cg:channel-article . id:document\\/{D1} dcterms:publisher {actor(voice)} }}",
    )


def test_item_08_medinsky_accused_ukraine(seed: Path) -> None:
    found = check(seed, D1, "s8", "medinsky", "accuses", "accused Ukraine of postponing", "indefinite period")
    assert found["proposition"] == "ukraine-postponed-exchange"
    assert ask(
        seed,
        f"""ASK {{ {st(D1, "s8")} cg:accuses {actor("ukraine")} ; cg:speakerRole ?m .
        ?m org:member {actor("medinsky")} ; rdfs:label ?title FILTER(CONTAINS(LCASE(?title), "delegation")) }}""",
    )


def test_item_09_kyiv_denied_this(seed: Path) -> None:
    found = check(seed, D1, "s9", "government-of-ukraine", "denies", "Kyiv denied this", polarity="negative")
    assert found["proposition"] == "ukraine-postponed-exchange"  # the same proposition as (8)
    assert ask(
        seed,
        f"""ASK {{ {st(D1, "s9")} cg:denies {st(D1, "s8")} ; cg:speakerMention ?m .
        ?m cg:surfaceForm "Kyiv"@en ; cg:referenceKind cg:ref-metonymic ; cg:refersTo {actor("government-of-ukraine")} .
        {actor("government-of-ukraine")} a cg:Government ; cg:governmentOf {actor("ukraine")} }}""",
    )


def test_item_10_headquarters_counters_with_different_lists(seed: Path) -> None:
    found = check(seed, D1, "s10", "coordination-hq", "counter-claims", "completely different lists")
    assert found["proposition"] == "russia-provided-different-lists"
    assert ask(seed, f"ASK {{ {st(D1, 's10')} cg:counters {st(D1, 's8')} }}")


def test_item_11_may_16_talks_and_1000_for_1000(seed: Path) -> None:
    voice = "unidentified-outlet-2025-06-09"
    check(seed, D1, "s11", voice, "asserts", "May 16")
    check(seed, D1, "s11b", voice, "asserts", "1000 for 1000")


# -- 14 June 2025, Ukrainska Pravda ----------------------------------------------------


def test_item_12_group_returned_reported_by_the_document(seed: Path) -> None:
    found = check(seed, D2, "s12", "ukrainska-pravda", "reports", "most of them officers")
    assert found["proposition"] == "group-returned-2025-06-14"
    rows = query(seed, f"SELECT ?source WHERE {{ {st(D2, 's12')} cg:reports ?source }}")
    assert {str(r["source"]).rsplit("/", 1)[1] for r in rows} == {
        "s13",
        "s13b",
        "s13c",
        "s13d",
        "s13e",
    }


@pytest.mark.parametrize(
    ("sid", "speaker", "channel", "words"),
    [
        ("s13", "yusov", "comments-to-outlet", "in comments to Ukrainska Pravda"),
        ("s13b", "yusov", "on-air", "27/7 newscast"),
        ("s13c", "coordination-hq", "video", "videos from the Coordination Headquarters"),
        ("s13d", "umierov", "facebook-post", "Umierov on Facebook"),
        ("s13e", "state-border-guard-service", "unspecified", "State Border Guard Service"),
    ],
)
def test_item_13_the_named_sources(seed: Path, sid: str, speaker: str, channel: str, words: str) -> None:
    found = check(seed, D2, sid, speaker, "asserts", words)
    assert found["proposition"] == "group-returned-2025-06-14"
    assert ask(seed, f"ASK {{ {st(D2, sid)} cg:channel cg:channel-{channel} }}")


def test_item_13_yusov_spoke_to_ukrainska_pravda_in_his_role(seed: Path) -> None:
    assert ask(
        seed,
        f"""ASK {{ {st(D2, "s13")} cg:viaOutlet {actor("ukrainska-pravda")} ; cg:speakerRole ?m .
        ?m org:member {actor("yusov")} ; org:organization {actor("coordination-hq")} }}""",
    )


def test_item_14_yusov_on_the_distinctive_feature(seed: Path) -> None:
    assert check(
        seed,
        D2,
        "s14",
        "yusov",
        "asserts",
        "two categories agreed upon in Istanbul",
        "aged 25 and under",
    )["kinds"] == {"direct"}
    check(
        seed,
        D2,
        "s14b",
        "yusov",
        "asserts",
        "Most of those brought back today are Ukrainian officers",
    )
    check(
        seed,
        D2,
        "s14c",
        "yusov",
        "asserts",
        "getting officers back has been a particularly difficult task",
    )
    check(seed, D2, "s14e", "yusov", "commits", "The work will continue")


def test_item_15_number_withheld_until_the_major_exchange(seed: Path) -> None:
    found = check(
        seed,
        D2,
        "s15",
        "yusov",
        "declines-to-disclose",
        "until the major exchange under the Istanbul agreements is complete",
    )
    assert found["proposition"] == "released-number-withheld"


def test_item_16_information_attacks_is_an_accusation(seed: Path) -> None:
    check(seed, D2, "s16", "yusov", "accuses", "information attacks", "Russian misinformation")
    assert ask(seed, f"ASK {{ {st(D2, 's16')} cg:accuses {actor('russia')} }}")


def test_item_17_ukraine_is_holding_firm(seed: Path) -> None:
    check(seed, D2, "s17", "yusov", "asserts", "Nevertheless, Ukraine is holding firm")


def test_item_18_yusov_confirmed_repatriation_measures(seed: Path) -> None:
    check(
        seed,
        D2,
        "s18",
        "yusov",
        "confirms",
        "repatriation measures also took place on Saturday 14 June",
    )


def test_item_19_refutation_of_a_claim_known_only_through_yusov(seed: Path) -> None:
    claim = check(seed, D2, "s19", "russian-propaganda", "asserts", "refusing to collect the bodies")
    refutation = check(seed, D2, "s19b", "yusov", "refutes", polarity="negative")
    assert claim["proposition"] == refutation["proposition"] == "ukraine-refuses-to-collect-bodies"
    assert ask(
        seed,
        f"""ASK {{ {st(D2, "s19b")} cg:refutes {st(D2, "s19")} ; cg:reports {st(D2, "s19")} .
        {actor("russian-propaganda")} a cg:CollectiveActor ; cg:affiliatedWith {actor("russia")} }}""",
    )
    # nested attribution: the claim reaches the document only through Yusov's statement
    rows = query(seed, f"SELECT ?reporter WHERE {{ ?reporter cg:reports {st(D2, 's19')} }}")
    assert [str(r["reporter"]) for r in rows] == [st(D2, "s19b")[1:-1]]


def test_item_20_no_timeline_and_an_intense_week(seed: Path) -> None:
    check(seed, D2, "s20", "yusov", "asserts", "the process is ongoing")
    check(seed, D2, "s20b", "yusov", "declines-to-disclose", "did not provide a specific timeline")
    assert check(seed, D2, "s20c", "yusov", "asserts", "This week has been very intense")["kinds"] == {"direct"}


def test_item_21_background_istanbul_and_mariupol(seed: Path) -> None:
    assert check(seed, D2, "s21", "ukrainska-pravda", "asserts", "aged 18-25")["proposition"] == "istanbul-categories"
    assert (
        check(seed, D2, "s21b", "ukrainska-pravda", "asserts", "6,000-for-6,000")["proposition"]
        == "istanbul-6000-bodies"
    )
    assert (
        check(seed, D2, "s21c", "ukrainska-pravda", "asserts", "Mariupol defenders")["proposition"]
        == "mariupol-defenders-returned"
    )


# -- across the two documents ------------------------------------------------------------


@pytest.mark.parametrize(
    "proposition",
    [
        "istanbul-categories",
        "istanbul-6000-bodies",
        "released-number-withheld",
        "mariupol-defenders-returned",
    ],
)
def test_shared_propositions_span_both_documents_and_several_speakers(seed: Path, proposition: str) -> None:
    rows = query(
        seed,
        f"SELECT DISTINCT ?doc ?speaker WHERE {{ ?s cg:expresses {prop(proposition)} ; cg:reportedIn ?doc ; cg:speaker ?speaker }}",
    )
    assert {str(r["doc"]).rsplit("/", 1)[1] for r in rows} == {D1, D2}
    assert len({r["speaker"] for r in rows}) >= 2


def test_age_wordings_closely_match_and_do_not_contradict(seed: Path) -> None:
    rows = query(seed, """SELECT ?a ?b WHERE { ?a cg:closelyMatches ?b }""")
    pairs = {frozenset((str(r["a"]).rsplit("/", 1)[1], str(r["b"]).rsplit("/", 1)[1])) for r in rows}
    ages = {
        "released-2025-06-09-categories",
        "istanbul-categories",
        "stage-combines-two-categories",
    }
    assert all(frozenset(pair) in pairs for pair in ({a, b} for a in ages for b in ages if a < b))
    assert not ask(
        seed,
        f"ASK {{ VALUES ?a {{ {' '.join(prop(a) for a in ages)} }} VALUES ?b {{ {' '.join(prop(a) for a in ages)} }} ?a cg:contradicts ?b }}",
    )


def test_privates_versus_officers_is_recorded_as_compatible_with_a_reason(seed: Path) -> None:
    a, b = (
        prop("released-2025-06-09-privates-and-ncos"),
        prop("returned-2025-06-14-mostly-officers"),
    )
    assert ask(seed, f"ASK {{ {{ {a} cg:compatibleWith {b} }} UNION {{ {b} cg:compatibleWith {a} }} }}")
    assert not ask(seed, f"ASK {{ {{ {a} cg:contradicts {b} }} UNION {{ {b} cg:contradicts {a} }} }}")
    rows = query(
        seed,
        f"""SELECT ?note WHERE {{ ?r cg:relationType cg:compatibleWith ; skos:note ?note ;
        cg:subjectProposition ?x ; cg:objectProposition ?y . FILTER(?x IN ({a}, {b}) && ?y IN ({a}, {b})) }}""",
    )
    assert rows and "stage" in str(rows[0]["note"]).lower()


def test_every_statement_has_a_speaker_an_act_a_proposition_and_a_quote(seed: Path) -> None:
    rows = query(
        seed,
        """SELECT ?s WHERE { ?s a cg:Statement .
        FILTER NOT EXISTS { ?s cg:speaker ?a ; cg:speechAct ?act ; cg:expresses ?p ; cg:hasQuote ?q ; cg:reportedIn ?d } }""",
    )
    assert rows == []
    assert int(query(seed, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a cg:Statement }")[0]["n"]) >= 40


def test_every_selector_agrees_with_the_document_text(seed: Path) -> None:
    rows = query(
        seed,
        """SELECT ?owner ?exact ?found ?prefix ?before WHERE {
        ?owner oa:hasSource ?doc ; oa:hasSelector ?q, ?p . ?doc schema:text ?text .
        ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
        OPTIONAL { ?q oa:prefix ?prefix }
        BIND(SUBSTR(STR(?text), ?start + 1, ?end - ?start) AS ?found)
        BIND(SUBSTR(STR(?text), ?start + 1 - STRLEN(COALESCE(?prefix, "")), STRLEN(COALESCE(?prefix, ""))) AS ?before) }""",
    )
    assert len(rows) >= 80
    for row in rows:
        assert row["found"] == row["exact"], row["owner"]
        assert row.get("before", "") == row.get("prefix", ""), row["owner"]


def test_the_articles_shipped_are_the_seed_articles() -> None:
    texts = sorted((EXAMPLES / "articles").glob("*.txt"))
    assert [t.name for t in texts] == [
        "2025-06-09-prisoner-exchange.txt",
        "2025-06-14-ukrainska-pravda.txt",
    ]
    assert texts[0].read_text(encoding="utf-8").startswith(" date 2025-06-09 On Monday, June 9")
    assert "Source: Major Andrii Yusov" in texts[1].read_text(encoding="utf-8")
