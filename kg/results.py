"""Query results for people (an aligned table) and machines (SPARQL 1.1 result formats)."""

from __future__ import annotations

import io

import pyoxigraph as ox

from kg.namespaces import ID, PREFIXES

FORMATS: dict[str, ox.QueryResultsFormat | None] = {
    "table": None,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_SHORT = sorted({**PREFIXES, "id": ID}.items(), key=lambda item: -len(item[1]))


def show(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, width: int = 80) -> str:
    """A term as a person reads it: prefixed IRIs, bare literal text, one line."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in _SHORT:
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return f"<{term.value}>"
    text = " ".join(term.value.split()) if isinstance(term, ox.Literal) else str(term)
    return text if len(text) <= width else text[: width - 1] + "…"


def table(variables: list[str], rows: list[dict]) -> str:
    """Rows as an aligned plain-text table with a header, and the row count."""
    cells = [[show(row.get(v)) for v in variables] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def serialize(solutions: ox.QuerySolutions, format_name: str) -> bytes:
    """Solutions in a SPARQL 1.1 results format (json, xml, csv, tsv)."""
    buffer = io.BytesIO()
    solutions.serialize(buffer, FORMATS[format_name])
    return buffer.getvalue()
