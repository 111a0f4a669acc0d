"""Write the README's rule table afresh from the registry (what `ficlint rules --format
markdown` prints), between its two markers. Run it after adding or changing a rule:

    python tools/rule_table.py

tests/test_readme.py fails while the README's table is not the generated one."""

from __future__ import annotations

from pathlib import Path

from ficlint.registry import all_rules
from ficlint.ruledocs import markdown_table

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rule-table:", "<!-- rule-table end -->"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    marker, rest = rest.split("\n", 1)
    tail = rest.split(END, 1)[1]
    README.write_text(
        f"{head}{START}{marker}\n{markdown_table(all_rules())}{END}{tail}", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
