"""Generate the sample quarterly report PDF of the local corpus, with no dependencies.

The local chat API shows page screenshots of PDF hits, so the corpus needs a real multi-page
PDF with text that pypdfium2 can extract. This writes PDF syntax by hand (Helvetica text,
headings, wrapped paragraphs and a ruled table), so the file is reproducible and reviewable.

    python scripts/make_sample_pdf.py [OUTPUT]

Default output: assets/corpus/quarterly-reports/northwind-q3-2025-report.pdf
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "assets" / "corpus" / "quarterly-reports" / "northwind-q3-2025-report.pdf"

PAGE_W, PAGE_H = 612, 792  # US Letter, points
MARGIN = 64
TITLE = "Northwind Analytics - Q3 2025 Quarterly Report"

# Each page: a list of blocks ("h1"/"h2"/"p"/"table"/"bullets", payload).
PAGES: list[list[tuple[str, object]]] = [
    [
        ("h1", "Q3 2025 Quarterly Report"),
        ("p", "Northwind Analytics, Inc. - quarter ended September 30, 2025. Prepared by the Finance team "
              "for the Board of Directors. All figures in US dollars unless stated otherwise."),
        ("h2", "Executive summary"),
        ("p", "Q3 2025 revenue was $48.2 million, up 18 percent year over year and 6 percent over Q2 2025 "
              "($45.5 million). Growth came mainly from the Cloud Platform segment, whose annual recurring "
              "revenue passed $150 million for the first time."),
        ("p", "Gross margin improved to 71.4 percent from 68.9 percent a year earlier, helped by the migration "
              "of the analytics workloads to the new storage tier. Operating income was $5.1 million, an "
              "operating margin of 10.6 percent, compared with an operating loss of $0.8 million in Q3 2024."),
        ("h2", "Headline numbers"),
        ("table", [
            ["Metric", "Q3 2025", "Q2 2025", "Q3 2024"],
            ["Revenue", "$48.2M", "$45.5M", "$40.8M"],
            ["Gross margin", "71.4%", "70.2%", "68.9%"],
            ["Operating income", "$5.1M", "$3.6M", "-$0.8M"],
            ["Free cash flow", "$7.9M", "$4.2M", "$1.1M"],
            ["Customers (>$100k ARR)", "412", "389", "331"],
            ["Net revenue retention", "117%", "115%", "112%"],
        ]),
        ("p", "Cash and short-term investments stood at $212.4 million at quarter end. The company "
              "repurchased no shares during the quarter."),
    ],
    [
        ("h1", "Revenue by segment"),
        ("p", "Northwind reports three segments. Cloud Platform is the subscription analytics service; "
              "Professional Services covers implementation and training; Legacy Licenses are perpetual "
              "on-premises licenses, which the company stopped selling to new customers in 2024."),
        ("table", [
            ["Segment", "Q3 2025", "Q3 2024", "YoY change"],
            ["Cloud Platform", "$38.6M", "$30.1M", "+28%"],
            ["Professional Services", "$6.9M", "$6.4M", "+8%"],
            ["Legacy Licenses", "$2.7M", "$4.3M", "-37%"],
            ["Total", "$48.2M", "$40.8M", "+18%"],
        ]),
        ("h2", "Regional view"),
        ("p", "North America contributed $29.4 million (61 percent of revenue), EMEA $13.5 million "
              "(28 percent) and Asia-Pacific $5.3 million (11 percent). EMEA grew fastest at 24 percent "
              "year over year after the Frankfurt data center opened in July 2025."),
        ("p", "The largest new contract of the quarter was a three-year Cloud Platform agreement with a "
              "European logistics group worth $4.8 million in total contract value."),
    ],
    [
        ("h1", "Operating expenses and headcount"),
        ("p", "Total operating expenses were $29.3 million, 60.8 percent of revenue, down from 70.8 percent "
              "in Q3 2024. Research and development remained the largest line."),
        ("table", [
            ["Expense line", "Q3 2025", "% of revenue"],
            ["Research and development", "$13.0M", "27.0%"],
            ["Sales and marketing", "$11.1M", "23.0%"],
            ["General and administrative", "$5.2M", "10.8%"],
            ["Total operating expenses", "$29.3M", "60.8%"],
        ]),
        ("h2", "Headcount"),
        ("p", "Headcount ended the quarter at 486 employees, up from 471 at the end of Q2 2025. Most hires "
              "joined engineering (9) and customer success (4). Voluntary attrition over the trailing "
              "twelve months fell to 8.9 percent."),
        ("p", "The company spent $1.4 million on cloud infrastructure optimisation during the quarter; the "
              "Finance team expects annualised savings of about $3.0 million from 2026."),
    ],
    [
        ("h1", "Outlook and risks"),
        ("h2", "Q4 2025 guidance"),
        ("p", "For Q4 2025 the company expects revenue between $50.0 million and $51.5 million and an "
              "operating margin of 11 to 13 percent. Full-year 2025 revenue guidance is raised to "
              "$183.0 to $184.5 million, from $179 to $182 million previously."),
        ("h2", "Key risks"),
        ("bullets", [
            "Customer concentration: the ten largest customers account for 19 percent of revenue.",
            "Currency: about 31 percent of revenue is billed in euros and pounds sterling.",
            "Legacy Licenses decline faster than planned, reducing services attach rates.",
            "Hiring for the Singapore office may slip into Q1 2026.",
        ]),
        ("h2", "Priorities for Q4"),
        ("p", "Launch the usage-based pricing tier for Cloud Platform, complete SOC 2 Type II renewal, and "
              "migrate the remaining 14 Legacy License customers to Cloud Platform contracts."),
        ("p", "Questions about this report can be sent to the Finance team at finance@northwind.example."),
    ],
]


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


class _Page:
    def __init__(self) -> None:
        self.ops: list[str] = []
        self.y = PAGE_H - MARGIN

    def text(self, x: float, y: float, s: str, font: str = "F1", size: float = 10.5) -> None:
        self.ops.append(f"BT /{font} {size} Tf {x:.1f} {y:.1f} Td ({_esc(s)}) Tj ET")

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6) -> None:
        self.ops.append(f"{width} w {x1:.1f} {y1:.1f} m {x2:.1f} {y2:.1f} l S")

    def fill_rect(self, x: float, y: float, w: float, h: float, gray: float) -> None:
        self.ops.append(f"{gray} g {x:.1f} {y:.1f} {w:.1f} {h:.1f} re f 0 g")


def _render_page(blocks: list[tuple[str, object]], number: int, total: int) -> str:
    page = _Page()
    # Running header band and footer.
    page.fill_rect(0, PAGE_H - 36, PAGE_W, 36, 0.16)
    page.ops.append("1 g")
    page.text(MARGIN, PAGE_H - 23, "NORTHWIND ANALYTICS", "F2", 10)
    page.text(PAGE_W - MARGIN - 150, PAGE_H - 23, "Q3 2025 Quarterly Report", "F1", 9)
    page.ops.append("0 g")
    page.line(MARGIN, 48, PAGE_W - MARGIN, 48, 0.4)
    page.text(MARGIN, 34, "Confidential - prepared for the Board of Directors", "F1", 8)
    page.text(PAGE_W - MARGIN - 60, 34, f"Page {number} of {total}", "F1", 8)

    page.y = PAGE_H - 36 - 40
    width = PAGE_W - 2 * MARGIN
    for kind, payload in blocks:
        if kind == "h1":
            page.text(MARGIN, page.y, str(payload), "F2", 20)
            page.y -= 10
            page.line(MARGIN, page.y, MARGIN + 120, page.y, 2)
            page.y -= 26
        elif kind == "h2":
            page.y -= 6
            page.text(MARGIN, page.y, str(payload), "F2", 13)
            page.y -= 20
        elif kind == "p":
            for ln in textwrap.wrap(str(payload), 92):
                page.text(MARGIN, page.y, ln)
                page.y -= 14
            page.y -= 8
        elif kind == "bullets":
            for item in payload:  # type: ignore[union-attr]
                for i, ln in enumerate(textwrap.wrap(item, 86)):
                    if i == 0:
                        page.fill_rect(MARGIN + 4, page.y + 2, 4, 4, 0.2)
                    page.text(MARGIN + 16, page.y, ln)
                    page.y -= 14
                page.y -= 4
            page.y -= 6
        elif kind == "table":
            rows: list[list[str]] = payload  # type: ignore[assignment]
            ncols = len(rows[0])
            first = width * 0.4
            other = (width - first) / (ncols - 1)
            xs = [MARGIN] + [MARGIN + first + other * i for i in range(ncols)]
            row_h = 20
            top = page.y + 4
            page.fill_rect(MARGIN, top - row_h, width, row_h, 0.88)
            for r, row in enumerate(rows):
                base = top - row_h * (r + 1) + 6
                bold = r == 0 or row[0] == "Total" or row[0].startswith("Total ")
                for c, cell in enumerate(row):
                    page.text(xs[c] + 6, base, cell, "F2" if bold else "F1", 10)
            bottom = top - row_h * len(rows)
            for r in range(len(rows) + 1):
                y = top - row_h * r
                page.line(MARGIN, y, MARGIN + width, y, 1.0 if r in (0, 1, len(rows)) else 0.4)
            for x in xs + [MARGIN + width]:
                page.line(x, top, x, bottom, 0.4)
            page.y = bottom - 24
    return "\n".join(page.ops)


def build_pdf() -> bytes:
    total = len(PAGES)
    objects: list[bytes] = []  # object n is objects[n-1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    font2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    info = add(f"<< /Title ({_esc(TITLE)}) /Author (Northwind Analytics Finance) "
               f"/Producer (chat_ui scripts/make_sample_pdf.py) >>".encode())
    kids = []
    for n, blocks in enumerate(PAGES, start=1):
        stream = _render_page(blocks, n, total).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
            f"/Resources << /Font << /F1 {font1} 0 R /F2 {font2} 0 R >> >> /Contents {content} 0 R >>".encode()
        ))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objects[pages_id - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, info, xref))
    return bytes(out)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_pdf())
    print(f"wrote {out} ({len(PAGES)} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
