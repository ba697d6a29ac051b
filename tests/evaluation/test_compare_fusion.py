"""`--compare fusion=…`: fusion settings are compared on the same index, validated up front."""

import pytest

from assistant.fusion import Fusion
from assistant.retrieval import Retriever
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
