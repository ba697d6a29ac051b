"""What a sentence does, read from its structure: gives a reason, names examples, defines, tells a
way, announces a list, is a list item, or leans on the sentence before it.

General cues of Norwegian prose, not of one report: the evidence stage prefers the sentence whose
cue fits the question's form (``assistant.question.forms``), and the composer follows a sentence
that leans back, or announces a list, to the text that completes it.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
CAUSE = re.compile(r"\b(?:fordi|skyldes|skyldtes|på\s+grunn\s+av|grunnet|årsak\w*|grunnen|derfor|ettersom|"
                   r"som\s+følge\s+av|fører\s+til|førte\s+til|bidrar\s+til|bidro\s+til|kan\s+forklares|"
                   r"forklares\s+med|henger\s+sammen\s+med|et\s+resultat\s+av|medfører|gjør\s+at|påvirker|"
                   r"øker\s+risikoen|risiko\s+for|for\s+å\s+(?:sikre|unngå|forebygge|hindre|redusere))\b", _I)
EXAMPLE = re.compile(r"\b(?:for\s+eksempel|f\.eks\.|eksemp(?:el|l)\w*|blant\s+annet|bl\.a\.|slik\s+som|deriblant|"
                     r"herunder|som\s+(?:for\s+eksempel|blant\s+annet))\b|\bsom\s+\w+,\s+\w+", _I)
DEFINES = re.compile(r"\b(?:defineres|definert|definerer|definisjon\w*|betegner|viser\s+til|handler\s+om|"
                     r"brukes\s+om|menes|innebærer|kalles|forstås\s+som|omfatter|dreier\s+seg\s+om|vil\s+si|"
                     r"betyr|refererer\s+til|beskrives\s+som|er\s+(?:en|et)\s+(?:betegnelse|begrep|samlebegrep|"
                     r"prosess|tilstand))\b", _I)
WAY = re.compile(r"\b(?:ved\s+å|gjennom|ved\s+hjelp\s+av|legge\s+til\s+rette|sikre|samarbeid\w*|"
                 r"tiltak\w*|innsats\w*|modell\w*|metode\w*|tilnærming\w*|organisert|arbeide?[rt]?\s+med)\b", _I)
# «venner, gode naboer eller besteforeldre»: short items after commas, the last after «og»/«eller»; not
# «… en risikofaktor, og flere … kan også virke sammen og …», clauses joined by a comma and «og»
_ENUMERATION = re.compile(r"\w+,\s+(?!(?:og|eller|men|mens|som|der|hvor|at|noe)\b)\w+(?:[\w\s-]*),?\s+"
                          r"(?:og|eller)\s+\w+", _I)
ITEM_MARKER = re.compile(r"^\s*(?:[•▪●◦*–-]|\d{1,2}[.)])\s*")  # «• », «- », «2. » before a list item's text
_ITEM = re.compile(ITEM_MARKER.pattern + r"\S")
_ANNOUNCES = re.compile(r":\s*$|\bfølgende\b|\bdisse\s+(?:er|var)\s*:?\s*$", _I)
# Words that open a sentence which only makes sense after the one before it.
_BACK_OPENERS = re.compile(
    r"^\W*(?:dette|disse|denne|dermed|derfor|her|der|slik|slike|samtidig|likevel|videre|dessuten|"
    r"tilsvarende|i\s+tillegg|i\s+så\s+fall|blant\s+(?:disse|dem)|av\s+disse|begge|sistnevnte|"
    r"førstnevnte|han|hun|hans|hennes|de\s+fleste\s+av\s+(?:disse|dem)|(?:det|den|de)\s+samme|"
    r"(?:i|på|for|med|fra|til|av|etter)\s+(?:denne|dette|disse|den|det)\s+\w+|"
    r"(?:den|de|det)\s+(?:er|var|har|hadde|regnes|kalles|ble|blir|kan|skal|vil|gir|ga|viser|omfatter|"
    r"består|ligger|handler|gjelder|dreier|utgjør|betyr|innebærer|brukes|fikk|får|startet|"
    r"begynte|bidrar|må|bør|skjer|oppstår|fører|preges)|"
    # «Den siste er den eneste …», «De drukner …»: a noun left out, or «de» as the subject of a verb in
    # the present (not a comparative: «De yngre aldersgruppene»)
    r"(?:den|det|de)\s+(?:første|siste|andre|neste|forrige|ene|eldste|yngste)\s+(?:er|var|har|hadde|ble|blir)|"
    r"de\s+(?![a-zæøå]*re\b)[a-zæøå]{2,}e?r|"
    # «Årsaken var sykdom.»: a noun that names a relation, its other end left to the sentence before
    r"(?:årsaken|grunnen|forklaringen|begrunnelsen|bakgrunnen|resultatet|følgen|konsekvensen|effekten|"
    r"svaret|målet|hensikten)\s+(?:er|var|ble|blir|kan|skal))\b", _I)
# «Eksempler på dette er …», «Årsaken til dette kan være …»: «dette» after a preposition and before the verb
# stands for what the sentence before says (not «i dette arbeidet»)
_BACK_ANYWHERE = re.compile(r"\b(?:kalles\s+derfor|dette\s+kalles|disse\s+kalles|omtales\s+(?:derfor\s+)?som|"
                            r"han|hun|ham|hans|hennes|"
                            r"(?:på|av|om|til|med|for|fra|mot|bak|ved)\s+(?:dette|disse)\s+"
                            r"(?:er|var|kan|har|hadde|vil|skal|blir|ble|gjelder|omfatter))\b", _I)

# «dette», «disse», «det utgjør», «tilsvarende» lean back anywhere; «andelen», «tallet» only when
# nothing says which (the finite verb or the sentence's end follows): «Andelen har økt» leans back,
# «… er andelen barn som lever i vedvarende lavinntekt …» says what it is.
_REFERS_BACK = re.compile(
    r"\b(?:dette|disse|det utgjør|tilsvarende)\b|\b(?:andelen|tallet|tallene)\b(?=\s*(?:[.,;:!?]|$|"
    r"(?:er|var|har|hadde|blir|ble|vil|kan|ligger|lå|utgjør|utgjorde|øker|økte|synker|sank|går|gikk|"
    r"viser|viste)\b))", re.IGNORECASE)

CUES = {"why": CAUSE, "example": EXAMPLE, "definition": DEFINES, "how": WAY}


# «Det er flere … som», «Det er viktig å …»: «det er» without a determiner after it says that something
# is; its «det» points at nothing before («Det er en økning fra 2019» still leans: an increase of what?)
THERE_IS = re.compile(r"^\W*det\s+(?:er|var)\s+(?!(?:en|et|ei|den|det|de|dette|disse|derfor|dermed)\b)", _I)


# «29 495 av disse er barn under 18 år», «halvparten av dem»: a part of something the sentence before names
OF_THESE = re.compile(r"^\s*(?:av|blant)\s+(?:dem|disse|dette|denne)\b", _I)


def leans_back(sentence: str) -> bool:
    """Does ``sentence`` need the one before it to be understood («Dette kalles …», «Den regnes som
    …», «… grunnla han i 1839 …»)?"""
    return bool(_BACK_OPENERS.search(sentence) or _BACK_ANYWHERE.search(sentence))


def refers_back(sentence: str) -> bool:
    """Does ``sentence`` restate a figure of the one before it («I 2021 utgjorde dette 3247 barn»,
    «Tilsvarende tall for Bærum er 6,5 prosent», «Andelen har økt»)?"""
    return bool(_REFERS_BACK.search(sentence))


def announces_list(sentence: str) -> bool:
    """Does ``sentence`` introduce a list («… følgende:», «… fire hovedmål:»)?"""
    return bool(_ANNOUNCES.search(sentence))


def is_item(sentence: str) -> bool:
    """Is ``sentence`` a list item («• …», «- …», «2. …»)?"""
    return bool(_ITEM.match(sentence))


def fits(form: str, sentence: str) -> bool:
    """Does ``sentence`` give the kind of answer a question of ``form`` asks for?"""
    if form in ("list", "example"):
        return bool(announces_list(sentence) or is_item(sentence) or _ENUMERATION.search(sentence)
                    or (form == "example" and EXAMPLE.search(sentence)))
    cue = CUES.get(form)
    return bool(cue and cue.search(sentence))


_TIME = re.compile(r"\b(?:1[0-9]\d\d|20[0-4]\d)\b|\b(?:januar|februar|mars|april|mai|juni|juli|august|september|"
                   r"oktober|november|desember|århundre\w*|tiår\w*)\b", _I)
_NUMBER = re.compile(r"\d|\b(?:en|ett|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tjue|tretti|førti|femti|"
                     r"hundre|tusen|million\w*|milliard\w*|halvparten|dobbelt)\b", _I)
_NAME = re.compile(r"(?<=[\w,;:)»\"]\s)[A-ZÆØÅ][\wæøåÆØÅéü-]+")  # a capitalised word inside the sentence


def gives(answer_type: str, sentence: str, question: str) -> bool:
    """Does ``sentence`` hold something of the ``answer_type`` a factual question asks for («time»:
    a year or month; «number»: a number; «name», «place»: a name the question does not already
    hold)?"""
    if answer_type == "time":
        return bool(_TIME.search(sentence))
    if answer_type == "number":
        return bool(_NUMBER.search(sentence))
    if answer_type in ("name", "place"):
        asked = {w.lower() for w in re.findall(r"[\wæøåÆØÅ-]+", question)}
        return any(m.group().lower() not in asked for m in _NAME.finditer(sentence))
    return False
