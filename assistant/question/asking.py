"""What a question asks for, read from its words alone: its content stems, what it leaves out, the
kind of quantity that answers it, the thing it counts and the names it mentions.

``assistant.evidence.scoring`` scores sentences against these; nothing here looks at a passage except
``counts``, which tells whether a sentence counts the asked-for thing.
"""

from __future__ import annotations

import re

from assistant.question.thesaurus import plain
from assistant.reading.quantities import quantities
from assistant.reading.slots import GROUP_SLOTS, slot_values
from assistant.reading.text import FIGURE_CUES, content_terms, terms


def question_terms(question: str, query_used: str) -> frozenset[str]:
    """Content stems of the query actually searched (falls back to all its stems)."""
    query_used = plain(query_used)
    q = content_terms(query_used) or terms(query_used) or content_terms(plain(question))
    return frozenset(q - left_out_terms(query_used)) or frozenset(q)


def left_out_terms(query: str) -> frozenset[str]:
    """Content stems of what the user leaves out («uten å regne med norskfødte …», «når man ikke
    justerer for lokale inntektsgrenser»); a word also asked for elsewhere is not left out."""
    query = plain(query)
    out = content_terms(" ".join(m.group() for m in _LEFT_OUT.finditer(query)))
    return frozenset(out - terms(_LEFT_OUT.sub(" ", query)))


# «uten å regne med norskfødte barn av innvandrere»: what the user leaves out is no measure word
_LEFT_OUT = re.compile(r"\b(?:uten\s+(?:å\s+(?:regne|telle|justere)\s+(?:med|for)\s+)?|ikke\s+medregnet\s+|unntatt\s+|"
                       r"eksklusive\s+|ikke\s+(?:justerer|justert|regner\s+med|tar\s+med)\s+(?:for\s+)?)([^,.;?]+)",
                       re.IGNORECASE)


_HOW_OFTEN = re.compile(r"\bhvor\s+ofte\b", re.IGNORECASE)
_LENGE = re.compile(r"\bhvor\s+lenge\b", re.IGNORECASE)
_HOW_LONG = re.compile(r"\bhvor\s+lenge\b|\bhvor\s+mange\s+(?:år|måneder|uker|døgn|dager|timer|minutter|sekunder)\b",
                       re.IGNORECASE)
_ASKS_SHARE = re.compile(r"\bprosent\w*|\b(?:prosent)?andel(?:en|er|ene)?\b|\bhvor\s+stor\s+del\b", re.IGNORECASE)
_ASKS_COUNT = re.compile(r"\b(?:antall(?:et)?|tallet\s+på)\s+(?:\w+\s+){0,2}?(?:barn|unge|ungdommer|elever|personer|"
                         r"innbyggere|innvandrere|familier|husholdninger|jenter|gutter)\b"
                         r"|\bi\s+(?:antall|antall\s+\w+|tall|rene\s+tall)\s*\W*$"  # «…, i antall?»
                         r"|\bantallet\s*\W*$", re.IGNORECASE)  # «… – ikke andelen, men antallet?»
# «ikke andelen», «ikke i prosent»: a kind the question says it does not ask for
_NOT_KIND = re.compile(r"\bikke\s+(?:i\s+)?(?:prosent\w*|(?:prosent)?andel(?:en|er|ene)?)\b", re.IGNORECASE)


def wanted_kinds(question: str) -> frozenset[str]:
    """The kinds of quantity (``assistant.reading.quantities.KINDS``) that answer a figure question:
    «Hvor ofte» a frequency, «Hvor lenge» a duration, «antallet barn» a count (a share is a near
    miss; so is a share for «…, i antall?»), «hvor stor andel» / «prosent» a share (not a count:
    «29 495 barn under 18 år» is no share of the inhabitants, nor «dobbelt så mange»)."""
    if _HOW_OFTEN.search(question):
        return frozenset({"frequency", "share", "count"})
    if _HOW_LONG.search(question):
        return frozenset({"duration", "since"} if _LENGE.search(question) else {"duration"})
    if _HOW_MUCH_MORE.search(question):  # «Hvor mye større er andelen jenter …» → «nesten dobbel så stor»
        return frozenset({"ratio", "share", "count"})
    if _ASKS_COUNT.search(question):
        return frozenset({"count"})
    if _ASKS_SHARE.search(_NOT_KIND.sub(" ", question)):
        return frozenset({"share"})
    if _HOW_MANY_PEOPLE.search(question):  # «Hvor mange elever …»: not «nesten dobbel så stor»
        return frozenset({"share", "count"})
    return frozenset({"share", "count", "ratio"})


_HOW_MUCH_MORE = re.compile(r"\bhvor\s+mye\s+(?:større|høyere|mer|vanligere|lavere|mindre|oftere)\b", re.IGNORECASE)
_HOW_MANY_PEOPLE = re.compile(r"\bhvor\s+mange\b(?!\s+(?:ganger|flere|færre))", re.IGNORECASE)
_HOW_MANY = re.compile(r"\bhvor\s+mange\s+(?:(?:forskjellige|ulike|nye|andre|flere)\s+)?([a-zæøå][\wæøå-]*)"
                       r"(?:\s+([a-zæøå][\wæøå-]*))?", re.IGNORECASE)
# Who a share is usually given for: «Hvor mange jenter …» is answered by «31 prosent av jentene».
_PEOPLE = re.compile(r"^(?:person|barn|unge|ungdom|elev|jent|gutt|innbygger|innvandrer|famili|husholdning|bæring|folk|"
                     r"voksn|menneske|foreld|student|deltaker|kvinn|menn|mann|prosent|flere|færre|av|i|på|som)",
                     re.IGNORECASE)
# Verbs that follow «hvor mange» («Hvor mange fullfører …»): no thing is counted.
_VERBS = frozenset("""fullfører fullførte deltar deltok trener bruker brukte mottar mottok bor bodde går gikk
    tror trodde mener svarer svarte opplever opplevde føler får fikk har hadde er var blir ble sier gjør
    jobber spiller ser tar kommer lever levde sliter rapporterer rapporterte oppgir mangler trives skal vil
    kan ønsker synes driver besøker benytter søker begynner slutter dropper faller velger strever røyker
    drikker vokser flytter dør føder gruer stresser""".split())


def preferred_kinds(question: str) -> tuple[str, ...]:
    """``wanted_kinds`` in the order they answer best: «Hvor mange barn …» is answered first by a
    count («3247 barn»), then by a share («12,4 prosent av barna»)."""
    kinds = wanted_kinds(question)
    order = ("count", "share") if _HOW_MANY_PEOPLE.search(question) else ("share", "count")
    return tuple(k for k in (*order, "ratio", "frequency", "duration", "since") if k in kinds)


def asked_noun(question: str) -> frozenset[str]:
    """Stems of what «Hvor mange X …» counts, people included («barn», «innvandrere»); empty for
    other questions. A figure of that thing answers better than one of another («129 874
    innbyggere» is no answer to «Hvor mange barn …»)."""
    part = _HOW_MANY_OF.search(question)  # «Og hvor mange av dem er barn?»: of those counted, the children
    if part:
        return frozenset(terms(part.group(1)))
    m = _HOW_MANY.search(question)
    if not m or m.group(1).lower() in _VERBS:
        return frozenset()
    return frozenset(terms(m.group(1)))


_HOW_MANY_OF = re.compile(r"\bhvor\s+mange\s+av\s+(?:dem|disse|de|dei|dette)\s+(?:er|var|blir|ble)\s+"
                          r"([a-zæøå][\wæøå-]*)", re.IGNORECASE)


def counted_unit(question: str, known=lambda stem: True) -> str | None:
    """The thing a «hvor mange X» question counts, when X is not people («bekymringsmeldinger»,
    «fritidsklubber», «nasjonaliteter»); its stem. None for shares and for people, also when an
    adjective the report uses (``known`` stem) comes first («fattige barn»); one it never uses
    («polske innvandrere») is counted, so only a sentence that counts it answers."""
    m = _HOW_MANY.search(question)
    if not m or _PEOPLE.match(m.group(1)) or m.group(1).lower() in _VERBS:
        return None
    if m[2] and len(m[2]) > 3 and _PEOPLE.match(m[2]) and all(known(t) for t in terms(m[1])):
        return None  # «Hvor mange fattige barn …»: an adjective the report uses, before people
    word = m.group(1)
    if (word.lower().endswith("e") and m[2] and len(m[2]) > 3 and not _PEOPLE.match(m[2])
            and m[2].lower() not in _VERBS and terms(m[2])):
        word = m[2]  # «Hvor mange utsatte grupper …»: the noun after the adjective is counted
    stems = terms(word)
    return next(iter(stems)) if len(stems) == 1 else None


_PROPER = re.compile(r"(?<=[\wæøå,;:]\s)[A-ZÆØÅ][a-zæøå]{2,}\b")


def proper_terms(question: str) -> set[str]:
    """Stems of names inside the question («innvandrere fra Polen»): a figure sentence must name them
    itself, not only the sentence before it."""
    return terms(" ".join(_PROPER.findall(question)))


_UNIT_WORDS = {"kvm": "kvadratmeter", "km": "kilometer", "kr": "kroner", "mill": "millioner",
               "mrd": "milliarder"}  # «under 25 kvm per person» counts kvadratmeter


SHARED_ROOT = 6  # letters two words share at the start to count as one root («nasjon», «nasjonalitet»);
# a shorter word at the start is often only the first part of a compound («land», «landsbasis»)


# Snowball leaves the ending on a short noun («årene» -> «åren», «ukene» -> «uken»): the endings a
# noun takes in the definite and the plural, read off a stem that is the unit itself
_NOUN_ENDINGS = ("e", "en", "et", "er", "ene", "a")


def counts(sentence: str, unit: str) -> bool:
    """Does ``sentence`` count ``unit``: a quantity followed (within two words) by it?"""
    for q in quantities(sentence, every=True):
        after = " ".join(_UNIT_WORDS.get(w.strip(".,;:)").lower(), w)
                         for w in sentence[q.start:].split()[:2 + len(q.text.split())])
        if any(t == unit or t.endswith(unit) or (t.startswith(unit) and t[len(unit):] in _NOUN_ENDINGS)
               or len(t) >= 5 and (unit.endswith(t) or (len(unit) >= SHARED_ROOT and t.startswith(unit[:SHARED_ROOT])))
               for t in terms(after)):
            return True
    return False


NEGATION = re.compile(r"\b(?:ikke|aldri|ingen|mangler|manglet|mangle)\b", re.IGNORECASE)  # «mangler» is «ikke har»;
# not «uten»: «uten jobb» is a measure


# «Hvor mye har andelen unge uføre økt?», «Hvor stor har økningen vært?», «Med hvor mange prosent
# økte …?», «Hvor mange flere … har … fått?»: the size of a change is asked for, not the level it reached
_ASKS_CHANGE = re.compile(
    r"\bhvor\s+(?:mye|mange(?:\s+prosent)?)\b(?:\s+\S+){0,12}?\s+(?:økt|økte|steget|steg|sunket|sank|falt|"
    r"redusert|vokst(?:e)?(?!\s+opp)|gått\s+(?:ned|opp)|gikk\s+(?:ned|opp))\b"
    r"|\bhvor\s+(?:stor|mye)\s+(?:\S+\s+){0,2}?(?:økningen|nedgangen|veksten|oppgangen|reduksjonen|endringen)\b"
    # «Hvor mange flere innbyggere har Bærum fått?»: more than before, unless «enn» says than what
    r"|\bhvor\s+mange\s+(?:flere|færre)\b(?!.*\benn\b)",
    re.IGNORECASE)


def asks_change(question: str) -> bool:
    """Does ``question`` ask how much something changed («Hvor mye har andelen økt?»), so that a
    figure stated as a change («en 65 prosent økning») answers it before a level («til 2,6 prosent»)?"""
    return bool(_ASKS_CHANGE.search(question))


def negated(question: str) -> bool:
    """Does ``question`` ask about what is not so («… som ikke har en venn …», «… aldri trener»)?"""
    return bool(NEGATION.search(question))


_SENTENCE_END = re.compile(r"[.?!]")


def focused_groups(question: str) -> dict[str, set[str]]:
    """The groups the clause that asks for the figure names, when it names one: «Er det flere
    gutter enn jenter …? Hvor mange av guttene er med?» asks for the boys' figure; «Både gutter og
    jenter … – men hvor mange av jentene …?» for the girls'. Empty when that clause names no group
    or the question asks for no figure."""
    cues = list(FIGURE_CUES.finditer(question))
    if not cues:
        return {}
    start = cues[-1].start()
    end = _SENTENCE_END.search(question, start)
    named = slot_values(question[start:end.end() if end else len(question)])
    return {k: v for k, v in named.items() if k in GROUP_SLOTS and len(v) == 1}


# «Hvorfor vokser …», «Hvordan påvirker …», «Når startet …»: after a one-word question word comes the
# finite verb («Hvor mange …», «Hva slags …» name a thing first)
_FINITE_VERB = re.compile(r"^\s*(?:hvorfor|hvordan|når|hvem|hva|hvor)\s+(?!mange\b|mye\b|stor|lang|lenge|ofte|"
                          r"gammel|slags\b|for\b)(\w+)", re.IGNORECASE)


def asked_verb(question: str) -> frozenset[str]:
    """Stems of the question's finite verb when it stands right after the question word. A sentence
    carries it with the verb itself, not with a longer word that only begins like it («voksne» does not
    say «vokser»)."""
    m = _FINITE_VERB.match(question)
    return frozenset(terms(m.group(1))) if m else frozenset()


# stems of people named by their age (as a compound's last part they would match «foreldre» for «eldre»)
AGED = frozenset({"barn", "ung", "ungdom", "ungdomm", "elev", "voks", "voksn", "eldr", "student", "tenåring",
                  "småbarn", "pensjonist"})


def names_aged(question: str) -> bool:
    """Does ``question`` name people by their age («barn», «elever», «unge»), and so an age band?"""
    return bool(terms(question) & AGED)
