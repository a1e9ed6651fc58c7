"""Size of a large contract import file, to set the import limits honestly.

Builds a 50,000-row x 25-column contract sheet (registry-like content: unique numbers and
names, Chinese party names, dates, amounts, codes), saves it with openpyxl (shared strings,
as Excel does) and reports the file size, the uncompressed size and the compression ratio
of each part, and how long reading it takes. Figures: bench/import_limits.txt.

    .venv/bin/python -m bench.import_limits [ROWS]
"""

import datetime as dt
import io
import sys
import time
import zipfile

from openpyxl import Workbook

FIELDS = ("新能源与高效节能", "现代农业", "生物医药", "电子信息", "先进制造", "新材料")
CITIES = ("兰州", "定西", "天水", "白银", "张掖", "酒泉", "武威", "庆阳")


def contract_row(n: int) -> list:
    city, other = CITIES[n % 8], CITIES[(n * 7 + 3) % 8]
    signed = dt.date(2020, 1, 1) + dt.timedelta(days=n % 1500)
    return [
        f"62{n:010d}", f"{city}一种马铃薯淀粉涂膜保鲜技术开发合同第{n}号", "技术开发", "委托开发",
        signed, signed + dt.timedelta(days=7), f"{(n * 7919) % 90000000 + 10000}.{n % 100:02d}",
        f"{(n * 104729) % 9000000 + 1000}.50", f"{city}大学第{n % 300}研究所",
        "高等院校", "620100", f"{other}市科技发展有限公司{n % 5000}", "企业法人", "621100",
        FIELDS[n % 6], "发明专利", f"ZL2020{n:07d}.{n % 10}", f"张{n % 100}", f"0931-{n:07d}",
        f"{city}市技术市场", f"备注：按期履行，第{n % 12 + 1}期付款", "是", "否",
        n % 37, f"{(n * 31) % 1000}.00",
    ]


def build(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("技术合同")
    sheet.append([f"列{i}" for i in range(1, 26)])
    for n in range(1, rows + 1):
        sheet.append(contract_row(n))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main(rows: int) -> None:
    data = build(rows)
    archive = zipfile.ZipFile(io.BytesIO(data))
    infos = archive.infolist()
    print(f"rows {rows} x 25 columns: file {len(data) / 2**20:.1f} MiB, "
          f"uncompressed {sum(i.file_size for i in infos) / 2**20:.1f} MiB, {len(infos)} parts")
    for info in sorted(infos, key=lambda i: -i.file_size)[:3]:
        print(f"  {info.filename}: {info.file_size / 2**20:.1f} MiB, "
              f"ratio {info.file_size / max(info.compress_size, 1):.1f}")
    from matchhub.imports.files import read_xlsx  # noqa: PLC0415 (after the build)
    started = time.perf_counter()
    read_xlsx(data, rows + 10)
    print(f"read_xlsx: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
