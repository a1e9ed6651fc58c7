"""Documents zones submit (construction plans, yearly reports), stored under the data dir."""

from dataclasses import dataclass
from pathlib import Path, PurePath

from sqlalchemy.orm import Session

from matchhub.core.errors import ValidationFailed
from matchhub.core.uploads import (
    check_content,
    planned_name,
    remove_after_commit,
    write_after_flush,
)

FOLDER = "zone_documents"
MAX_BYTES = 8 * 1024 * 1024
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_TYPES = {".pdf": "application/pdf", ".docx": DOCX_MIME, ".doc": "application/msword"}


@dataclass
class Upload:
    filename: str
    data: bytes


def check_document(upload: Upload, allowed: set[str], field: str) -> str:
    """The random name the upload will be stored under; ``field`` names the form field."""
    if PurePath(upload.filename).suffix.lower() not in allowed:
        kinds = "、".join(sorted(s.lstrip(".").upper() for s in allowed))
        raise ValidationFailed({field: [f"仅支持 {kinds} 文件"]})
    if not upload.data or len(upload.data) > MAX_BYTES:
        raise ValidationFailed({field: ["文件不能为空，且不超过 8 MB"]})
    check_content(upload.filename, upload.data, field)
    return planned_name(upload.filename)


def write_document(session: Session, data_dir: Path, stored: str, upload: Upload) -> None:
    """Write the upload once its row is flushed; removed again if the transaction fails."""
    write_after_flush(session, document_file(data_dir, stored), upload.data)


def replace_document(session: Session, data_dir: Path, old: str | None, new: str) -> None:
    """The row now names ``new``: the file it named before goes once the change commits."""
    if old and old != new:
        remove_after_commit(session, document_file(data_dir, old))


def document_file(data_dir: Path, stored: str) -> Path:
    return data_dir / FOLDER / PurePath(stored).name


def mime_type(stored: str) -> str:
    return MIME_TYPES.get(PurePath(stored).suffix.lower(), "application/octet-stream")


def display_name(filename: str) -> str:
    return PurePath(filename).name[:200]
