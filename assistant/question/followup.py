"""Follow-ups: rewrite a question asked after others into a standalone query, without an LLM.

A follow-up («Og jentene?», «Hva med på videregående?», «Enn innvandrerne?», «Hva med i 2014?»)
inherits the topic and measure of the conversation. Its *slots* (group, school level, place,
year) replace the matching slots of the earlier query, so «… gutter på videregående … trygge
i nærområdet?» + «Og jentene?» becomes «… jenter på videregående … trygge i nærområdet?»,
which retrieves the passage about girls rather than the one about boys.

A question that stands on its own is never merged with an earlier topic: one that names a figure,
a chapter or section, or a page («Vis figur 14», «Hva står i kapittel 8?», «… på side 12?»), and
one with a topic of its own and nothing that refers back («Hva er utenforskap?»).

Two texts come out (``Rewrite``): the standalone question the user is shown, always plain
Norwegian, and the text searched, which may carry expansions for the retrievers (the report's
words for a group, the follow-up's words added to the earlier query).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.reading.quantities import age_phrases
from assistant.question.swapping import ALL, append_words, drop, replace_word, swap
from assistant.reading.text import FORMAL_DET
from assistant.reading.slots import GROUP_SLOTS, WORD, YEAR, lower_words, slot_of, slot_words

# Openers that mark a follow-up, longest first (matched on lower-cased, punctuation-free text).
_OPENERS = (
    "hva så med", "hvordan er det sammenlignet", "hvordan er dette sammenlignet", "sammenlignet med",
    "hva med resten", "hvordan er det med", "hvordan er det for", "hvordan med", "hva med",
    "hva om", "hva gjelder", "gjelder det også", "gjelder dette også", "samme for", "og for",
    "og hva", "og hvor", "og blant", "og", "enn", "men", "også", "blant",
)
# Words that refer back to the earlier turn.
_ANAPHORA = {"det", "dette", "de", "disse", "dem", "den", "der", "tilsvarende", "samme"}
# Content-free request words: a follow-up made only of these keeps the earlier topic.
_REQUEST = {
    "eksempel", "eksempler", "eksemplene", "flere", "mer", "detaljer", "utdype", "forklare",
    "forklar", "hvorfor", "tall", "tallet", "tallene", "andel", "andelen", "prosent", "antall",
    "kilde", "kilden", "kildene", "gi", "vis", "si", "fortell", "nevn", "utvikling", "utviklingen",
    "tiltak", "årsak", "årsaker", "årsaken", "sammenlignet", "sammenligne", "forskjell",
}
_ANAPHORA_SUBJECT = {"den", "dette", "disse", "dem"}
_FILLER = {"resten", "ellers", "øvrig", "andre", "annet", "blant", "særlig", "spesielt", "mest", "minst", "også",
           "samlet", "totalt", "begge", "kjønn", "kjønnene",  # «Og samlet for begge kjønn?»: no new topic
           "helhet", "helheten",  # «Hva med i landet som helhet?»: the place, not a topic
           "barn", "barna", "barnet", "unge", "ungdom", "ungdommer", "ungdommene", "elever",
           "elevene", "gruppe", "gruppen", "grupper", "gruppene",
           "personer", "snakk"}  # «Hvor mange personer er det snakk om?»: how many, of what was asked
_GROUP_PREPOSITIONS = {"i", "blant", "hos", "for"}
# «Og i resten av befolkningen?»: everyone but the group before, searched as «… i befolkningen»
_OTHER = re.compile(r"\b(?:resten|øvrige?)\b(?:\s+av\b)?\s*", re.IGNORECASE)
_CONDITIONS = {"hvis", "om", "med", "etter", "justert", "målt", "uten"}
_CONNECTIVES = {"og", "men", "enn", "så", "også"}
_SKIP = {"gi", "vis", "si", "fortell", "nevn", "sammenlignet", "sammenligne"}
_QUESTION_WORDS = {"hva", "hvor", "hvem", "hvilke", "hvilken", "hvordan", "hvorfor", "når",
                   "mange", "stor", "mye", "kan", "du", "blant", "gjelder", "enn", "sammen"}


def _content_words(text: str) -> list[str]:
    """Words that are neither stopwords, question/request/filler words nor slot words."""
    from bm25s.stopwords import STOPWORDS_NORWEGIAN

    out = []
    for w in lower_words(text):
        if (w in STOPWORDS_NORWEGIAN or w in _QUESTION_WORDS or w in _REQUEST or w in _ANAPHORA
                or w in _FILLER or slot_of(w) or YEAR.fullmatch(w) or len(w) < 3):
            continue
        out.append(w)
    return out


def _opener(words: list[str]) -> str | None:
    text = " ".join(words)
    return next((o for o in _OPENERS if text == o or text.startswith(o + " ")), None)


_DEMONSTRATIVE = re.compile(r"\b(?:i|for|om|på|av|med|fra)\s+(?:den|denne|dette|disse|det)\s+[a-zæøå]{3,}(?:en|et|ene|a)\b",
                            re.IGNORECASE)
_PARTITIVE = re.compile(r"\b(?:av|blant)\s+(?:dem|disse|de)\b(?!\s+\w+(?:ene|ne)\b)", re.IGNORECASE)
_DEFINITION = re.compile(r"^(hva er|hva betyr|hva menes|hva står|hvem er|hva heter|hva gjør)\b")
_DEFINITE = re.compile(r"\w{3,}(?:et|en|ene|a)$")


# Words that point at something said before: pronouns and adverbs («… består den av?», «… på det?», «…
# da?», «… skjermbruken deres?»)
_POINTING = _ANAPHORA | {"deres", "da", "denne", "slik", "slike", "sånn", "sånne"}


# Definite nouns every question may use of the document and its owner («Hva sier rapporten om
# mobbing?»): they point at nothing said before
_ALWAYS_KNOWN = frozenset({"rapporten", "kunnskapsgrunnlaget", "dokumentet", "kommunen"})


def refers_back(question: str) -> bool:
    """True when ``question`` points at something it does not name: a pronoun or adverb that refers
    back, or a definite noun («veksten», «målene»). Such a question, searched alone after others,
    is searched with their topic beside it; one that names its own topic in the indefinite («Hva er
    utenforskap?», «… eksempler på selektiv forebygging?») is not. A question that names a figure,
    a chapter or section, or a page never is."""
    if names_a_part(question):
        return False
    question = FORMAL_DET.sub(" ", question)
    return bool(_POINTING.intersection(lower_words(question))) or any(
        _DEFINITE.fullmatch(w) and w not in _ALWAYS_KNOWN for w in _content_words(question))


def _refers_to(question: str, base: str) -> bool:
    """True when a definite noun of ``question`` («prosjektet») names something in ``base``."""
    from assistant.reading.text import terms

    base_terms = terms(base)
    return any(_DEFINITE.fullmatch(w) and terms(w) & base_terms for w in _content_words(question))


# A figure, a chapter or section, or a page: the question names what it wants («Vis figur 14»,
# «Hva står i kapittel 8?», «Hva handler 5.2.3 om?», «Hva står på side 12?»).
_NAMES_A_PART = re.compile(
    r"\b(?:figur(?:en|ene)?|fig\.|tabell(?:en)?|kapittel|kapitlet|kapitel|kap\.|delkapittel(?:et)?|"
    r"avsnitt(?:et)?|seksjon(?:en)?|side|siden|sidene|s\.)\s*\d"
    r"|(?<![\d,.])\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d,])",
    re.IGNORECASE)


def names_a_part(question: str) -> bool:
    """True when ``question`` names a figure, a chapter or section, or a page of the report."""
    return bool(_NAMES_A_PART.search(question))


def is_follow_up(question: str, base: str | None = None) -> bool:
    """True when ``question`` leans on an earlier turn (opener, anaphora, or no topic of its own).

    A question that names a figure, a chapter or section, or a page never does.
    """
    words = lower_words(question)
    if not words or names_a_part(question):
        return False
    if _opener(words):
        return True
    content = _content_words(question)
    if not content and (len(words) <= 6 or not slot_words(question)):
        # «Hva var andelen i 2014?»: nothing but slots and request words; «Hvor mange barn og unge er
        # det?»: not even a slot, whatever its length («Hvor mange barn er det i Bærum totalt?» names
        # its place and may stand on its own)
        return True
    if len(words) <= 4 and len(content) == 1 and not _DEFINITION.match(" ".join(words)):
        return True
    if len(words) <= 6 and len(content) <= 1 and _ANAPHORA.intersection(words):
        return True
    if len(words) > 2 and _ANAPHORA_SUBJECT.intersection(words[1:3]):  # «Hva sa den om …»
        return True
    if len(words) > 2 and words[1] in _ANAPHORA and len(content) <= 1:  # «Er det vanligere her enn …?»
        return True
    if _PARTITIVE.search(question):  # «Hvor mange av dem er under 30 år?»
        return True
    if _DEMONSTRATIVE.search(question):  # «… i den definisjonen?», «… i denne undersøkelsen?»
        return True
    return bool(base) and _refers_to(question, base)


# an age group named by a word («barnehagealder») needs no «i alderen» / «i aldersgruppen» before it
_NAMED_AGE_AFTER = re.compile(r"\bi\s+(?:alderen|aldersgruppen)\s+(\w+alder(?:en)?)\b", re.IGNORECASE)
_SPAN_AGE_AFTER = re.compile(r"\bi\s+(?:alderen|aldersgruppen)\s+(?=(?:mellom|under|over|fra)\s)", re.IGNORECASE)


_RELATIVE_YEAR = re.compile(r"\båret\s+(etter|før)\b", re.IGNORECASE)


def _absolute_years(question: str, base: str) -> str:
    """«Og året etter?» after a question about 2020 -> «Og 2021?» (only when ``base`` names one year)."""
    years = set(YEAR.findall(base))
    if len(years) != 1:
        return question
    year = int(next(iter(years)))

    def sub(m: re.Match[str]) -> str:
        return str(year + 1 if m[1].lower() == "etter" else year - 1)

    return _RELATIVE_YEAR.sub(sub, question)


# How a question was rewritten: not at all, by swapping slot words in place, by adding words, or
# only trimmed of its opener (a question of its own after «Og …»).
ALONE, SWAPPED, ADDED, OWN = "alone", "swapped", "added", "own"


def _rewrite(question: str, base: str) -> tuple[str, str]:
    """(query, how): ``question`` resolved against the earlier query ``base``; ``how`` is ALONE,
    SWAPPED (``base`` with slot words swapped in place) or ADDED (words appended to a query)."""
    if not is_follow_up(question, base):
        return question, ALONE
    question = _absolute_years(question, base)
    words = lower_words(question)
    new = slot_words(question)
    asked_ages, earlier_ages = age_phrases(question), age_phrases(base)
    # «Og 16-19 år?» asks for another age group, not a new topic (a named one, «grunnskolealder», may be)
    in_ages = set(lower_words(" ".join(a for a in asked_ages if any(c.isdigit() for c in a))))
    content = [w for w in _content_words(question) if w not in in_ages]
    compare = any(w.startswith(("sammenlign", "forhold")) for w in words) or "enn" in words[1:]
    opener = _opener(words)
    phrase_words = WORD.findall(question)[len(opener.split()):] if opener else []
    rest = bool(opener) and opener.split()[-1] in _FILLER  # «Hva med resten av …»
    if (opener and content and not new and phrase_words
            and (rest or phrase_words[0].lower() in _FILLER or phrase_words[0].lower() in _GROUP_PREPOSITIONS
                 or phrase_words[0].lower() in _CONDITIONS)):
        # «Og for barna i grunnskolealder?», «Og i resten av befolkningen?»: the same measure for
        # another group the slots do not know; the earlier query with the group added keeps it.
        # «Og hvis man bruker nasjonale inntektsgrenser?»: the same measure, measured otherwise
        phrase = _OTHER.sub("", ("resten " if rest else "") + " ".join(phrase_words))
        return f"{base.rstrip(' ?.!')} {phrase}", ADDED
    if opener and content and not new:
        # «Hva med vold fra andre ungdommer?»: a new topic in the frame and slots of the old one
        frame = _frame(base)
        if phrase_words[0].lower() in _QUESTION_WORDS:  # «Og hvor mange av dem …»: its own frame
            frame = ""
            phrase_words = [w for w in WORD.findall(question)]
            while phrase_words and phrase_words[0].lower() in _CONNECTIVES:
                phrase_words = phrase_words[1:]
        kept = [w for name in ("gender", "parent", "background", "level", "place", "year")
                for w, _ in slot_words(base).get(name, [])]
        if _ANAPHORA.intersection(w.lower() for w in phrase_words):  # «hvor mange av dem …»: them = the
            kept = _content_words(base) + kept  # earlier topic
        elif not frame and len(_content_words(" ".join(phrase_words))) >= 3:
            # «Og hvor mange har sett en voksen hjemme slå søsknene sine?»: a question of its own
            return " ".join(phrase_words), OWN
        phrase = " ".join(phrase_words)
        return " ".join([frame, phrase, *(k for k in dict.fromkeys(kept) if k.lower() not in words)]).strip(), ADDED
    query, how = base, SWAPPED
    if asked_ages and len(earlier_ages) == 1 and not compare:  # «Og barna i barnehagealder?» after
        query = replace_word(query, earlier_ages[0], asked_ages[0])  # «6–15 år»: swapped like a year
        query = _NAMED_AGE_AFTER.sub(r"i \1", query)  # «i alderen barnehagealder» reads «i barnehagealder»
        query = _SPAN_AGE_AFTER.sub("", query)  # «i alderen mellom 16 og 19 år» reads «mellom 16 og 19 år»
        new = {k: v for k, v in new.items() if not any(w.lower() in asked_ages[0].lower() for w, _ in v)}
    if ALL.intersection(words):  # «Og for alle ungdomsskoleelevene?»: no longer only the girls
        for name in GROUP_SLOTS:
            if name not in new:
                query = drop(query, name)
    for name in ("gender", "parent", "background", "level", "place", "year"):
        if name in new:
            query, added = (append_words(query, new[name]), True) if compare else swap(query, name, new[name])
            how = ADDED if added else how
    age = [a for a in age_phrases(question) if a.lower() not in query.lower()]  # «… av dem er under 30 år?»
    in_age = set(lower_words(" ".join(age)))
    extra = [w for w in words
             if (w in _REQUEST or w in content) and w not in _SKIP and w not in lower_words(query) and w not in in_age]
    if extra or age:
        query, how = f"{query.rstrip(' ?.!')} {' '.join(extra + age)}", ADDED
    return query, how


_FRAME = re.compile(r"^(hvor (?:mange|stor(?:e)? andel|mye|stor)|hva|hvilke|hvordan|hvorfor)\b",
                    re.IGNORECASE)


def _frame(base: str) -> str:
    """The question frame of the earlier query («Hvor mange», «Hvor stor andel»), "" if none."""
    m = _FRAME.match(base.strip())
    return m.group() if m else ""


@dataclass(frozen=True)
class Rewrite:
    """A question resolved against the conversation.

    ``question`` is what the user is shown («Søkte etter»): plain Norwegian, the question itself
    when it stands alone. ``search`` is the text searched: the same, or the earlier query with the
    follow-up's slots swapped in and its words (and the report's words for a group) appended.
    """

    question: str
    search: str
    own: str = ""  # the follow-up as asked, a year relative to the earlier one made absolute («Og 2021?»)
    # the earlier turn's search, for a question searched alone after it that refers back
    # (``refers_back``): the conversation's topic, which steers the search without being merged into
    # the question («Hvorfor har veksten bremset opp?» after «Vokser folketallet i Bærum like mye som
    # før?»). "" for a first question and for one with a topic of its own.
    context: str = ""
    topic: str = ""  # … and that turn as the user was shown it, plain Norwegian («Søkt i sammenheng med»)

    @property
    def asked_now(self) -> str:
        """What the user asks in this turn: «Og året etter?» after 2020 names 2021 as much as «Og 2021?»."""
        return self.own or self.question


_ASKS = frozenset({"hva", "hvor", "hvem", "hvilke", "hvilken", "hvilket", "hvordan", "hvorfor", "når",
                   "kan", "er", "har", "finnes", "gjelder", "blir", "var", "hadde", "ble", "får"})


def _as_sentence(text: str) -> str:
    """``text`` ending in «?» (a question) or «.», so another sentence can follow it."""
    text = text.strip()
    if text.endswith(("?", ".", "!")):
        return text
    words = lower_words(text)
    return text + ("?" if words and words[0] in _ASKS else ".")


def _step(question: str, earlier: Rewrite | None) -> Rewrite:
    """Resolve one turn against the turns before it (``earlier``, None for the first)."""
    if earlier is None:
        return Rewrite(question, question)
    search, how = _rewrite(question, earlier.search)
    if how == ALONE:
        if not refers_back(question):
            return Rewrite(question, question)
        return Rewrite(question, question, context=earlier.search, topic=earlier.question)
    own = _absolute_years(question, earlier.search)
    if how == OWN:  # nothing of the earlier turns is searched: show the question as asked
        return Rewrite(question, search, own)
    shown, shown_how = _rewrite(question, earlier.question)
    if how == SWAPPED and shown_how == SWAPPED and shown != earlier.question:
        return Rewrite(shown, search, own)  # the earlier question, another group/place/year
    # words were added to the query: show the earlier question and the follow-up as asked
    return Rewrite(f"{_as_sentence(earlier.question)} {question.strip()}", search, own)


def rewrite(question: str, history: Sequence[str]) -> Rewrite:
    """``question`` asked after ``history`` (oldest first), as the question shown and the query
    searched. A question that is not a follow-up is both, unchanged.

    Example:
        >>> r = rewrite("Enn innvandrerne?", ["Hvor mange unge i Bærum er utenfor arbeid?"])
        >>> r.question
        'Hvor mange unge i Bærum er utenfor arbeid? Enn innvandrerne?'
        >>> r.search
        'Hvor mange unge i Bærum er utenfor arbeid innvandrerne innvandrere innvandrerbakgrunn'
    """
    earlier: Rewrite | None = None
    for turn in history:
        if turn.strip():
            earlier = _step(turn.strip(), earlier)
    return _step(question, earlier) if earlier is not None else Rewrite(question, question)


def rewrite_query(question: str, history: Sequence[str]) -> str:
    """The standalone query to search with for ``question`` asked after ``history`` (oldest first).

    A question that is not a follow-up is returned unchanged.

    Example:
        >>> rewrite_query("Og jentene?", ["Hvor mange gutter på videregående føler seg trygge?"])
        'Hvor mange jenter på videregående føler seg trygge?'
    """
    return rewrite(question, history).search
