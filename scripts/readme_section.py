"""Replace one marked section of README.md: `python scripts/readme_section.py NAME FILE`.

The section is the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def replace_section(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no <!-- {name}:start --> … <!-- {name}:end --> markers")
    return pattern.sub(lambda m: m.group(1) + body.rstrip("\n") + "\n" + m.group(2), text)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        raise SystemExit("usage: python scripts/readme_section.py NAME FILE")
    name, path = argv
    README.write_text(replace_section(README.read_text(encoding="utf-8"), name,
                                      Path(path).read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
