"""Built-in rules, one module per family. Importing this package registers them."""

from ficlint.checks import consistency, dialogue, meta, quotes, repetition, typography  # noqa: F401
