"""Quantities in a sentence: the figures a politician asks for, as the report writes them.

A quantity is a number with its unit («56 prosent», «29 495», «150 ulike nasjonaliteter») or a
number word («ti prosent», «fire hovedmål», «halvparten», «halvert», «tre–fire ganger»). Not
quantities: years, ages and age ranges («16-19 år», «0-åringer»), grades («5.-7. trinn»), dates,
durations, references («figur 17», «NOU 2019: 3»), list numbers and numbers inside a parenthesis
that explains something («(inntekt under 60 prosent …)»). Abstention, sentence choice and the
answer's lead all use this one definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.reading.numbers import extract_numbers

UNIT = re.compile(
    r"\s*((?:(?:ulike|forskjellige|nye|flere)\s+)?(?:prosent(?:poeng)?|%|barn(?:\s+og\s+unge)?|personer|"
    r"innbyggere|innvandrere|nasjonaliteter|elever|unge|ungdommer|kroner|husholdninger|familier|kvm"
    r"|kvadratmeter))"
    r"(?![\wæøå])", re.IGNORECASE)
# Units of time, as stems: «18 minutter», «tre timer», «to døgn» are durations, not counts.
_TIME = r"(?:time|dag|døgn|uke|måned|år|minutt|sekund(?!ær))"
_NOT_A_QUANTITY = re.compile(
    r"(?:\s*(?:(?:og|til|-|–)\s*\d+\s*år\b|år\b|\.?\s*-?\s*(?:trinn\w*|klass\w*|vgs)\b|\.\s*\d|\.\s*(?:januar|"
    r"februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b"
    r"|(?:eller\s+(?:flere|fler)\s+)?ganger\b(?!\s+(?:så|flere|høyere|større|mer)\b)"
    r"|»?\s*gang\b|\.-|(?:eller\s+(?:mer|flere|fler)\s+)?" + _TIME + r"\w*|\.-\s*\d)|-?\s*åring)",
    re.IGNORECASE)
_REFERENCE = re.compile(r"(?:\b(?:figur|tabell|kapittel|nr\.?|St\.|NOU\s+\d{4}\s*:|side|s\.)\s*|\d\s*:\s*)$",
                        re.IGNORECASE)
YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_YEARS = re.compile(r"(?:19[5-9]\d|20[0-4]\d)(?:\s*[-–]\s*(?:19[5-9]\d|20[0-4]\d))?")  # 2022, 2019-2022
# An older year is a year where a preposition of time comes before it or a year range follows it
# («i 1809», «fra 1848–1934»); elsewhere a four-digit number may count something («1500 elever»).
_OLD_YEAR = re.compile(r"1\d\d\d|20\d\d")
_BEFORE_YEAR = re.compile(r"\b(?:i|fra|til|siden|før|etter|innen|frem\s+til|fram\s+til|året|våren|sommeren|"
                          r"høsten|vinteren)\s+$", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"\s*[-–]\s*(?:1\d\d\d|20\d\d)\b")
BASELINE = re.compile(r"\b(?:fra|siden|før)\s+(?:\S+\s+){0,2}\(?$", re.IGNORECASE)  # «fra 2014 (10 prosent)»
# Number words that state a figure. «en», «ett» and «to» are too often something else, so «to» counts
# only before a unit; fractions and multiples count on their own.
_CARDINAL = (r"tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|"
             r"atten|nitten|tjue|tretti|førti|femti|seksti|sytti|åtti|nitti|hundre|tusen")
_WORD_QUANTITY = re.compile(
    r"\b(?:(?:" + _CARDINAL + r")(?:\s*[–-]\s*(?:" + _CARDINAL + r"))?(?=\s+(?!" + _TIME + r"|"
    r"ganger\s+i\b)[\wæøå])(?:\s+(?:prosent|ganger|av\s+\w+))?"
    r"|to\s+(?:prosent|ganger|av\s+\w+)"
    r"|(?:hundre|tusen|titusen|hundretusen)(?:vis|er)(?=\s+av\b)"  # «tusener av fisk», «hundrevis av barn»
    r"|(?:over\s+|under\s+|nesten\s+)?halvparten|halvert|doblet|tredoblet|(?:en\s+)?tredjedel|(?:en\s+)?fjerdedel"
    r"|dobbel(?:t)?\s+så\s+\w+)\b", re.IGNORECASE)


_AGES = re.compile(r"\b(?:(?:mellom\s+)?(\d{1,2})\s*(?:-|–|og|til)\s*(\d{1,2})\s*(?:år|-?åring\w*)"
                   r"|(under|over|yngre\s+enn|eldre\s+enn|ikke\s+(?:har\s+)?fylt)\s+(\d{1,2})"
                   r"(?:\s*år|(?![\d,.%]|\s*(?:prosent|promille|million\w*|milliard\w*|tusen|kroner|kr\b|"
                   r"personer|ganger|timer|minutter|dager|uker|måneder))))\b",  # «over 16 millioner» counts
                   re.IGNORECASE)


# ages named by the school they go with, as the report gives them («barn i barnehagealder (1-5 år)»,
# «aldersgruppene (0-5 år, 6-15 år og 16-19 år)»)
_NAMED_AGES = {"barnehagealder": "1-5", "grunnskolealder": "6-15", "skolealder": "6-15", "nyfødt": "0-0"}
_NAMED_AGE = re.compile(r"\b(barnehagealder|grunnskolealder|skolealder|nyfødt)(?:en|e)?\b", re.IGNORECASE)
_ONE_AGE = re.compile(r"\b(\d{1,2})-åring\w*", re.IGNORECASE)  # «Antall 0-åringer»


_AGES_BEFORE_ONE = re.compile(r"\d\s*(?:-|–|og|til)\s*$")  # «18–24-åringene» is a range, not «24-åringene»


def ages(text: str) -> frozenset[str]:
    """The age groups ``text`` names: «25-34» for «mellom 25 og 34 år», «0-17» for «under 18 år»
    and for «yngre enn 18» or «ikke fylt 18», «over 18» for «over 18 år», «18-24» for «18–24-åringene»
    (a question may leave out «år»), «6-15» for «grunnskolealder»."""
    out = set()
    for m in _AGES.finditer(text):
        if m[1]:
            out.add(f"{int(m[1])}-{int(m[2])}")
        elif m[3].lower().startswith(("under", "yngre", "ikke")):
            out.add(f"0-{int(m[4]) - 1}")
        else:
            out.add(f"over {int(m[4])}")
    out.update(_NAMED_AGES[m[1].lower()] for m in _NAMED_AGE.finditer(text))
    out.update(f"{int(m[1])}-{int(m[1])}" for m in _ONE_AGE.finditer(text) if not _AGES_BEFORE_ONE.search(text, 0, m.start()))
    return frozenset(out)


def age_phrases(text: str) -> list[str]:
    """The words that name an age group in ``text`` («under 30», «mellom 15 og 29 år»)."""
    return [m.group() for pattern in (_AGES, _NAMED_AGE, _ONE_AGE) for m in pattern.finditer(text)]


def ages_agree(asked: frozenset[str], said: frozenset[str]) -> bool:
    """Is a figure for the ``said`` age groups one for the ``asked`` ones? The same group, or
    groups that end at the same age, the told one inside the asked one («unge under 30» and «mellom
    15 og 29 år», but not «20–29 år» and «mellom 0 og 29 år»); asked 25-34 år,
    told 18-24 år is a near miss, and so is a figure that names no age group («129 874 innbyggere»
    for «Hvor mange 16–19-åringer bor i Bærum?»). Nothing asked agrees with anything."""
    if not asked or asked & said:
        return True
    return any(_inside(s, a) for a in asked for s in said)


def _inside(said: str, asked: str) -> bool:
    """Same last age, and the said group starts no earlier: «unge under 30» (0-29) is answered by
    «mellom 15 og 29 år», but «20–29 år» is not answered by «mellom 0 og 29 år»."""
    s_lo, _, s_hi = said.rpartition("-")
    a_lo, _, a_hi = asked.rpartition("-")
    if s_hi != a_hi:
        return False
    try:
        return int(s_lo) >= int(a_lo)
    except ValueError:  # «over 18»
        return True


def stated_years(sentence: str) -> frozenset[str]:
    """Years ``sentence`` states its figures for: not the start of a change («en økning fra 2019»);
    «stabilt på 6 prosent siden 2014» does state 2014, and so does «økning fra 2014 (10 prosent)»,
    which gives the figure for the year."""
    return frozenset(m.group() for m in YEAR.finditer(sentence)
                     if not _FROM.search(sentence, 0, m.start()) or _OWN_FIGURE.match(sentence, m.end()))


_FROM = re.compile(r"\bfra\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_OWN_FIGURE = re.compile(r"\s*\(\s*\d")  # «fra 2014 (10 prosent)»


# With ``every``: a duration («de siste 20 årene», «på bare 6 år») or a frequency («minst 3 ganger i
# uken», «hvert fjerde år») answers «Hvor lenge …?» and «Hvor ofte …?», and nothing else.
_DURATION = re.compile(r"\s*(?:eller\s+(?:mer|flere|fler)\s+)?" + _TIME + r"\w*", re.IGNORECASE)
_FREQUENCY = re.compile(r"\s*ganger?\s+(?:i|per|pr\.?|om|hver)\s+(?:uka|uken|måneden|året|døgnet|dagen|uke|måned|år)\b",
                        re.IGNORECASE)
_WORD_FREQUENCY = re.compile(r"\b(?:(?:frem|fram)\s+til\s+(?:19|20)\d\d|[Ss]iden\s+(?:19|20)\d\d|hvert?\s+(?:(?:annet|andre|tredje|fjerde|femte)\s+)?(?:år|måned|uke|dag|døgn)"
                             r"|annethvert\s+år|årlig|daglig|ukentlig|månedlig)\b", re.IGNORECASE)
_WORD_DURATION = re.compile(r"\b(?:to|" + _CARDINAL + r")\s+(?:år|årene|måneder|månedene|uker|ukene|døgn|dager|dagene|timer|timene|minutter|minuttene|sekunder|"
    r"års|måneders|ukers|døgns|dagers|timers|minutters|sekunders)\b", re.IGNORECASE)
_RATIO = re.compile(r"ganger|dobbel|halvert|doblet|tredoblet", re.IGNORECASE)
_SHARE = re.compile(r"prosent|%|halvparten|tredjedel|fjerdedel|\bav\b", re.IGNORECASE)
KINDS = ("share", "count", "ratio", "duration", "frequency", "since")  # «siden 2016» answers «Hvor lenge har …»


@dataclass(frozen=True)
class Quantity:
    start: int  # offset in the sentence
    end: int  # end of the number and its unit
    text: str  # «56 prosent», «ti prosent», «halvparten»
    baseline: bool  # «økning fra 5,4 prosent»: the earlier value of a change
    kind: str = "count"  # one of KINDS
    change: bool = False  # the size of a change: «en 65 prosent økning», «økt med 884 personer»


# A figure that is the size of a change, not a level: «en 65 prosent økning», «en økning på 8,1
# prosent», «har økt med 884 personer» (but «økt fra 1,6 til 2,6 prosent» states two levels).
_CHANGES = r"(?:økning|nedgang|vekst|oppgang|reduksjon|stigning|endring)(?:en)?"
_CHANGE_AFTER = re.compile(rf"\s+(?:prosents?\s+)?{_CHANGES}\b", re.IGNORECASE)
_CHANGED = r"(?:økt|økte|steget|steg|sunket|sank|falt|redusert|vokst|gått\s+(?:ned|opp)|gikk\s+(?:ned|opp))"
_CHANGE_BEFORE = re.compile(rf"\b(?:{_CHANGES}\s+på|{_CHANGED}\s+med)\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE)
# «har falt nær 95 prosent», «økte 39 prosent», «er halvert»: a verb of change with its size, or a ratio
_CHANGED_BY = re.compile(rf"\b{_CHANGED}\s+(?:[^\W\d]+\s+){{0,2}}\d|\b(?:halvert|doblet|tredoblet|firedoblet)\b",
                         re.IGNORECASE)


def _kind(text: str) -> str:
    return "ratio" if _RATIO.search(text) else "share" if _SHARE.search(text) else "count"


def quantities(sentence: str, explanations: bool = False, every: bool = False) -> list[Quantity]:
    """The quantities of ``sentence`` in order (see the module docstring); with ``explanations``
    also those inside an explaining parenthesis («(spørsmål er kun stilt til 90 prosent …)»), with
    ``every`` also durations and frequencies."""
    out, cursor = [], 0
    for number in extract_numbers(sentence):
        at = sentence.find(number, cursor)
        if at < 0:
            continue
        cursor = end = at + len(number)
        if _YEARS.fullmatch(number) or _REFERENCE.search(sentence, 0, at) or _old_year(sentence, number, at, end):
            continue
        if _LIST_ITEM.match(sentence, end) and _LIST_BEFORE.search(sentence, 0, at):  # «følgende: 1. Antall»
            continue
        if not explanations and _in_explanation(sentence, at):
            continue
        baseline = bool(BASELINE.search(sentence, 0, at))
        if _NOT_A_QUANTITY.match(sentence, end):
            special = every and (_FREQUENCY.match(sentence, end) or _DURATION.match(sentence, end))
            if special and not _is_age(sentence, at, end, number):
                kind = "frequency" if _FREQUENCY.match(sentence, end) else "duration"
                out.append(Quantity(at, special.end(), sentence[at:special.end()], baseline, kind))
            continue
        unit = UNIT.match(sentence, end)
        stop = unit.end() if unit else end
        change = bool(_CHANGE_AFTER.match(sentence, stop) or _CHANGE_BEFORE.search(sentence, 0, at))
        out.append(Quantity(at, stop, sentence[at:stop], baseline, _kind(sentence[at:stop]), change))
    for m in _WORD_QUANTITY.finditer(sentence):
        out.append(Quantity(m.start(), m.end(), m.group(), bool(BASELINE.search(sentence, 0, m.start())),
                            _kind(m.group())))
    if every:
        out += [Quantity(m.start(), m.end(), m.group(), False, "duration")
                for m in _WORD_DURATION.finditer(sentence)]
        out += [Quantity(m.start(), m.end(), m.group(), False,
                         "since" if m.group()[0] in "sS" else "duration" if m.group()[0] in "fF" else "frequency")
                for m in _WORD_FREQUENCY.finditer(sentence)]
    return sorted(out, key=lambda q: q.start)


def _old_year(sentence: str, number: str, at: int, end: int) -> bool:
    """«i 1809», «1848–1934»: a year before the report's decades, named as a year."""
    return bool(_OLD_YEAR.fullmatch(number) and (_BEFORE_YEAR.search(sentence, 0, at)
                                                  or _YEAR_RANGE.match(sentence, end)))


_LIST_ITEM = re.compile(r"\.\s+[A-ZÆØÅ]")
_LIST_BEFORE = re.compile(r"(?:^|[:,]|\bog|\beller)\s*$")


def _is_age(sentence: str, at: int, end: int, number: str) -> bool:
    """«16-19 år», «barn under 18 år», «10 år gamle»: an age, not a duration."""
    return bool("-" in number or re.match(r"\s*[-–]", sentence[end:]) or _AGE_AFTER.match(sentence, end)
                or _AGE_BEFORE.search(sentence, 0, at))


_AGE_BEFORE = re.compile(r"\b(?:under|over|mellom|alderen|aldersgruppen|og)\s+$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s*(?:år|åring)\w*\s+(?:gamle?|og\s+eldre|eller\s+eldre)|\s*-?\s*åring", re.IGNORECASE)


# A parenthesis that explains («(inntekt under 60 prosent …)», «(her definert som …)») opens with a word,
# not a figure («(20 prosent mot 29 prosent)»).
_EXPLANATION_OPENS = r"\(\s*[^\d\s(]"
EXPLANATION = re.compile(_EXPLANATION_OPENS + r"[^()]*\)")


def _in_explanation(sentence: str, at: int) -> bool:
    opened = sentence.rfind("(", 0, at)
    return opened > sentence.rfind(")", 0, at) and bool(re.match(_EXPLANATION_OPENS, sentence[opened:]))


# Questions that ask for a year, an age group or a school grade rather than a figure.
_ASKS_YEAR = re.compile(r"\b(?:hvilke[tn]?\s+år|i\s+hvilket\s+år|når|hvilken\s+periode|hvilket\s+tidsrom)\b",
                        re.IGNORECASE)
_ASKS_AGE = re.compile(r"\bhvilke[nt]?\s+(?:aldersgrupp\w*|alder\w*|aldre\w*)|\bhvor\s+gaml[ea]\b", re.IGNORECASE)
_ASKS_GRADE = re.compile(r"\bhvilke[nt]?\s+(?:klasse)?trinn\w*|\bhvilke[nt]?\s+klasse\w*", re.IGNORECASE)
_GRADE = re.compile(r"\b\d{1,2}\.\s*(?:[-–]\s*\d{1,2}\.)?\s*-?\s*(?:trinn|klass)", re.IGNORECASE)
_AGE_RANGE = re.compile(r"\b\d{1,2}\s*(?:-|–|til)\s*\d{1,2}\s*år\b", re.IGNORECASE)
# one age named as an age: «fra 8-års alder», «i 10 års alderen», «15 år gammel»
_AN_AGE = re.compile(r"\b\d{1,2}\s*-?\s*års?\s+alder\w*|\b\d{1,2}\s+år\s+(?:gammel|gamle)\b", re.IGNORECASE)


def asked_detail(question: str) -> str | None:
    """«year», «age» or «grade» when the question asks for one («Fra hvilket år …?», «Hvilken
    aldersgruppe …?», «Hvilket klassetrinn …?»), else None."""
    # the question word asks, not a later «når» that joins a clause («Hvor gamle er de … når det gjelder …?»)
    found = [(m.start(), name) for name, pattern in (("year", _ASKS_YEAR), ("age", _ASKS_AGE), ("grade", _ASKS_GRADE))
             if (m := pattern.search(question))]
    return min(found)[1] if found else None


_A_YEAR = re.compile(r"\bhvilke[tn]?\s+år\b", re.IGNORECASE)


def detail_required(question: str, detail: str) -> bool:
    """Can only a sentence that names the ``detail`` answer the question? «Fram til hvilket år …?» asks
    for a year and «Hvilken aldersgruppe …?» for an age group; «Når …?» asks for a time, which a text
    may give without a year («kl. 19.33», «i begynnelsen og slutten»)."""
    return detail != "year" or bool(_A_YEAR.search(question))


def states_detail(sentence: str, detail: str) -> bool:
    """Does ``sentence`` name a year, an age group or a grade (``detail``)?"""
    if detail == "year":
        return bool(YEAR.search(sentence))
    if detail == "age":
        return bool(ages(sentence) or _AGE_RANGE.search(sentence) or _AN_AGE.search(sentence))
    return bool(_GRADE.search(sentence))


def states_change(sentence: str) -> bool:
    """Does ``sentence`` state how much something changed: the size of a change («en 65 prosent
    økning», «økt med 884 personer», «har falt nær 95 prosent»), or the level it changed from («fra 1,6
    prosent i 2015 til 2,6 prosent»; «Det er en økning fra 5,4 prosent i 2013.», after the sentence
    with the level now)?"""
    return any(q.change or q.baseline for q in quantities(sentence, explanations=True)) or bool(
        _CHANGED_BY.search(sentence))
