"""A small launcher so a measured child's peak RSS is its own.

Linux carries the parent's peak RSS into a child across fork and exec (``ru_maxrss`` of the child
is at least the parent's high-water mark at fork time). The bench process holds a loaded index
and models, so a child spawned directly from it would report the bench's own memory. This
launcher is a fresh, small interpreter: it spawns the command, waits for it with ``wait4`` and
writes the command's wall time and peak RSS to a JSON file.

Usage: python -m evaluation.bench.launch RESULT.json COMMAND [ARGS ...]
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(argv: list[str]) -> int:
    result, command = argv[0], argv[1:]
    t0 = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    with open(result, "w", encoding="utf-8") as f:
        json.dump({"seconds": seconds, "max_rss_kb": usage.ru_maxrss, "returncode": code}, f)
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
