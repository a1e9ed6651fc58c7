"""Where the demo data lives and how it is read."""

import json
from functools import cache
from pathlib import Path
from typing import Any

from matchhub.core.config_files import load_json

DEMO_DATA_DIR = Path(__file__).resolve().parent.parent / "demo_data"
RECORDS_PATH = DEMO_DATA_DIR / "csl" / "records_dev.jsonl"


def load_demo_json(name: str) -> Any:
    with open(DEMO_DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


def read_records(path: Path | str) -> list[dict[str, Any]]:
    """The CSL records, one JSON object per line."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@cache
def discipline_fields() -> dict[str, str]:
    """CSL discipline (学科) → 技术领域 code, from config/discipline_fields.json."""
    return dict(load_json("discipline_fields.json")["disciplines"])
