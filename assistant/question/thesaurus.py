"""Everyday words for the report's own words: «fattig» asks for «lavinntekt», «plass» for «trangt».

The answer checks are lexical (``assistant.evidence.scoring``): a question must share words with the
sentence that answers it. People ask in their own words, so a question stem that has an entry
here is also carried, with ``SYNONYM_CREDIT``, by the report's words for it.

The list is small and conservative on purpose: a pair belongs only if, in questions about this
report, the user's word almost always means the report's word. It was drafted from the report
alone (its measures and concepts, and the everyday words for them), without reading the dev set,
and then checked on a fresh batch of questions nobody had tuned on (see testsets/README.md).
Each line: the user's word, then the report's words for it. Words are stemmed like the index.
``INFLECTIONS`` holds forms of one word the stemmer keeps apart («bor», «bodde»); they carry all of it.

Since the answer stage also scores sentences by meaning (sentence vectors) and re-ranks passages by
their best sentence, each entry that tune questions use was removed in turn (issue 13): the 14 whose
removal changed no answer and no hit@1 on those questions are gone («langvarig», «nærområde», «mor»,
«far», «prognose», «tilfreds», «vondt», «studere», «uføretrygd», «lekser», «hobby», «dataspill»,
«funksjonshemmet», «lhbt»); together they cost one figure answer of 734 on the tune half. The others
still carry the lexical answer checks (removing the whole table drops tune figure answers from 0.952
to 0.861 and raises wrong abstentions from 0.003 to 0.050). Entries no tune question uses are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.reading.text import terms

SYNONYM_CREDIT = 0.8  # a report word for the question's word carries most, not all, of it

INFLECTIONS = """
bor: bodde                                                    # Snowball: «bor» and «bodde» are two stems
levde: lever                                                  # the same for «lever» and «levde»
øke: økt, økende                                              # «øke», «økt», «økende»: one verb
"""

# Verbs with a particle («gå ned») are one word for the checks (``plain``): «gå» alone means little;
# so is «lav inntekt», the report's «lavinntekt».
PHRASES = {"lav inntekt": "lavinntekt", "gå ned": "synke", "går ned": "synke", "gått ned": "synke", "gikk ned": "synke",
           "gå opp": "øke", "går opp": "øke", "gått opp": "øke", "gikk opp": "øke"}
_PHRASE = re.compile(r"(?<![\wæøå])(" + "|".join(map(re.escape, PHRASES)) + r")(?![\wæøå])", re.IGNORECASE)

# A number in words or digits: «tre ganger» = «3 ganger». For the answer checks only: added to a
# BM25 query they would also turn grades («8.–10.») into words.
NUMBERS = """
tre: 3
fire: 4
fem: 5
seks: 6
sju: 7
syv: 7
åtte: 8
ti: 10
3: tre
4: fire
5: fem
6: seks
7: sju, syv
8: åtte
10: ti
"""

PAIRS = """
bæring: innbyggere                                             # «bæringer» are the people of Bærum
lever: bor, bodde                                             # «lever i lavinntekt» = «bor i husholdninger med …»
levde: bodde, bor                                             # the same in the past
bodde: bosatt                                                 # «bodde» = «var bosatt»; not «befolkningen»: «bodde trangt»
folketall: innbyggere, befolkning                             # population count
fornøyd: tilfreds, tilfredshet                                # «høy tilfredshet med livet» measure
fattig: lavinntekt, fattigdom, barnefattigdom                 # poverty is measured as (vedvarende) lavinntekt
fattigdom: lavinntekt, lavinntektsfamilier                    # report's poverty figures are lavinntekt
barnefattigdom: lavinntekt, lavinntektsfamilier               # child poverty = barn i lavinntekt
forsørger: hovedinntektstaker                                 # «forsørgeren kommer fra et annet land»
hovedforsørger: hovedinntektstaker                             # «hovedforsørgeren» = the report's «hovedinntektstaker»
penger: inntekt, lavinntekt, økonomi                          # «lite penger» = low income / familieøkonomi
plass: trangt, trangboddhet                                   # «lite plass hjemme» = bor trangt
trangbodd: trangt                                             # adjective vs report's «bor trangt»
nabolag: nærmiljøet, nærområdet, lokalmiljøet                 # report's words for neighbourhood
nærmiljø: nærområdet, lokalmiljøet, nabolaget                 # report alternates these for the same measure
mobbet: plaget, utestengt, stengt, truet                      # Ungdata's «mobbing»: stengt ute, plaget eller truet
mobbing: plaget, utestengt, stengt, truet
utrygg: trygg, trygghet                                       # opposite pole of trygghet i nærmiljøet
redd: trygg, trygghet                                         # «redd ute/i nabolaget» = (u)trygghet; no fear/angst measure uses «redd»
synke: reduseres, redusert, nedgang, nedadgående              # «gå ned», «synke»: the report's «reduseres»
øke: økning                                                   # «gå opp», «øke»: the report's «økning»
bor: innbyggere, bosatt, befolkningen                         # «hvor mange bor i Bærum» = innbyggere
start: inngangen, begynnelsen                                 # «ved starten av 2023» = «ved inngangen til 2023»
folk: innbyggere, befolkning                                  # how many people live = innbyggere
innbyggertall: innbyggere, befolkning                         # population count
befolkningsøkning: befolkningsvekst                           # population growth
fødselstall: fødsler                                          # number of births
dødsfall: dødelighet                                          # deaths = dødelighet
utflytting: flytter                                           # «flytter flere ut» = out-migration
fremskrivning: befolkningsprognose                            # population projection
utlending: innvandrere, innvandrerbakgrunn                    # foreigner = innvandrer (andel measure)
utenlandsk: innvandrerbakgrunn, landbakgrunn                  # «utenlandsk bakgrunn» = innvandrerbakgrunn
utilfreds: misfornøyd                                         # dissatisfied
misnøye: misfornøyd                                           # dissatisfaction
livstilfredshet: tilfredshet, fornøyd                         # life satisfaction measure
tilværelse: livet                                             # «tilfreds med tilværelsen» = tilfredshet med livet
velvære: livskvalitet, trivsel                                # well-being
fremtidstro: optimistiske, fremtiden                          # «optimistiske om fremtiden» / troen på et lykkelig liv
mestringsfølelse: mestrer, mestring                           # «jeg mestrer ting» measure
kompis: venn, venner                                          # friend (venn å stole på measure)
kamerat: venn, venner                                         # friend
bestevenn: venn                                               # «minst en venn de kan stole på»
erting: mobbing, plaget                                       # teasing = mobbing («plaget»)
utfrysing: utestenging, stengt, mobbing                       # «stengt ute» is the report's bullying wording
nettmobbing: mobbing, nettet                                  # «negative hendelser på nettet»
trening: trener                                               # «trener minst 3 ganger i uken»
mosjon: trener, aktive, trim                                  # exercise = fysisk aktive / trener
sport: idrett                                                 # sport = idrett
inaktiv: aktive, aktivitetsnivå                               # «mindre aktive», aktivitetsnivå
mental: psykisk, psykiske                                     # mental = psykisk
nedstemt: psykiske, plager, depresjon                         # low mood = psykiske plager (Ungdata index)
trist: psykiske, plager                                       # sadness = psykiske plager (Ungdata index)
deprimert: depresjon                                          # depressed
engstelig: angst                                              # anxious
prestasjonspress: press                                       # «press i hverdagen» measure
utseendepress: kroppspress, press                             # body/appearance pressure
alene: ensomhet, ensomme                                      # «føler seg alene» = ensomhet
isolert: ensomhet, ensomme                                    # socially isolated = ensomhet
selvmord: selvskading                                         # «tenkt å ta sitt eget liv» is under selvskading
selvmordstanker: selvskading                                  # same figure (figur 15)
selvskade: selvskading                                        # noun/verb variant
migrene: hodepine                                             # headache
søvnproblemer: søvnvansker                                    # sleep problems
oppførsel: atferd, atferdsvansker, atferdsproblemer           # behaviour = atferd
adferd: atferd, atferdsvansker, atferdsproblemer              # common spelling variant
BUP: ungdomspsykiatrien                                       # barne- og ungdomspsykiatrien
helsesøster: helsesykepleier                                  # old title for helsesykepleier
juling: vold, slått                                           # beating = vold / «slått deg»
slåssing: slåsskamp                                           # fighting
voldtatt: voldtekt                                            # raped
trussel: truet, truende                                       # threat
lovbrudd: kriminalitet                                        # crime
stjele: tyveri                                                # theft
vandalisme: hærverk                                           # vandalism
sniking: lurt, betale                                         # «lurt seg fra å betale» (fare-dodging)
rasisme: diskriminering, hatefulle                            # racism = diskriminering / hatefulle ytringer
hatprat: hatefulle, ytringer                                  # hate speech
tafsing: befølte, trakassering                                # «befølte deg på en seksuell måte»
familievold: vold, hjemmet                                    # «vold i hjemmet»
partnervold: vold, relasjoner                                 # «vold i nære relasjoner»
neglisjering: omsorgssvikt, vanskjøtsel                       # neglect
melding: bekymringsmeldinger, bekymringsmeldingene            # «meldinger til barnevernet»
drikking: alkohol, drukket, drikker                           # drinking
dop: narkotiske, rusmidler                                    # drugs
narkotika: narkotiske, rusmidler                              # drugs (different stem from narkotiske)
cannabis: hasj, marihuana                                     # cannabis
rusbruk: rusmidler, rus                                       # substance use
alkoholisme: alkoholmisbruk, rusmisbruk                       # parental alcohol abuse
jobb: arbeid, sysselsatt                                      # given example
skole: utdanning, opplæring                                   # «verken jobb eller skole» = utenfor arbeid, utdanning og opplæring
arbeidsløs: arbeidsledighet                                   # unemployed
NEET: utenfor, arbeid, utdanning, opplæring                   # «utenfor arbeid, utdanning og opplæring»
gjennomføring: fullførte, fullført, fullføringsgrader         # completion of videregående
droppe: frafall                                               # «droppe ut» = frafall
sykemeldt: sykefravær                                         # sick leave
skulk: skolefravær                                            # truancy
matematikk: regning                                           # nasjonale prøver: regning (report token is «regning44»)
ungdomsklubb: fritidsklubber, møteplasser                     # youth club
skjermbruk: skjermtid, skjerm                                 # screen use
gaming: onlinespill, spill                                    # gaming
snapchat: medier                                              # = sosiale medier
tiktok: medier                                                # = sosiale medier
internett: nettet, nett                                       # «på nettet»
funksjonshemming: funksjonsnedsettelse, funksjonsevne, funksjonsvariasjon  # disability
handikap: funksjonsnedsettelse, funksjonsevne, funksjonsvariasjon  # disability (colloquial)
utviklingshemmet: utviklingshemming                           # intellectual disability
lhbtq: LHBTIS, skeive                                         # LGBT acronym variant
transkjønnet: transpersoner                                   # transgender
korona: pandemien, covid                                      # covid-19-pandemien
nedstengning: restriksjonene, stengte                         # lockdown
lockdown: restriksjonene, stengte                             # lockdown"""


def _parse(text: str) -> dict[str, tuple[str, ...]]:
    """The user's stem -> the report's words for it, as the report writes them."""
    out: dict[str, list[str]] = {}
    for line in text.strip().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        user, _, report = line.partition(":")
        words = [w.strip() for w in report.split(",") if w.strip()]
        for stem in terms(user):
            out.setdefault(stem, []).extend(w for w in words if stem not in terms(w))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items() if v}


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    return _parse(PAIRS)


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[str, ...]]:
    return _parse(INFLECTIONS)


@lru_cache(maxsize=1)
def _numbers() -> dict[str, tuple[str, ...]]:
    return _parse(NUMBERS)


def plain(text: str) -> str:
    """``text`` with each verb-and-particle phrase made one word («gått ned» -> «synke»)."""
    return _PHRASE.sub(lambda m: PHRASES[m[1].lower()], text)


@lru_cache(maxsize=4096)
def _entry(table: str, stem: str) -> tuple[str, ...]:
    """The words ``table`` lists for ``stem``, or for the stem of ``stem``: Snowball stems an
    inflected form short of its base («forsørgeren» -> «forsørger», «forsørger» -> «forsørg»), and
    the entries are keyed by the base. A consonant doubled by the ending is undone («fattigdommen»
    -> «fattigdomm» -> «fattigdom»)."""
    tables = {"pairs": _table, "forms": _forms, "numbers": _numbers}
    found = tables[table]().get(stem)
    if found is None:
        doubled = len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouyæøå"
        again = terms(stem)  # one base; a range or score («4-3» -> 4-3, 4, 3) has none, and a set has no order
        tries = [*(again if len(again) == 1 else ()), stem[:-1] if doubled else ""]
        found = next((tables[table]()[s] for s in tries if s and s != stem and s in tables[table]()), ())
    return found


def report_words(stem: str) -> frozenset[str]:
    """The report's stems for the user's ``stem`` (empty when it has no entry)."""
    return frozenset(terms(" ".join(_entry("pairs", stem))))


def other_forms(stem: str) -> frozenset[str]:
    """Stems of other forms of the word ``stem`` comes from («bor» -> «bodd», «tre» -> «3»)."""
    return frozenset(terms(" ".join(_entry("forms", stem) + _entry("numbers", stem))))


def expand(query: str) -> str:
    """``query`` with the report's words for its everyday ones added («… plass hjemme trangt
    trangboddhet»), for the BM25 search."""
    extra = [w for stem in sorted(terms(plain(query))) for w in _entry("forms", stem) + _entry("pairs", stem)]
    return f"{query} {' '.join(extra)}" if extra else query
