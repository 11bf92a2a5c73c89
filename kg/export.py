"""``claimgraph export``: the store as TriG, N-Quads, Turtle, N-Triples or JSON-LD.

Dataset formats (TriG, N-Quads, JSON-LD) keep every named graph, so exporting and
re-adding gives the same dataset; graph formats (Turtle, N-Triples) give the union of
all graphs. Output is sorted, so two exports of the same store are byte-identical.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import InputError
from kg.namespaces import PREFIXES
from kg.store import Store

FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
}


def _key(term: object) -> str:
    return str(term)


def serialize(store: Store, format_name: str) -> bytes:
    """The whole store in one format, sorted."""
    rdf_format = FORMATS[format_name]
    if rdf_format.supports_datasets:
        quads = sorted(
            store.quads(),
            key=lambda q: (_key(q.graph_name), _key(q.subject), _key(q.predicate), _key(q.object)),
        )
        items: list = quads
    else:
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()}
        items = sorted(triples, key=lambda t: (_key(t.subject), _key(t.predicate), _key(t.object)))
    prefixes = None if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES) else PREFIXES
    return ox.serialize(items, format=rdf_format, prefixes=prefixes)


def write_atomically(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` so that readers see the old file or the new one, never half."""
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError("no such folder for the output file", path=target)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export(store: Store, format_name: str, output: Path | BinaryIO) -> None:
    """Serialize the store to a file (atomically) or a binary stream."""
    data = serialize(store, format_name)
    if isinstance(output, Path):
        write_atomically(data, output)
    else:
        output.write(data)
