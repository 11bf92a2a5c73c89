"""Who is named: an index of registry names (labels, aliases, role titles) and the
resolution of a mention ("Yusov", "the Headquarters", "Kyiv", "He") to an actor id.

Names not in any registry become proposed actors, with a slug id and a guessed type,
so that a reviewer can keep, merge or rename them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import FormatError, InputError
from kg.namespaces import slugify
from kg.yamlfile import LineMapping, LineSequence, load_yaml

PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "group"}
_ORG_WORDS = re.compile(
    r"(?<!\w)(ministry|ministers|service|office|headquarters|agency|council|committee|army|forces|command|police|"
    r"department|bureau|kremlin|pravda|news|times|post|press|guard|directorate|intelligence|staff|parliament|"
    r"government|administration|delegation|commission|court|union|company|corporation|group|center|centre|"
    r"institute|fund|organisation|organization|party|embassy|mission|tass|reuters|interfax|ria)(?!\w)",
    re.IGNORECASE,
)
_COLLECTIVE_WORDS = re.compile(
    r"(?<!\w)(propaganda|propagandists|officials|sources|media|bloggers|residents|experts|analysts|authorities|"
    r"people|citizens|soldiers|troops|activists|channels|outlets)(?!\w)",
    re.IGNORECASE,
)
_HONORIFICS = re.compile(
    r"^(?:(?:President|Prime\s+Minister|Minister|Deputy|Major|General|Colonel|Lieutenant|Captain|Sergeant|Admiral|"
    r"Mr|Mrs|Ms|Dr|Professor|Spokesman|Spokeswoman|Spokesperson|Ambassador|Mayor|Governor|Senator|Chancellor|"
    r"Foreign|Defence|Defense|Interior|Justice|Head|Chief|Commander|Secretary|Gen|Lt|Col|Maj|Sgt)\.?\s+)+"
)


@dataclass
class Actor:
    """An actor the extractor can name: from a registry, or proposed from the text."""

    id: str
    type: str
    label: str
    names: list[str] = field(default_factory=list)
    metonyms: set[str] = field(default_factory=set)  # names that stand for it by metonymy ("Kyiv")
    roles: list[tuple[str, str]] = field(default_factory=list)  # (role id, title)
    affiliation: list[str] = field(default_factory=list)
    government_of: str | None = None
    proposed: bool = False


@dataclass(frozen=True)
class Mention:
    """A name in the text resolved to an actor."""

    start: int
    end: int
    actor: str
    kind: str  # named, metonymic, descriptive, pronominal, collective
    role: str | None = None


@dataclass(frozen=True)
class RegistryProposition:
    id: str
    text: str


def _english(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, LineMapping):
        value = value.get("en")
    if isinstance(value, (LineSequence, list)):
        return [str(v) for v in value if isinstance(v, (str, int, float))]
    return [str(value)] if isinstance(value, (str, int, float)) else []


class Registry:
    """Actors and propositions of the registries given, with a name index over the actors."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.propositions: list[RegistryProposition] = []
        self._patterns: list[tuple[re.Pattern[str], str, str, str | None]] = []

    @classmethod
    def load(cls, paths: Sequence[Path]) -> Registry:
        """Read registry files (the YAML format of ``claimgraph add``)."""
        registry = cls()
        for path in paths:
            if path.is_dir():
                raise InputError("a registry must be a YAML file, not a folder", path=path)
            if not path.exists():
                raise InputError("registry file not found", path=path)
            data = load_yaml(path)
            if not isinstance(data, LineMapping) or not ({"actors", "propositions", "topics"} & set(data)):
                raise FormatError("not a registry (no 'actors:', 'topics:' or 'propositions:')", path=path)
            if "document" in data:
                raise FormatError("an annotation file, not a registry", path=path)
            for entry in data.get("actors") or []:
                if not isinstance(entry, LineMapping) or "id" not in entry:
                    raise FormatError("every actor needs an 'id'", path=path, line=getattr(entry, "line", None))
                registry.add_registry_actor(entry)
            for entry in data.get("propositions") or []:
                if isinstance(entry, LineMapping) and "id" in entry and "text" in entry:
                    registry.propositions.append(RegistryProposition(str(entry["id"]), str(entry["text"])))
        registry.reindex()
        return registry

    def add_registry_actor(self, entry: LineMapping) -> None:
        labels = _english(entry.get("labels"))
        kind = str(entry.get("type") or "organization")
        actor = Actor(id=str(entry["id"]), type=kind, label=labels[0] if labels else str(entry["id"]))
        actor.names = [*labels, *_english(entry.get("aliases"))]
        if kind == "person":
            surname = actor.label.split()[-1]
            if surname not in actor.names and len(actor.label.split()) > 1:
                actor.names.append(surname)
        if kind == "government":
            actor.metonyms = {n for n in actor.names if len(n.split()) == 1 and n[:1].isupper()}
        for role in entry.get("roles") or []:
            if isinstance(role, LineMapping) and role.get("id") and role.get("title"):
                actor.roles.append((str(role["id"]), str(role["title"])))
        affiliation = entry.get("affiliation")
        actor.affiliation = [str(a) for a in affiliation] if isinstance(affiliation, list) else []
        if isinstance(affiliation, str):
            actor.affiliation = [affiliation]
        if entry.get("government-of"):
            actor.government_of = str(entry["government-of"])
        self.actors[actor.id] = actor

    def propose(self, name: str, kind: str | None = None, actor_id: str | None = None) -> Actor:
        """A new actor for a name not in the registries (reused when the name recurs)."""
        label = _HONORIFICS.sub("", name).strip() or name
        label = re.sub(r"^(?:the|The)\s+", "", label)
        for actor in self.actors.values():
            if actor.label == label or label in actor.names:
                return actor
        guessed = kind or guess_type(label)
        base = actor_id or slugify(label)
        actor_id, number = base, 2
        while actor_id in self.actors:
            actor_id, number = f"{base}-{number}", number + 1
        actor = Actor(id=actor_id, type=guessed, label=label, names=[label], proposed=True)
        if name != label:
            actor.names.append(name)
        if guessed == "person" and len(label.split()) > 1:
            actor.names.append(label.split()[-1])
        self.actors[actor_id] = actor
        self.reindex()
        return actor

    def reindex(self) -> None:
        """Rebuild the name patterns (longest names first, so they win over their parts)."""
        entries: list[tuple[str, str, str, str | None]] = []
        for actor in self.actors.values():
            for name in actor.names:
                kind = "metonymic" if name in actor.metonyms else "named"
                if name.lower().startswith("the "):
                    kind = "descriptive"
                if actor.type == "collective":
                    kind = "collective"
                entries.append((name, actor.id, kind, None))
            for role_id, title in actor.roles:
                entries.append((title, actor.id, "descriptive", role_id))
        entries.sort(key=lambda e: len(e[0]), reverse=True)
        self._patterns = []
        for name, actor_id, kind, role in entries:
            words = [re.escape(w) for w in name.split()]
            flags = re.IGNORECASE if len(words) > 1 else 0
            body = r"\s+".join(words).replace("’", "['’]").replace("'", "['’]")
            self._patterns.append((re.compile(r"(?<![\w-])" + body + r"(?![\w-])", flags), actor_id, kind, role))

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every registry name in ``text[start:end]``, longest first where they overlap, in text order."""
        end = len(text) if end is None else end
        taken: list[Mention] = []
        for pattern, actor_id, kind, role in self._patterns:
            for match in pattern.finditer(text, start, end):
                lowercase = not any(c.isupper() for c in match.group(0))
                if pattern.flags & re.IGNORECASE and lowercase and kind != "descriptive":
                    continue
                if any(m.start < match.end() and match.start() < m.end for m in taken):
                    continue
                taken.append(Mention(match.start(), match.end(), actor_id, kind, role))
        return sorted(taken, key=lambda m: m.start)

    def side(self, actor_id: str) -> set[str]:
        """The sides an actor stands on: its affiliations (a state stands for itself)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return {actor_id}
        return set(actor.affiliation) | ({actor.government_of} if actor.government_of else set()) or {actor_id}

    def government(self, state: str) -> str:
        """The government of a state when the registry has one (it speaks for "the Ukrainian side")."""
        return next((a.id for a in self.actors.values() if a.government_of == state), state)

    def demonyms(self) -> dict[str, str]:
        """Adjectives of the states in the registry ("Russian" -> russia)."""
        found = {}
        for actor in self.actors.values():
            if actor.type != "state":
                continue
            label = actor.label
            for adjective in (label + "n", label[:-1] + "ian", label + "ian", label[:-1] + "an"):
                found[adjective] = actor.id
        return found


def guess_type(name: str) -> str:
    """person, organization or collective, from the words of a name."""
    if _COLLECTIVE_WORDS.search(name):
        return "collective"
    if _ORG_WORDS.search(name):
        return "organization"
    words = name.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "person"
    return "organization"
