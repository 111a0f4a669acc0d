"""Word lists shipped in the wheel (from the top-level rules/ folder)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


def _data_dir() -> Path:
    installed = Path(__file__).with_name("data")
    if installed.is_dir():
        return installed
    # Running from a source checkout (editable install): the repository's rules/ folder.
    return Path(__file__).resolve().parents[2] / "rules"


@cache
def load(name: str) -> Any:
    import yaml

    # libyaml's loader where the wheel has it: ten times faster than the pure-Python one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(_data_dir() / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)
