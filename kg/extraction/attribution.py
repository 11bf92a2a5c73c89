"""The attribution rules: who said which words of the text, with what speech act.

The rules run in passes over the segmented text, each claiming the spans it explains:

1. layouts: "Source: X, in comments to ...; Y on Facebook" lines and "Quote from X:";
2. cues: a reporting verb with its subject before it ("Yusov emphasised that ...",
   "'...,' Zelensky added", "Kyiv denied this", "X accused Y of ...", "he refuted
   Russian propaganda claims that ...") or after it ("..., said X", "according to X");
3. continuations: a quotation with no cue of its own continues the speaker of the
   quotation before it; words before "X added" are X's too;
4. what is left is the reporter's own voice (``speaker: document``).

Each statement carries a confidence and the name of its rule, for the reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extraction import cues
from kg.extraction.model import DraftStatement
from kg.extraction.segment import Segments, sentence_spans, trim
from kg.extraction.speakers import PRONOUNS, Mention, Registry

_LABEL = re.compile(r"^(Source|Sources|Details|More details|Background|Reminder|Context|Update|Quote)s?\s*:\s*")
# "KYIV, June 20 (Continental Wire) - " / "MOSCOW, July 4 (Novosti Federatsii). "
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,30},\s+\w+\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^)]{1,60}\))?\s*[-–—.:]\s*")
_QUOTE_FROM = re.compile(r"^(?:Quote|Quotes|Direct speech)\s+(?:from|by)\s+([^:]{2,80}):\s*")
_THIS_BY = re.compile(r"^(?:This|That|It)\s+(?:was|has\s+been|had\s+been|is)\s+(\w+)\s+by\s+", re.IGNORECASE)
_FILLER = re.compile(
    r"(?:\s|,|\b(?:also|later|again|then|has|had|have|was|is|previously|earlier|further|once|however|"
    r"repeatedly|publicly|recently|yesterday|today|now)\b)*$",
    re.IGNORECASE,
)
_NAME_END = re.compile(
    r"(?:(?:[A-Z][\w’'.-]*|of|the|for|and|on|de|von|van|al|bin)\s+)*[A-Z][\w’'-]*$",
)
_DESCRIPTIVE_END = re.compile(
    r"(?:\b[Tt]he|\b[Aa]n?|\b[Hh]is|\b[Hh]er|\b[Ii]ts|\b[Tt]heir)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(ministry|spokesperson|spokesman|spokeswoman|officials?|agency|office|army|military|police|government|"
    r"minister|president|sources?|headquarters|service|department|command|governor|mayor|administration|"
    r"authorities|press\s+service|statement|report|embassy|delegation|kremlin|prosecutor|commander|side)$",
    re.IGNORECASE,
)
_BARE_GROUP_END = re.compile(r"(?:\b[A-Z][\w-]+\s+)?\b(officials|sources|authorities|media|propagandists)$")
_LEADING_WORDS = re.compile(
    r"^(?:Meanwhile|However|Also|But|And|Then|Later|Earlier|Previously|Now|Today|Yesterday|In|On|At|After|Before|"
    r"Separately|Still|Moreover|Additionally|Regarding|The)\s+"
)
_NESTED_CLAIM = re.compile(
    r"\s+(?:the\s+|these\s+|those\s+)?(?P<source>[^,;.]{0,60}?)\s*(?:’s|'s)?\s*"
    r"(?P<noun>claims?|allegations?|accusations?|reports?|statements?|assertions?|rumou?rs?|narratives?)"
    r"(?:\s+(?:by|from|of)\s+(?P<by>[^,;.]{2,60}?))?\s+that\s+",
)
# "..., an accusation Ukraine denied"
_RELATIVE_DENIAL = re.compile(
    r"\s*[-–—,;]\s*(?:an?|the|this)\s+(?:accusations?|claims?|allegations?|charges?)\s+(?:that\s+|which\s+)?$"
)
_ANAPHORIC_OBJECT = re.compile(
    r"\s+(?:this|that|it|these\s+\w+|the\s+(?P<noun>claims?|allegations?|accusations?|reports?|statements?|charges?))"
    r"(?:\s+(?:of|that)\s+[^,.;]+)?(?=\s*[.,;]|\s+and\s|$)",
    re.IGNORECASE,
)
# Verbs that blame their subject when the subject is the speaker's opponent.
_BLAME_VERBS = re.compile(
    r"(?<!\w)(?:ignored|ignores|ignoring|failed|fails|refused|refuses|refusing|blocked|blocks|blocking|violated|violates|"
    r"delayed|delays|delaying|disrupted|disrupts|sabotaged|mistreat\w*|tortur\w*|shelled|attacked|lied|lies|"
    r"obstruct\w*|stalled|stalls|stalling|uses\s+every\s+\w+\s+for\s+propaganda)(?!\w)",
    re.IGNORECASE,
)
_CHANNELS = [
    (
        re.compile(r"\bin\s+(?:comments?|an?\s+interview|a\s+statement)\s+(?:to|with)\s+(.+)$", re.I),
        "comments-to-outlet",
    ),
    (re.compile(r"\bon\s+(?:air|television|TV|radio)\b(?:\s+(?:during|on|of)\s+(.+))?", re.I), "on-air"),
    (re.compile(r"\bon\s+Facebook\b", re.I), "facebook-post"),
    (re.compile(r"\bon\s+Telegram\b", re.I), "telegram-post"),
    (re.compile(r"\bvideos?\b", re.I), "video"),
    (re.compile(r"\bin\s+an?\s+interview\b", re.I), "interview"),
    (re.compile(r"\b(?:website|press\s+release)\b", re.I), "official-website"),
]


@dataclass
class _Context:
    """What the rules remember while reading: the last speakers, for pronouns and titles."""

    last_person: str | None = None
    last_group: str | None = None


class Attributor:
    """Runs the attribution rules over one document's text."""

    def __init__(self, segments: Segments, registry: Registry, published: str | None):
        self.seg = segments
        self.text = segments.text
        self.registry = registry
        self.published = published
        self.statements: list[DraftStatement] = []
        self.claimed: list[tuple[int, int]] = []  # spans explained by some rule
        self.context = _Context()
        self.demonyms = registry.demonyms()

    # -- helpers ------------------------------------------------------------------------
    def claim(self, start: int, end: int) -> None:
        self.claimed.append((start, end))

    def is_claimed(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.claimed)

    def fully_claimed(self, start: int, end: int) -> bool:
        """Whether every word of ``[start, end)`` is already explained by a rule."""
        return all(self.is_claimed(a, a + 1) for a in range(start, end) if not self.text[a].isspace())

    def add(self, statement: DraftStatement) -> DraftStatement:
        for a, b in statement.quotes:
            self.claim(a, b)
        self.statements.append(statement)
        return statement

    def remember(self, actor_id: str) -> None:
        actor = self.registry.actors.get(actor_id)
        if actor is not None and actor.type == "person":
            self.context.last_person = actor_id
        elif actor is not None:
            self.context.last_group = actor_id

    def content_start(self, start: int, end: int) -> int:
        """Skip a layout label ("Details:", "Background:") at the start of a span."""
        match = _DATELINE.match(self.text[start:end]) or _LABEL.match(self.text[start:end])
        return start + match.end() if match else start

    def mention_at_end(self, start: int, end: int) -> Mention | None:
        """The speaker named just before ``end`` (a cue): name, title, pronoun or description."""
        start = max(start, end - 240)  # a subject stands close to its verb (and this bounds the regexes)
        before = self.text[start:end]
        # "Lytvyn, a spokesman for the Headquarters, told": skip a description between commas.
        appositive = re.search(
            r"(?<=\w),\s+(?:(?:a|an|the|his|her|its|their|who|which)\s|[a-z])[^,;.\"“”]{1,120},\s*$", before
        )
        if appositive:
            found = self.mention_at_end(start, start + appositive.start())
            if found is not None:
                return found
        stop = start + len(before) - len(_FILLER.search(before).group(0))
        if stop <= start or self.seg.in_quotation(stop - 1, stop):
            return None
        for mention in self.registry.mentions(self.text, start, stop):
            if mention.end == stop:
                self.remember(mention.actor)
                return mention
        words = self.text[start:stop]
        pronoun = re.search(r"(?<!\w)(he|she|they|it|He|She|They|It)$", words)
        if pronoun:
            kind = PRONOUNS[pronoun.group(1).lower()]
            actor = self.context.last_person if kind == "person" else self.context.last_group
            actor = actor or self.context.last_person or self.context.last_group
            if actor is None:
                return None
            return Mention(start + pronoun.start(1), stop, actor, "pronominal")
        descriptive = _DESCRIPTIVE_END.search(words) or _BARE_GROUP_END.search(words)
        if descriptive:
            return self.resolve_description(start + descriptive.start(), stop, descriptive.group(1))
        name = _NAME_END.search(words)
        if name:
            begin = start + name.start()
            leading = _LEADING_WORDS.match(self.text[begin:stop])
            while leading:
                begin += leading.end()
                leading = _LEADING_WORDS.match(self.text[begin:stop])
            begin, _ = trim(self.text, begin, stop)
            phrase = self.text[begin:stop]
            if begin < stop and phrase[:1].isupper() and phrase not in {"I", "We", "This", "That"}:
                actor = self.registry.propose(re.sub(r"\s+", " ", phrase))
                self.remember(actor.id)
                return Mention(begin, stop, actor.id, "named")
        return None

    def mention_at_start(self, start: int, end: int) -> Mention | None:
        """The speaker named just after a cue ("..., said the ministry", "according to X")."""
        begin, _ = trim(self.text, start, end)
        for mention in self.registry.mentions(self.text, begin, end):
            if mention.start == begin or (
                mention.start > begin and re.fullmatch(r"(?:the\s+)?", self.text[begin : mention.start], re.I)
            ):
                self.remember(mention.actor)
                return mention
        words = self.text[begin:end]
        name = re.match(r"(?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'-]*|of|the|for|and))*", words)
        if name and name.group(0) not in {"I", "We", "This", "That", "It", "He", "She", "They"}:
            phrase = name.group(0)
            phrase = re.sub(r"\s+(?:of|the|for|and)$", "", phrase)
            actor = self.registry.propose(re.sub(r"\s+", " ", phrase))
            self.remember(actor.id)
            return Mention(begin, begin + len(phrase), actor.id, "named")
        descriptive = re.match(r"(?:the|a)\s+(?:[\w’'-]+\s+){0,3}?(\w+)", words, re.I)
        if descriptive:
            return self.resolve_description(begin, begin + descriptive.end(), descriptive.group(1))
        return None

    def resolve_description(self, start: int, end: int, head: str) -> Mention | None:
        """ "The ministry": an actor already speaking whose name has that word, else a new one."""
        phrase = self.text[start:end]
        demonym = re.match(r"(?:the\s+)?([A-Z][a-z]+)\s", phrase)
        if (
            demonym
            and demonym.group(1) in self.demonyms
            and head.lower() in {"officials", "authorities", "side", "government"}
        ):
            return Mention(start, end, self.registry.government(self.demonyms[demonym.group(1)]), "collective")
        for statement in reversed(self.statements):
            actor = self.registry.actors.get(statement.speaker)
            if actor and re.search(rf"(?<!\w){re.escape(head)}", actor.label, re.I):
                return Mention(start, end, actor.id, "descriptive")
        kind = (
            "collective" if head.lower() in {"officials", "sources", "authorities", "media", "propagandists"} else None
        )
        actor = self.registry.propose(phrase[:1].upper() + phrase[1:], kind)
        self.remember(actor.id)
        return Mention(start, end, actor.id, "collective" if kind else "descriptive")

    def statement_date(self, offset: int) -> str | None:
        """The publication date, unless the paragraph moves the time ("Later, ...")."""
        sentence = self.seg.sentence_at(offset)
        if sentence is None:
            return self.published
        paragraph = self.seg.paragraphs[sentence.paragraph]
        start = self.content_start(paragraph.start, paragraph.end)
        if cues.TIME_SHIFT.match(self.text[start : paragraph.end]):
            return None
        return self.published

    def quote_sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences of quoted words, each without a trailing comma."""
        spans = []
        for a, b in sentence_spans(self.text, start, end):
            a, b = trim(self.text, a, b, ',;:"“”')
            if b > a:
                spans.append((a, b))
        return spans

    def new(self, speaker: str, act: str, quotes: list[tuple[int, int]], rule: str, confidence: float, **kw):
        sentence = self.seg.sentence_at(quotes[0][0])
        span = (sentence.start, sentence.end) if sentence else quotes[0]
        statement = DraftStatement(speaker=speaker, act=act, quotes=quotes, sentence=span, rule=rule,
                                   confidence=confidence, **kw)  # fmt: skip
        if "date" not in kw:
            statement.date = None if speaker == "document" else self.statement_date(quotes[0][0])
        return statement

    def quoted(self, quotation_parts: list[tuple[int, int]], speaker: Mention, cue: str, rule: str, conf: float):
        """One statement per sentence of a quotation."""
        made = []
        for a, b in quotation_parts:
            for span in self.quote_sentences(a, b):
                statement = self.new(speaker.actor, "asserts", [span], rule, conf, mention=speaker, cue=cue,
                                     role=speaker.role)  # fmt: skip
                made.append(self.add(self.refine(statement)))
        for a, b in quotation_parts:
            self.claim(a - 1, b + 1)
        return made

    def refine(self, statement: DraftStatement) -> DraftStatement:
        """Adjust an assertion's act by its words: withheld, committed, hedged, accusing."""
        words = " ".join(self.text[a:b] for a, b in statement.quotes)
        if statement.act in {"asserts", "confirms"}:
            first, last = statement.quotes[0]
            withheld = cues.withholding(self.text, first, last)
            if withheld:
                statement.act = "declines-to-disclose"
                statement.withholds = self.withheld_object(first, last, withheld)
            elif statement.act == "asserts" and (cues.commits(words) or self.quoted_future(statement)):
                statement.act = "commits"
            elif statement.act == "asserts":
                self.blame(statement, first, last)
        if cues.hedged(words) and statement.act == "asserts":
            statement.certainty = "probable"
        return statement

    def quoted_future(self, statement: DraftStatement) -> bool:
        """Words in quotation marks that say what will be done ("will be identified") commit the speaker."""
        first, last = statement.quotes[0]
        words = self.text[first:last]
        return (
            self.seg.in_quotation(first, last)
            and re.search(r"(?<!\w)will\s+(?!be\s+(?:\w+er|more|less|no|difficult|hard|easy|long)\b)", words)
            is not None
            and not cues.hedged(words)
        )

    def withheld_object(self, start: int, end: int, match: re.Match[str]) -> str:
        """What is withheld: the object after "not disclosing", else the subject before it."""
        after = self.text[match.end() : end]
        obj = re.match(r"\s*((?:the|a|an|any)\s[^,.;]+?)(?=\s+(?:until|for|because|as|while|when)\b|[,.;]|$)", after)
        if obj:
            return obj.group(1).strip()
        before = self.text[start : match.start()].strip()
        before = re.sub(r"^[^,]*,\s*", "", before) if before.count(",") == 1 and len(before) > 60 else before
        return (before[:1].lower() + before[1:]) if before else self.text[match.start() : match.end()]

    def blame(self, statement: DraftStatement, start: int, end: int) -> None:
        """An assertion naming the speaker's opponent as the agent of attacks, misinformation,
        a refusal or a delay accuses that opponent."""
        if statement.speaker == "document":
            return
        own = self.registry.side(statement.speaker)
        agents = [m for m in self.registry.mentions(self.text, start, end) if not own & self.registry.side(m.actor)]
        agents = [m for m in agents if self.registry.actors[m.actor].type in {"state", "government", "collective"}]
        for match in re.finditer(r"(?<!\w)([A-Z][a-z]+)(?=\s)", self.text[start:end]):
            state = self.demonyms.get(match.group(1))
            if state and not own & self.registry.side(state) and state not in own:
                offset = start + match.start(1)
                agents.append(Mention(offset, offset + len(match.group(1)), state, "named"))
        cleft = re.search(r"(?<!\w)It\s+(?:was|is|were|are)\s+(.{2,40}?)\s+(?:that|who)\s", self.text[start:end])
        if cleft:
            inside = [m for m in agents if start + cleft.start(1) <= m.start < start + cleft.end(1)]
            if inside:
                statement.act, statement.accuses, statement.accused_mention = "accuses", inside[0].actor, inside[0]
                return
        blamed = [*cues.BLAME.finditer(self.text, start, end), *_BLAME_VERBS.finditer(self.text, start, end)]
        for word in sorted(blamed, key=lambda m: m.start()):
            before = [m for m in agents if m.end <= word.start() and word.start() - m.end <= 60]
            if before:
                agent = max(before, key=lambda m: m.end)
                statement.act = "accuses"
                statement.accuses = agent.actor
                statement.accused_mention = agent
                return

    # -- pass 1: layouts -----------------------------------------------------------------
    def layouts(self) -> None:
        source_paragraph = None
        for paragraph in self.seg.paragraphs:
            body = self.text[paragraph.start : paragraph.end]
            quote_from = _QUOTE_FROM.match(body)
            if quote_from:
                speaker = self.mention_at_end(paragraph.start, paragraph.start + quote_from.end(1))
                if speaker is None:
                    continue
                cue = body[: quote_from.end()].strip()
                for quotation in self.seg.quotations:
                    if paragraph.start <= quotation.open_mark < paragraph.end:
                        self.quoted(quotation.parts, speaker, cue, "quote-from layout", 0.9)
                self.claim(paragraph.start, paragraph.start + quote_from.end())
            elif re.match(r"^Sources?\s*:", body) and source_paragraph is None:
                source_paragraph = paragraph
        if source_paragraph is not None:
            self.source_line(source_paragraph)

    def source_line(self, paragraph) -> None:
        """ "Source: X, in comments to A and on air ...; Y on Facebook": the lead is
        reported by the document from each source; each source asserts the lead."""
        lead_sentence = self.seg.sentences[0]
        lead_span = trim(self.text, lead_sentence.start, lead_sentence.end)
        start = self.content_start(paragraph.start, paragraph.end)
        sources: list[DraftStatement] = []
        for item_start, item_end in self.items(start, paragraph.end):
            for part_start, part_end in self.channel_parts(item_start, item_end):
                mention = self.source_speaker(part_start, part_end, sources)
                if mention is None:
                    continue
                channel, via = self.channel(part_start, part_end)
                statement = self.new(mention.actor, "asserts", [(part_start, part_end)], "source layout", 0.7,
                                     mention=mention, channel=channel, via=via, role=mention.role,
                                     date=self.published)  # fmt: skip
                sources.append(self.add(statement))
        self.claim(paragraph.start, paragraph.end)
        if sources:
            lead = self.new("document", "reports", [lead_span], "lead reported from the source line", 0.7,
                            channel="article")  # fmt: skip
            for source in sources:
                lead.target("reports", source)
                source.same_as = lead
            self.add(lead)

    def items(self, start: int, end: int) -> list[tuple[int, int]]:
        spans, begin = [], start
        for match in re.finditer(r";", self.text[start:end]):
            spans.append(trim(self.text, begin, start + match.start()))
            begin = start + match.end()
        spans.append(trim(self.text, begin, end, "."))
        return [s for s in spans if s[0] < s[1]]

    def channel_parts(self, start: int, end: int) -> list[tuple[int, int]]:
        """Split "X, in comments to A and on air during B" into one part per channel."""
        item = self.text[start:end]
        split = re.search(r"\s+and\s+(?=on\s+air|on\s+Facebook|on\s+Telegram|in\s+comments|in\s+an\s+interview)", item)
        if not split:
            return [(start, end)]
        return [(start, start + split.start()), trim(self.text, start + split.end(), end)]

    def source_speaker(self, start: int, end: int, earlier: list[DraftStatement]) -> Mention | None:
        found = [m for m in self.registry.mentions(self.text, start, end)]
        if found:
            # the speaker is the first name that is not the outlet words were given to
            for mention in found:
                prefix = self.text[max(start, mention.start - 25) : mention.start]
                if not re.search(r"\b(?:to|during|of)\s+(?:the\s+)?$", prefix):
                    self.remember(mention.actor)
                    return mention
        if earlier and re.match(r"(?:on|in)\s", self.text[start:end]):
            previous = earlier[-1]
            return previous.mention and Mention(
                previous.mention.start, previous.mention.end, previous.speaker, "named", previous.role
            )
        return self.mention_at_start(start, end)

    def channel(self, start: int, end: int) -> tuple[str, str | None]:
        item = self.text[start:end]
        for pattern, channel in _CHANNELS:
            match = pattern.search(item)
            if match:
                via = None
                if match.groups() and match.group(1):
                    offset = start + match.start(1)
                    outlets = self.registry.mentions(self.text, offset, end)
                    via = outlets[0].actor if outlets else None
                return channel, via
        return "unspecified", None

    # -- pass 2: cues ----------------------------------------------------------------------
    def cue_rules(self) -> None:
        for sentence in self.seg.sentences:
            start = self.content_start(sentence.start, sentence.end)
            if self.fully_claimed(start, sentence.end) and not self.seg.in_quotation(start, sentence.end):
                continue
            self.sentence_cues(start, sentence.end)

    def sentence_cues(self, start: int, end: int) -> None:
        text = self.text
        this_by = _THIS_BY.match(text[start:end])
        if this_by and this_by.group(1).lower() in cues.ACT_OF:
            self.this_by(start, end, this_by)
            return
        according = re.search(r"(?:^|,\s*)[Aa]ccording\s+to\s+", text[start:end])
        if according and not self.seg.in_quotation(start + according.start(), start + according.end()):
            self.according_to(start, end, according)
            return
        found = [c for c in cues.find_cues(text, start, end) if not self.seg.in_quotation(c.start, c.end)]
        clauses: list[tuple[cues.Cue, Mention, int]] = []
        clause_start = start
        for cue in found:
            if self.is_claimed(cue.start, cue.end):
                continue
            mention = self.mention_at_end(clause_start, cue.start)
            if mention is None and clause_start == start:
                mention = self.inverted_subject(start, cue)
            if mention is None and cue.word.endswith("ing"):
                mention = self.participle_subject(start, cue)
            if (
                mention is None
                and clauses
                and re.fullmatch(r"[^.;]{0,80}?,?\s*(?:and|but)\s+(?:also\s+)?", text[clause_start : cue.start])
            ):
                mention = clauses[-1][1]  # "Ukrainian officials deny this and say ..."
            if mention is None:
                continue
            begin = min(mention.start, cue.start) if mention.start >= clause_start else cue.start
            clause_begin = clause_start
            conjunction = re.search(r",?\s*(?:and|but|while)\s*$", text[clause_start:begin])
            if clauses and conjunction:
                clause_begin = clause_start + conjunction.start()
            relative = _RELATIVE_DENIAL.search(text[clause_start:begin])
            if clauses and relative and cue.act in {"denies", "refutes"}:
                clause_begin = clause_start + relative.start()
            if clauses and cue.word.endswith("ing") and text.rfind(",", clause_start, cue.start) >= 0:
                clause_begin = text.rfind(",", clause_start, cue.start)
            clauses.append((cue, mention, clause_begin))
            clause_start = cue.end
            if cue.act in {"denies", "refutes", "counter-claims"} and _NESTED_CLAIM.match(text[cue.end : end]):
                break  # "refuted Russian propaganda claims that ...": the rest is the claim
        for index, (cue, mention, clause_begin) in enumerate(clauses):
            clause_end = clauses[index + 1][2] if index + 1 < len(clauses) else end
            if (
                index > 0
                and cue.act in {"denies", "refutes"}
                and _RELATIVE_DENIAL.match(text[clause_begin : mention.start])
            ):
                self.relative_denial(cue, mention, clause_begin, clause_end)
                continue
            self.cue_clause(start, cue, mention, clause_end)
        if not clauses:
            self.withholding_clause(start, end)

    def withholding_clause(self, start: int, end: int) -> None:
        """ "The Headquarters did not disclose the number": declines to disclose, by its subject."""
        withheld = cues.withholding(self.text, start, end)
        if withheld is None or self.seg.in_quotation(withheld.start(), withheld.end()):
            return
        speaker = self.mention_at_end(start, withheld.start())
        if speaker is None:
            return
        clause_end = self.text.find(",", withheld.end(), end)
        span = trim(self.text, start, clause_end if clause_end > 0 else end, ".,;:")
        statement = self.new(speaker.actor, "declines-to-disclose", [span], "withholding phrase", 0.7,
                             mention=speaker, cue=withheld.group(0), role=speaker.role)  # fmt: skip
        obj = re.match(r"\s*([^,.;:]+)", self.text[withheld.end() : span[1]])
        statement.withholds = obj.group(1).strip() if obj else withheld.group(0)
        self.add(statement)

    def participle_subject(self, start: int, cue: cues.Cue) -> Mention | None:
        """ "Yusov did not provide a timeline, saying: ...": the subject of the main clause."""
        if not re.search(r",\s*$", self.text[start : cue.start]):
            return None
        named = [
            m for m in self.registry.mentions(self.text, start, cue.start) if not self.seg.in_quotation(m.start, m.end)
        ]
        if not named:
            return None
        self.remember(named[0].actor)
        return named[0]

    def relative_denial(self, cue: cues.Cue, speaker: Mention, begin: int, end: int) -> None:
        """ "Russia accused Kyiv of X - an accusation Ukraine denied": denies the clause before."""
        span = trim(self.text, begin, end, "-–—,;. ")
        statement = self.new(speaker.actor, cue.act, [span], f"an accusation X {cue.word}", 0.7, mention=speaker,
                             cue=cue.word, role=speaker.role)  # fmt: skip
        previous = self.previous_statement(speaker.actor, span[0], accusation=True)
        if previous is not None:
            statement.target(cue.act, previous)
            statement.same_as = previous
        self.add(statement)

    def inverted_subject(self, start: int, cue: cues.Cue) -> Mention | None:
        """ "'...,' said Zelensky" / "..., said the ministry": the subject follows the cue."""
        before = self.text[start : cue.start]
        if not re.search(r"[,\"”]\s*$", before):
            return None
        sentence = self.seg.sentence_at(cue.start)
        end = sentence.end if sentence else len(self.text)
        return self.mention_at_start(cue.end, end)

    def cue_clause(self, sentence_start: int, cue: cues.Cue, speaker: Mention, end: int) -> None:
        text = self.text
        after_start = max(cue.end, speaker.end) if speaker.start > cue.start else cue.end
        after = text[after_start:end]
        kw = {"mention": speaker, "role": speaker.role}
        # "X denied/refuted Russian propaganda claims that ...": the claim, nested.
        nested = _NESTED_CLAIM.match(after) if cue.act in {"denies", "refutes", "counter-claims"} else None
        if nested:
            self.nested(cue, speaker, after_start, end, nested)
            return
        # "Kyiv denied this": the statement just before.
        anaphoric = _ANAPHORIC_OBJECT.match(after)
        if cue.act in {"denies", "refutes", "confirms", "counter-claims"} and anaphoric:
            sentence = self.seg.sentence_at(cue.start)
            begin = self.content_start(sentence.start, sentence.end) if sentence else speaker.start
            begin = begin if begin <= min(speaker.start, cue.start) else min(speaker.start, cue.start)
            span = trim(text, begin, min(end, after_start + anaphoric.end()) if anaphoric.end() < len(after) else end)
            span = trim(text, *span, ",;")
            if re.fullmatch(r"[.!?]", text[span[1] : end].strip()):
                span = (span[0], text.index(text[span[1] : end].strip(), span[1]) + 1)  # a whole sentence: its stop too
            statement = self.new(speaker.actor, cue.act, [span], f"{cue.word} this", 0.8, cue=cue.word, **kw)
            accusation = (anaphoric.group("noun") or "").lower().startswith(("accusation", "allegation", "charge"))
            previous = self.previous_statement(speaker.actor, span[0], accusation=accusation)
            if previous is not None:
                statement.target({"counter-claims": "counters"}.get(cue.act, cue.act), previous)
                if cue.act != "counter-claims":
                    statement.same_as = previous
            self.add(statement)
            return
        # "X accused Y of ...".
        if cue.act == "accuses":
            span = trim(text, cue.start, end, ".,;")
            statement = self.new(speaker.actor, "accuses", [span], "accused Y of", 0.8, cue=cue.word, **kw)
            accused = self.mention_at_start(after_start, end)
            if accused is not None:
                statement.accuses, statement.accused_mention = accused.actor, accused
            statement.quotes += self.scare_quotes(*span)
            self.add(statement)
            return
        # "X said that ...".
        that = re.match(r"(?:[^.;:\"“”]{0,60}?\s)?that\s+", after)
        if that and not re.match(r"\s*that\s+(?:is|was)\b", after):
            span = trim(text, after_start + that.end(), end, ".,;")
            second = re.search(r",?\s+(?:and|but)\s+that\s+", text[span[0] : span[1]])
            if second:
                self.indirect(
                    cue, speaker, trim(text, span[0], span[0] + second.start(), ",;"), "cue that-clause", 0.85
                )
                self.indirect(cue, speaker, (span[0] + second.end(), span[1]), "cue that-clause (and that)", 0.8)
                return
            reason = re.search(
                r",\s+(as|because|since)\s+(?!well\b|part\b|a\b|an\b|the\s+\w+\s+of\b)", text[span[0] : span[1]]
            )
            if reason:
                self.indirect(cue, speaker, (span[0], span[0] + reason.start()), "cue that-clause", 0.85)
                self.indirect(cue, speaker, (span[0] + reason.start(1), span[1]), "reason clause of a that-clause", 0.6)
                return
            self.indirect(cue, speaker, span, "cue that-clause", 0.85)
            return
        # "X said: '...'" / "saying: '...'".
        colon = re.match(r"(?:[^.;\"“”]{0,40}?[:,]\s*|\s*)[\"“]", after)
        if colon:
            quotation = self.seg.quotation_at(after_start + colon.end() - 1)
            if quotation is not None:
                self.quoted(quotation.parts, speaker, cue.word, "cue then quotation", 0.9)
                self.declining_lead(sentence_start, cue, speaker)
                return
        # "'...,' Zelensky added." / "..., the Headquarters added."
        subject_start = min(speaker.start, cue.start)
        before = text[sentence_start:subject_start]
        trailing = len(re.findall(r"\w+", text[after_start:end])) <= 6
        if re.search(r"[,\"”]\s*(?:the\s+)?$", before, re.IGNORECASE):
            quotation = self.quotation_before(sentence_start, subject_start)
            if quotation is not None:
                made = self.quoted(
                    quotation.parts, speaker, speaker_text(text, speaker, cue), "quote-first cue-after", 0.9
                )
                if made:
                    self.continued(made[0], cue)
                    self.after_denial(made[0])
                return
            span = trim(
                text, sentence_start, sentence_start + len(re.sub(r"(?:the\s+)?$", "", before, flags=re.I)), ",.;"
            )
            if span[1] > span[0] and trailing:
                statement = self.new(speaker.actor, cue.act, [span], "content-first cue-after", 0.75,
                                     cue=speaker_text(text, speaker, cue), **kw)  # fmt: skip
                self.add(self.refine(statement))
                self.continued(statement, cue)
                return
        # "Yusov did not provide a specific timeline" handled as a whole clause.
        withheld = cues.withholding(text, sentence_start, end)
        if withheld:
            self.declining_lead(sentence_start, cue, speaker)
            return
        # "X said the process is ongoing" (no "that").
        span = trim(text, after_start, end, ".,;")
        objectless = cue.word.lower() not in {"told", "tells", "informed", "informs", "answered", "replied"}
        if (
            objectless
            and len(text[span[0] : span[1]].split()) >= 3
            and not re.match(r"(?:in|on|at|to|by|with)\b", after.strip())
        ):
            self.indirect(cue, speaker, span, "cue bare clause", 0.5)

    def indirect(self, cue: cues.Cue, speaker: Mention, span: tuple[int, int], rule: str, conf: float) -> None:
        statement = self.new(speaker.actor, cue.act, [span], rule, conf, mention=speaker, cue=cue.word,
                             role=speaker.role)  # fmt: skip
        statement = self.refine(statement)
        statement.quotes += self.scare_quotes(*span)
        self.add(statement)
        self.continued(statement, cue)
        self.after_denial(statement)

    def declining_lead(self, sentence_start: int, cue: cues.Cue, speaker: Mention) -> None:
        """ "Yusov did not provide a specific timeline, saying: ..." declines to disclose."""
        sentence = self.seg.sentence_at(cue.start)
        end = sentence.end if sentence else cue.start
        withheld = cues.withholding(self.text, sentence_start, end)
        if withheld is None or withheld.start() > cue.start:
            return
        stop = self.text.rfind(",", withheld.end(), cue.start)
        span = trim(self.text, sentence_start, stop if stop > 0 else cue.start, ".,;:")
        obj = re.match(r"\s*([^,.;:]+)", self.text[withheld.end() : span[1]])
        speaker_mention = self.mention_at_end(sentence_start, withheld.start()) or speaker
        statement = self.new(speaker.actor, "declines-to-disclose", [span], "withholding phrase", 0.7,
                             mention=speaker_mention, cue=self.text[withheld.start() : span[1]].strip(),
                             role=speaker.role)  # fmt: skip
        verb = withheld.group(0).split()[-1]
        statement.withholds = (obj.group(1).strip() if obj and obj.group(1).strip() else verb) or None
        self.add(statement)

    def nested(self, cue: cues.Cue, speaker: Mention, after_start: int, end: int, nested: re.Match[str]) -> None:
        """ "refuted Russian propaganda claims that X": X asserted by its source, refuted here."""
        claim_span = trim(self.text, after_start + nested.end(), end, ".,;")
        group = "by" if nested.group("by") else "source"
        source_start, source_end = after_start + nested.start(group), after_start + nested.end(group)
        source = None
        if source_end > source_start:
            source = next(iter(self.registry.mentions(self.text, source_start, source_end)), None)
            phrase = self.text[source_start:source_end].strip()
            side = re.fullmatch(r"(?:the\s+)?(\w+)\s+side", phrase, re.IGNORECASE)
            if source is None and side and side.group(1) in self.demonyms:
                state = self.demonyms[side.group(1)]
                source = Mention(source_start, source_end, self.registry.government(state), "descriptive")
            elif source is None and phrase:
                actor = self.registry.propose(phrase[:1].upper() + phrase[1:], "collective")
                source = Mention(source_start, source_end, actor.id, "collective")
        if source is None:  # "refuted claims that ...": nobody named
            anonymous = self.registry.propose("Unnamed source", "anonymous")
            source = Mention(claim_span[0], claim_span[0], anonymous.id, "anonymous")
        claim = self.new(source.actor, "asserts", [claim_span], "nested claim", 0.7,
                         mention=source if source.end > source.start else None, date=None)  # fmt: skip
        self.add(claim)
        span = trim(self.text, cue.start, end, ".,;")
        response = self.new(speaker.actor, cue.act, [span], f"{cue.word} claims that", 0.8, mention=speaker,
                            cue=cue.word, role=speaker.role)  # fmt: skip
        response.target({"counter-claims": "counters"}.get(cue.act, cue.act), claim)
        response.target("reports", claim)
        response.same_as = claim
        self.add(response)

    def this_by(self, start: int, end: int, match: re.Match[str]) -> None:
        """ "This was reported by X": X said what the sentence before says."""
        mention = self.mention_at_start(start + match.end(), end)
        sentence = self.seg.sentence_at(start)
        index = self.seg.sentences.index(sentence) if sentence else 0
        if mention is None or index == 0:
            return
        previous = self.seg.sentences[index - 1]
        act = cues.ACT_OF[match.group(1).lower()]
        cue = self.text[start : start + match.end()].strip()
        statement = self.new(mention.actor, act, [(previous.start, previous.end)], "this was said by X", 0.8,
                             mention=mention, cue=cue, role=mention.role)  # fmt: skip
        self.add(statement)
        self.claim(start, end)

    def according_to(self, start: int, end: int, match: re.Match[str]) -> None:
        """ "According to X, ..." / "..., according to X."."""
        mention_start = start + match.end()
        clause_end = self.text.find(",", mention_start, end)
        mention = self.mention_at_start(mention_start, clause_end if clause_end > 0 else end)
        if mention is None:
            return
        if match.start() == 0 and clause_end > 0:
            relative = re.match(r"\s*(?:which|who|whose)\b[^,]*,", self.text[clause_end + 1 : end])
            span = trim(self.text, clause_end + 1 + (relative.end() if relative else 0), end, ".,;")
        else:
            span = trim(self.text, start, start + match.start(), ".,;")
        statement = self.new(mention.actor, "asserts", [span], "according to X", 0.8, mention=mention,
                             cue="according to", role=mention.role)  # fmt: skip
        self.add(self.refine(statement))
        self.claim(start, end)

    def quotation_before(self, start: int, stop: int):
        for quotation in self.seg.quotations:
            if quotation.close_mark is not None and start <= quotation.close_mark < stop:
                between = self.text[quotation.close_mark + 1 : stop]
                if re.fullmatch(r"[\s,.!?]*", between) and quotation.is_speech(self.text):
                    return quotation
        return None

    def scare_quotes(self, start: int, end: int) -> list[tuple[int, int]]:
        """Short quotations inside reported words: the speaker's own words, kept as direct quotes."""
        return [
            q.parts[0]
            for q in self.seg.quotations
            if len(q.parts) == 1 and start <= q.open_mark and q.parts[0][1] < end and not q.is_speech(self.text)
        ]

    def previous_statement(self, speaker: str, before: int, *, accusation: bool = False) -> DraftStatement | None:
        """The statement a denial of "this" answers: the last one before it by someone on another side."""
        sides = self.registry.side(speaker)
        candidates = [
            s
            for s in self.statements
            if s.start < before and s.speaker not in {speaker, "document"} and not sides & self.registry.side(s.speaker)
        ]
        if accusation and any(s.act == "accuses" for s in candidates):
            candidates = [s for s in candidates if s.act == "accuses"]
        if not candidates:
            candidates = [s for s in self.statements if s.start < before and s.speaker not in {speaker, "document"}]
        return max(candidates, key=lambda s: s.start, default=None)

    def after_denial(self, statement: DraftStatement) -> None:
        """An assertion just after a denial or refutation of T (the same sentence or the next,
        in one paragraph), by someone not on T's side, counters T."""
        if statement.act != "asserts":
            return
        sentence = self.seg.sentence_at(statement.start)
        if sentence is None:
            return
        index = self.seg.sentences.index(sentence)
        window = [sentence] + ([self.seg.sentences[index - 1]] if index > 0 else [])
        window = [w for w in window if w.paragraph == sentence.paragraph]
        denials = [
            other
            for other in self.statements
            if other.act in {"denies", "refutes"}
            and other.start < statement.start
            and any(w.start <= other.start < w.end for w in window)
        ]
        for denial in sorted(denials, key=lambda d: d.start, reverse=True):
            for target in denial.targets.get(denial.act, []):
                if target.speaker != statement.speaker and not self.registry.side(
                    statement.speaker
                ) & self.registry.side(target.speaker):
                    statement.act = "counter-claims"
                    statement.target("counters", target)
                    statement.rule += ", after a denial"
                    statement.confidence = 0.6
                    return

    def continued(self, statement: DraftStatement, cue: cues.Cue) -> None:
        """ "X added": the unattributed sentences just before are X's too."""
        if not cue.continuing:
            return
        sentence = self.seg.sentence_at(statement.start)
        if sentence is None:
            return
        index = self.seg.sentences.index(sentence) - 1
        pending = []
        while index >= 0:
            earlier = self.seg.sentences[index]
            start = self.content_start(earlier.start, earlier.end)
            if self.is_claimed(start, earlier.end):
                break
            pending.append((start, earlier.end))
            index -= 1
        owner = next((s for s in reversed(self.statements) if s is not statement and s.start < statement.start), None)
        if not pending or owner is None or owner.speaker != statement.speaker:
            return
        for span in reversed(pending):
            made = self.new(statement.speaker, "asserts", [span], f"before '{statement.cue}'", 0.6,
                            role=statement.role)  # fmt: skip
            self.add(self.refine(made))

    # -- pass 3: continuations --------------------------------------------------------------
    def continuations(self) -> None:
        for quotation in self.seg.quotations:
            if not quotation.is_speech(self.text) or self.is_claimed(quotation.start, quotation.end):
                continue
            previous = self.context_quote_before(quotation.open_mark)
            if previous is None:
                continue
            speaker = Mention(previous.start, previous.start, previous.speaker, "named", previous.role)
            made = self.quoted(
                quotation.parts, speaker, previous.cue or "", "quotation continues the last speaker", 0.6
            )
            for statement in made:
                statement.mention = None

    def context_quote_before(self, offset: int) -> DraftStatement | None:
        sentence = self.seg.sentence_at(offset)
        if sentence is None:
            return None
        earlier = [s for s in self.statements if s.start < offset and s.speaker != "document"]
        if not earlier:
            return None
        last = max(earlier, key=lambda s: s.start)
        last_sentence = self.seg.sentence_at(last.start)
        if last_sentence and sentence.paragraph - last_sentence.paragraph <= 1:
            return last
        return None

    # -- pass 4: the reporter's voice --------------------------------------------------------
    def background(self) -> None:
        for sentence in self.seg.sentences:
            start = self.content_start(sentence.start, sentence.end)
            span = trim(self.text, start, sentence.end)
            if span[0] >= span[1] or len(self.text[span[0] : span[1]].split()) < 3:
                continue
            if self.is_claimed(*span):
                span = self.unclaimed_main_clause(*span)
                if span is None:
                    continue
            statement = self.new("document", "asserts", [span], "unattributed: the reporter's voice", 0.5,
                                 channel="article")  # fmt: skip
            self.add(self.refine(statement))

    def unclaimed_main_clause(self, start: int, end: int) -> tuple[int, int] | None:
        """ "The bodies were returned on 11 June, after Russia accused Kyiv of ...": the reporter's
        main clause before a subordinate clause that a rule has explained."""
        claimed = min((a for a, b in self.claimed if start <= a < end), default=end)
        lead = re.match(r"(.{20,}?),\s*(?:after|before|when|while|as|since|because|although)\b",
                        self.text[start:claimed], re.DOTALL)  # fmt: skip
        if lead is None or len(lead.group(1).split()) < 5 or self.is_claimed(start, start + lead.end(1)):
            return None
        return trim(self.text, start, start + lead.end(1), ",;")

    def run(self) -> list[DraftStatement]:
        self.layouts()
        self.cue_rules()
        self.continuations()
        self.background()
        return sorted(self.statements, key=lambda s: (s.start, s.quotes[0][1]))


def speaker_text(text: str, mention: Mention, cue: cues.Cue) -> str:
    """The reporting words as written: "Zelensky added", "said the ministry"."""
    return text[min(mention.start, cue.start) : max(mention.end, cue.end)]
