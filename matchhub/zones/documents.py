"""Documents zones submit (construction plans, yearly reports), stored under the data dir."""

import uuid
from dataclasses import dataclass
from pathlib import Path, PurePath

from matchhub.errors import ValidationFailed

FOLDER = "zone_documents"
MAX_BYTES = 8 * 1024 * 1024
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_TYPES = {".pdf": "application/pdf", ".docx": DOCX_MIME, ".doc": "application/msword"}


@dataclass
class Upload:
    filename: str
    data: bytes


def store_document(data_dir: Path, upload: Upload, allowed: set[str], field: str) -> str:
    """Save an upload under a random name; the stored name. ``field`` names the form field."""
    suffix = PurePath(upload.filename).suffix.lower()
    if suffix not in allowed:
        kinds = "、".join(sorted(s.lstrip(".").upper() for s in allowed))
        raise ValidationFailed({field: [f"仅支持 {kinds} 文件"]})
    if not upload.data or len(upload.data) > MAX_BYTES:
        raise ValidationFailed({field: ["文件不能为空，且不超过 8 MB"]})
    folder = data_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}{suffix}"
    (folder / name).write_bytes(upload.data)
    return name


def document_file(data_dir: Path, stored: str) -> Path:
    return data_dir / FOLDER / PurePath(stored).name


def mime_type(stored: str) -> str:
    return MIME_TYPES.get(PurePath(stored).suffix.lower(), "application/octet-stream")


def display_name(filename: str) -> str:
    return PurePath(filename).name[:200]
