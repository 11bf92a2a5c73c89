"""Who made a fact-checked claim, and who reviewed it: names resolved to actors.

A name is looked up among the actors already in the store, by English or other label
and by alias, case-insensitively. Names that stand for no one in particular ("Facebook
posts", "X, Facebook", "Viral image", "Multiple sources") become unnamed actors, never
people: a platform's posts an anonymous source, a plurality a collective actor. Any other
name that is not found becomes a new actor. IRIs come from the name, so the same name
always gives the same actor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.term import URIRef

from kg.namespaces import CG, mint, slugify
from kg.reviewrecords import Party
from kg.store import Store

ACTOR_CLASSES = (
    CG.Actor,
    CG.Person,
    CG.Organization,
    CG.Government,
    CG.State,
    CG.CollectiveActor,
    CG.AnonymousSource,
)

# Names of platforms whose unnamed users fact-checkers give as the claimant.
PLATFORMS = (
    "facebook",
    "instagram",
    "twitter",
    "x",
    "tiktok",
    "youtube",
    "telegram",
    "whatsapp",
    "vk",
    "vkontakte",
    "threads",
    "reddit",
    "social media",
    "websites",
    "website",
    "blogs",
    "blog",
)
# Words after a platform name that make it the platform's unnamed posts ("Facebook posts").
POST_WORDS = ("post", "posts", "video", "videos", "page", "pages", "account", "accounts", "message", "messages")
# Names of a plurality of unnamed sources: a collective actor.
COLLECTIVE = re.compile(
    r"^(multiple|various|several|many|numerous|social media) (sources|users|outlets|posts|accounts)$"
)
# Viral content with no named author: an anonymous source.
VIRAL = re.compile(r"^viral( \w+)?$")


def name_key(name: str) -> str:
    """A name as names are compared: case-folded, whitespace collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name).casefold()).strip()


def unnamed_class(name: str) -> URIRef | None:
    """cg:AnonymousSource or cg:CollectiveActor when ``name`` stands for no one in particular, else None."""
    key = name_key(name)
    if COLLECTIVE.match(key):
        return CG.CollectiveActor
    if VIRAL.match(key):
        return CG.AnonymousSource
    parts = [p.strip() for p in re.split(r",|/|\band\b|&", key) if p.strip()]
    if parts and all(_platform_posts(part) for part in parts):
        return CG.AnonymousSource
    return None


def _platform_posts(part: str) -> bool:
    """ "facebook", "facebook posts", "tiktok videos": a platform or its posts."""
    words = part.split(" ")
    return part in PLATFORMS or (words[-1] in POST_WORDS and " ".join(words[:-1]) in PLATFORMS)


_KIND_CLASS = {"person": CG.Person, "organization": CG.Organization}


@dataclass
class Actors:
    """Resolves names to actor IRIs and collects the triples of the actors it creates."""

    known: dict[str, list[str]]  # name key -> actor IRIs (label matches first)
    existing: set[str]
    created: dict[URIRef, tuple[URIRef, str]] = field(default_factory=dict)  # iri -> (class, label)

    @classmethod
    def from_store(cls, store: Store | None, excluding: list[ox.NamedNode]) -> Actors:
        """The actors in ``store``, outside the graphs ``excluding`` (those about to be replaced)."""
        known: dict[str, list[str]] = {}
        existing: set[str] = set()
        if store is None:
            return cls(known, existing)
        classes = " ".join(f"<{c}>" for c in ACTOR_CLASSES)
        outside = f"FILTER(?g NOT IN ({', '.join(str(g) for g in excluding)}))" if excluding else ""
        query = f"""
            SELECT DISTINCT ?actor ?name ?alias WHERE {{
              VALUES ?class {{ {classes} }}
              GRAPH ?g {{ ?actor a ?class }}
              {outside}
              OPTIONAL {{ GRAPH ?g2 {{ ?actor <http://www.w3.org/2000/01/rdf-schema#label> ?name }} }}
              OPTIONAL {{ GRAPH ?g3 {{ ?actor <http://www.w3.org/2004/02/skos/core#altLabel> ?alias }} }}
            }}"""
        labels: dict[str, set[str]] = {}
        aliases: dict[str, set[str]] = {}
        for row in store.raw_query(query):
            actor = row["actor"].value
            existing.add(actor)
            if row["name"] is not None:
                labels.setdefault(name_key(row["name"].value), set()).add(actor)
            if row["alias"] is not None:
                aliases.setdefault(name_key(row["alias"].value), set()).add(actor)
        for key in set(labels) | set(aliases):
            known[key] = sorted(labels.get(key, ())) + sorted(aliases.get(key, set()) - labels.get(key, set()))
        return cls(known, existing)

    def _create(self, iri: URIRef, actor_class: URIRef, label: str) -> URIRef:
        if iri not in self.created:
            self.created[iri] = (actor_class, label)
        return iri

    def resolve(self, party: Party, *, publisher: bool = False) -> URIRef:
        """The actor ``party`` names: its own IRI, a stored actor, an unnamed one, or a new one."""
        if party.iri is not None:
            if party.iri in self.existing:
                return URIRef(party.iri)
            kind = party.kind or ("organization" if publisher else None)
            actor_class = URIRef(kind) if kind and kind.startswith(str(CG)) else _KIND_CLASS.get(kind or "", CG.Actor)
            return self._create(URIRef(party.iri), actor_class, party.name)
        found = self.known.get(name_key(party.name))
        if found:
            return URIRef(found[0])
        slug = slugify(party.name)
        if publisher:
            return self._create(mint("actor", "factchecker", slug), CG.Organization, party.name)
        unnamed = unnamed_class(party.name)
        if unnamed is not None:
            return self._create(mint("actor", "unnamed", slug), unnamed, party.name)
        return self._create(mint("actor", "claimant", slug), _KIND_CLASS.get(party.kind or "", CG.Actor), party.name)
