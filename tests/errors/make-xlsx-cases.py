#!/usr/bin/env python3
"""Writes the workbook cases of the error catalogue (tests/errors/report-xlsx/*.xlsx).

Workbooks are binary, so they are made here from readable descriptions instead of by hand in
Excel: each case is a minimal SpreadsheetML package (the parts Excel itself writes) with one kind
of bad cell or bad workbook. Python standard library only; the output is deterministic (fixed
zip timestamps). Run from the repository root after changing a case, then regenerate the
.expected files (tests/errors/README.md) and read every message:

    python3 tests/errors/make-xlsx-cases.py
"""
import os
import zipfile
from xml.sax.saxutils import escape

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report-xlsx")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def col_name(c):
    s = ""
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def cell_xml(ref, value, strings):
    """value: int/float -> number; str -> shared string; ('inline', s); ('date', serial);
    ('bool', 0/1); ('error', '#DIV/0!'); ('raw', xml) for anything else."""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, str):
        if value not in strings:
            strings.append(value)
        return f'<c r="{ref}" t="s"><v>{strings.index(value)}</v></c>'
    kind, v = value
    if kind == "inline":
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
    if kind == "date":
        return f'<c r="{ref}" s="1"><v>{v}</v></c>'
    if kind == "error":
        return f'<c r="{ref}" t="e"><v>{escape(v)}</v></c>'
    if kind == "raw":
        return v
    raise ValueError(kind)


def sheet_xml(rows, strings):
    """rows: {row number: {column number: value}}"""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"><sheetData>']
    for r in sorted(rows):
        out.append(f'<row r="{r}">')
        for c in sorted(rows[r]):
            out.append(cell_xml(f"{col_name(c)}{r}", rows[r][c], strings))
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def package(sheets, extra=None, content_type=XLSX_TYPE, workbook_extra="", rels_extra="",
            targets=None):
    """sheets: [(name, rows)] -> {part name: bytes}"""
    strings = []
    parts = {}
    for i, (name, rows) in enumerate(sheets, 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(rows, strings)
    sst = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{MAIN}" '
                                     f'count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>')
    parts["xl/styles.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="{MAIN}">'
                              '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
                              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>'
                              '</styleSheet>')
    sheet_list = "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, (n, _) in enumerate(sheets, 1))
    parts["xl/workbook.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
                                f'<sheets>{sheet_list}</sheets>{workbook_extra}</workbook>')
    n = len(sheets)
    targets = targets or {}
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                   f'Target="{targets.get(i, f"worksheets/sheet{i}.xml")}"/>' for i in range(1, n + 1))
    rels += (f'<Relationship Id="rId{n + 1}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
             f'<Relationship Id="rId{n + 2}" Type="{REL}/styles" Target="styles.xml"/>' + rels_extra)
    parts["xl/_rels/workbook.xml.rels"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n'
                                           f'<Relationships xmlns="{PKG}">{rels}</Relationships>')
    parts["_rels/.rels"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{PKG}">'
                            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
                            '</Relationships>')
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{content_type}"/></Types>')
    parts.update(extra or {})
    return parts


def write(name, parts, deflate=False):
    """Parts are stored uncompressed (so the fuzzer's mutations of these seeds reach the XML),
    except where the case is about compression."""
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w") as z:
        for part in parts:
            info = zipfile.ZipInfo(part, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
            data = parts[part]
            z.writestr(info, data.encode() if isinstance(data, str) else data)


# The fixed schema of the catalogue (tests/errors/README.md): jobs_target, jobs_created (count),
# employment_rate (0..100), disclosed (boolean) on 보고서; plan_grade, interview_scores on 심사.
def report_rows(**override):
    """The 보고서 sheet of a valid template for 11530 구로구; override values by id."""
    items = [("government", 11530), ("name_ko", "구로구"), ("year", 2020), ("synthetic", False),
             ("provenance", "구로구 일자리정책과"), ("jobs_target", 13300), ("jobs_created", 13752),
             ("employment_rate", 59.4), ("disclosed", True)]
    rows = {1: {1: "일자리대상 보고서"}, 3: {1: "id", 2: "항목", 6: "값"}}
    r = 4
    for key, value in items:
        if key in override and override[key] is None:
            continue
        rows[r] = {1: key, 6: override.get(key, value)}
        r += 1
    return rows


def review_rows(grade="B", scores=(78, 82, 80), extra=None):
    rows = {1: {1: "심사위원 입력"}, 3: {1: "id", 6: "심사위원 1"},
            4: {1: "plan_grade", 6: grade},
            5: {1: "interview_scores", **{6 + i: s for i, s in enumerate(scores)}}}
    for r, cells in (extra or {}).items():
        rows.setdefault(r, {}).update(cells)
    return rows


def template(report=None, review=None, **kw):
    return package([("보고서", report or report_rows()), ("심사", review or review_rows())], **kw)


def consolidated(rows):
    header = ["government", "name_ko", "year", "synthetic", "jobs_target", "jobs_created",
              "employment_rate", "plan_grade", "interview_scores", "disclosed"]
    sheet = {1: {i + 1: h for i, h in enumerate(header)}}
    for r, values in enumerate(rows, 2):
        sheet[r] = {i + 1: v for i, v in enumerate(values) if v is not None}
    return package([("Sheet1", sheet)])


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = {
        # bad cells of a filled template
        "count-is-a-word": template(report_rows(jobs_created="많음")),
        "fractional-count": template(report_rows(jobs_created=12.5)),
        "negative-count": template(report_rows(jobs_target=-3)),
        "rate-out-of-range": template(report_rows(employment_rate=161.5)),
        "date-in-count-cell": template(report_rows(jobs_created=("date", 43891))),
        "formula-error-value": template(report_rows(employment_rate=("error", "#DIV/0!"))),
        "boolean-in-count-cell": template(report_rows(jobs_target=True)),
        "inline-string-grade": template(review=review_rows(grade=("inline", "F"))),
        "bad-second-score": template(review=review_rows(scores=(78, "abc", 80))),
        "second-value-for-a-grade": template(review=review_rows(extra={4: {7: "A"}})),
        "misspelt-id": template(review=review_rows(extra={6: {1: "interview_scors", 6: 70}})),
        "id-given-twice": template(review=review_rows(extra={6: {1: "plan_grade", 6: "C"}})),
        "value-without-id": template(review=review_rows(extra={7: {6: 55}})),
        "missing-year-row": template(report_rows(year=None)),
        "unknown-government": template(report_rows(government=99999)),
        "name-mismatch": template(report_rows(name_ko="금천구")),
        "wrong-year": template(report_rows(year=2019)),
        "numbers-as-text-still-checked": template(report_rows(jobs_target="13300", jobs_created="1만")),
        "no-header-row": package([("보고서", {1: {1: "government", 6: 11530}}), ("심사", review_rows())]),
        # bad workbooks
        "macro-enabled": template(extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"}),
        "macro-content-type": template(content_type=XLSM_TYPE),
        "external-link": template(
            extra={"xl/externalLinks/externalLink1.xml": f'<externalLink xmlns="{MAIN}"/>'},
            rels_extra=f'<Relationship Id="rId9" Type="{REL}/externalLink" '
                       'Target="externalLinks/externalLink1.xml"/>'),
        "external-link-relationship": template(
            rels_extra=f'<Relationship Id="rId9" Type="{REL}/externalLink" '
                       'Target="file:///C:/other.xlsx" TargetMode="External"/>'),
        "path-tricks-are-not-used": {
            **{k: v for k, v in template().items() if k != "xl/worksheets/sheet2.xml"},
            "../xl/worksheets/sheet2.xml": sheet_xml(review_rows(), []),
            "/xl/worksheets/sheet2.xml": sheet_xml(review_rows(), []),
        },
        "target-outside-the-archive": template(targets={1: "../../../etc/passwd"}),
        "shared-string-out-of-range": template(report_rows(
            jobs_target=("raw", '<c r="F9" t="s"><v>999</v></c>'))),
        "cell-written-twice": template(report_rows(
            provenance=("raw", '<c r="F8"><v>1</v></c><c r="F8"><v>2</v></c>'))),
        "malformed-sheet-xml": {**template(), "xl/worksheets/sheet1.xml": "<worksheet><sheetData><row>"},
        "dtd-entity-expansion": {**template(), "xl/worksheets/sheet1.xml":
                                 '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                                 '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
                                 f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>'},
        "invalid-utf8-in-sheet": {**template(), "xl/worksheets/sheet1.xml":
                                  f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" '
                                  't="inlineStr"><is><t>'.encode() + b"\xc0\xaf" +
                                  b"</t></is></c></row></sheetData></worksheet>"},
        "second-root-element": {**template(), "xl/worksheets/sheet1.xml":
                                f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>\n'
                                f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>'},
        # Nesting a reader that recursed would run out of stack on (150,000 levels).
        "deeply-nested-xml": {**template(), "xl/worksheets/sheet1.xml":
                              f'<worksheet xmlns="{MAIN}"><sheetData>' + "<a>" * 150000 +
                              "</a>" * 150000 + "</sheetData></worksheet>"},
        # a consolidated workbook: one row per government
        "consolidated-bad-rows": consolidated([
            [11530, "구로구", 2020, "false", 13300, 12.5, 59.4, "B", "78;82;80", "TRUE"],
            ["11545", "금천구", 2020, False, 9000, 9100, 161.5, "G", "70;x", "yes"],
            [11530, None, 2020, False, 1, 1, 1, "A", "90", True],
        ]),
        # 101 reviewers' scores in one cell: a panel gives at most 100.
        "consolidated-too-many-scores": consolidated([
            [11530, "구로구", 2020, False, 1, 1, 1, "A", ";".join(["80"] * 101), True]]),
        "consolidated-value-outside-the-table": {
            **consolidated([[11530, "구로구", 2020, False, 1, 1, 1, "A", "90", True]]),
        },
    }
    sheet = consolidated([[11530, "구로구", 2020, False, 1, 1, 1, "A", "90", True, None, "stray"]])
    cases["consolidated-value-outside-the-table"] = sheet
    for name, parts in cases.items():
        write(name + ".xlsx", parts)
    # 33 KB whose shared-strings part inflates to 33 MiB (blanks between the elements, still
    # well-formed XML), past the 32 MiB limit of a part.
    bomb = template()
    bomb["xl/sharedStrings.xml"] = bomb["xl/sharedStrings.xml"].replace("<si>", " " * (33 << 20) + "<si>", 1)
    write("zip-bomb.xlsx", bomb, deflate=True)
    # 90 KB whose one 2,000-character (6,000-byte) shared string fills 17,000 cells: 102 MB of cell
    # text, past what the reader may keep for so small a file (16 MiB plus 4 bytes per byte of it;
    # each cell gets its own copy of the string).
    long_text = "가나다라" * 500
    repeated = package([("Sheet1", {r: {1: long_text} for r in range(1, 17001)})])
    write("shared-string-in-many-cells.xlsx", repeated, deflate=True)
    # 12 KB whose sheet opens with a 12 MiB attribute: expat holds a tag whole, past the 8 MiB it
    # may take for a part.
    huge_tag = template()
    huge_tag["xl/worksheets/sheet1.xml"] = huge_tag["xl/worksheets/sheet1.xml"].replace(
        "<sheetData>", '<sheetData x="' + "a" * (12 << 20) + '">', 1)
    write("huge-tag.xlsx", huge_tag, deflate=True)
    # More entries than a workbook ever has.
    many = template()
    for i in range(501):
        many[f"xl/media/empty{i}.bin"] = b""
    write("too-many-entries.xlsx", many)
    # Not a zip at all, an .xls (OLE) file, and a truncated archive.
    with open(os.path.join(OUT, "not-a-zip.xlsx"), "wb") as f:
        f.write("government,year\n11530,2020\n".encode())
    with open(os.path.join(OUT, "xls-or-encrypted.xlsx"), "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    write("whole.tmp", template())
    whole = open(os.path.join(OUT, "whole.tmp"), "rb").read()
    os.remove(os.path.join(OUT, "whole.tmp"))
    with open(os.path.join(OUT, "truncated.xlsx"), "wb") as f:
        f.write(whole[: len(whole) // 2])


if __name__ == "__main__":
    main()
