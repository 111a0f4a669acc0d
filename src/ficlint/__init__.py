"""ficlint: a manuscript linter for fiction writers."""

__version__ = "0.1.0"
