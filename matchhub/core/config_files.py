"""Locate and read the data files kept in ``config/``."""

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"


def config_dir() -> Path:
    return Path(os.environ.get("MATCHHUB_CONFIG_DIR") or DEFAULT_CONFIG_DIR)


@cache
def load_json(name: str) -> Any:
    with open(config_dir() / name, encoding="utf-8") as fh:
        return json.load(fh)
