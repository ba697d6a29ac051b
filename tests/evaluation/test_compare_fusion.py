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


def test_captions_are_compared_as_captions_items():
    configs = parse_compare("captions=0,captions=0.3")
    assert [c.captions for c in configs] == [0.0, 0.3]
    index = object()
    off = with_fusion(Retriever(index), configs[0])
    assert off.index is index and off.captions == 0.0 and off.rerank == Retriever(index).rerank
    with pytest.raises(UsageError, match="how much a caption's score is lowered"):
        parse_compare("captions=2")


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


def test_bm25_parameters_are_compared_as_bm25_items():
    configs = parse_compare("bm25=0.9:0.75,bm25=1.2:0.5+bm25")
    assert [c.bm25 for c in configs] == ["0.9:0.75", "1.2:0.5"]
    assert [c.mode for c in configs] == ["hybrid", "bm25"]
    for bad in ("bm25=1.2", "bm25=x:y", "bm25=1.2:1.5", "bm25=-1:0.5", "bm25=9:0.5"):
        with pytest.raises(UsageError, match="k1 between 0 and 5"):
            parse_compare(bad)


def test_bm25_items_rebuild_only_the_lexical_index_in_memory(retriever):
    from index.lexical import B, K1

    query = "Hvor mange barn i Bærum lever i vedvarende lavinntekt?"
    before = [(h.chunk.id, h.score) for h in retriever.index.search_bm25(query, k=10)]
    same = with_fusion(retriever, EvalConfig(bm25=f"{K1:g}:{B:g}"))
    flat = with_fusion(retriever, EvalConfig(bm25=f"{K1:g}:0"))  # no length normalisation
    assert same.index is not retriever.index and same.index.chunks is retriever.index.chunks
    assert same.index.dense is retriever.index.dense  # nothing is embedded again
    got = [(h.chunk.id, h.score) for h in same.index.search_bm25(query, k=10)]
    assert [c for c, _ in got] == [c for c, _ in before]
    assert [s for _, s in got] == pytest.approx([s for _, s in before])
    assert [h.score for h in flat.index.search_bm25(query, k=10)] != pytest.approx([s for _, s in before])
    # the index the chat uses is untouched
    assert [(h.chunk.id, h.score) for h in retriever.index.search_bm25(query, k=10)] == before


def test_compounds_item_rebuilds_only_the_lexical_index_in_memory_with_parts(retriever):
    # the report says «lavinntekt» and «familier» apart (5.2.1) as well as «lavinntektsfamilier» (6.1.3)
    query = "lavinntektsfamilier"
    before = [(h.chunk.id, h.score) for h in retriever.index.search_bm25(query, k=10)]
    split = with_fusion(retriever, EvalConfig(compounds=True))
    assert split.index.dense is retriever.index.dense and split.index.chunks is retriever.index.chunks
    after = [(h.chunk.id, h.score) for h in split.index.search_bm25(query, k=10)]
    assert len(after) > len(before)  # the parts find passages that never use the compound
    assert [(h.chunk.id, h.score) for h in retriever.index.search_bm25(query, k=10)] == before
