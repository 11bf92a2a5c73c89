"""The provenance queries (who said what, disputes, reports) on the seed corpus.

Every expected row is read off the two seed articles (examples/articles) and their
annotations (examples/annotations) by hand; the comment above each expectation says how.
Offsets are found in the article text itself, never copied from query output.

A second store adds a small constructed follow-up article (FOLLOW_UP below, test data
only) to reach what the seed cannot show: a statement reported in two documents, a
dispute thread three deep and a report of a report.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli
from kg import queries
from kg.store import EmbeddedStore

EXAMPLES = Path(__file__).parent.parent / "examples"
ID = "https://w3id.org/claimgraph/id/"
D1, D2, D3 = "doc-2025-06-09", "up-2025-06-14", "test-2025-06-20"
NAMES = [
    "who-said",
    "actor-statements",
    "contested-claims",
    "dispute-thread",
    "accusations",
    "denials-of-actor",
    "attribution-chain",
    "document-statements",
]
ROLE_MEDINSKY = "Head of the Russian delegation at the negotiations in Istanbul"
ROLE_YUSOV = "Deputy Head of the Coordination Headquarters for the Treatment of Prisoners of War"
CHQ = "Coordination Headquarters for the Treatment of Prisoners of War"


def article(name: str) -> str:
    """An article's text as the offsets count it: the ' date YYYY-MM-DD ' header removed."""
    raw = (EXAMPLES / "articles" / name).read_text(encoding="utf-8")
    return re.sub(r"^\s*date \d{4}-\d{2}-\d{2} ", "", raw, count=1)


TEXT_09 = article("2025-06-09-prisoner-exchange.txt")
TEXT_14 = article("2025-06-14-ukrainska-pravda.txt")

# A constructed follow-up (not a real article): it reports Medinsky's accusation again
# (ref), Moscow counters Kyiv's denial (r1), Kyiv denies that (r2), and the article's own
# voice relays Yusov's refutation (r3 reports up-2025-06-14/s19b).
FOLLOW_UP = {
    "document": {
        "id": D3,
        "title": "A constructed follow-up article (test data, not a real article)",
        "text": (
            "Medinsky had accused Ukraine of postponing the exchange for an indefinite period. "
            "Moscow rejected Kyiv's denial and insisted that Ukraine had postponed the exchange. "
            "Kyiv again said that it had not postponed anything. Ukrainska Pravda recalled that "
            "Yusov refuted the claims about the bodies."
        ),
        "published": "2025-06-20",
        "publisher": "ukrainska-pravda",
        "source": "Constructed for tests/test_saved_queries_provenance.py",
    },
    "annotation": {"by": "claimgraph maintainers", "on": "2026-11-22"},
    "statements": [
        {
            "ref": f"{D1}/s8",
            "quote": "Medinsky had accused Ukraine of postponing the exchange for an indefinite period",
        },
        {
            "id": "r1",
            "speaker": "government-of-russia",
            "mention": {"text": "Moscow", "kind": "metonymic"},
            "act": "counter-claims",
            "counters": f"{D1}/s9",
            "date": "2025-06-20",
            "proposition": "ukraine-postponed-exchange",
            "quote": "insisted that Ukraine had postponed the exchange",
        },
        {
            "id": "r2",
            "speaker": "government-of-ukraine",
            "mention": {"text": "Kyiv", "kind": "metonymic", "after": "postponed the exchange."},
            "act": "denies",
            "denies": "r1",
            "date": "2025-06-20",
            "proposition": "ukraine-postponed-exchange",
            "quote": "Kyiv again said that it had not postponed anything",
        },
        {
            "id": "r3",
            "speaker": "document",
            "act": "reports",
            "reports": f"{D2}/s19b",
            "proposition": "ukraine-refuses-to-collect-bodies",
            "polarity": "negative",
            "quote": {"text": "Yusov refuted the claims about the bodies", "kind": "paraphrase"},
        },
    ],
}
TEXT_20 = FOLLOW_UP["document"]["text"]


def add(store: Path, *paths: Path) -> None:
    result = CliRunner().invoke(cli, ["--store", str(store), "add", *map(str, paths)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def store_paths(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed store, and a copy of it with the follow-up article added."""
    base = tmp_path_factory.mktemp("provenance")
    seed, extended = base / "seed", base / "extended"
    add(seed, EXAMPLES)
    shutil.copytree(seed, extended)
    follow_up = base / "follow-up.yaml"
    follow_up.write_text(yaml.safe_dump(FOLLOW_UP, allow_unicode=True, sort_keys=False), encoding="utf-8")
    add(extended, follow_up)
    return seed, extended


@pytest.fixture(scope="module")
def seed(store_paths: tuple[Path, Path]) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(store_paths[0]) as store:
        yield store


@pytest.fixture(scope="module")
def extended(store_paths: tuple[Path, Path]) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(store_paths[1]) as store:
        yield store


def short(value: str) -> str:
    """An id IRI without its prefix and kind: doc-2025-06-09/s8, medinsky, ukraine-postponed-exchange."""
    for kind in ("statement", "actor", "proposition", "document"):
        if value.startswith(f"{ID}{kind}/"):
            return value.removeprefix(f"{ID}{kind}/")
    return value


def run(store: EmbeddedStore, name: str, **values: str) -> list[dict[str, str | None]]:
    """The rows of a saved query, each term as its value (ids shortened)."""
    found = queries.execute(store, queries.load(name), values)
    return [{k: (None if v is None else short(v.value)) for k, v in row.items()} for row in found.rows]


def pick(rows: list[dict[str, str | None]], *columns: str) -> list[tuple[str | None, ...]]:
    return [tuple(row[c] for c in columns) for row in rows]


# -- headers ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_header_and_parameters(name: str) -> None:
    query = queries.load(name)
    assert query.summary and len(query.description) > 200
    assert "provenance" in query.tags
    # every parameter has a seed example among the defaults, and nothing else does
    assert set(query.defaults) == {p.name for p in query.parameters}
    assert all(p.required and p.kind == "iri" for p in query.parameters)
    assert "PREFIX cg: <https://w3id.org/claimgraph/ontology#>" in query.text
    assert "GRAPH" not in query.text


@pytest.mark.parametrize("name", NAMES)
def test_the_header_example_finds_something_in_the_seed(seed: EmbeddedStore, name: str) -> None:
    query = queries.load(name)
    assert queries.execute(seed, query, dict(query.defaults)).rows


# -- 1. who-said --------------------------------------------------------------------------


def test_who_said_the_exchange_was_postponed(seed: EmbeddedStore) -> None:
    rows = run(seed, "who-said", proposition="ukraine-postponed-exchange")
    # 9 June article, last paragraph: "Later, the head of the Russian delegation at the
    # negotiations in Istanbul Vladimir Medinsky, accused Ukraine of postponing ..." (s8,
    # undated: "Later"), then "Kyiv denied this." (s9, the Government of Ukraine named by
    # its capital, no role, undated, negative). Same document, so text order: s8 first.
    # s8 has two quotes; the first in the text is the longer one starting at "accused".
    s8_quote = "accused Ukraine of postponing the exchange of prisoners of war for an “indefinite period”"
    assert pick(
        rows, "statement", "speaker", "speakerLabel", "speakerAs", "role", "act", "polarity", "date", "documentId"
    ) == [
        (
            f"{D1}/s8",
            "medinsky",
            "Vladimir Medinsky",
            "Vladimir Medinsky",
            ROLE_MEDINSKY,
            "accuses",
            "affirmative",
            None,
            D1,
        ),
        (f"{D1}/s9", "government-of-ukraine", "Government of Ukraine", "Kyiv", None, "denies", "negative", None, D1),
    ]
    assert pick(rows, "quote", "quoteStart") == [
        (s8_quote, str(TEXT_09.index(s8_quote))),
        ("Kyiv denied this.", str(TEXT_09.index("Kyiv denied this."))),
    ]


def test_who_said_bodies_are_being_repatriated_across_documents(seed: EmbeddedStore) -> None:
    rows = run(seed, "who-said", proposition="body-repatriation-underway")
    # "Work is underway to repatriate the bodies ..., the Headquarters added" (9 June, s6,
    # dated 9 June) and "He stated that the process is ongoing" (14 June, s20, Yusov as
    # Deputy Head): earlier date first.
    assert pick(rows, "statement", "speaker", "speakerAs", "role", "date", "documentId", "quote") == [
        (
            f"{D1}/s6",
            "coordination-hq",
            "the Headquarters",
            None,
            "2025-06-09",
            D1,
            "Work is underway to repatriate the bodies of the deceased Ukrainian soldiers",
        ),
        (f"{D2}/s20", "yusov", "He", ROLE_YUSOV, "2025-06-14", D2, "the process is ongoing"),
    ]


def test_who_said_lists_each_reporting_document(extended: EmbeddedStore) -> None:
    rows = run(extended, "who-said", proposition="ukraine-postponed-exchange")
    # The follow-up (20 June) adds Moscow's counter-claim r1 and Kyiv's renewed denial r2,
    # both dated, so first, in text order; then the undated s8 and s9 of 9 June; then s8
    # again as reported by the follow-up, where the text does not name Medinsky by a
    # mention of its own (no speakerAs) and its quote starts the article.
    assert pick(rows, "statement", "speakerAs", "date", "documentId", "quoteStart") == [
        (f"{D3}/r1", "Moscow", "2025-06-20", D3, str(TEXT_20.index("insisted that"))),
        (f"{D3}/r2", "Kyiv", "2025-06-20", D3, str(TEXT_20.index("Kyiv again"))),
        (f"{D1}/s8", "Vladimir Medinsky", None, D1, str(TEXT_09.index("accused Ukraine"))),
        (f"{D1}/s9", "Kyiv", None, D1, str(TEXT_09.index("Kyiv denied"))),
        (f"{D1}/s8", None, None, D3, "0"),
    ]


# -- 2. actor-statements ------------------------------------------------------------------


def test_actor_statements_in_date_order_undated_last(seed: EmbeddedStore) -> None:
    rows = run(seed, "actor-statements", actor="coordination-hq")
    # The Headquarters on 9 June: "clarified that among those released today ..." (s4),
    # "All the liberated defenders are privates and NCOs" (s5), "Among them are the
    # defenders of Mariupol" (s5b), "Work is underway to repatriate the bodies" (s6), all
    # dated 9 June in text order; on 14 June "videos from the Coordination Headquarters"
    # (s13c); and the undated "emphasized that Russia had provided ... different lists"
    # (s10, after "Later"), last.
    assert pick(rows, "statement", "date", "act", "proposition", "speakerAs", "documentId") == [
        (f"{D1}/s4", "2025-06-09", "asserts", "released-2025-06-09-branches", f"The {CHQ}", D1),
        (f"{D1}/s5", "2025-06-09", "asserts", "released-2025-06-09-privates-and-ncos", "the Headquarters", D1),
        (f"{D1}/s5b", "2025-06-09", "asserts", "mariupol-defenders-returned", "the Headquarters", D1),
        (f"{D1}/s6", "2025-06-09", "asserts", "body-repatriation-underway", "the Headquarters", D1),
        (f"{D2}/s13c", "2025-06-14", "asserts", "group-returned-2025-06-14", "Coordination Headquarters", D2),
        (f"{D1}/s10", None, "counter-claims", "russia-provided-different-lists", f"The {CHQ}", D1),
    ]
    assert [r["role"] for r in rows] == [None] * 6  # no post is recorded for the Headquarters


def test_actor_statements_of_yusov_follow_the_text(seed: EmbeddedStore) -> None:
    rows = run(seed, "actor-statements", actor="yusov")
    # Yusov speaks only in the 14 June article, all on 14 June and as Deputy Head of the
    # Headquarters: the "Source:" line (s13, s13b), the quote (s14-s14e), "Details:" (s15,
    # s15b, s16), "Yusov added" (s17), "More details:" (s18, s19b, s20, s20b-d).
    expected = ["s13", "s13b", "s14", "s14b", "s14c", "s14d", "s14e", "s15", "s15b", "s16", "s17", "s18"]
    expected += ["s19b", "s20", "s20b", "s20c", "s20d"]
    assert [r["statement"] for r in rows] == [f"{D2}/{s}" for s in expected]
    assert {(r["date"], r["role"], r["documentId"]) for r in rows} == {("2025-06-14", ROLE_YUSOV, D2)}
    acts = {r["statement"].split("/")[1]: r["act"] for r in rows if r["act"] != "asserts"}
    assert acts == {
        "s14e": "commits",
        "s15": "declines-to-disclose",
        "s16": "accuses",
        "s18": "confirms",
        "s19b": "refutes",
        "s20b": "declines-to-disclose",
    }


# -- 3. contested-claims ------------------------------------------------------------------


def test_contested_claims_on_the_seed(seed: EmbeddedStore) -> None:
    rows = run(seed, "contested-claims")
    # The only negative statements of the seed are Kyiv's denial (s9, of Medinsky's s8)
    # and Yusov's refutation (s19b, of the Russian propaganda claim s19); each proposition
    # has exactly one affirming statement, and each denial also points at it.
    assert pick(rows, "proposition", "claim", "claimant", "claimAct", "denial", "denier", "denialAct", "link") == [
        (
            "ukraine-postponed-exchange",
            f"{D1}/s8",
            "medinsky",
            "accuses",
            f"{D1}/s9",
            "government-of-ukraine",
            "denies",
            "denies",
        ),
        (
            "ukraine-refuses-to-collect-bodies",
            f"{D2}/s19",
            "russian-propaganda",
            "asserts",
            f"{D2}/s19b",
            "yusov",
            "refutes",
            "refutes",
        ),
    ]
    assert pick(rows, "claimantLabel", "denierLabel") == [
        ("Vladimir Medinsky", "Government of Ukraine"),
        ("Russian propaganda", "Andrii Yusov"),
    ]
    assert rows[0]["propositionLabel"] == "Ukraine postponed the exchange of prisoners of war for an indefinite period."


def test_contested_claims_pair_every_claim_with_every_denial(extended: EmbeddedStore) -> None:
    rows = run(extended, "contested-claims")
    # With the follow-up, ukraine-postponed-exchange is affirmed by s8 and r1 and denied by
    # s9 and r2: four pairs, linked where one denies the other (s9 denies s8, r2 denies r1;
    # r1 only counters s9). Its r3 relays Yusov's refutation with negative polarity, so it
    # opposes s19 too, without a link.
    assert pick(rows, "claim", "denial", "link") == [
        (f"{D1}/s8", f"{D1}/s9", "denies"),
        (f"{D1}/s8", f"{D3}/r2", None),
        (f"{D3}/r1", f"{D1}/s9", None),
        (f"{D3}/r1", f"{D3}/r2", "denies"),
        (f"{D2}/s19", f"{D3}/r3", None),
        (f"{D2}/s19", f"{D2}/s19b", "refutes"),
    ]


# -- 4. dispute-thread --------------------------------------------------------------------


def test_dispute_thread_of_medinskys_accusation(seed: EmbeddedStore) -> None:
    rows = run(seed, "dispute-thread", statement=f"{D1}/s8")
    # "Kyiv denied this." (s9 denies s8); "The Coordination Headquarters ... emphasized that
    # Russia had provided Ukraine with completely different lists" (s10 counters s8).
    assert pick(rows, "depth", "response", "relation", "inReplyTo", "responder", "act", "polarity", "quote") == [
        ("1", f"{D1}/s9", "denies", f"{D1}/s8", "government-of-ukraine", "denies", "negative", "Kyiv denied this."),
        (
            "1",
            f"{D1}/s10",
            "counters",
            f"{D1}/s8",
            "coordination-hq",
            "counter-claims",
            "affirmative",
            "Russia had provided Ukraine with completely different lists for the exchange",
        ),
    ]


def test_dispute_thread_of_the_propaganda_claim_and_of_a_leaf(seed: EmbeddedStore) -> None:
    # "he refuted Russian propaganda claims that ..." (s19b refutes s19); nobody answers
    # Kyiv's denial in the seed.
    rows = run(seed, "dispute-thread", statement=f"{D2}/s19")
    assert pick(rows, "depth", "response", "relation", "responder", "responderLabel") == [
        ("1", f"{D2}/s19b", "refutes", "yusov", "Andrii Yusov")
    ]
    assert run(seed, "dispute-thread", statement=f"{D1}/s9") == []


def test_dispute_thread_goes_any_depth(extended: EmbeddedStore) -> None:
    rows = run(extended, "dispute-thread", statement=f"{D1}/s8")
    # s9 and s10 answer s8; the follow-up's r1 counters s9 (depth 2) and r2 denies r1
    # (depth 3).
    assert pick(rows, "depth", "response", "relation", "inReplyTo", "responder", "documentId") == [
        ("1", f"{D1}/s9", "denies", f"{D1}/s8", "government-of-ukraine", D1),
        ("1", f"{D1}/s10", "counters", f"{D1}/s8", "coordination-hq", D1),
        ("2", f"{D3}/r1", "counters", f"{D1}/s9", "government-of-russia", D3),
        ("3", f"{D3}/r2", "denies", f"{D3}/r1", "government-of-ukraine", D3),
    ]
    # from the middle of the thread, depths count from there
    rows = run(extended, "dispute-thread", statement=f"{D1}/s9")
    assert pick(rows, "depth", "response") == [("1", f"{D3}/r1"), ("2", f"{D3}/r2")]


# -- 5. accusations -----------------------------------------------------------------------


def test_accusations_on_the_seed(seed: EmbeddedStore) -> None:
    rows = run(seed, "accusations")
    # Yusov "noted that the week's repatriation efforts have been dogged by ... Russian
    # misinformation" (s16, 14 June, accuses Russia, named "Russian"); Medinsky "accused
    # Ukraine of postponing the exchange" (s8, undated, so last).
    assert pick(
        rows, "statement", "accuser", "accused", "accusedLabel", "accusedAs", "proposition", "date", "documentId"
    ) == [
        (f"{D2}/s16", "yusov", "russia", "Russia", "Russian", "information-attacks-on-repatriation", "2025-06-14", D2),
        (f"{D1}/s8", "medinsky", "ukraine", "Ukraine", "Ukraine", "ukraine-postponed-exchange", None, D1),
    ]
    assert (
        rows[1]["quote"] == "accused Ukraine of postponing the exchange of prisoners of war for an “indefinite period”"
    )
    assert rows[0]["quote"].startswith("the week’s repatriation efforts")


def test_accusations_in_a_second_document(extended: EmbeddedStore) -> None:
    rows = run(extended, "accusations")
    # The follow-up reports s8 again; it names no accused mention of its own.
    assert pick(rows, "statement", "accused", "accusedAs", "documentId") == [
        (f"{D2}/s16", "russia", "Russian", D2),
        (f"{D1}/s8", "ukraine", "Ukraine", D1),
        (f"{D1}/s8", "ukraine", None, D3),
    ]


# -- 6. denials-of-actor ------------------------------------------------------------------


def test_denials_of_medinsky_and_of_russian_propaganda(seed: EmbeddedStore) -> None:
    # Medinsky's accusation (s8) is denied by Kyiv (s9) and countered by the Headquarters
    # (s10), in that order in the text.
    rows = run(seed, "denials-of-actor", actor="medinsky")
    assert pick(
        rows, "statement", "relation", "response", "responder", "responderAs", "responseAct", "responseQuote"
    ) == [
        (f"{D1}/s8", "denies", f"{D1}/s9", "government-of-ukraine", "Kyiv", "denies", "Kyiv denied this."),
        (
            f"{D1}/s8",
            "counters",
            f"{D1}/s10",
            "coordination-hq",
            f"The {CHQ}",
            "counter-claims",
            "Russia had provided Ukraine with completely different lists for the exchange",
        ),
    ]
    # "he refuted Russian propaganda claims ..." (s19b, Yusov named by "he").
    rows = run(seed, "denials-of-actor", actor="russian-propaganda")
    assert pick(
        rows, "statement", "relation", "response", "responder", "responderAs", "responseAct", "responseDate"
    ) == [(f"{D2}/s19", "refutes", f"{D2}/s19b", "yusov", "he", "refutes", "2025-06-14")]
    assert rows[0]["responseQuote"] == (
        "refuted Russian propaganda claims that Ukraine has been refusing to collect the bodies of its fallen soldiers"
    )


def test_denials_of_an_undisputed_actor(seed: EmbeddedStore, extended: EmbeddedStore) -> None:
    # Nobody disputes Yusov, nor (in the seed) Kyiv; the follow-up's Moscow counters Kyiv.
    assert run(seed, "denials-of-actor", actor="yusov") == []
    assert run(seed, "denials-of-actor", actor="government-of-ukraine") == []
    rows = run(extended, "denials-of-actor", actor="government-of-ukraine")
    assert pick(rows, "statement", "relation", "response", "responder", "responderAs") == [
        (f"{D1}/s9", "counters", f"{D3}/r1", "government-of-russia", "Moscow")
    ]


# -- 7. attribution-chain -----------------------------------------------------------------


def test_attribution_chain_of_the_propaganda_claim(seed: EmbeddedStore) -> None:
    rows = run(seed, "attribution-chain", statement=f"{D2}/s19")
    # The claim's original speaker is Russian propaganda (s19); Yusov's refutation relays
    # it (s19b reports s19); both are in the Ukrainska Pravda article of 14 June.
    assert pick(rows, "depth", "statement", "speaker", "speakerLabel", "relays", "documentId", "publisherLabel") == [
        ("0", f"{D2}/s19", "russian-propaganda", "Russian propaganda", None, D2, "Ukrainska Pravda"),
        ("1", f"{D2}/s19b", "yusov", "Andrii Yusov", f"{D2}/s19", D2, "Ukrainska Pravda"),
    ]
    assert rows[0]["quote"] == "Ukraine has been refusing to collect the bodies of its fallen soldiers"


def test_attribution_chain_of_a_source_of_the_lead(seed: EmbeddedStore) -> None:
    rows = run(seed, "attribution-chain", statement=f"{D2}/s13")
    # "Source: Major Andrii Yusov, ..., in comments to Ukrainska Pravda" (s13), relayed by
    # the article's lead in its own voice (s12, speaker Ukrainska Pravda, act reports).
    assert pick(rows, "depth", "statement", "speaker", "act", "relays", "documentId") == [
        ("0", f"{D2}/s13", "yusov", "asserts", None, D2),
        ("1", f"{D2}/s12", "ukrainska-pravda", "reports", f"{D2}/s13", D2),
    ]
    # Medinsky's accusation is relayed by nobody: only the original.
    assert pick(run(seed, "attribution-chain", statement=f"{D1}/s8"), "depth", "statement") == [("0", f"{D1}/s8")]


def test_attribution_chain_goes_any_depth(extended: EmbeddedStore) -> None:
    rows = run(extended, "attribution-chain", statement=f"{D2}/s19")
    # The follow-up's r3 relays Yusov's s19b, which relays s19.
    assert pick(rows, "depth", "statement", "relays", "documentId") == [
        ("0", f"{D2}/s19", None, D2),
        ("1", f"{D2}/s19b", f"{D2}/s19", D2),
        ("2", f"{D3}/r3", f"{D2}/s19b", D3),
    ]


# -- 8. document-statements ---------------------------------------------------------------


def test_document_statements_of_the_9_june_article(seed: EmbeddedStore) -> None:
    rows = run(seed, "document-statements", document=D1)
    # The 9 June annotation, item by item, each found in the text by the first words of
    # its first quote: (speaker, act, polarity) as the annotation file gives them.
    expected = [
        ("s1", "zelensky", "reports", "affirmative", "On Monday, June 9"),
        ("s2", "zelensky", "asserts", "affirmative", "Among the categories"),
        ("s2b", "zelensky", "declines-to-disclose", "affirmative", "The exact number"),
        ("s3", "zelensky", "asserts", "affirmative", "The process is quite complicated"),
        ("s3b", "zelensky", "asserts", "affirmative", "negotiations continue virtually"),
        ("s3c", "zelensky", "asserts", "affirmative", "We expect that"),
        ("s4", "coordination-hq", "asserts", "affirmative", "among those released today"),
        ("s5", "coordination-hq", "asserts", "affirmative", "All the liberated defenders"),
        ("s5b", "coordination-hq", "asserts", "affirmative", "Among them are the defenders"),
        ("s6", "coordination-hq", "asserts", "affirmative", "Work is underway"),
        ("s7", "unidentified-outlet-2025-06-09", "asserts", "affirmative", "The second round of talks"),
        ("s7b", "unidentified-outlet-2025-06-09", "asserts", "affirmative", "It was there that"),
        ("s7c", "unidentified-outlet-2025-06-09", "asserts", "affirmative", "They also agreed"),
        ("s8", "medinsky", "accuses", "affirmative", "accused Ukraine of postponing"),
        ("s9", "government-of-ukraine", "denies", "negative", "Kyiv denied this."),
        ("s10", "coordination-hq", "counter-claims", "affirmative", "Russia had provided Ukraine"),
        ("s11", "unidentified-outlet-2025-06-09", "asserts", "affirmative", "The first direct negotiations"),
        ("s11b", "unidentified-outlet-2025-06-09", "asserts", "affirmative", "After that, there was"),
    ]
    assert pick(rows, "statement", "speaker", "act", "polarity", "quoteStart") == [
        (f"{D1}/{sid}", speaker, act, polarity, str(TEXT_09.index(words)))
        for sid, speaker, act, polarity, words in expected
    ]
    for row, (*_, words) in zip(rows, expected, strict=True):
        assert row["quote"].startswith(words)
    s9 = rows[14]
    assert (s9["speakerAs"], s9["proposition"], s9["propositionLabel"]) == (
        "Kyiv",
        "ukraine-postponed-exchange",
        "Ukraine postponed the exchange of prisoners of war for an indefinite period.",
    )


def test_document_statements_of_the_14_june_article(seed: EmbeddedStore) -> None:
    rows = run(seed, "document-statements", document=D2)
    # Text order of the 14 June article: the lead (s12, s12b), the "Source:" line (s13 to
    # s13e), the quote (s14 to s14e), "Details:" (s15, s15b, s16), s17, "More details:"
    # where "refuted Russian propaganda claims that Ukraine has been refusing ..." (s19b)
    # starts before the claim it contains (s19), then s20 to s20d, and the background
    # (s21 to s21d). s21c ("Previous exchanges this week have brought back Mariupol
    # defenders") and s21d (first quote "Previous exchanges this week have brought back")
    # start at the same offset: the statement IRI breaks the tie.
    order = ["s12", "s12b", "s13", "s13b", "s13c", "s13d", "s13e", "s14", "s14b", "s14c", "s14d", "s14e"]
    order += ["s15", "s15b", "s16", "s17", "s18", "s19b", "s19", "s20", "s20b", "s20c", "s20d"]
    order += ["s21", "s21b", "s21c", "s21d"]
    assert [r["statement"] for r in rows] == [f"{D2}/{s}" for s in order]
    start = TEXT_14.index("Previous exchanges this week")
    assert pick(rows[-2:], "quoteStart", "quote") == [
        (str(start), "Previous exchanges this week have brought back Mariupol defenders"),
        (str(start), "Previous exchanges this week have brought back"),
    ]
    assert {r["speaker"] for r in rows if r["statement"] in {f"{D2}/s12", f"{D2}/s21"}} == {"ukrainska-pravda"}
