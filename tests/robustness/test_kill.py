"""`kill -9` of `kunnskap ingest --force` at random points: the index folder always holds a whole
index (the previous one, or the finished new one), which loads and answers the same."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from robust_helpers import REPO_ROOT

robustness = pytest.mark.robustness
SEED = 20230101
RUNS = 24
QUERIES = ("Hvor mange innbyggere bodde i Bærum 1. januar 2023?",
           "vedvarende lavinntekt barn", "Hva viser figur 12?")


def _start(index: Path, home: Path, chunk_size: int | None) -> subprocess.Popen:
    args = [sys.executable, "-m", "ui.cli", "ingest", "--force", "--json", "--index", str(index)]
    if chunk_size is not None:
        args += ["--chunk-size", str(chunk_size)]
    env = {**os.environ, "KUNNSKAP_HOME": str(home)}
    return subprocess.Popen(args, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


_QVECS: dict[str, object] = {}


def _state(index_path: Path) -> tuple[str, int, tuple]:
    """(build time, chunk size, top-5 chunk ids per query in bm25 and dense mode) of the index."""
    from index.store import load_index

    index = load_index(index_path)  # raises when the folder is not a whole, consistent index
    tops = []
    for q in QUERIES:  # query vectors embedded once: the model is not what is under test here
        qvec = _QVECS.setdefault(q, index.embedder.embed_query(q))
        tops.append(tuple(h.chunk.id for h in index.search_bm25(q, 5)))
        tops.append(tuple(index.chunks[i].id for i in index.dense.search(qvec, 5)[0]))
    return index.manifest.built_at, index.manifest.chunk_settings["chunk_size"], tuple(tops)


@robustness("`kill -9` av `kunnskap ingest --force` på tilfeldige tidspunkt (24 ganger)",
            "Forrige indeks (eller den ferdige nye) laster og svarer likt; aldri en halv indeks")
@pytest.mark.slow
def test_kill_9_during_ingest_never_breaks_the_index(index_copy, warm_home):
    from ingest.records import ChunkSettings

    default = ChunkSettings().chunk_size
    # one full run to time it (cached embeddings: the rebuild without the model work)
    started = time.perf_counter()
    proc = _start(index_copy, warm_home, None)
    assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()
    duration = time.perf_counter() - started
    current = _state(index_copy)
    answers = {default: current[2]}  # what a finished index of each chunk size answers

    rng = random.Random(SEED)
    # kill points spread evenly over the run (early / mid / late, stratified), in random order;
    # every fourth run re-chunks (a new chunk size), so it really embeds when it is killed
    slots = [(i + rng.random()) / RUNS * duration * 1.1 for i in range(RUNS)]
    rng.shuffle(slots)
    outcomes = []
    for run, delay in enumerate(slots):
        size = default - 40 * (run // 4 + 1) if run % 4 == 3 else None
        proc = _start(index_copy, warm_home, size)
        time.sleep(delay)
        finished = proc.poll() is not None
        proc.kill()  # SIGKILL
        proc.wait(timeout=60)
        after = _state(index_copy)
        new_size = size or default
        if after[0] == current[0]:  # the previous index, untouched
            assert after == current, f"run {run}: same build, other answers"
            outcomes.append("killed, old index")
        else:  # the run got to swap its new index in before dying (or finished)
            assert after[1] == new_size, f"run {run}: index of chunk size {after[1]}"
            assert after[2] == answers.setdefault(new_size, after[2]), f"run {run}: other answers"
            outcomes.append("finished" if finished else "killed after swap, new index")
            current = after
        assert not (index_copy / "manifest.json").is_dir()
        # a killed build leaves at most its own hidden temp folder; the next build sweeps it away
        others = [p.name for p in index_copy.parent.iterdir() if p.name not in ("index", "home")]
        assert len(others) <= 1 and all(n.startswith(".index.tmp-") for n in others), others
    killed_before = outcomes.count("killed, old index")
    assert killed_before >= RUNS // 3, outcomes  # most kills really interrupted a build
    print(json.dumps({"duration": round(duration, 2), "outcomes": outcomes, "leftovers": len(others)}))
