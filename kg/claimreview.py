"""Read schema.org ClaimReview JSON-LD, as fact-check pages embed it.

The JSON is read as the documented structure (https://schema.org/ClaimReview and
Google's ClaimReview structured-data guide), with the json module: no JSON-LD processing
and no remote ``@context`` is fetched. A file holds one ClaimReview object, a list of
them, or an ``@graph``; other node types in a list or graph (the page, the publisher) are
looked up when a ClaimReview refers to them by ``@id`` and otherwise ignored. The claim
is the ClaimReview's ``itemReviewed`` (a Claim, or in older pages a CreativeWork) with
its text in ``claimReviewed`` (or the Claim's own ``text``/``name``).
"""

from __future__ import annotations

from kg.errors import FormatError
from kg.namespaces import CG, ID
from kg.reviewrecords import (
    ClaimRecord,
    Parsed,
    Party,
    Rating,
    RecordError,
    Review,
    Skipped,
    date,
    language,
    mapping,
    number,
    text,
    url,
)

_SCHEMA_PREFIXES = ("schema:", "http://schema.org/", "https://schema.org/")
_PERSON_TYPES = {"Person"}
_ORGANIZATION_TYPES = {"Organization", "NewsMediaOrganization", "GovernmentOrganization", "Corporation", "NGO"}


def _types(node: dict) -> set[str]:
    """The node's ``@type`` values, schema.org prefixes dropped."""
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    found = set()
    for item in values:
        if isinstance(item, str):
            for prefix in _SCHEMA_PREFIXES:
                if item.startswith(prefix):
                    item = item[len(prefix) :]
                    break
            found.add(item)
    return found


def _own_iri(node: dict) -> str | None:
    """The node's ``@id`` when claimgraph minted it (its own export), else None."""
    value = node.get("@id")
    return value if isinstance(value, str) and value.startswith(ID) else None


class _Nodes:
    """The objects of one file, so that ``{"@id": ...}`` references can be followed."""

    def __init__(self, items: list) -> None:
        self.by_id = {
            item["@id"]: item for item in items if isinstance(item, dict) and isinstance(item.get("@id"), str)
        }

    def follow(self, value: object) -> object:
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self.by_id.get(value["@id"], value)
        return value


def _one(value: object, where: str) -> object:
    """A value that may be written as a one-item list."""
    if isinstance(value, list):
        if len(value) != 1:
            raise RecordError(f"{where} lists {len(value)} values; one is expected")
        return value[0]
    return value


def _party(value: object, where: str, nodes: _Nodes) -> Party | None:
    value = nodes.follow(_one(value, where))
    if value is None:
        return None
    if isinstance(value, str):
        return Party(text(value, where, required=True) or "")
    node = mapping(value, where)
    assert node is not None
    name = text(node.get("name"), f"{where}.name", required=True) or ""
    types = _types(node)
    kind = "person" if types & _PERSON_TYPES else "organization" if types & _ORGANIZATION_TYPES else None
    extra = node.get("additionalType")
    if isinstance(extra, str) and extra.startswith(str(CG)):
        kind = extra
    return Party(name, kind, _own_iri(node))


def _urls(value: object, where: str, nodes: _Nodes) -> tuple[str, ...]:
    """URLs of appearances, written as URL strings or CreativeWork objects with a url."""
    items = value if isinstance(value, list) else [] if value is None else [value]
    found = []
    for number_, item in enumerate(items):
        item = nodes.follow(item)
        here = f"{where}[{number_}]" if isinstance(value, list) else where
        if isinstance(item, dict):
            item = item.get("url")
            here += ".url"
        found.append(url(item, here) or "")
        if not found[-1]:
            raise RecordError(f"{here} is missing")
    return tuple(found)


def _language(value: object, where: str) -> str | None:
    if isinstance(value, dict):  # {"@type": "Language", "name": "English", "alternateName": "en"}
        return language(value.get("alternateName"), f"{where}.alternateName")
    return language(value, where)


def _rating(value: object, nodes: _Nodes) -> Rating:
    node = mapping(nodes.follow(value), "reviewRating", required=True)
    assert node is not None
    rating = Rating(
        text=text(node.get("alternateName"), "reviewRating.alternateName"),
        value=number(node.get("ratingValue"), "reviewRating.ratingValue"),
        best=number(node.get("bestRating"), "reviewRating.bestRating"),
        worst=number(node.get("worstRating"), "reviewRating.worstRating"),
    )
    if rating.text is None and rating.value is None:
        raise RecordError("reviewRating has neither alternateName nor ratingValue")
    return rating


def _record(index: int, node: dict, nodes: _Nodes) -> ClaimRecord:
    item = mapping(nodes.follow(node.get("itemReviewed")), "itemReviewed") or {}
    claim_text = text(node.get("claimReviewed"), "claimReviewed")
    claim_text = (
        claim_text or text(item.get("text"), "itemReviewed.text") or text(item.get("name"), "itemReviewed.name")
    )
    if claim_text is None:
        raise RecordError("has no claimReviewed (the text of the claim)")
    publisher = _party(node.get("author"), "author", nodes) or _party(node.get("publisher"), "publisher", nodes)
    if publisher is None:
        raise RecordError("has no author or publisher (the fact-checker)")
    review_language = _language(node.get("inLanguage"), "inLanguage")
    review = Review(
        publisher=publisher,
        rating=_rating(node.get("reviewRating"), nodes),
        url=url(node.get("url"), "url"),
        date=date(node.get("datePublished"), "datePublished"),
        language=review_language,
        headline=text(node.get("headline"), "headline") or text(node.get("name"), "name"),
        iri=_own_iri(node),
    )
    first = _urls(item.get("firstAppearance"), "itemReviewed.firstAppearance", nodes)
    if len(first) > 1:
        raise RecordError(f"itemReviewed.firstAppearance lists {len(first)} values; one is expected")
    return ClaimRecord(
        index=index,
        text=claim_text,
        reviews=(review,),
        claimant=_party(item.get("author"), "itemReviewed.author", nodes),
        date=date(item.get("datePublished"), "itemReviewed.datePublished"),
        appearances=_urls(item.get("appearance"), "itemReviewed.appearance", nodes),
        first_appearance=first[0] if first else None,
        language=_language(item.get("inLanguage"), "itemReviewed.inLanguage") or review_language,
        iri=_own_iri(item),
    )


def parse(data: object, path: str = "") -> Parsed:
    """The claim records of a ClaimReview JSON-LD document (one object, a list, or an ``@graph``)."""
    if isinstance(data, dict) and "@graph" in data:
        items = data["@graph"]
        if not isinstance(items, list):
            raise FormatError("'@graph' must be a list of objects", path=path)
    elif isinstance(data, list):
        items = data
    elif isinstance(data, dict):
        items = [data]
    else:
        raise FormatError("expected a ClaimReview object, a list of them, or an @graph", path=path)
    nodes = _Nodes(items)
    parsed = Parsed()
    reviews = 0
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            parsed.skipped.append(Skipped(index, f"must be an object, not {type(item).__name__}"))
            continue
        if "ClaimReview" not in _types(item):
            continue
        reviews += 1
        try:
            parsed.records.append(_record(index, item, nodes))
        except RecordError as exc:
            parsed.skipped.append(Skipped(index, str(exc)))
    if items and not reviews and not parsed.skipped:
        raise FormatError("no ClaimReview object in the file (no '@type': 'ClaimReview')", path=path)
    return parsed
