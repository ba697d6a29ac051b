"""Score the sentences of retrieved passages against what the question asks for.

Shared by the extractive composer (which sentences to quote) and abstention (is the asked-for
thing in any of them). A sentence scores by the IDF-weighted share of the question's content
stems it contains, plus a little for its passage's rank; figure questions prefer sentences
with a number. Other questions also score by meaning (the cosine of the sentence's vector to the
query's, min-max scaled over the retrieved sentences) and by whether the sentence gives the form
of answer asked for (a reason for «Hvorfor», examples for «Kan du gi eksempler», …:
``assistant.evidence.cues``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from math import fsum

from assistant.evidence.attribution import groups_named
from assistant.evidence.credits import Vocabulary, credits_with_synonyms
from assistant.evidence.cues import fits, gives, leans_back, refers_back
from assistant.evidence.modifiers import contrasts, qualifiers
from assistant.evidence.passages import Passage, PassageCache
from assistant.question.asking import counts
from assistant.question.reading import Reading, read
from assistant.reading.quantities import ages_agree, detail_required, states_detail
from assistant.reading.slots import GROUP_SLOTS
from assistant.reading.text import STATED_FORMAL_DET, Sentence, TermStats
from index.records import Hit

RANK_BONUS = 0.12  # added to a sentence of the top passage; 1/rank of it for the others
NUMBER_BONUS = 0.15  # figure questions: a sentence with a number
NO_NUMBER_PENALTY = 0.25  # figure questions: a sentence without one
DETAIL_BONUS = 0.1  # «Fra hvilket år …?», «Hvilken aldersgruppe …?»: a sentence that names one
CONTRAST_PENALTY = 0.1  # figure questions: the sentence qualifies an asked noun otherwise («fysiske plager»
# for «psykiske plager»); the noun also counts as not given (``assistant.evidence.modifiers``)
QUALIFIER_PENALTY = 0.2  # the sentence is about a group the question did not ask about
PLACE_PENALTY = 0.1  # the sentence is about another place than the one asked about
MEANING_WEIGHT = 0.1  # other than figure questions: weight of the scaled cosine to the query
FIGURE_MEANING_WEIGHT = 0.0  # figure questions: the same
FORM_BONUS = 0.1  # … and of giving the form of answer asked for (a reason, examples, a definition)
TYPE_BONUS = 0.1  # a factual question: a sentence that holds the kind of thing asked (a year for «Når»)
MAX_ANAPHORA = 3  # sentences followed back through «Det …», «Tilsvarende …» for the measure
VERB_ENDINGS = ("", "t", "d", "dd")  # what a verb's past forms add to its present stem (Snowball)
AGE_PENALTY = 0.1  # figure questions that name no age (``Reading.aged``): a figure for one age band only

ANAPHORIC_START = re.compile(r"^(det|dette|denne|disse|de|her|tilsvarende|tallet|andelen)\b",
                             re.IGNORECASE)
_LEANING = re.compile(r"\b(?:her|der|tilsvarende|samme|slike?|dem|deres|disse|denne|den gruppen)\b",
                      re.IGNORECASE)
_FIGURE_FIRST = re.compile(r"^(?:\d|(?:kun|hele|omtrent|cirka|ca\.)\s+\d)")  # «4 prosent svarer at …»
_POINTERS = "det|dette|disse|tilsvarende|sammenlignet|sammenligner|samme"  # words that point back anywhere
_FIGURE_NOUNS = "tallet|tallene|andelen"  # … and nouns that may: «Andelen har økt», not «andelen som …»
REFERS_BACK = re.compile(rf"\b({_POINTERS}|{_FIGURE_NOUNS})\b", re.IGNORECASE)
# the figure scoring reads the nouns as leaning back only when nothing says which (``cues.refers_back``),
# or with a bare figure after them («tallet på 7 prosent»)
_REFERS = re.compile(rf"\b(?:{_POINTERS})\b|\b(?:{_FIGURE_NOUNS})\s+på\s+\d", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """One sentence of one retrieved passage and how well it matches the question."""

    hit_index: int  # 0-based position in the hits list
    position: int  # index of the sentence in its passage
    sentence: Sentence
    matched: frozenset[str]
    coverage: float  # IDF-weighted share of the question's content stems in the sentence
    score: float
    has_figure: bool = False  # states a quantity of a kind the question wants (wanted_kinds)
    agrees: bool = True  # names the group, level, place and year the question asks about (other
    # questions: the age group it names, if any, read back through «Det …»)
    measure: float = 0.0  # like coverage, over the question's stems that are not a group/level/place/year
    meaning: float = 0.0  # cosine to the query, min-max scaled over the retrieved sentences (0..1)
    core: float = 1.0  # like measure, without the counted noun («Hvor mange elever …»)
    counted: bool = True  # figure questions: counts what «Hvor mange X» asks (or asks no unit)
    contrast: bool = False  # … qualifies an asked noun otherwise («lokale» for «nasjonale inntektsgrenser»)


@dataclass(frozen=True)
class Evidence:
    """All scored sentences for one question, best first, with the passages split once."""

    question_terms: frozenset[str]
    figure_question: bool
    candidates: tuple[Candidate, ...]
    sentences: tuple[tuple[Sentence, ...], ...]  # per hit, in passage order
    vocabulary: frozenset[str] = frozenset()  # every stem of the retrieved passages
    passages: tuple[Passage, ...] = ()  # per hit: sentences with their stems and slots
    asked: Mapping[str, set[str]] = field(default_factory=dict)  # group, level, place, year asked
    left_out: frozenset[str] = frozenset()  # stems of what the user leaves out («uten …»)
    form: str = "fact"  # the form of answer asked for (``assistant.question.forms``)
    wanted: tuple[str, ...] = ()  # figure questions: kinds of quantity that answer, best first
    noun: frozenset[str] = frozenset()  # … and the stems of what «Hvor mange X» counts
    detail: str | None = None  # «year», «age» or «grade» when a question asks for one («Fra hvilket år …?»)
    added: frozenset[str] = frozenset()  # a follow-up: the stems it adds to the question before it
    thing: frozenset[str] = frozenset()  # «Hva er aktivitetskortet?»: the stems of what is to be explained
    negated: bool = False  # the question asks about what is not so («… ikke har en venn …»)
    change: bool = False  # … or how much something changed («Hvor mye har andelen økt?»)
    amount: bool = False  # … or a sum of money («Hva koster …?»)
    abbreviation: str | None = None  # … or what an abbreviation stands for («Hva står NKVTS for?»)
    head: frozenset[str] = frozenset()  # «Hva betyr …?»: the stems of the last word of ``thing``
    examples: frozenset[str] = frozenset()  # «Kan du gi eksempler på X …?»: the stems of X
    witnessing: bool = False  # … or who saw something happen to another («… har sett … bli slått?»)

    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    def within(self, k: int) -> "Evidence":
        """The evidence of the first ``k`` hits only. A sentence scores the same whatever comes
        after its passage, so this equals ``gather`` over ``hits[:k]`` without scoring twice."""
        passages = self.passages[:k]
        return replace(self, candidates=tuple(c for c in self.candidates if c.hit_index < k),
                       sentences=self.sentences[:k], passages=passages,
                       vocabulary=frozenset().union(*(p.vocabulary for p in passages)))


def gather(question: str, query_used: str, hits: list[Hit], stats: TermStats,
           cache: PassageCache | None = None, lead_ins: Mapping[str, str] | None = None,
           meanings: Sequence[Sequence[float] | None] = ()) -> Evidence:
    """Score every sentence of the retrieved passages against the question.

    ``cache`` holds the passages already split and stemmed (the assistant keeps one per index);
    without it they are analysed here. ``meanings`` holds, per hit, the cosine of each of its
    sentences to the query (None or missing: scored by words only).
    """
    cache = PassageCache() if cache is None else cache
    r = read(question, query_used, stats)
    q, idf, by_slot, asked_ages, proper = r.terms, r.idf, r.by_slot, r.asked_ages, r.proper
    figure, detail, total, measure_total = r.figure, r.detail, r.total, r.measure_total
    required = bool(detail) and detail_required(question, detail)  # only a sentence naming it answers
    passages = [cache.get(h.chunk.text) for h in hits]
    lead_ins = lead_ins or {}
    contexts = [cache.get(lead_ins[h.chunk.id]) if h.chunk.id in lead_ins else None for h in hits]
    vocabulary = frozenset().union(*(p.vocabulary for p in passages)) if passages else frozenset()
    indexed = Vocabulary.of(vocabulary)
    credit = {t: credits_with_synonyms(t, indexed) for t in q}  # sentence stem -> share of t it gives
    for t in r.verb & q:  # «vokser» is not said by «voksne»: a verb's stem goes on only
        credit[t] = {s: c for s, c in credit[t].items()  # in its past forms («vokst», «bodd»)
                     if not s.startswith(t) or len(s) - len(t) > 2 or s[len(t):] in VERB_ENDINGS}
    scaled = _scaled(meanings, passages)
    asked_q = qualifiers(query_used) if figure else {}  # for every question: a NorQuAD validation answer less
    out = []
    for i, p in enumerate(passages):
        for j, (s, st) in enumerate(zip(p.sentences, p.stems)):
            if p.instructions and p.instructions[j]:  # planted instructions are never evidence
                continue
            first = j  # the first sentence read with this one
            if (figure or detail) and j > 0 and _leans_back(p.sentences[j].text):  # read with the one before
                st = st | p.stems[j - 1]  # it, through a chain of «Det utgjør …», «Tilsvarende …»
                k = j - 1
                while k > 0 and j - k < MAX_ANAPHORA and _leans_back(p.sentences[k].text):
                    k -= 1
                    st = st | p.stems[k]
                first = k
            own = p.stems[j]
            if (not (figure or detail) and j > 0 and leans_back(s.text)  # «I 1835 grunnla han …» is about
                    and (any(w in own for t in q for w in credit[t])  # whom the sentence before names;
                         or (r.form in ("why", "example") and fits(r.form, s.text)))):  # «Dette skyldes …»
                # explains it, «Eksempler på dette er …» names examples of it
                own = st = st | p.stems[j - 1]
                first = j - 1
                while first > 0 and j - first < MAX_ANAPHORA and leans_back(p.sentences[first].text):
                    first -= 1  # «Disse tiltakene skal …» itself leans on what names them
                    own = st = st | p.stems[first]
            got = {t: max((c for w, c in credit[t].items() if w in (own if t in proper else st)), default=0.0)
                   for t in q}
            if any(got[t] for t in q if t not in by_slot):  # the measure is there: a group
                for t, (name, value) in by_slot.items():  # may be named otherwise («landbakgrunn»)
                    if got[t] < 1.0 and value in _said(p, j, name, contexts[i]):
                        got[t] = 1.0
            if asked_ages and asked_ages & _ages_said(p, j):  # «yngre enn 30» said «mellom 0 og 29 år»
                got.update({t: 1.0 for t in r.age_terms if t in got})
            contrast = contrasts(asked_q, p.qualifiers[first:j + 1], st) if asked_q else []
            got.update({h: 0.0 for h in contrast if h in got})  # «fysiske plager» do not give «psykiske plager»
            matched = frozenset(t for t, c in got.items() if c > 0)
            coverage = fsum(idf[t] * c for t, c in got.items()) / total
            # a question that names only a group, place, age or year («unge under 30 med
            # innvandrerbakgrunn») asks for no measure beyond them
            measure = (fsum(idf[t] * got[t] for t in r.measure_terms) / measure_total
                       if r.measure_terms else 1.0)
            core = _core(r, got)
            said = p.slots[j]
            if figure and j > 0 and _leans_back(p.sentences[j].text):  # «Dette utgjør 23,9 prosent» is
                said = {**p.slots[j - 1], **{k: v for k, v in said.items() if v}}  # about the group before
            score = coverage + RANK_BONUS / (i + 1) - _mismatch(r.asked, said, p.sentences[first:j + 1], q)
            if r.left_out and r.left_out & st:  # says (or leans on) what the user left out: another figure
                score -= QUALIFIER_PENALTY
            if contrast:
                score -= CONTRAST_PENALTY
            agrees = counted = True
            if figure:
                counted = r.unit is None or counts(p.sentences[j].text, r.unit)
                agrees = counted and _agrees(r.asked, r.named, p, j, asked_ages, contexts[i])
            elif asked_ages:  # «Til hvilket år … barn mellom 6 og 15 år …?»: not a sentence about 15-29-åringer
                agrees = ages_agree(asked_ages, _ages_said(p, j))
            states = bool(p.kinds[j] & r.wanted) if figure else p.figures[j]
            if figure:
                score += NUMBER_BONUS if states else -NO_NUMBER_PENALTY
                if not asked_ages and not r.aged and _ages_said(p, j):  # «innvandrere» are not
                    score -= AGE_PENALTY  # «innvandrerbakgrunn … mellom 0 og 29 år»
            elif detail and states_detail(p.sentences[j].text, detail):
                if matched:
                    score += DETAIL_BONUS
                    if asked_ages and p.ages[j] and not ages_agree(asked_ages, p.ages[j]):
                        score -= AGE_PENALTY  # «Antall 0-åringer … frem til 2030» is no answer for «6–15 år»
            elif required:  # as a figure question's sentence without a number: «Fram til hvilket år …?»
                score -= DETAIL_BONUS  # is not answered by a sentence that names no year
            meaning = scaled[i][j] if scaled[i] is not None else 0.0
            if figure:
                score += FIGURE_MEANING_WEIGHT * meaning
            else:
                score += MEANING_WEIGHT * meaning + (FORM_BONUS if fits(r.form, s.text) else 0.0)
                if r.wants and gives(r.wants, s.text, question):
                    score += TYPE_BONUS
            out.append(Candidate(i, j, s, matched, coverage, score, states, agrees, measure, meaning, core,
                                 counted, bool(contrast)))
    out.sort(key=lambda c: (-c.score, c.hit_index, c.position))
    return Evidence(q, figure, tuple(out), tuple(p.sentences for p in passages), vocabulary,
                    tuple(passages), r.asked, r.left_out, r.form, r.preferred, r.noun, detail, r.own,
                    r.thing, r.negated, r.change, r.amount, r.abbreviation, r.head, r.examples,
                    r.witnessing)


def _core(r: Reading, got: Mapping[str, float]) -> float:
    """How much of the measure a sentence gives, IDF-weighted, without the counted noun («Hvor mange
    elever fullfører …»: «fullfører»). A follow-up asks for its own measure words when it has any
    («Og hvor mange av dem synes livet er bra?»)."""
    cores = [t for t in r.measure_terms if t not in r.noun]
    cores = [t for t in cores if t in r.own] or cores
    return fsum(r.idf[t] * got[t] for t in cores) / fsum(r.idf[t] for t in cores) if cores else 1.0


def _scaled(meanings: Sequence[Sequence[float] | None], passages: Sequence[Passage]
            ) -> list[list[float] | None]:
    """Each hit's sentence cosines, min-max scaled over every retrieved sentence (None: unknown)."""
    rows = [list(meanings[i]) if i < len(meanings) and meanings[i] is not None
            and len(meanings[i]) == len(p.sentences) else None for i, p in enumerate(passages)]
    known = [v for row in rows if row for v in row]
    if not known:
        return rows
    lo, hi = min(known), max(known)
    return [[(v - lo) / (hi - lo) if hi > lo else 1.0 for v in row] if row else None for row in rows]


def lead_ins(chunks) -> dict[str, str]:
    """Chunk id -> the text of the chunk before it in the same section (where a paragraph's level
    or place was named when a chunk starts mid-paragraph)."""
    out: dict[str, str] = {}
    previous = None
    for chunk in chunks:
        if chunk.kind != "text":
            continue
        if previous is not None and (previous.doc, previous.section) == (chunk.doc, chunk.section):
            out[chunk.id] = previous.text
        previous = chunk
    return out


def _mismatch(asked: dict[str, set[str]], said: Mapping[str, frozenset[str]],
              read: Sequence[Sentence] = (), question: frozenset[str] = frozenset()) -> float:
    """Penalty for a sentence (``read`` with those it leans on) about another group or place than
    the question asks about; a group it names with the question's own words is asked."""
    penalty = 0.0
    named: dict[str, set[str]] | None = None
    for name in GROUP_SLOTS:
        if said.get(name) and not (said[name] & asked.get(name, set())):
            if named is None:
                named = groups_named(tuple(s.text for s in read), question)
            if not said[name] & named.get(name, set()):
                penalty += QUALIFIER_PENALTY
    if asked.get("place") and said.get("place") and not (said["place"] & asked["place"]):
        penalty += PLACE_PENALTY
    return penalty


@lru_cache(maxsize=16384)  # a pure function of a passage's sentence, asked for many times per question
def _leans_back(sentence: str) -> bool:
    """Does a figure sentence need the one before it to say what it counts («Det utgjør …»,
    «Her har 31 prosent …», «… er tallet på 7 prosent»)? A formal «det» points at nothing («… før det
    igjen forventes moderat vekst»)."""
    sentence = STATED_FORMAL_DET.sub("_", sentence)
    return bool(ANAPHORIC_START.match(sentence) or _REFERS.search(sentence) or refers_back(sentence)
                or _LEANING.search(sentence) or _FIGURE_FIRST.match(sentence))


SETTINGS = ("level", "place")  # named once for a paragraph («På videregående …»), not per sentence


def _said(passage: Passage, j: int, name: str, context: Passage | None = None) -> frozenset[str]:
    """Values of slot ``name`` sentence ``j`` names, else those of the sentence before it
    («På mellomtrinnet …. Her har 31 prosent av jentene …»). A level or place is read further
    back: from the nearest earlier sentence of the passage, or of ``context`` (the text before the
    passage in its section), that names one."""
    own = passage.slots[j].get(name)
    if own:
        return own
    if name not in SETTINGS:  # a group is inherited only when the sentence before names one
        before = (passage.slots[j - 1].get(name) if j > 0 else None) or frozenset()
        return before if len(before) == 1 else frozenset()
    earlier = [passage.slots[k] for k in range(j - 1, -1, -1)]
    if context is not None:
        earlier += list(reversed(context.slots))
    return next((slots[name] for slots in earlier if slots.get(name)), frozenset())


def _ages_said(passage: Passage, j: int) -> frozenset[str]:
    """The age groups sentence ``j`` names, else those of the sentence before it, else (for a
    sentence that leans back: «I Bærum er 9,7 prosent av unge mellom 15-29 år …. Bærum skiller seg
    ikke ut …. Dette utgjør allikevel 1860 barn og unge») those of the chain it leans back through."""
    if passage.ages[j] or j == 0:
        return passage.ages[j]
    k = j
    while k > 0 and j - k < MAX_ANAPHORA and (k == j or _leans_back(passage.sentences[k].text)):
        k -= 1
        if passage.ages[k]:
            return passage.ages[k]
        if k == j - 1 and not _leans_back(passage.sentences[j].text):
            break
    return frozenset()


def _agrees(asked: dict[str, set[str]], named: dict[str, set[str]], passage: Passage, j: int,
            asked_ages: frozenset[str] = frozenset(), context: Passage | None = None) -> bool:
    """Does sentence ``j`` state a figure for the group, level, place and age group the question
    asks about, and for the year the question ``named``? Each figure is read with its own group,
    level and place (``assistant.evidence.attribution``): «flere jenter enn gutter … (22 prosent versus
    12 prosent), og tallene slår enda høyere ut på ungdomsskolen» gives no figure for ungdomsskolen."""
    figures = passage.attributions[j] if passage.attributions else ()
    if not any(_fits(asked, named, slots, passage, j, context) for slots in (figures or ({},))):
        return False
    if not ages_agree(asked_ages, _ages_said(passage, j)):  # asked 25-34 år, told 18-24 år
        return False
    return named.get("year", set()) <= _years(passage, j)


def _fits(asked: Mapping[str, set[str]], named: Mapping[str, set[str]], slots: Mapping[str, frozenset[str]],
          passage: Passage, j: int, context: Passage | None) -> bool:
    """Is one figure (its ``slots``; a slot it lacks is read from the context) stated for what was asked?"""
    def said(name: str) -> frozenset[str]:
        return slots.get(name) or _said(passage, j, name, context)

    for name in ("gender", "background", "level"):
        if asked.get(name) and not (asked[name] & said(name)):
            return False
    places = asked.get("place", set())
    where = said("place")
    if places - {"Bærum"} and not (places & where):
        return False
    if named.get("place") == {"Bærum"} and where and "Bærum" not in where:  # told the nation's
        return False
    return True


def _years(passage: Passage, j: int) -> frozenset[str]:
    """Years sentence ``j`` states its figure for: its own or the sentence before's, else those of
    the nearest earlier sentence that states any («I 2020 … . Det utgjør …»). A baseline («en økning
    fra 2019») is not the figure's year."""
    own = passage.years_stated[j] | (passage.years_stated[j - 1] if j > 0 else frozenset())
    if own:
        return own
    return next((passage.years_stated[k] for k in range(j - 2, -1, -1) if passage.years_stated[k]),
                frozenset())
