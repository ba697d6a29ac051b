"""What form of answer a question asks for, read from how Norwegian questions are put.

``definition`` («Hva betyr …», «Hva menes med …», «Hvordan defineres …»), ``why`` («Hvorfor …»,
«Hva er grunnen til …»), ``how`` («Hvordan …»), ``example`` («Kan du gi eksempler på …», «Nevn
noen …»), ``list`` («Hvilke …», «Hva er de … målene»), ``overview`` («Hva sier rapporten om …»,
«Hva er de viktigste …», «Fortell kort om …»), ``comparison`` («Er det forskjell på …»), ``figure``
(«Hvor mange …», ``reading.text.is_figure_question``) or ``fact`` (anything else: «Hvem …», «Når
…», «Hva er …» about a thing). The evidence stage prefers the sentences that give that form of
answer; the composer shapes the answer by it. ``asked_thing`` reads what a definition question asks to
have explained.
"""

from __future__ import annotations

import re

from assistant.reading.quantities import asked_detail
from assistant.reading.text import content_terms, is_figure_question, terms

FORMS = ("figure", "definition", "why", "how", "example", "list", "overview", "comparison", "fact")

_OVERVIEW = re.compile(
    r"\b(?:hva\s+(?:sier|skriver|står\s+det\s+i)\s+(?:rapporten|kunnskapsgrunnlaget|dokumentet)"
    r"|hva\s+står\s+det\s+om|hva\s+vet\s+vi\s+om|hva\s+kjennetegner|hva\s+preger"
    r"|(?:fortell|si)\s+(?:meg\s+)?(?:litt\s+|kort\s+)?(?:om|hva)|oppsummer\w*|gi\s+(?:meg\s+)?(?:et|en)\s+"
    r"(?:overblikk|oversikt|oppsummering)|hva\s+er\s+(?:de\s+)?(?:viktigste|sentrale|største|hoved)\w*"
    r"|hvordan\s+(?:har|står\s+det\s+til\s+med|er\s+situasjonen|går\s+det\s+med)"
    r"|har\s+barn\s+og\s+unge\s+det)\b", re.IGNORECASE)
_EXAMPLE = re.compile(r"\beksemp(?:el|elet|ler|lene)\b|\bnevn\s+(?:noen|et|en|to|tre)\b|\bgi\s+(?:meg\s+)?noen\b"
                      r"|\bhva\s+slags\b", re.IGNORECASE)
_WHY = re.compile(r"^\W*(?:og\s+)?hvorfor\b|\bhva\s+(?:er|var)\s+(?:grunnen|årsaken|årsakene|begrunnelsen)\b"
                  r"|\bhva\s+(?:skyldes|kommer\s+(?:det|dette)\s+av)\b|\bhvordan\s+(?:kan\s+)?(?:det|dette)\s+"
                  r"forklares\b|\bhvorfor\b", re.IGNORECASE)
_DEFINITION = re.compile(r"^\W*(?:hva\s+(?:betyr|menes|innebærer|vil\s+det\s+si|står\s+\S+\s+for|er\s+"
                         r"definisjonen)|hvordan\s+(?:defineres|forstås|er\s+\S+(?:\s+\S+)?\s+definert)|"
                         r"definer|forklar\s+(?:begrepet|uttrykket))\b"
                         r"|\b(?:begrepet|uttrykket|definisjonen|defineres|definerer|kalles|regnes\s+som)\b"
                         r"|\bhva\s+er\s+.+\s+for\s+noe\b|^\W*(?:og\s+)?hva\s+(?:går|gikk)\s+.+\s+ut\s+på\b",
                         re.IGNORECASE)
_WHAT_IS = re.compile(r"^\W*hva\s+er\s+(?:en\s+|et\s+)?(?!det\b|de\b|den\b)[\wæøå-]+(?:\s+[\wæøå-]+)?"
                      r"(?:\s*,?\s+som\s+[^?]*)?\s*\?*\s*$",
                      re.IGNORECASE)  # «Hva er resiliens?», «Hva er indikert forebygging?»
_COMPARISON = re.compile(r"\b(?:forskjell\w*|skiller\s+\w+\s+seg|sammenlign\w*|sammenliknet|i\s+forhold\s+til"
                         r"|likt?\s+som|annerledes|versus|mer\s+enn|mindre\s+enn|oftere\s+enn|enn\s+(?:i\s+)?"
                         r"(?:landet|resten|norge|gutter|jenter|gutta|jentene|guttene))\b", re.IGNORECASE)
_LIST = re.compile(r"^\W*(?:og\s+)?hvilke\b|\bhvem\s+(?:er\s+de|regnes|inngår|omfattes)\b"
                   r"|\bhva\s+er\s+(?:de|dei)\s+\w+|\bhvilke\b|\bhva\s+(?:slags|inngår|omfatter)\b", re.IGNORECASE)
_HOW = re.compile(r"^\W*(?:og\s+)?hvordan\b|\bpå\s+hvilken\s+måte\b|\bhva\s+(?:gjør|kan|skal|bør)\s+"
                  r"(?:\w+\s+){0,3}(?:gjøre|for\s+å)\b", re.IGNORECASE)


def question_form(question: str) -> str:
    """One of ``FORMS`` for ``question``.

    >>> [question_form(q) for q in ("Hvorfor flytter folk ut?", "Hva betyr utenforskap?",
    ...                             "Kan du gi eksempler på tiltak?", "Hva sier rapporten om mobbing?")]
    ['why', 'definition', 'example', 'overview']
    """
    text = question.strip()
    if is_figure_question(text):
        return "figure"
    for form, pattern in (("why", _WHY), ("example", _EXAMPLE), ("overview", _OVERVIEW),
                          ("definition", _DEFINITION)):
        if pattern.search(text):
            return form
    if _WHAT_IS.search(text):
        return "definition"
    for form, pattern in (("comparison", _COMPARISON), ("list", _LIST), ("how", _HOW)):
        if pattern.search(text) and not (form == "list" and asked_detail(text)):  # «I hvilke år …?» asks
            return form  # for years, not for a list of things
    return "fact"


_ASKS_TIME = re.compile(r"^\W*(?:og\s+)?(?:(?:siden|fra|til|frem\s+til|inntil)\s+)?(?:når|(?:i|fra|til)?\s*"
                        r"hvilke[nt]?\s+(?:år|årstall|dato|tiår|århundre|måned)|hvor\s+lenge\s+siden)\b", re.IGNORECASE)
_ASKS_NUMBER = re.compile(r"^\W*(?:og\s+)?hvor\s+(?:mange|gammel|gamle|stor|store|lang|lange|høy|høye|mye|langt|"
                          r"tung|dyp|bred|ofte|lenge)\b", re.IGNORECASE)
_ASKS_NAME = re.compile(r"^\W*(?:og\s+)?(?:hvem|hva\s+(?:het|heter|hette|kalles|ble\s+\S+\s+kalt))\b", re.IGNORECASE)
_ASKS_PLACE = re.compile(r"^\W*(?:og\s+)?(?:hvor(?!\s+(?:mange|mye|stor|lang|ofte|lenge|gammel|høy|godt))|"
                         r"(?:i|fra)\s+hvilke[nt]?\s+(?:land|by|fylke|kommune|sted|område|verdensdel))\b",
                         re.IGNORECASE)


def answer_type(question: str) -> str | None:
    """What kind of thing a factual question asks for: «time» («Når …», «I hvilket år …»), «number»
    («Hvor mange …», «Hvor gammel …»), «name» («Hvem …», «Hva heter …») or «place» («Hvor …», «I
    hvilket land …»); None for other questions."""
    for kind, pattern in (("time", _ASKS_TIME), ("number", _ASKS_NUMBER), ("name", _ASKS_NAME),
                          ("place", _ASKS_PLACE)):
        if pattern.search(question):
            return kind
    return None


# «Hva er (egentlig) et startlån (for noe)?», «Hva menes med …?», «Hva betyr …?», «Hva står … for?»
# The thing ends where a relative clause or a second question begins: «Hva er KOMPAS som brukes i
# befolkningsprognosen?», «Hva menes med «Oslo Origo», som …?», «Hva går X ut på, og hvem kan få det?»
# or where the question points at its context: «Hva betyr resiliens i denne sammenhengen?», «… i rapporten?»
_THING_END = (r"(?:\s+(?:i\s+(?:denne|dette)\s+[\wæøå]+|i\s+(?:rapporten|kunnskapsgrunnlaget|dokumentet|planen)|her))?"
              r"(?:\s*,?\s+som\s+[^?]*|\s*,\s*(?:og|eller|men)\s+[^?]*)?")
_ASKS_WHAT = re.compile(r"^\W*(?:og\s+)?hva\s+(?:er|betyr|menes\s+med|innebærer|står)\s+(?:egentlig\s+)?"
                        r"(?:begrepet\s+|uttrykket\s+)?(?:en\s+|et\s+|ei\s+)?(?!de\b|den\b|det\b)(?P<thing>[^?,]+?)"
                        rf"(?:\s+for(?:\s+noe|\s+noen)?)?{_THING_END}\s*\?*\s*$", re.IGNORECASE)
# «Hva går COS-kurset ut på?»: what a thing involves, asked the way Norwegian asks it
_ASKS_INVOLVES = re.compile(r"^\W*(?:og\s+)?hva\s+(?:går|gikk)\s+(?:egentlig\s+)?(?:en\s+|et\s+|ei\s+)?"
                            r"(?!de\b|den\b|det\b)(?P<thing>[^?,]+?)\s+(?:egentlig\s+)?ut\s+på"
                            rf"{_THING_END}\s*\?*\s*$",
                            re.IGNORECASE)
# «Hvordan fungerer aktivitetskortet (i praksis)?», «Hvordan foregår et COS-kurs?»: how a thing works, which a
# report that only names it among others does not tell
_ASKS_WORKINGS = re.compile(r"^\W*(?:og\s+)?hvordan\s+(?:fungerer|fungerte|virker|virket|foregår|foregikk|"
                            r"arter\s+seg)\s+(?:egentlig\s+)?"
                            r"(?:en\s+|et\s+|ei\s+)?(?!de\b|den\b|det\b|dette\b)(?P<thing>[^?,]+?)"
                            r"(?:\s+i\s+praksis)?\s*(?:[?,].*)?$", re.IGNORECASE)
# «Kan du gi eksempler på frivillige organisasjoner som kommunen samarbeider med?»: what examples are asked of
_ASKS_EXAMPLES = re.compile(r"^\W*(?:og\s+)?(?:kan\s+du\s+)?(?:gi|nevne|nevn)\s+(?:meg\s+)?"
                            r"(?:noen\s+|et\s+|to\s+|tre\s+)?eksempl?(?:el|er)\s+på\s+(?:en\s+|et\s+|ei\s+)?"
                            r"(?!de\b|den\b|det\b|dette\b|hva\b|hvordan\b)"
                            rf"(?P<thing>[^?,]+?){_THING_END}\s*\?*\s*$", re.IGNORECASE)
MAX_THING = 3  # stems: a name or a term, not a clause


# Nouns that name a relation («hensikten med X», «årsaken til X»): the relation alone names nothing, and
# «Hva er oppgavene til en barnekoordinator?» asks about a thing the report must say more about than its
# name (``relation_thing``; the thing named only in passing is a near miss, ``evidence.passing``).
RELATION_NOUNS = (r"hensikt(?:en)?|formål(?:et)?|mål(?:et)?|årsak(?:en|ene)?|grunn(?:en)?|bakgrunn(?:en)?|"
                  r"begrunnelse(?:n)?|konsekvens(?:en|ene)?|effekt(?:en)?|betydning(?:en)?|rolle(?:n)?|"
                  r"oppgave(?:n|ne)?|ansvar(?:et)?")
RELATION = re.compile(rf"\b({RELATION_NOUNS})\s+(?:med|til|for|av|bak|på)\b", re.IGNORECASE)
_ASKS_RELATION = re.compile(rf"^\W*(?:og\s+)?hva\s+er\s+(?:egentlig\s+)?(?:{RELATION_NOUNS})\s+"
                            r"(?:med|til|for|av|bak|på)\s+(?:en\s+|et\s+|ei\s+)?(?P<thing>[^?]+?)\s*\?*\s*$",
                            re.IGNORECASE)


def relation_thing(question: str) -> frozenset[str]:
    """The stems of what a question on a relation asks about («Hva er formålet med aktivitetskortet?»:
    «aktivitetskort»); empty for other questions."""
    return _thing(_ASKS_RELATION.match(question))


def working_thing(question: str) -> frozenset[str]:
    """The stems of the thing a question asks how it works («Hvordan fungerer aktivitetskortet?»);
    empty for other questions."""
    return _thing(_ASKS_WORKINGS.match(question))


def example_thing(question: str) -> frozenset[str]:
    """The stems of what a question asks examples of («Kan du gi eksempler på frivillige organisasjoner
    …?»: «frivill», «organisasjon»); empty for other questions."""
    return _thing(_ASKS_EXAMPLES.match(question))


def asked_thing(question: str) -> frozenset[str]:
    """The stems of the thing a question asks to have explained («Hva er aktivitetskortet?»);
    empty for other questions."""
    return _thing(_ASKS_WHAT.match(question) or _ASKS_INVOLVES.match(question))


_ASKS_MEANING = re.compile(r"^\W*(?:og\s+)?hva\s+(?:betyr|menes\s+med|innebærer|vil\s+det\s+si)\b"
                           r"|\bfor\s+noe\s*\?*\s*$", re.IGNORECASE)


def meant_word(question: str) -> frozenset[str]:
    """When ``question`` asks what a word means («Hva betyr …», «Hva menes med …», «Hva er … for
    noe?»), the stems of the last word of what it asks about, the noun the other words narrow («Hva
    menes med ungt utenforskap?»: «utenforskap»); empty for other questions. «Hva er X?» is not such
    a question: it may ask who or what X is, which a text tells by using the name."""
    m = _ASKS_WHAT.match(question)
    asks = m and _ASKS_MEANING.search(question) and _thing(m)
    words = [terms(w) for w in re.findall(r"[\wæøå-]+", m.group("thing"))] if asks else []
    return next((frozenset(w) for w in reversed(words) if w), frozenset())  # «… «hele laget» der?»


# «Hva betyr …», «Hva menes med …», «Hvordan defineres …»: the verb that asks for a definition
_DEFINING_VERB = re.compile(r"^\W*(?:og\s+)?(?:hva\s+(betyr|menes|innebærer)|"
                            r"hvordan\s+(?:blir\s+)?(defineres|definert|forstås))\b", re.IGNORECASE)


def defining_verb(question: str) -> frozenset[str]:
    """The stems of the verb with which ``question`` asks what something means («betyr» in «Hva betyr
    utenforskap?»): it names the form of the answer, not what the answer is about."""
    m = _DEFINING_VERB.match(question)
    return frozenset(terms(m.group(1) or m.group(2))) if m else frozenset()


def _thing(m: re.Match | None) -> frozenset[str]:
    """The stems of a match's «thing», when they name a name or a term (``MAX_THING``), not a clause."""
    thing = frozenset(terms(m.group("thing"))) if m else frozenset()
    return thing if len(thing) <= MAX_THING else frozenset()


# «Hva handler rapporten om?», «Oppsummer kunnskapsgrunnlaget», «Hva er formålet med dokumentet?»: the
# question names the document by what it is and asks nothing narrower than the whole of it
_SELF = re.compile(r"\b(?:rapport(?:en)?|dokument(?:et)?|kunnskapsgrunnlag(?:et)?)\b", re.IGNORECASE)
_WHOLE = frozenset(terms("rapport rapporten dokument dokumentet kunnskapsgrunnlag kunnskapsgrunnlaget dette denne "
                         "hele handler hensikt hensikten formål formålet mål målet oppsummer oppsummering "
                         "oppsummere kort innhold inneholder tema temaer hovedpunkter hovedtrekk oversikt "
                         "overblikk beskriv beskriver dreier laget skrevet utarbeidet hvorfor"))


def asks_about_document(question: str) -> bool:
    """Does ``question`` ask about the document as a whole (what it is, what it is for, what it says
    overall), naming it as «rapporten», «dokumentet» or «kunnskapsgrunnlaget» and nothing narrower?

    >>> [asks_about_document(q) for q in ("Hva handler rapporten om?", "Hva sier rapporten om mobbing?")]
    [True, False]
    """
    return (bool(_SELF.search(question)) and answer_type(question) is None  # not «Hvem har laget …»
            and not (content_terms(question) - _WHOLE))


# «Hva står i kapittel 8?», «Oppsummer delkapittel 5.2.3», «Hva handler 6.1 om?»: the question names a
# part of the document and asks nothing narrower than the whole of it
_SECTION = re.compile(r"\b(?:kapittel|kapitlet|kapitel|kap\.|delkapittel(?:et)?|avsnitt(?:et)?|seksjon(?:en)?)\s*"
                      r"(\d{1,2}(?:\.\d{1,2}){0,3})\b|(?<![\d,.])(\d{1,2}\.\d{1,2}(?:\.\d{1,2}){0,2})(?![\d,]|\.\d)",
                      re.IGNORECASE)
_PART = frozenset(terms("kapittel kapitlet kapitel kap delkapittel delkapitlet avsnitt avsnittet seksjon seksjonen "
                        "står sier tar for seg innholdet oppsummering"))


def requested_section(question: str) -> str | None:
    """The section number a question asks to have summed up («Hva står i kapittel 8?» → «8»), or
    None (no section named, or a question about something in it: «Hva sier kapittel 6 om
    lavinntekt?»).

    >>> [requested_section(q) for q in ("Hva handler kapittel 6 om?", "Hva sier kapittel 6 om lavinntekt?")]
    ['6', None]
    """
    m = _SECTION.search(question)
    return (m.group(1) or m.group(2)) if m and _asks_only_for(question, m, _PART) else None


def named_section(question: str) -> str | None:
    """The section a question names as one («Hva sier kapittel 6 om lavinntekt?» → «6»), or None. A
    bare «3.1» among other words may be anything else (a version, a score)."""
    m = _SECTION.search(question)
    return m.group(1) if m else None


# «Hva står på side 12?», «Hva sier s. 17 om trangboddhet?»: a printed page
_PAGE = re.compile(r"\b(?:side|sidene|s\.)\s*(\d{1,3})\b(?!\s*(?:prosent|%))", re.IGNORECASE)
_ON_PAGE = frozenset(terms("side sidene")) | _PART


def named_page(question: str) -> int | None:
    """The printed page a question names («… på side 12?» → 12), or None."""
    m = _PAGE.search(question)
    return int(m.group(1)) if m else None


def requested_page(question: str) -> int | None:
    """The page a question asks to have summed up («Hva står på side 12?»), or None (no page named,
    or a question about something on it)."""
    m = _PAGE.search(question)
    return int(m.group(1)) if m and _asks_only_for(question, m, _ON_PAGE) else None


def _asks_only_for(question: str, m: re.Match, framing: frozenset[str]) -> bool:
    """Does ``question`` ask for nothing but the part ``m`` names (its other words only frame it)?"""
    return not content_terms(question[:m.start()] + " " + question[m.end():]) - _WHOLE - framing
