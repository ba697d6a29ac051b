"""Does a clause count who saw or heard something happen to someone else?

«3 prosent svarer at de har sett en voksen i familien bli slått/sparket» and «18 % har opplevd at mor
har vært utsatt for … vold» count witnesses; «4 prosent svarer at de har blitt slått selv» and «1 av 5
har opplevd psykisk vold fra foreldre» count what happened to the counted. Read from sentence
structure: a verb of seeing or hearing with someone who undergoes something after it («sett … bli»),
a verb of experience with a clause about another («opplevd at mor …», not «opplevd at de …»), or «vitne
til». A question and a
figure's clause that differ in this ask and state two measures.
"""

from __future__ import annotations

import re

from assistant.reading.quantities import quantities

# «sett en voksen … bli slått», «sett en voksen hjemme slå søsken», «hørt mor bli truet»; not «sett en økning»
_PERCEIVED = r"(?:sett|se|hørt|høre|observert)(?:\s*/\s*[\wæøå]+)?"
_SOMEONE = (r"(?:en|et|ei|noen|andre|sin|sine|mor|far|foreldr[\wæøå]*|søsk[\wæøå]*|venn[\wæøå]*)\s+"
            r"(?!økning|nedgang|endring|utvikling|tendens|forbedring|forverring)")
_WITNESSES = re.compile(rf"\b(?:{_PERCEIVED}\s+(?:{_SOMEONE}|(?:[\wæøå]+\s+){{1,6}}?(?:bli|blir|ble)\b)"
                        r"|(?:opplevd|oppleve|opplever)\s+at\s+(?!(?:de|man|han|hun|jeg|vi|du|dem)\b)"
                        r"|vitne\s+til\b)", re.IGNORECASE)


def witnesses(text: str) -> bool:
    """Does ``text`` count who saw, heard or lived through something happening to another?

    >>> witnesses("3 prosent svarer at de har sett en voksen i familien bli slått/sparket.")
    True
    >>> witnesses("4 prosent svarer at de har blitt slått selv, 1 eller flere ganger.")
    False
    >>> witnesses("I 2023 har vi sett en økning i ungdomskriminalitet.")
    False
    >>> witnesses("… andelen som opplever at de har opplevd negative hendelser på nettet er 31 prosent")
    False
    """
    return bool(_WITNESSES.search(text))


def clause_readings(sentence: str) -> frozenset[bool]:
    """``witnesses`` of each figure's clause of ``sentence`` (from the figure before it to the one
    after): «Videre har 18 % opplevd at mor …» gives {True}; «4 prosent … slått selv, mens 3 prosent har
    sett …» gives {False, True}; a sentence without figures, its own reading."""
    found = quantities(sentence)
    if not found:
        return frozenset({witnesses(sentence)})
    bounds = [0, *(q.end for q in found[:-1])], [*(q.start for q in found[1:]), len(sentence)]
    return frozenset(witnesses(sentence[a:b]) for a, b in zip(*bounds))
