"""Column maps written as files for the command line (``--map FILE``): JSON or YAML, one
``field: file header`` pair per entry, e.g. ``合同登记编号: 登记编号``."""

import json
from pathlib import Path

import yaml

from matchhub.core.errors import ValidationFailed


def read_map_file(path: Path) -> object:
    """The file's contents as data (checked by saved_maps.clean_map against a spec)."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise ValidationFailed({"mapping": [f"列映射文件无法读取：{exc}"]}) from None
