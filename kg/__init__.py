"""claimgraph: claims and counter-claims as an RDF knowledge graph.

The library behind the ``claimgraph`` command: compile annotation files into RDF
(:mod:`kg.annotation`, :mod:`kg.registry`), keep them in an embedded store
(:mod:`kg.store`), and get them back out (:mod:`kg.export`, :mod:`kg.stats`).
"""

from __future__ import annotations

__version__ = "0.1.0"
