"""Which passage stems carry a question's term: the indexed lookup against its plain definition.

The definition below is the rule as the docstring of ``assistant.evidence.credits`` states it, one
stem at a time. The lookup must give the same credits for every stem of the report and every term of
the dev set's questions.
"""

import json
from pathlib import Path

from assistant.evidence.credits import (HEAD_CREDIT, MODIFIER_CREDIT, WEAK_HEADS, Vocabulary, credits,
                                        credits_with_synonyms)
from assistant.reading.text import terms

ROOT = Path(__file__).resolve().parents[2]


def defined(term: str, vocabulary: frozenset[str]) -> dict[str, float]:
    out = {}
    for s in vocabulary:
        if s == term:
            out[s] = 1.0
        elif len(term) >= 4 and (s.startswith(term) or s.endswith(term)):
            if s not in (f"mis{term}", f"u{term}"):
                out[s] = 1.0
        elif len(s) >= 4 and term.endswith(s):
            out[s] = HEAD_CREDIT
        elif len(s) >= 5 and term.startswith(s):
            out[s] = 1.0 if term[len(s):].removeprefix("s") in WEAK_HEADS else MODIFIER_CREDIT
    return out


def test_the_lookup_gives_what_the_rule_gives_for_the_report_and_the_dev_set_questions():
    report = (ROOT / "data" / "kunnskapsgrunnlag-barn-og-unge-2023.txt").read_text(encoding="utf-8")
    vocabulary = frozenset(terms(report))
    rows = (json.loads(line) for line in (ROOT / "testsets" / "devset.jsonl").read_text().splitlines() if line)
    asked = sorted(set().union(*(terms(r["question"]) for r in rows)))
    assert len(vocabulary) > 2000 and len(asked) > 1000
    vocab = Vocabulary.of(vocabulary)
    differ = [t for t in asked if credits(t, vocab) != defined(t, vocabulary)]
    assert differ == []


def test_a_term_is_carried_by_its_extensions_its_head_and_a_first_part_before_a_weak_head():
    vocab = Vocabulary.of(frozenset({"skole", "ungdomsskoleelev", "elev", "lavinntekt", "ufornøyd",
                                     "fornøyde", "fornøyd", "fritid"}))
    # «skole» is inside «ungdomsskoleelev», neither its first nor its last part
    assert credits("ungdomsskoleelev", vocab) == {"ungdomsskoleelev": 1.0, "elev": HEAD_CREDIT}
    assert credits("lavinntektsfamili", vocab) == {"lavinntekt": 1.0}
    assert credits("fritidsklubb", vocab) == {"fritid": MODIFIER_CREDIT}
    assert credits("fornøyd", vocab) == {"fornøyd": 1.0, "fornøyde": 1.0}  # not «ufornøyd»
    assert credits("elev", vocab) == {"elev": 1.0, "ungdomsskoleelev": 1.0}
    assert credits("bor", frozenset({"bord", "bor"})) == {"bor": 1.0}  # three letters: itself only
    assert credits_with_synonyms("bor", frozenset({"bodd"})) == {"bodd": 1.0}
