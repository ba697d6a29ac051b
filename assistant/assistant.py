"""The assistant: question in, grounded Norwegian answer out.

validate → rewrite follow-ups → retrieve → figure lookup → abstain or compose → map [n] markers
to citations → prove every number against the cited text → ``Answer``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import replace

from assistant.compose.base import Composer, Draft
from assistant.compose.extractive import ExtractiveComposer
from assistant.compose.opening import opening, page_opening
from assistant.evidence.abstention import ABSTAIN_MESSAGE, NOTES, Thresholds, assess
from assistant.evidence.captions import match_caption
from assistant.evidence.cues import fits
from assistant.evidence.meanings import sentence_meanings
from assistant.evidence.passages import PassageCache
from assistant.evidence.scoring import Evidence, gather, lead_ins
from assistant.proof.cards import card, cards_for_citations, describe, figure_numbers, find_figure
from assistant.proof.citations import make_citation, nearest
from assistant.question.figures import asks_for_figure, requested_figure
from assistant.question.followup import Rewrite, rewrite
from assistant.question.forms import (asks_about_document, named_page, named_section, question_form, requested_page,
                                      requested_section)
from assistant.question.validation import clean_question
from assistant.reading.text import TermStats, split_sentences
from assistant.records import Answer
from assistant.search.retrieval import MODES
from index.records import Hit
from kunnskap.errors import AssistantError, UsageError

_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
FIGURE_EXTRA = 2  # a figure answer looks this many passages deeper for the figure (whether to answer is
# decided on the first k; tune: figure answers 0.951 -> 0.965 on the older 254 questions, recall unchanged)
FIGURE_SEARCH_DEPTH = 10  # passages searched for a caption when a chart is described
REPEAT_NOTE = "Rapporten sier ikke mer om hvorfor enn det som sto i forrige svar; utdragene er de samme."
DROPPED_NOTE = "Setninger med tall som ikke står i kildene, ble fjernet."
FALLBACK_NOTE = "Svaret fra språkmodellen kunne ikke bekreftes mot kildene; viser uttrekk fra rapporten."


class Assistant:
    """Answers questions about the indexed report. Holds no per-question state: thread-safe."""

    def __init__(self, retriever, composer: Composer | None = None, k: int = 5, mode: str = "hybrid",
                 thresholds: Thresholds | None = None):
        _check(k, mode)
        self.thresholds = thresholds or Thresholds()
        self.retriever = retriever
        self.k = k
        self.mode = mode
        self.stats = TermStats.of_index(retriever.index)
        self.passages = PassageCache()  # sentences, stems and slots of each chunk, made once
        self.lead_ins = lead_ins(retriever.index.chunks)
        self.extractive = ExtractiveComposer(self.stats, self.passages)
        self.composer = composer or self.extractive

    @property
    def documents(self):
        return self.retriever.documents

    def ask(self, question: str, history: Sequence[str] = (), *, k: int | None = None,
            mode: str | None = None) -> Answer:
        """Answer ``question``, asked after the user questions in ``history`` (oldest first).

        Raises:
            UsageError: empty question, bad ``k`` or unknown ``mode``.
        """
        started = time.perf_counter()
        k = self.k if k is None else k
        mode = self.mode if mode is None else mode
        _check(k, mode)
        clean = clean_question(question)
        past = [clean_question(h).text for h in history if h and str(h).strip()]
        resolved = rewrite(clean.text, past)
        # what this turn asks: the question itself, or a follow-up with its relative year made absolute
        within, missing = self._scope(resolved.asked_now)
        if resolved.context:  # a question searched alone after others: their topic steers the search
            within = {**within, "context": resolved.context}
        answer = self._answer(resolved.asked_now, resolved.search, k, mode, within)
        if resolved.own:
            answer = self._beyond(answer, resolved, past, k, mode, within)
        note = " ".join(n for n in (clean.notice, missing, answer.note) if n)
        return _replace(answer, question=clean.text, note=note, query_used=resolved.question,
                        search_terms=resolved.search, search_context=resolved.topic,
                        seconds=round(time.perf_counter() - started, 4))

    def _beyond(self, answer: Answer, resolved: Rewrite, past: list[str], k: int, mode: str,
                within: dict | None) -> Answer:
        """«Hvorfor det?»: a why follow-up whose first quote is what the answer before it quoted is
        answered from the other sentences of its passages; when none of them answers (none gives a
        reason, ``cues.fits``), the repeat stays, with a note, so it is not read as the reason.
        («Hvordan var det i 2016?» asks for the same passage's other figure, and is left alone.)"""
        if answer.abstained or question_form(resolved.own) != "why" or not answer.citations:
            return answer
        before = self.ask(past[-1], past[:-1], k=k, mode=mode)
        said = " ".join(_squash(c.quote) for c in before.citations)
        if not all(part in said for part in _squash(answer.citations[0].quote).split(" … ")):
            return answer
        other = self._answer(resolved.asked_now, resolved.search, k, mode, within, said=said)
        if not other.abstained and any(fits("why", c.quote) for c in other.citations):
            return other
        return _replace(answer, note=" ".join(n for n in (answer.note, REPEAT_NOTE) if n))

    # -- the steps -------------------------------------------------------------------------

    def _answer(self, question: str, query: str, k: int, mode: str, within: dict | None = None,
                said: str = "") -> Answer:
        """``said``: the (squashed) text of an answer before this one; none of its sentences is evidence."""
        number = requested_figure(question)
        if number is not None:
            return self._numbered_figure(question, query, number, k, mode)
        section = requested_section(question)
        if section is not None:
            return self._section(query, section, mode)
        page = requested_page(question)
        if page is not None:
            return self._page(query, page, mode)
        within = within or {}  # scope and context, passed to the search only when set: any search(query, k,
        # mode) serves
        if asks_about_document(question):
            opening = self._opening(query, mode)
            if opening is not None:
                return opening
        if asks_for_figure(question):
            deep = self.retriever.search(query, k=max(k, FIGURE_SEARCH_DEPTH), mode=mode, **within)
            hit = match_caption(question, self.retriever.index.chunks, deep, self.stats)
            if hit is not None:
                return self._figure_answer(query, hit)
        deeper = self.retriever.search(query, k=k + FIGURE_EXTRA, mode=mode, **within)
        meanings = sentence_meanings(self.retriever.index, self.passages, query, deeper, within.get("context", ""),
                                     getattr(self.retriever, "context", 0.0))
        deep_ev = gather(question, query, deeper, self.stats, self.passages, self.lead_ins, meanings)
        if said:
            deep_ev = replace(deep_ev, candidates=tuple(c for c in deep_ev.candidates
                                                        if _squash(c.sentence.text) not in said))
        hits, ev = deeper[:k], deep_ev.within(k)
        verdict = assess(ev, thresholds=self.thresholds)
        if not verdict.answerable:
            return self._abstain(query, hits, ev, NOTES.get(verdict.reason, ""))
        if ev.figure_question:
            hits, ev = deeper, deep_ev
        extractive = self.extractive.compose_from(ev, hits)
        if self.composer is self.extractive:
            draft = extractive
        else:
            try:  # the model gets the spans the extractive answer quotes, as context
                # a question searched with the conversation's context is shown to the model in it
                in_context = f"{within['context'].strip()} {question}" if within.get("context") else query
                draft = self.composer.compose(question, in_context, hits, spans=extractive.quotes)
            except AssistantError as exc:  # LLM unreachable, slow or unusable: answer extractively
                draft = Draft(extractive.text, extractive.abstained, extractive.mode, extractive.quotes,
                              note=f"Språkmodellen ble ikke brukt: {exc}", figures=extractive.figures)
        if draft.abstained:
            return self._abstain(query, hits, ev, draft.note, draft.mode)
        answer = self._finish(draft, hits, query, ev)
        if answer is None:  # an LLM draft failed the checks: answer from the report's sentences
            fallback = self.extractive.compose_from(ev, hits)
            answer = self._finish(fallback, hits, query, ev)
            if answer is None:
                return self._abstain(query, hits, ev)
            answer = _replace(answer, note=" ".join(x for x in (draft.note, FALLBACK_NOTE) if x))
        return answer

    def _finish(self, draft: Draft, hits: list[Hit], query: str, ev: Evidence) -> Answer | None:
        """Check markers and numbers; None when nothing verifiable is left of an LLM draft."""
        text, order = _renumber(draft.text, len(hits))
        if not order:
            return None
        citations = []
        for new_n, old_n in enumerate(order, start=1):
            hit = hits[old_n - 1]
            quote = draft.quotes.get(old_n) or _best_quote(ev, old_n - 1)
            citations.append(make_citation(new_n, hit, quote, self.documents))
        from assistant.proof.numbers import unproven_numbers

        cited = [c.text for c in citations]
        note = draft.note
        if unproven_numbers(text, cited):
            if draft.mode != "extractive":
                return None
            text = _drop_unproven(text, cited)
            note = " ".join(x for x in (note, DROPPED_NOTE) if x)
            if not text:
                return None
        verified = not unproven_numbers(text, cited)
        renumbered = {old: new for new, old in enumerate(order, start=1)}
        stated = tuple(replace(f, n=renumbered[f.n]) for f in draft.figures if f.n in renumbered)
        return Answer(answer=text, abstained=False, query_used=query, citations=tuple(citations),
                      figures=cards_for_citations(citations, self.documents), numbers_verified=verified,
                      mode=draft.mode, note=note, stated_figures=stated)

    def _numbered_figure(self, question: str, query: str, number: int, k: int, mode: str) -> Answer:
        fig = find_figure(self.documents, number)
        hit = self._caption_hit(number)
        if fig is None or hit is None:
            hits = self.retriever.search(query, k=k, mode=mode)
            known = figure_numbers(self.documents)
            span = f" Rapporten har figur {known[0]}–{known[-1]}." if known else ""
            return Answer(answer=f"Det finner jeg ikke i kunnskapsgrunnlaget: det er ingen figur {number}.{span}",
                          abstained=True, query_used=query,
                          nearest=nearest(hits, self.documents))
        return self._figure_answer(query, hit)

    def _figure_answer(self, query: str, hit: Hit) -> Answer:
        number = hit.chunk.figures[0]
        fig = find_figure(self.documents, number, hit.chunk.doc)
        if fig is None:
            return Answer(answer=ABSTAIN_MESSAGE, abstained=True, query_used=query)
        text = f"{describe(fig)} [1]"
        hit = Hit(chunk=hit.chunk, score=hit.score, rank=1)
        citation = make_citation(1, hit, hit.chunk.text, self.documents)
        from assistant.proof.numbers import unproven_numbers

        verified = not unproven_numbers(text, [hit.chunk.text])
        return Answer(answer=text, abstained=False, query_used=query, citations=(citation,),
                      figures=(card(fig),), numbers_verified=verified, mode="extractive")

    def _opening(self, query: str, mode: str) -> Answer | None:
        """«Hva handler rapporten om?»: the opening of the first section of the document (of the best
        passage for ``query`` when there are several), and its chapters."""
        doc = self._document(query, mode, tuple(self.documents))
        chunks = [c for c in self.retriever.index.chunks if c.kind == "text" and c.doc == doc]
        return opening(chunks, self.documents, doc, chunks[0].section, query, listed="") if chunks else None

    def _section(self, query: str, section: str, mode: str) -> Answer:
        """«Hva står i kapittel 8?»: the opening of that section, its subsections included, and the
        subsections directly under it."""
        docs = self._sections_with(section)
        answer = None
        if docs:
            doc = self._document(query, mode, docs)
            answer = opening(self.retriever.index.chunks, self.documents, doc, section, query, listed=section)
        return answer if answer is not None else self._no_section(query, section)

    def _page(self, query: str, page: int, mode: str) -> Answer:
        """«Hva står på side 12?»: that printed page, quoted from the top."""
        docs = self._pages_with(page)
        answer = None
        if docs:
            answer = page_opening(self.retriever.index.chunks, self.documents, self._document(query, mode, docs),
                                  page, query)
        if answer is not None:
            return answer
        first = min((i.first_page for i in self.documents.values()), default=None)
        last = max((i.last_page for i in self.documents.values()), default=None)
        span = f" Rapporten har side {first}–{last}." if first is not None and len(self.documents) == 1 else ""
        return Answer(answer=f"Det finner jeg ikke i kunnskapsgrunnlaget: det er ingen side {page}.{span}",
                      abstained=True, query_used=query)

    def _scope(self, question: str) -> tuple[dict, str]:
        """«Hva sier kapittel 6 om lavinntekt?», «… side 17 om …»: the part to search (as ``search``
        arguments), and a note when the question names a part no document has. Such a part may be
        another work's («side 10 i boka til …»): the whole is searched."""
        if requested_section(question) is not None or requested_page(question) is not None:
            return {}, ""  # summed up whole (``_section``, ``_page``)
        within, missing = {}, []
        section, page = named_section(question), named_page(question)
        if section is not None:
            if self._sections_with(section):
                within["section"] = section
            else:
                missing.append(f"Rapporten har ikke noe kapittel {section}; svaret er søkt i hele rapporten.")
        if page is not None:
            if self._pages_with(page):
                within["page"] = page
            else:
                missing.append(f"Rapporten har ingen side {page}; svaret er søkt i hele rapporten.")
        return within, missing[0] if missing else ""  # the chapter's note first, as one note

    def _pages_with(self, page: int) -> tuple[str, ...]:
        """The documents that have printed ``page``."""
        return tuple(d for d, info in self.documents.items() if info.first_page <= page <= info.last_page)

    def _sections_with(self, section: str) -> tuple[str, ...]:
        """The documents that have ``section``."""
        return tuple(d for d, info in self.documents.items() if any(s.number == section for s in info.sections))

    def _no_section(self, query: str, section: str) -> Answer:
        chapters = sorted({s.number.split(".")[0] for info in self.documents.values() for s in info.sections},
                          key=int)
        span = f" Rapporten har kapittel {chapters[0]}–{chapters[-1]}." if chapters else ""
        return Answer(answer=f"Det finner jeg ikke i kunnskapsgrunnlaget: det er ikke noe kapittel {section}.{span}",
                      abstained=True, query_used=query)

    def _document(self, query: str, mode: str, docs: tuple[str, ...]) -> str:
        """The one of ``docs`` that the question is about: the only one, or the best passage's."""
        if len(docs) == 1:
            return docs[0]
        hits = [h for h in self.retriever.search(query, k=20, mode=mode) if h.chunk.doc in docs]
        return hits[0].chunk.doc if hits else docs[0]

    def _caption_hit(self, number: int) -> Hit | None:
        for chunk in self.retriever.index.chunks:
            if chunk.kind == "figure" and number in chunk.figures:
                return Hit(chunk=chunk, score=1.0, rank=1)
        return None

    def _abstain(self, query: str, hits: list[Hit], ev: Evidence, note: str = "",
                 mode: str = "extractive") -> Answer:
        quotes = {}
        for c in ev.candidates:  # best sentence of each passage, to show why it was near
            quotes.setdefault(c.hit_index, c.sentence.text)
        near = tuple(make_citation(i + 1, h, quotes.get(i, ""), self.documents)
                     for i, h in enumerate(hits[:3]))
        return Answer(answer=ABSTAIN_MESSAGE, abstained=True, query_used=query, nearest=near,
                      mode=mode, note=note)


def _check(k: int, mode: str) -> None:
    if mode not in MODES:
        raise UsageError(f"Unknown search mode {mode!r}; choose one of: {', '.join(MODES)}.")
    if not isinstance(k, int) or k < 1:
        raise UsageError(f"k must be a whole number of at least 1, got {k!r}.")


def _replace(answer: Answer, **changes) -> Answer:
    from dataclasses import replace

    return replace(answer, **changes)


def _renumber(text: str, n_hits: int) -> tuple[str, list[int]]:
    """Drop markers to passages that were not given; renumber the rest 1.. in order of use."""
    order: list[int] = []

    def sub(m: re.Match[str]) -> str:
        valid = []
        for part in m.group(1).split(","):
            n = int(part)
            if 1 <= n <= n_hits:
                if n not in order:
                    order.append(n)
                valid.append(order.index(n) + 1)
        return "".join(f"[{v}]" for v in dict.fromkeys(valid))

    out = _MARKER.sub(sub, text)
    out = re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", out)).strip()
    return out, order


def _best_quote(ev: Evidence, hit_index: int) -> str:
    return next((c.sentence.text for c in ev.candidates if c.hit_index == hit_index), "")


def _drop_unproven(text: str, cited: list[str]) -> str:
    from assistant.proof.numbers import unproven_numbers

    kept = [s.text for s in split_sentences(text) if not unproven_numbers(s.text, cited)]
    return " ".join(kept).strip()


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()
