"""Slot words swapped or added in a follow-up's query: «… gutter på videregående …» + «Og jentene?»
-> «… jenter på videregående …», keeping the number and definiteness of the word replaced."""

from __future__ import annotations

import re

from assistant.reading.slots import compound_tail, slot_of, slot_words

# Extra terms added with a new group so that compounds in the report are found too.
_EXPANSIONS = {
    "innvandrer": "innvandrere innvandrerbakgrunn",
    "jente": "jenter",
    "gutt": "gutter",
}


def replace_word(text: str, old: str, new: str) -> str:
    """``text`` with the first whole-word ``old`` replaced by ``new``."""
    return re.sub(rf"(?<![\wæøåÆØÅ]){re.escape(old)}(?![\wæøåÆØÅ])", new, text, count=1)


def swap(base: str, name: str, new_values: list[tuple[str, str]]) -> tuple[str, bool]:
    """Replace the words of slot ``name`` in ``base`` by the follow-up's values, or append them
    (with the report's words for the group); the flag says whether anything was appended."""
    old = slot_words(base).get(name, [])
    new_canon = [c for _, c in new_values]
    if old and set(c for _, c in old) == set(new_canon):
        return base, False
    if not old:
        words = [w for w, _ in new_values] + [_EXPANSIONS[c] for _, c in new_values if c in _EXPANSIONS]
        return f"{base.rstrip(' ?.!')} {' '.join(words)}", True
    replacement_word, replacement = new_values[0]
    for raw, canon in old:
        if name == "year":
            base = replace_word(base, raw, replacement)
            continue
        hit = slot_of(raw.lower())
        new_hit = slot_of(replacement_word.lower())
        tail = compound_tail(raw.lower())
        if tail and tail[1][0] == name:  # «ungdomsskolegutter» -> «ungdomsskolejenter»
            at = tail[0]
            word = raw[:at] + (_inflect_like(raw[at:].lower(), replacement, _FALLBACK_FORM[name])
                               if name in _FALLBACK_FORM else replacement_word)
        elif hit and new_hit and len(raw) - len(hit[2]) >= 3 and hit[0] == "level":
            # keep the compound tail: «ungdomsskoleelever» -> «videregåendeelever»
            tail = raw[len(hit[2]):]
            word = replacement + tail
        elif name in _FALLBACK_FORM:
            word = _inflect_like(raw.lower(), replacement, _FALLBACK_FORM[name])
        else:
            word = replacement_word
        base = replace_word(base, raw, word)
    return base, False


# Forms of a group word, in the same order for each value (singular, singular definite, plural, plural
# definite), so a swap keeps the number and definiteness of the word it replaces.
_FORMS = {
    "jente": ("jente", "jenta", "jenter", "jentene"),
    "gutt": ("gutt", "gutten", "gutter", "guttene"),
    "mor": ("mor", "moren", "mødre", "mødrene"),
    "far": ("far", "faren", "fedre", "fedrene"),
}
_ALIASES = {"mora": "moren", "mamma": "mor", "mammaen": "moren", "pappa": "far", "pappaen": "faren"}
_FALLBACK_FORM = {"gender": 2, "parent": 0}  # a word of another form: «jenter», «far»


def _inflect_like(old_word: str, new_canon: str, fallback: int) -> str:
    """«guttene» + jente -> «jentene», «mora» + far -> «faren»."""
    old = _ALIASES.get(old_word, old_word)
    for forms in _FORMS.values():
        if old in forms:
            return _FORMS[new_canon][forms.index(old)]
    return _FORMS[new_canon][fallback]


ALL = frozenset({"alle", "samlet", "totalt", "begge"})


def drop(base: str, name: str) -> str:
    """``base`` with «alle» for the words of slot ``name`` («av jentene på …» -> «av alle på …»)."""
    for raw, _ in slot_words(base).get(name, []):
        base = replace_word(base, raw, "alle")
    return re.sub(r"\balle(?:\s+(?:og|eller)\s+alle|\s+alle)+\b", "alle", base)


def append_words(base: str, values: list[tuple[str, str]]) -> str:
    words = [w for w, _ in values]
    return f"{base.rstrip(' ?.!')} {' '.join(words)}"
