"""A reader process for the PostgreSQL robustness tests (run as a script, not collected).

Usage: python pg_worker.py URL QUESTIONS.json OUT.jsonl SEED [GATE_AT GATE_FILE]

Asks every question (in its own shuffled order) against the database, reloading the index when
its current generation changes, as the chat does. One JSON line per answer: the question's
position, the generation it was answered from and the answer record without its timing. With a
gate, it waits after GATE_AT answers until GATE_FILE exists (so some answers come after an
ingest the test runs meanwhile).
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    url, questions_file, out_file, seed = argv[:4]
    gate_at = int(argv[4]) if len(argv) > 4 else -1
    gate = Path(argv[5]) if len(argv) > 5 else None
    from assistant.assistant import Assistant
    from assistant.search.retrieval import Retriever
    from index.stores import open_store

    questions = json.loads(Path(questions_file).read_text(encoding="utf-8"))
    order = list(range(len(questions)))
    random.Random(int(seed)).shuffle(order)
    store = open_store(database_url=url)
    key, assistant, generation = None, None, None
    with open(out_file, "w", encoding="utf-8") as out:
        for done, i in enumerate(order):
            if done == gate_at and gate is not None:
                deadline = time.monotonic() + 300
                while not gate.exists() and time.monotonic() < deadline:
                    time.sleep(0.05)
            now = store.key()
            if now != key:  # a new generation: load it (the old one is let go)
                assistant = None
                index = store.load()
                key, generation = now, index.generation
                assistant = Assistant(Retriever(index))
                del index
            question, history = questions[i]
            answer = dataclasses.replace(assistant.ask(question, history), seconds=0.0)
            out.write(json.dumps({"i": i, "generation": generation, "answer": answer.to_dict()},
                                 ensure_ascii=False) + "\n")
            out.flush()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main(sys.argv[1:]))
