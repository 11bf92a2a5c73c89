"""Find the files claimgraph ships: ontology, shapes, saved queries, seed corpus.

In a source checkout they sit at the top of the repository; an installed wheel carries
them inside ``kg/resources/``. Both layouts are looked up, installed first.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ClaimgraphError

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``name`` (``ontology``, ``shapes``, ``queries``, ``examples``)."""
    for candidate in (_PACKAGE_DIR / "resources" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise ClaimgraphError(f"claimgraph's {name}/ folder is missing from this installation")


def ontology_path() -> Path:
    """The OWL ontology, ``ontology/claimgraph.ttl``."""
    return resource_dir("ontology") / "claimgraph.ttl"


def examples_dir() -> Path:
    """The seed corpus shipped as example input."""
    return resource_dir("examples")
