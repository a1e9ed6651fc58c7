"""Crafted XLSX archives for the limit tests: valid workbooks around one hostile part."""

import io
import zipfile

from openpyxl import Workbook

SST_TYPE = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")
SST_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "sharedStrings")
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _base() -> zipfile.ZipFile:
    workbook = Workbook()
    workbook.active.append(["成果名称"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def _rebuild(replace: dict[str, bytes], extra=()) -> bytes:
    """The base workbook with some parts replaced and ``extra`` (name, writer) parts added."""
    source, out = _base(), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, replace.get(info.filename, source.read(info)),
                             zipfile.ZIP_DEFLATED)
        for name, write in extra:
            with archive.open(name, "w", force_zip64=True) as part:
                write(part)
    return out.getvalue()


def shared_strings_bomb(mib: int, entry: bytes = b"<si><t>a</t></si>") -> bytes:
    """A workbook whose shared-strings part inflates to ``mib`` MiB of tiny strings."""
    source = _base()
    types = source.read("[Content_Types].xml").replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/>'
        "</Types>".encode())
    rels = source.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>", f'<Relationship Id="rIdS" Type="{SST_REL}" '
        'Target="sharedStrings.xml"/></Relationships>'.encode())

    def write(part):
        part.write(f'<?xml version="1.0"?><sst xmlns="{MAIN_NS}">'.encode())
        chunk = entry * (1024 * 1024 // len(entry))
        for _ in range(mib):
            part.write(chunk)
        part.write(b"</sst>")

    return _rebuild({"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels},
                    [("xl/sharedStrings.xml", write)])


def empty_rows_bomb(last_row: int) -> bytes:
    """A header row, then one cell in row ``last_row``: every row between is blank."""
    sheet = (f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>成果名称</t></is></c></row>'
             f'<row r="{last_row}"><c r="A{last_row}" t="inlineStr"><is><t>x</t></is></c>'
             "</row></sheetData></worksheet>")
    return _rebuild({"xl/worksheets/sheet1.xml": sheet.encode()})


def many_parts_bomb(parts: int) -> bytes:
    return _rebuild({}, [(f"xl/media/p{n}.bin", lambda part: part.write(b"x"))
                         for n in range(parts)])
