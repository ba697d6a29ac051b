"""Amounts of money: does a question ask what something costs, and does a sentence state a sum?

«Hva koster skolefritidsordningen?», «Hvor mye sparer kommunen i kroner …?», «Hvor mye penger har …
lånt ut …?» and «Hva er kostnaden til …?» are answered only by a sentence that states a sum («over én
million kroner», «seks milliarder», «kr 300»). A report that speaks of the costs without any sum («De
økonomiske konsekvensene … er godt dokumentert») does not answer them. A question on how much dearer
something got («Hvor mye mer koster …?») asks for a change, often in per cent, and is no question for a
sum; neither is «Hvilken pris …», which as often means an award.
"""

from __future__ import annotations

import re

_ASKS = re.compile(
    r"\b(?:hva|hvor\s+mye)\s+(?:koster|kostet|kostar)\b"
    r"|\bi\s+kroner\b|\bhvor\s+mange\s+(?:kroner|millioner|milliarder)\b"
    r"|\bhvor\s+(?:mye|store|stort)\s+(?:penger|midler|beløp|summer|sum)\b"
    r"|\bhva\s+(?:er|var|blir|ble)\s+(?:den\s+\w+\s+)?(?:prisen|kostnaden|kostnadene|utgiftene|beløpet)\b",
    re.IGNORECASE)
_NUMBER = (r"(?:\d[\d\s.,]*|en|én|ett|et|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tjue|tretti|førti|"
           r"femti|hundre|tusen|halv(?:annen)?)")
_LARGE = r"(?:millioner|million|milliarder|milliard|mill\.|mrd\.)"
_CURRENCY = r"(?:kroner|krone|kr\.?|nok|euro|dollar)"
_STATES = re.compile(
    rf"\b{_NUMBER}\s*(?:{_LARGE}\s*)?{_CURRENCY}(?![\wæøå])"  # «500 kroner», «én million kroner»
    rf"|\b{_NUMBER}\s*{_LARGE}(?![\wæøå])"  # «seks milliarder»
    rf"|\b(?:kr\.?|nok)\s*\d",  # «kr 300»
    re.IGNORECASE)


def asks_amount(question: str) -> bool:
    """Does ``question`` ask for a sum of money?"""
    return bool(_ASKS.search(question))


def states_amount(sentence: str) -> bool:
    """Does ``sentence`` state a sum of money?"""
    return bool(_STATES.search(sentence))
