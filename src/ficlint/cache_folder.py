"""Where ficlint keeps what it may reuse: the grammar engines' findings per paragraph
(ficlint.grammar.cache) and whole runs (ficlint.results_cache)."""

from __future__ import annotations

import os
from pathlib import Path


def default_dir() -> Path:
    """The platform's user cache folder (platformdirs), or FICLINT_CACHE_DIR."""
    override = os.environ.get("FICLINT_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs  # lazy for start-up time

    return Path(platformdirs.user_cache_dir("ficlint"))
