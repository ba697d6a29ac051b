"""Answers to questions that ask for no figure: a coherent span of the report, not loose sentences.

The best sentence (``assistant.evidence.scoring``: words, meaning and the asked form of answer)
is quoted with what completes it: the sentence it leans on («Dette kalles …», «Den regnes som …»,
«… grunnla han …»), the items of a list it announces («… følgende:»), and the sentences after it
that lean on it; for a why question, the reason right after the premise it explains («… vi har lite
lokal data … . En av årsakene til at det er vanskelig å måle er …»). A list too long to quote whole is
given whole all the same: the items after the span cut to their heads («2. Arbeidsmodell for
samhandling og tidlig innsats …»), the citation quoting them in full. A question that asks for a list
(or examples) also gets the items a cut list goes on with in the next retrieved passage, which
overlaps it. An overview («Hva sier rapporten om …») gives up to three key points from different
passages, each cited; other questions add a point from another passage only when it scores nearly
as well, the answer stays short, and it is about the age group the question names, if any.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence.cues import ITEM_MARKER, THERE_IS, announces_list, fits, is_item, leans_back
from assistant.evidence.scoring import Candidate, Evidence
from assistant.reading.quantities import states_detail
from assistant.reading.text import Sentence

SPAN_WORDS = 85  # an answer's quoted sentences together, at most (tune and NorQuAD validation: 75, 85, 90)
FIRST_WORDS = 45  # the span around the best sentence grows by leaning and list items up to this
POINT_WORDS = 30  # … and a further point's span
OVERVIEW_WORDS = 85  # an overview's points together
FIGURE_WORDS = 15  # … and room beyond that for its key figure
MAX_BACK = 2  # sentences followed back through «Dette …», «Den …»
MAX_POINTS = 3  # an overview's points, each from its own passage
POINT_RATIO = 0.5  # a further point scores at least this share of the best
EXTRA_RATIO = 0.5  # other questions: a point from another passage scores at least this share
TITLE_WORDS = 10  # a line this short that ends no sentence is a title: the sentence after it goes with it
RESTATED = 0.75  # a sentence with at least this share of another's words, and no word of its own, restates it
LIST_FORMS = ("list", "example")  # questions whose answer is a list: it goes on into the next passage
NEAR = 0.5  # a neighbour this near the query in meaning (scaled 0..1) continues the point

_REPLY = re.compile(r"\s*[–-]\s")  # a dash that opens a reply («– Vi oppfordrer …»), not an item
HEAD_WORDS = 10  # a list item cut to its head, at most (with its marker)
# where an item's head ends: «1. Det digitale sporet som skal sikre …», «• Barn fra lavinntektsfamilier,
# hovedsakelig …»
_HEAD_END = re.compile(r",\s|\s[–-]\s|[:;]\s|\s+som\s")
HEAD_MIN = 3  # … and no nearer its start than this many words
WHOLE_ITEM = 15  # an item this short is not cut
_SMALL_END = re.compile(r"(?:\s+(?:fra|på|med|til|av|for|om|i|og|eller|som|at|det|den|de|en|et|ei|er|var|har))+$",
                        re.IGNORECASE)
_WORD = re.compile(r"\w+(?:[.,:-]\w+)*")

Piece = list[tuple[int, list[Sentence]]]


def words(sentences: list[Sentence]) -> int:
    return sum(len(_WORD.findall(s.text)) for s in sentences)


def _tokens(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text))


def _repeats(tokens: frozenset[str], said: list[frozenset[str]]) -> bool:
    """Is every word of a sentence in one already quoted (the same sentence in two overlapping
    passages, or a shorter telling of it)? One new word can be the news («… i september …»)."""
    return any(tokens <= s for s in said)


def _fuller_tellings(ev: Evidence, chosen: dict[int, set[int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Chosen sentences that another chosen one tells more fully, wherever it stands («Boligen,
    nabolaget og nærmiljøet utgjør …» in «Familien, boligen, nabolaget og nærmiljøet utgjør …»), and
    that one: (hit, position) -> (hit, position)."""
    keys = {(i, k): _tokens(ev.sentences[i][k].text) for i, ks in chosen.items() for k in ks}

    def tells(ta: frozenset[str], tb: frozenset[str]) -> bool:  # not a title the sentence only uses
        return ta < tb and len(ta) >= RESTATED * len(tb)

    return {a: next(b for b, tb in keys.items() if tells(ta, tb))
            for a, ta in keys.items() if any(tells(ta, tb) for tb in keys.values())}


def item_head(text: str) -> str:
    """A list item cut to what it names: its first clause, at most ``HEAD_WORDS`` words, with « …»
    when something is left out («1. Det digitale sporet …»)."""
    if len(_WORD.findall(text)) <= WHOLE_ITEM:
        return text
    marker = ITEM_MARKER.match(text)
    at = marker.end() if marker else 0
    found = [m for m in _HEAD_END.finditer(text, at) if len(_WORD.findall(text[at:m.start()])) >= HEAD_MIN]
    head = text[:found[0].start()] if found else text
    cut = list(_WORD.finditer(head, at))
    if len(cut) > HEAD_WORDS:  # cut short: «… oppfølging fra det» ends with «oppfølging»
        head = _SMALL_END.sub("", head[:cut[HEAD_WORDS - 1].end()])
    head = head.rstrip(" ,;:.")
    return text if head == text.rstrip() else f"{head} …"


def rest_of_list(sents: Sequence[Sentence], lo: int, hi: int, budget: int) -> tuple[int, dict[int, str]]:
    """When a span stops inside a list («… fire anbefalte områder: 1. Det digitale sporet …» and
    more items), the span to the list's end, the items after the span cut to their heads and the
    sentences that go on with an item left out, if that fits in ``budget`` words: the new last
    position and what each changed position reads ("" for left out). Else ``hi``, nothing changed."""
    if not (is_item(sents[hi].text) or announces_list(sents[hi].text)):
        return hi, {}
    end, k = hi, hi + 1
    while k < len(sents):
        if is_item(sents[k].text):
            end = k
        elif not (is_item(sents[end].text) and k + 1 < len(sents) and is_item(sents[k + 1].text)):
            break  # … a sentence that goes on with the item before («På sikt skal …») is not the end
        k += 1
    first = next((k for k in range(lo, end + 1) if is_item(sents[k].text)), end)
    if end == hi or (_REPLY.match(sents[first].text) and not (first and announces_list(sents[first - 1].text))):
        return hi, {}  # lines after a dash that nothing announces are replies in a news story, not a list
    texts = {k: item_head(sents[k].text) if is_item(sents[k].text) else "" for k in range(hi + 1, end + 1)}
    if sum(len(_WORD.findall(t)) for t in [*(x.text for x in sents[lo:hi + 1]), *texts.values()]) > budget:
        return hi, {}
    return end, {k: t for k, t in texts.items() if t != sents[k].text}


def _announced(sents: Sequence[Sentence], lo: int, hi: int) -> bool:
    """Does the span quote what announces its list («… følgende:»)? An item quoted alone answers
    something of its own («Hvilket nummer har folkehelsemeldinga …?»), not the whole list."""
    return any(announces_list(sents[k].text) or (  # … or a sentence the list completes («… hvor 1) de har …»)
        not is_item(sents[k].text) and not _finished(sents[k]) and k + 1 < len(sents) and is_item(sents[k + 1].text)
        and not _REPLY.match(sents[k + 1].text)) for k in range(lo, hi + 1))


def _heads(items: list[tuple[int, Sentence]]) -> dict[tuple[int, int], str]:
    """(hit, sentence start) -> head, for the items that ``item_head`` cuts."""
    return {(h, x.start): head for h, x in items if (head := item_head(x.text)) != x.text}


def _list_goes_on(ev: Evidence, i: int, lo: int, hi: int) -> tuple[int, int, int] | None:
    """When the span ``lo``–``hi`` of passage ``i`` quotes a list to the passage's end and another
    retrieved passage opens with its last item (the next chunk, which overlaps it), the list's
    further items there: (passage, first, last)."""
    sents = ev.sentences[i]
    if hi != len(sents) - 1 or not is_item(sents[hi].text) or not _announced(sents, lo, hi):
        return None
    for j, other in enumerate(ev.sentences):
        k = next((k for k, x in enumerate(other[:2]) if x.text == sents[hi].text), None) if j != i else None
        if k is None:
            continue
        end = k
        while end + 1 < len(other) and is_item(other[end + 1].text):
            end += 1
        return (j, k + 1, end) if end > k else None
    return None


def _finished(sentence: Sentence) -> bool:
    return sentence.text.rstrip().endswith((".", "!", "?", "»", ")"))


def _title(sentence: Sentence) -> bool:
    """«Tidlig innsats», «Neil Youngs ekskone Pegi Young er død»: a short line that ends no sentence
    and is no list item."""
    return (not _finished(sentence) and not is_item(sentence.text)
            and len(_WORD.findall(sentence.text)) <= TITLE_WORDS)


def span(ev: Evidence, cand: Candidate, budget: int = SPAN_WORDS,
         near: dict[tuple[int, int], float] | None = None) -> tuple[int, int]:
    """First and last position of the coherent span around ``cand`` in its passage."""
    sents = ev.sentences[cand.hit_index]
    near = near or {}
    lo = hi = cand.position
    while lo > 0 and cand.position - lo < MAX_BACK and leans_back(sents[lo].text):
        lo -= 1  # «Dette kalles kumulativ risiko.» needs what «Dette» is
    if is_item(sents[lo].text):  # a list item: quote the list from the sentence that announces it
        first = lo
        while first > 0 and is_item(sents[first - 1].text):
            first -= 1
        if first > 0 and (announces_list(sents[first - 1].text)
                          or (not _finished(sents[first - 1]) and not _REPLY.match(sents[first].text))):
            first -= 1  # «… følgende:», or a sentence the list completes («… førende for arbeidet»)
        if words(list(sents[first:hi + 1])) <= budget:
            lo = first
    lists = any(announces_list(s.text) or is_item(s.text) for s in sents[lo:hi + 1])
    while hi + 1 < len(sents):
        nxt = sents[hi + 1].text
        unfinished = not _finished(sents[hi])  # «… blant annet at»
        # the premise asked about, then the reason for it, whole
        reason = (ev.form == "why" and hi == cand.position and not fits("why", sents[hi].text)
                  and fits("why", nxt))
        grows = (reason or (lists and is_item(nxt)) or (announces_list(sents[hi].text) and not lists)
                 or (unfinished and (is_item(nxt) or _title(sents[hi])))
                 or leans_back(nxt) or near.get((cand.hit_index, hi + 1), 0.0) >= NEAR)
        opens_list = lists or announces_list(sents[hi].text)  # a list is quoted whole, and so is the list a
        # sentence announces, and the reason
        room = max(budget, SPAN_WORDS) if (opens_list and is_item(nxt)) or reason else budget
        if not grows or words(list(sents[lo:hi + 2])) > room:
            break
        hi += 1
        lists = lists or is_item(nxt)
    while hi > cand.position and hi + 1 < len(sents) and _title(sents[hi]):
        hi -= 1  # the heading of what comes next («… sier hun. / – Mer radikalt»)
    return lo, hi


def _key_figure(ev: Evidence, chosen: dict[int, set[int]], room: int,
                near: dict[tuple[int, int], float]) -> int:
    """An overview's key figure: when no chosen sentence states one, the best-scoring sentence of a
    chosen passage that does, if it fits in ``room`` words; returns the words added."""
    if any(ev.passages[i].figures[k] for i, ks in chosen.items() for k in ks if ev.passages):
        return 0
    for c in ev.candidates:
        if c.hit_index in chosen and c.matched and ev.passages and ev.passages[c.hit_index].figures[c.position]:
            a, b = span(ev, c, POINT_WORDS, near)
            new = set(range(a, b + 1)) - chosen[c.hit_index]
            more = words([ev.sentences[c.hit_index][k] for k in sorted(new)])
            if more <= room:
                chosen[c.hit_index].update(new)
                return more
            return 0
    return 0


def general_pieces(ev: Evidence) -> tuple[list[Piece], dict[tuple[int, int], str]]:
    """The quoted spans of an answer; each passage's sentences in reading order, passages in the
    order of their best sentence."""
    best = ev.candidates[0]
    overview = ev.form == "overview"
    budget = OVERVIEW_WORDS if overview else SPAN_WORDS
    near = {(c.hit_index, c.position): c.meaning for c in ev.candidates}
    lo, hi = span(ev, best, FIRST_WORDS, near)
    hi, cut = rest_of_list(ev.sentences[best.hit_index], lo, hi, SPAN_WORDS)  # a list is given whole
    opens = bool(ev.detail and states_detail(best.sentence.text, ev.detail))
    leaning = opens and leans_back(best.sentence.text) and not THERE_IS.match(best.sentence.text)
    if opens and not leaning:  # «Det er flere … (16-19 år) …» leans on nothing
        lo = best.position  # «Fra hvilket år …?»: the sentence that names it comes first
    chosen: dict[int, set[int]] = {best.hit_index: set(range(lo, hi + 1))}
    passage = ev.sentences[best.hit_index]
    # (hit, sentence start) -> an item's head, quoted instead of the item
    heads = {(best.hit_index, passage[k].start): t for k, t in cut.items() if k >= lo}
    used = sum(len(_WORD.findall(heads.get((best.hit_index, x.start), x.text))) for x in passage[lo:hi + 1])
    more = _list_goes_on(ev, best.hit_index, lo, hi) if ev.form in LIST_FORMS else None
    if more:  # … also where the next passage goes on with it: whole, or its further items cut, or all cut
        j, a, b = more
        mine = [(best.hit_index, x) for x in passage[lo:hi + 1] if is_item(x.text)]
        further = [(j, x) for x in ev.sentences[j][a:b + 1]]
        for cut in ({}, _heads(further), _heads(mine + further)):
            total = sum(len(_WORD.findall(cut.get((h, x.start), heads.get((h, x.start), x.text))))
                        for h, x in [(best.hit_index, x) for x in passage[lo:hi + 1]] + further)
            if total <= SPAN_WORDS:
                chosen[j] = set(range(a, b + 1))
                heads.update(cut)
                used = total
                break
    ratio = POINT_RATIO if overview else EXTRA_RATIO
    for c in ev.candidates[1:]:
        if c.score < ratio * best.score:
            break
        if not c.matched or c.position in chosen.get(c.hit_index, ()):
            continue
        if not c.agrees and c.hit_index not in chosen:  # another passage's point about another age group
            continue
        if opens and c.hit_index == best.hit_index and c.position < lo:
            continue  # … and nothing read before it in its passage comes before it
        if overview and c.hit_index not in chosen and len(chosen) >= MAX_POINTS:
            continue  # up to three passages, each a key point
        a, b = span(ev, c, POINT_WORDS, near)
        if a == b and _title(ev.sentences[c.hit_index][a]):
            continue  # a title alone says nothing
        new = set(range(a, b + 1)) - chosen.get(c.hit_index, set())
        more = words([ev.sentences[c.hit_index][k] for k in sorted(new)])
        if used + more > budget:
            continue
        chosen.setdefault(c.hit_index, set()).update(new)
        used += more
    if overview:
        used += _key_figure(ev, chosen, budget + FIGURE_WORDS - used, near)
    fuller = _fuller_tellings(ev, chosen)
    order = list(chosen)
    if (best.hit_index, best.position) in fuller:  # the point opens with its fuller telling
        order.remove(first := fuller[best.hit_index, best.position][0])
        order.insert(0, first)
    pieces = []
    said: list[frozenset[str]] = []  # a sentence overlapping passages share is quoted once
    for i in order:
        run: list[int] = []
        for k in sorted(chosen[i]):  # one piece per run of adjacent sentences
            key = _tokens(ev.sentences[i][k].text)
            if (i, k) in fuller or _repeats(key, said):
                continue
            said.append(key)
            if run and k != run[-1] + 1:
                pieces.append([(i, [ev.sentences[i][x] for x in run])])
                run = []
            run.append(k)
        if run:
            pieces.append([(i, [ev.sentences[i][x] for x in run])])
    if leaning:  # «Det er en økning fra 2019» first, as a figure answer opens, then what it leans on
        pieces = _named_first(pieces, best.hit_index, best.sentence)
    return pieces, heads


def _named_first(pieces: list[Piece], hit_index: int, named: Sentence) -> list[Piece]:
    """``pieces`` with the run holding ``named`` split there: from it on first, the sentences before it next."""
    for n, piece in enumerate(pieces):
        h, window = piece[0]
        if h == hit_index and named in window and window[0] != named:
            k = window.index(named)
            return [[(h, window[k:])], [(h, window[:k])], *pieces[:n], *pieces[n + 1:]]
    return pieces
