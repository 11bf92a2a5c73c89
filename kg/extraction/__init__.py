"""Draft annotations from raw news text: who said what, found by rules.

``extract`` reads an article, finds its attributed statements (speaker, cue, speech act,
quote span, date, the statement a denial answers) and returns a :class:`Draft`, which
renders as an annotation file for ``claimgraph add`` after review, plus a registry file
of the actors the text names but no registry knows. Rule-based and offline: see
:mod:`kg.extraction.attribution` for the rules.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import kg
from kg.errors import InputError
from kg.extraction.attribution import Attributor
from kg.extraction.draft import DraftDocument, Proposition, assign, render_actors, render_annotation
from kg.extraction.model import DraftStatement
from kg.extraction.segment import segment
from kg.extraction.speakers import Actor, Registry
from kg.namespaces import SLUG, slugify
from kg.textsource import read_text_file

__all__ = ["Draft", "DraftStatement", "extract"]


@dataclass
class Draft:
    """The statements found in one article, ready to be written as YAML."""

    document: DraftDocument
    statements: list[DraftStatement]
    propositions: list[Proposition]
    new_actors: list[Actor]
    text_path: Path

    def annotation_yaml(self, output: Path | None = None) -> str:
        """The annotation file; ``text-file`` is relative to ``output``'s folder (else the cwd)."""
        base = (output.parent if output is not None else Path.cwd()).resolve()
        self.document.text_file = Path(os.path.relpath(self.text_path.resolve(), base)).as_posix()
        return render_annotation(self.document, self.statements, self.propositions)

    def actors_yaml(self, name: str | None = None) -> str:
        """The proposed actors as a registry file."""
        return render_actors(self.new_actors, name or f"{self.document.id}-new-actors")


def _check_date(value: str) -> str:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise InputError(f"--date must be a real date as YYYY-MM-DD, not {value!r}")


def _publisher(registry: Registry, publisher: str | None, published: str | None) -> str:
    """The publisher's actor id: a registry id or name, else a proposed actor."""
    if publisher is None:
        day = published or "undated"
        known = f"unidentified-outlet-{day}"
        if known not in registry.actors:
            actor = registry.propose(f"Unidentified outlet (article of {day})", "anonymous", known)
            known = actor.id
        return known
    if publisher in registry.actors:
        return publisher
    found = registry.mentions(publisher)
    if found and found[0].start == 0 and found[0].end == len(publisher):
        return found[0].actor
    return registry.propose(publisher, "organization").id


def extract(
    text_path: Path,
    registries: Sequence[Path] = (),
    *,
    date: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    document_id: str | None = None,
) -> Draft:
    """Read ``text_path`` (plain text, optionally with a ``date YYYY-MM-DD`` header) and draft
    its annotation, resolving speakers against ``registries``."""
    text_path = Path(text_path)
    if text_path.is_dir():
        raise InputError("the article must be a text file, not a folder", path=text_path)
    source = read_text_file(text_path)
    published = _check_date(date) if date else source.date
    if url is not None and not url.startswith(("http://", "https://")):
        raise InputError(f"--url must be an http(s) URL, not {url!r}")
    doc_id = document_id or slugify(text_path.stem)
    if not SLUG.match(doc_id):
        raise InputError(f"--id must be a slug (letters, digits, '.', '_', '-'), not {doc_id!r}")
    registry = Registry.load(registries)
    known = set(registry.actors)
    segments = segment(source.text)
    statements = Attributor(segments, registry, published).run()
    # The document's own voice needs a publisher: the one given, else an unidentified outlet.
    needs_voice = publisher is not None or any(s.speaker == "document" for s in statements)
    voice = _publisher(registry, publisher, published) if needs_voice else None
    propositions = assign(statements, source.text, registry.propositions)
    document = DraftDocument(
        id=doc_id,
        text=source.text,
        text_file=text_path.name,
        source=f"Machine draft by claimgraph extract {kg.__version__} from {text_path.name}; not yet reviewed.",
        published=published if date else None,
        publisher=voice,
        url=url,
        annotated_on=datetime.date.today().isoformat(),
    )
    used = {s.speaker for s in statements} | {s.accuses for s in statements} | {voice}
    new_actors = [a for a in registry.actors.values() if a.id not in known and a.id in used]
    return Draft(document, statements, propositions, new_actors, text_path)


def new_actors_path(output: Path) -> Path:
    """Where the proposed actors go beside ``draft.yaml``: ``draft.new-actors.yaml``."""
    stem = re.sub(r"\.ya?ml$", "", output.name)
    return output.with_name(f"{stem}.new-actors.yaml")
