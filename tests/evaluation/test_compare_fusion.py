"""`--compare fusion=…` and `abstain=…`: settings compared on the same index, validated up front."""

import pytest

from assistant.search.fusion import Fusion
from assistant.search.retrieval import Retriever
from evaluation.compare import EvalConfig, parse_compare, with_fusion
from kunnskap.errors import UsageError


def test_parse_fusion_items():
    configs = parse_compare("fusion=convex:0.3,fusion=rrf:60,bm25")
    assert [c.fusion for c in configs] == ["convex:0.3", "rrf:60:0.5", None]
    assert [c.mode for c in configs] == ["hybrid", "hybrid", "bm25"]


def test_bad_fusion_is_refused_before_any_run():
    with pytest.raises(UsageError, match="convex"):
        parse_compare("fusion=magic:1")


def test_with_fusion_keeps_the_index_and_changes_the_fusion():
    index = object()
    base = Retriever(index)
    same = with_fusion(base, EvalConfig())
    other = with_fusion(base, EvalConfig(fusion="convex:0.3"))
    assert same is base
    assert other.index is index and other.fusion == Fusion("convex", 0.3)


def test_abstention_thresholds_are_compared_as_abstain_items(retriever):
    from assistant.evidence.abstention import Thresholds
    from evaluation.compare import make_assistant

    configs = parse_compare("abstain=0.2:0.2,abstain=0.41:0.26")
    assert [c.abstain for c in configs] == ["0.2:0.2", "0.41:0.26"]
    with pytest.raises(UsageError, match="two numbers"):
        parse_compare("abstain=0.5")
    strict = make_assistant(retriever, "hybrid", "1:1")
    assert strict.thresholds == Thresholds(figure_coverage=1.0, figure_measure=1.0)
    # a figure question worded unlike the report (5.1.1: «troen på et lykkelig liv … 70 prosent»):
    # answered by default, refused at the strictest setting
    question = "Hvor mange ungdommer på ungdomsskolen tror de får et lykkelig liv?"
    assert not make_assistant(retriever, "hybrid").ask(question).abstained
    assert strict.ask(question).abstained


def test_at_zero_thresholds_a_figure_question_without_an_agreeing_figure_still_abstains(retriever):
    from evaluation.compare import make_assistant

    loose = make_assistant(retriever, "hybrid", "0:0")
    assert loose.ask("Hvor stor andel av barna i Asker bor trangt?").abstained  # 5.2.2: Bærum and landet only
    assert not loose.ask("Hvor stor andel av barna i Bærum bor trangt?").abstained
