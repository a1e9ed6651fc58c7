"""Limits on reading an import file, checked before and while it is parsed.

An XLSX file is a zip archive: a small upload can inflate to gigabytes (a huge shared-strings
part) or to millions of empty rows. Before openpyxl sees it, the archive's end record and
central directory are checked (number of parts, total uncompressed size, compression ratio
of each large part); while it is read, every read of the compressed bytes checks the
deadline, and the reader counts rows, blank ones included. Whatever exceeds a limit is
refused at once, under the ``file`` field. The limits are IMPORT_* in config/defaults.py
(README "Importing files").
"""

import io
import struct
import time
import zipfile
from dataclasses import dataclass
from typing import Any

from flask import current_app, has_app_context

from matchhub.core.errors import ValidationFailed
from matchhub.core.settings import parse_int

MIB = 1024 * 1024
# The compression ratio is only checked for parts above this size: a small part that
# compresses well (a style sheet) costs nothing to inflate.
RATIO_FROM_BYTES = MIB
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_MAX_COMMENT = 65535


class LimitExceeded(ValidationFailed):
    """A file refused for its size or shape; the message goes under the ``file`` field."""

    def __init__(self, message: str):
        super().__init__({"file": [message]})


@dataclass(frozen=True)
class ReadLimits:
    max_uncompressed_bytes: int = 160 * MIB
    max_compression_ratio: int = 100
    max_parts: int = 100
    max_rows: int = 100_000
    max_columns: int = 200
    max_seconds: int = 180

    @classmethod
    def from_config(cls, config: Any) -> "ReadLimits":
        return cls(**{name: parse_int(config[f"IMPORT_{name.upper()}"],
                                      f"IMPORT_{name.upper()}", minimum=1)
                      for name in cls.__dataclass_fields__})


def configured_limits() -> ReadLimits:
    """The app's IMPORT_* settings (the defaults outside an app, e.g. in a bench script)."""
    return ReadLimits.from_config(current_app.config) if has_app_context() else ReadLimits()


def check_archive(data: bytes, limits: ReadLimits) -> None:
    """Refuse an archive whose directory promises more work than the limits allow."""
    parts = _declared_parts(data)
    if parts > limits.max_parts:
        raise LimitExceeded(f"XLSX 文件包含的部件过多（{parts} 个，上限 {limits.max_parts} 个），"
                            "不是普通的工作簿")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise LimitExceeded(f"XLSX 文件解压后过大（{total // MIB} MB，上限 "
                            f"{limits.max_uncompressed_bytes // MIB} MB），请拆分后分批导入")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM_BYTES and ratio > limits.max_compression_ratio:
            raise LimitExceeded(f"XLSX 文件中的 {info.filename[:100]} 压缩比异常（{ratio:.0f} 倍，"
                                f"上限 {limits.max_compression_ratio} 倍），已拒绝读取")


def _declared_parts(data: bytes) -> int:
    """The number of parts the end-of-central-directory record declares (read before the
    directory itself, which could hold millions of entries); 0xFFFF means at least that."""
    start = max(0, len(data) - _END_RECORD_SIZE - _MAX_COMMENT)
    end = data.rfind(_END_RECORD, start)
    if end < 0 or end + _END_RECORD_SIZE > len(data):
        raise LimitExceeded("文件不是有效的 XLSX 工作簿")
    return struct.unpack_from("<H", data, end + 10)[0]


class DeadlineStream(io.BytesIO):
    """The upload's bytes; every read checks the deadline, so inflating a part, loading the
    shared strings and reading rows all stop once the time is up."""

    def __init__(self, data: bytes, seconds: int):
        super().__init__(data)
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def read(self, size: int | None = -1) -> bytes:
        self.check()
        return super().read(size)

    def pause(self) -> None:
        """Stop the clock while the rows read so far are checked (streamed imports): the
        limit is on reading the file, not on what is done with its rows."""
        self.paused_at = time.monotonic()

    def resume(self) -> None:
        self.deadline += time.monotonic() - self.paused_at

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"读取文件超过 {self.seconds} 秒，已停止；请拆分后分批导入")


def too_many_rows(limits: ReadLimits) -> LimitExceeded:
    return LimitExceeded(f"工作表超过 {limits.max_rows} 行（空行也计算在内），"
                         "请删除多余的空行或拆分后分批导入")
