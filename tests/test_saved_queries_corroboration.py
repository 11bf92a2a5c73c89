"""Saved queries on corroboration, sources, timelines and sides, checked against the seed corpus.

Every expected value below was worked out by hand from examples/articles/*.txt and
examples/annotations/*.yaml (the comments say how), never copied from query output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from kg import queries
from kg.store import EmbeddedStore

EXAMPLES = Path(__file__).parent.parent / "examples"
ID = "https://w3id.org/claimgraph/id/"
D09 = "doc-2025-06-09"
U14 = "up-2025-06-14"

NAMES = [
    "single-source",
    "corroborated",
    "unnamed-sources",
    "metonymic-actors",
    "withheld-information",
    "timeline",
    "quote-context",
    "sides",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("seed") / "store"
    result = CliRunner().invoke(cli, ["--store", str(path), "add", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    with EmbeddedStore(path) as opened:
        yield opened


def run(store: EmbeddedStore, name: str, **values: str) -> list[dict[str, str | None]]:
    """The rows of a saved query, each term as its lexical value."""
    found = queries.execute(store, queries.load(name), values)
    return [{k: (v.value if v is not None else None) for k, v in row.items()} for row in found.rows]


def local(iri: str | None) -> str | None:
    """``.../proposition/x`` -> ``x``; ``.../statement/doc/s8`` -> ``doc/s8``."""
    if iri is None:
        return None
    rest = iri.removeprefix(ID)
    return rest.split("/", 1)[1] if "/" in rest else rest


def article_text(name: str) -> str:
    """An article as the store reads it: without its ' date YYYY-MM-DD ' header."""
    raw = (EXAMPLES / "articles" / name).read_text(encoding="utf-8")
    return re.sub(r"\A\s*date\s+\S+\s+", "", raw)


# -- the files ------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_header_describes_the_query(name: str) -> None:
    query = queries.load(name)
    assert query.summary and query.description and query.tags
    required = {p.name for p in query.parameters if p.required}
    assert required <= set(query.defaults), "every required parameter has a seed-corpus example"
    # an optional parameter has no default: a default would always be bound (kg.queries.bind)
    assert not {p.name for p in query.parameters if not p.required} & set(query.defaults)
    body = [line for line in query.text.splitlines() if not line.startswith("#")]
    assert "GRAPH" not in " ".join(body).upper().split()
    assert "ORDER BY" in " ".join(body)


@pytest.mark.parametrize("name", NAMES)
def test_runs_with_its_defaults(store: EmbeddedStore, name: str) -> None:
    # the header's defaults are the examples a UI would prefill: they must find something
    assert run(store, name, **queries.load(name).defaults), f"{name} finds nothing in the seed corpus"


# -- 9. single-source ------------------------------------------------------------------

# Every proposition's affirmative statements and the documents they are in, from the two
# annotation files. Backed by both articles (so not here): istanbul-categories (s7b, s21),
# istanbul-6000-bodies (s7c, s21b), released-number-withheld (s2b, s15),
# mariupol-defenders-returned (s5b, s21c), body-repatriation-underway (s6, s20).
# Denials do not back: ukraine-postponed-exchange is backed by s8 only (s9 is negative),
# ukraine-refuses-to-collect-bodies by s19 only (s19b is negative).
SINGLE_SOURCE = {
    # the 9 June article, one statement each: s1, s2, s3, s3b, s3c, s4, s5, s7, s8, s10, s11, s11b
    ("exchange-began-2025-06-09", D09, 1),
    ("released-2025-06-09-categories", D09, 1),
    ("exchange-process-complicated", D09, 1),
    ("negotiations-continue-daily", D09, 1),
    ("istanbul-humanitarian-agreements-implemented", D09, 1),
    ("released-2025-06-09-branches", D09, 1),
    ("released-2025-06-09-privates-and-ncos", D09, 1),
    ("istanbul-talks-2025-06-02", D09, 1),
    ("ukraine-postponed-exchange", D09, 1),
    ("russia-provided-different-lists", D09, 1),
    ("first-direct-talks-2025-05-16", D09, 1),
    ("exchange-1000-for-1000", D09, 1),
    # the 14 June article: the lead s12 and the five sources s13..s13e; s12b and s15b
    ("group-returned-2025-06-14", U14, 6),
    ("exchange-negotiations-ongoing", U14, 2),
    # one statement each: s14, s14b, s14c, s14d, s14e (commits), s16, s17, s18, s19,
    # s20b (declines to disclose), s20c, s20d, s21d
    ("stage-combines-two-categories", U14, 1),
    ("returned-2025-06-14-mostly-officers", U14, 1),
    ("officers-hard-to-return", U14, 1),
    ("families-emotions-inspiring", U14, 1),
    ("exchange-work-will-continue", U14, 1),
    ("information-attacks-on-repatriation", U14, 1),
    ("ukraine-holding-firm", U14, 1),
    ("body-repatriation-2025-06-14", U14, 1),
    ("ukraine-refuses-to-collect-bodies", U14, 1),
    ("exchange-timeline-not-given", U14, 1),
    ("exchange-week-very-intense", U14, 1),
    ("coming-days-no-less-stressful", U14, 1),
    ("seriously-injured-returned-this-week", U14, 1),
}


def test_single_source(store: EmbeddedStore) -> None:
    rows = run(store, "single-source")
    found = [(local(r["proposition"]), r["documentId"], int(r["statementCount"])) for r in rows]
    assert len(found) == len(SINGLE_SOURCE) == 27
    assert set(found) == SINGLE_SOURCE
    assert [doc for _, doc, _ in found] == [D09] * 12 + [U14] * 15  # ordered by document
    postponed = next(r for r in rows if local(r["proposition"]) == "ukraine-postponed-exchange")
    assert (
        postponed["propositionLabel"] == "Ukraine postponed the exchange of prisoners of war for an indefinite period."
    )
    assert postponed["document"] == ID + f"document/{D09}"


# -- 10. corroborated ------------------------------------------------------------------

# Affirmative backers, a relay left out: the 14 June lead s12 (Ukrainska Pravda) reports
# s13..s13e, which back the same proposition, so it is not an independent backer.
CORROBORATED = {
    # s13, s13b (Yusov), s13c (the Headquarters), s13d (Umierov), s13e (Border Guard Service)
    "group-returned-2025-06-14": (
        4,
        1,
        {
            "Andrii Yusov",
            "Coordination Headquarters for the Treatment of Prisoners of War",
            "Rustem Umierov",
            "State Border Guard Service of Ukraine",
        },
        {U14},
    ),
    # background of both articles: the 9 June outlet (s7b, s7c) and Ukrainska Pravda (s21, s21b)
    "istanbul-categories": (2, 2, {"Unidentified outlet (article of 9 June 2025)", "Ukrainska Pravda"}, {D09, U14}),
    "istanbul-6000-bodies": (2, 2, {"Unidentified outlet (article of 9 June 2025)", "Ukrainska Pravda"}, {D09, U14}),
    # Zelensky (s2b) and Yusov (s15) both withhold the number
    "released-number-withheld": (2, 2, {"Volodymyr Zelensky", "Andrii Yusov"}, {D09, U14}),
    # the Headquarters (s5b) and the 14 June background (s21c)
    "mariupol-defenders-returned": (
        2,
        2,
        {"Coordination Headquarters for the Treatment of Prisoners of War", "Ukrainska Pravda"},
        {D09, U14},
    ),
    # the Headquarters on 9 June (s6) and Yusov's "the process is ongoing" (s20)
    "body-repatriation-underway": (
        2,
        2,
        {"Coordination Headquarters for the Treatment of Prisoners of War", "Andrii Yusov"},
        {D09, U14},
    ),
    # the 14 June lead's own sentence (s12b) and Yusov's "as negotiations are ongoing" (s15b)
    "exchange-negotiations-ongoing": (2, 1, {"Ukrainska Pravda", "Andrii Yusov"}, {U14}),
}


def test_corroborated(store: EmbeddedStore) -> None:
    rows = run(store, "corroborated")
    found = {
        local(r["proposition"]): (
            int(r["speakerCount"]),
            int(r["documentCount"]),
            set(r["speakers"].split("; ")),
            set(r["documents"].split("; ")),
        )
        for r in rows
    }
    assert found == CORROBORATED
    assert len(rows) == len(CORROBORATED)
    # most speakers first: the 14 June return (4 speakers) leads
    assert local(rows[0]["proposition"]) == "group-returned-2025-06-14"
    assert int(rows[0]["statementCount"]) == 5  # s13..s13e, not the relaying lead s12
    # Medinsky alone backs his accusation; Kyiv's denial does not count against or for it
    assert "ukraine-postponed-exchange" not in found


# -- 11. unnamed-sources ---------------------------------------------------------------


def test_unnamed_sources(store: EmbeddedStore) -> None:
    rows = run(store, "unnamed-sources")
    found = [(local(r["statement"]), r["reason"], r["speakerLabel"]) for r in rows]
    outlet = "Unidentified outlet (article of 9 June 2025)"
    assert found == [
        # the 9 June article names no outlet: its own background sentences (s7, s7b, s7c on
        # the Istanbul talks, s11, s11b on 16 May) come from an anonymous source
        (f"{D09}/s11", "anonymous", outlet),
        (f"{D09}/s11b", "anonymous", outlet),
        (f"{D09}/s7", "anonymous", outlet),
        (f"{D09}/s7b", "anonymous", outlet),
        (f"{D09}/s7c", "anonymous", outlet),
        # "Russian propaganda claims that Ukraine has been refusing to collect the bodies":
        # a collective speaker, and known only inside Yusov's refutation s19b, which reports it
        (f"{U14}/s19", "collective", "Russian propaganda"),
        (f"{U14}/s19", "reported by Andrii Yusov", "Russian propaganda"),
    ]
    # s13..s13e are reported by the lead s12 too, but each has its own quote in the
    # "Source:" line, outside the lead's sentence: they are named sources, not listed
    assert not any(s.startswith(f"{U14}/s13") for s, _, _ in found)
    propaganda = rows[-1]
    assert propaganda["surfaceForm"] == "Russian propaganda" and propaganda["act"] == "asserts"
    assert propaganda["date"] is None and propaganda["documentId"] == U14


# -- 12. metonymic-actors --------------------------------------------------------------


def test_metonymic_actors(store: EmbeddedStore) -> None:
    # "Kyiv denied this." (9 June): the one speaker named by metonymy in the corpus; every
    # other speaker mention is named, descriptive ("the Headquarters"), pronominal ("He")
    # or collective ("Russian propaganda")
    assert run(store, "metonymic-actors") == [
        {
            "surfaceForm": "Kyiv",
            "actor": ID + "actor/government-of-ukraine",
            "actorLabel": "Government of Ukraine",
            "referenceKind": "metonymic",
            "statement": ID + f"statement/{D09}/s9",
            "statementLabel": "Kyiv denies that Ukraine postponed the exchange",
            "act": "denies",
            "date": None,  # "Later, ..." in the 9 June article: undated
            "quote": "Kyiv denied this.",
            "document": ID + f"document/{D09}",
            "documentId": D09,
        }
    ]


# -- 13. withheld-information ----------------------------------------------------------


def test_withheld_information(store: EmbeddedStore) -> None:
    rows = run(store, "withheld-information")
    found = [
        (local(r["statement"]), r["speakerLabel"], r["date"], r["documentId"], local(r["proposition"]), r["withholds"])
        for r in rows
    ]
    assert found == [
        # 9 June: "The exact number of those released from captivity is not being disclosed
        # for security reasons." (Zelensky's paragraph)
        (
            f"{D09}/s2b",
            "Volodymyr Zelensky",
            "2025-06-09",
            D09,
            "released-number-withheld",
            "the exact number of those released from captivity",
        ),
        # 14 June "Details:": the Headquarters is not disclosing the number (Yusov emphasised)
        (
            f"{U14}/s15",
            "Andrii Yusov",
            "2025-06-14",
            U14,
            "released-number-withheld",
            "the number of prisoners of war released, until the major exchange under the Istanbul "
            "agreements is complete",
        ),
        # later in the same article: "Yusov did not provide a specific timeline"
        (
            f"{U14}/s20b",
            "Andrii Yusov",
            "2025-06-14",
            U14,
            "exchange-timeline-not-given",
            "a specific timeline for the duration of the large-scale exchange",
        ),
    ]
    assert rows[0]["quote"] == (
        "The exact number of those released from captivity is not being disclosed for security reasons."
    )
    assert rows[2]["quote"] == (
        "Regarding the duration of the large-scale exchange, Yusov did not provide a specific timeline"
    )


# -- 14. timeline ----------------------------------------------------------------------


def test_timeline_of_a_proposition(store: EmbeddedStore) -> None:
    # "Later, ... Medinsky, accused Ukraine of postponing the exchange ... Kyiv denied
    # this.": both undated, in text order
    rows = run(store, "timeline", proposition="ukraine-postponed-exchange")
    found = [(local(r["statement"]), r["stance"], r["speakerLabel"], r["date"], r["documentId"]) for r in rows]
    assert found == [
        (f"{D09}/s8", "affirmative accuses", "Vladimir Medinsky", None, D09),
        (f"{D09}/s9", "negative denies", "Government of Ukraine", None, D09),
    ]


def test_timeline_of_a_topic(store: EmbeddedStore) -> None:
    # body-repatriation covers istanbul-6000-bodies (s7c, s21b), body-repatriation-underway
    # (s6, s20), ukraine-refuses-to-collect-bodies (s19, s19b) and
    # body-repatriation-2025-06-14 (s18). Dated first: the Headquarters on 9 June (s6), then
    # Yusov on 14 June in text order: confirmed (s18), refuted (s19b), "the process is
    # ongoing" (s20). Undated last, by document then text: the 9 June background (s7c), the
    # propaganda claim (s19), the 14 June background (s21b).
    rows = run(store, "timeline", topic="body-repatriation")
    found = [(local(r["statement"]), r["stance"], r["date"]) for r in rows]
    assert found == [
        (f"{D09}/s6", "affirmative asserts", "2025-06-09"),
        (f"{U14}/s18", "affirmative confirms", "2025-06-14"),
        (f"{U14}/s19b", "negative refutes", "2025-06-14"),
        (f"{U14}/s20", "affirmative asserts", "2025-06-14"),
        (f"{D09}/s7c", "affirmative asserts", None),
        (f"{U14}/s19", "affirmative asserts", None),
        (f"{U14}/s21b", "affirmative asserts", None),
    ]


def test_timeline_with_both_parameters_and_with_none(store: EmbeddedStore) -> None:
    # ukraine-postponed-exchange is about prisoner-exchange but not body-repatriation
    assert len(run(store, "timeline", proposition="ukraine-postponed-exchange", topic="prisoner-exchange")) == 2
    assert run(store, "timeline", proposition="ukraine-postponed-exchange", topic="body-repatriation") == []
    # unbound: every statement, 18 of the 9 June article and 27 of the 14 June one
    rows = run(store, "timeline")
    assert len(rows) == 45 == len({r["statement"] for r in rows})
    dates = [r["date"] for r in rows]
    # dated: the 10 dated 9 June statements (s1-s6: s1, s2, s2b, s3, s3b, s3c, s4, s5, s5b,
    # s6), then the 20 of 14 June (s13-s13e, s14-s14e, s15, s15b, s16, s17, s18, s19b,
    # s20-s20d), then the 15 undated ones: the 9 June background and dispute (s7, s7b, s7c,
    # s8, s9, s10, s11, s11b), the 14 June lead (s12, s12b), the propaganda claim (s19) and
    # the 14 June background (s21-s21d)
    assert dates == ["2025-06-09"] * 10 + ["2025-06-14"] * 20 + [None] * 15


# -- 15. quote-context -----------------------------------------------------------------


def test_quote_context(store: EmbeddedStore) -> None:
    # Medinsky's accusation has two quotes: the indirect report and the direct words
    # "indefinite period" inside it. Offsets count into the article without its header;
    # prefix and suffix are the 32 characters around the quote.
    text = article_text("2025-06-09-prisoner-exchange.txt")
    indirect = "accused Ukraine of postponing the exchange of prisoners of war for an “indefinite period”"
    direct = "indefinite period"
    assert text.count(indirect) == 1 and text.count(direct) == 1
    start1 = text.index(indirect)
    start2 = text.index(direct)
    assert start1 < start2
    rows = run(store, "quote-context", statement=f"{D09}/s8")
    assert [(r["quoteKind"], r["exact"], int(r["start"]), int(r["end"])) for r in rows] == [
        ("indirect", indirect, start1, start1 + len(indirect)),
        ("direct", direct, start2, start2 + len(direct)),
    ]
    for row, start, exact in zip(rows, (start1, start2), (indirect, direct), strict=True):
        assert row["prefix"] == text[start - 32 : start]
        assert row["suffix"] == text[start + len(exact) : start + len(exact) + 32]
        assert row["documentId"] == D09
    assert rows[0]["prefix"].endswith("Vladimir Medinsky, ")
    assert rows[1]["suffix"].startswith("”. Kyiv denied this.")


def test_quote_context_at_the_start_of_a_text(store: EmbeddedStore) -> None:
    # s1 paraphrases the first sentence of the 9 June article: offset 0, nothing before it
    first = (
        "On Monday, June 9, Ukraine and Russia began a new exchange of prisoners of war, "
        "which will continue in several stages in the coming days."
    )
    assert article_text("2025-06-09-prisoner-exchange.txt").startswith(first)
    rows = run(store, "quote-context", statement=f"{D09}/s1")
    assert [(r["exact"], r["prefix"], int(r["start"]), int(r["end"])) for r in rows] == [(first, None, 0, len(first))]


# -- 16. sides -------------------------------------------------------------------------


def sides(rows: list[dict[str, str | None]]) -> list[tuple[str | None, str | None, int, int]]:
    return [(r["sideLabel"], r["act"], int(r["statementCount"]), int(r["speakerCount"])) for r in rows]


def test_sides_of_a_topic(store: EmbeddedStore) -> None:
    # The seven body-repatriation statements (see the timeline test) by side:
    # Ukraine: the Headquarters s6, Yusov s18 (confirms), s19b (refutes), s20, Ukrainska
    #   Pravda s21b -> 5 statements, 3 speakers; asserts: s6, s20, s21b by 3 speakers
    # Russia: Russian propaganda (affiliated with Russia) s19 asserts
    # unaffiliated: the unidentified 9 June outlet s7c asserts
    assert sides(run(store, "sides", topic="body-repatriation")) == [
        ("Russia", "(all acts)", 1, 1),
        ("Russia", "asserts", 1, 1),
        ("Ukraine", "(all acts)", 5, 3),
        ("Ukraine", "asserts", 3, 3),
        ("Ukraine", "confirms", 1, 1),
        ("Ukraine", "refutes", 1, 1),
        ("unaffiliated", "(all acts)", 1, 1),
        ("unaffiliated", "asserts", 1, 1),
    ]


def test_sides_of_every_statement(store: EmbeddedStore) -> None:
    # All 45 statements. Russia: Medinsky's accusation s8 and the propaganda claim s19.
    # unaffiliated: the 9 June outlet's five background statements (s7, s7b, s7c, s11, s11b).
    # Ukraine: the other 38, by 7 speakers: Zelensky (s1 reports, s2/s3/s3b/s3c asserts, s2b
    # declines), the Headquarters (s4/s5/s5b/s6/s13c asserts, s10 counter-claims), the
    # Government of Ukraine ("Kyiv", s9 denies: its side is the state it governs),
    # Ukrainska Pravda (s12 reports, s12b/s21/s21b/s21c/s21d asserts), Yusov (11 asserts:
    # s13, s13b, s14, s14b, s14c, s14d, s15b, s17, s20, s20c, s20d; s14e commits; s15 and
    # s20b decline; s16 accuses; s18 confirms; s19b refutes), Umierov (s13d) and the Border
    # Guard Service (s13e) asserting.
    assert sides(run(store, "sides")) == [
        ("Russia", "(all acts)", 2, 2),
        ("Russia", "accuses", 1, 1),
        ("Russia", "asserts", 1, 1),
        ("Ukraine", "(all acts)", 38, 7),
        ("Ukraine", "accuses", 1, 1),
        ("Ukraine", "asserts", 27, 6),
        ("Ukraine", "commits", 1, 1),
        ("Ukraine", "confirms", 1, 1),
        ("Ukraine", "counter-claims", 1, 1),
        ("Ukraine", "declines-to-disclose", 3, 2),
        ("Ukraine", "denies", 1, 1),
        ("Ukraine", "refutes", 1, 1),
        ("Ukraine", "reports", 2, 2),
        ("unaffiliated", "(all acts)", 5, 1),
        ("unaffiliated", "asserts", 5, 1),
    ]
