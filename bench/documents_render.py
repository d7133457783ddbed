"""Median render time per document type (PDF from its sample context; DOCX too).

    .venv/bin/python bench/documents_render.py [--rounds 5] [--png DIR]

Warms up first (the first WeasyPrint render after a font install builds the font cache). With
--png, also writes each type's PDF and page images (pdftoppm -r 60) into DIR for people to look at.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
os.environ.setdefault("ZHIFA_VAR_DIR", tempfile.mkdtemp(prefix="zhifa-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from pypdf import PdfReader  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--png", default="")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from zhifa.accounts.demo import demo_towns
    from zhifa.documents import services

    town = demo_towns()["main"]
    types = services.all_doc_types()
    services.sample_render_pdf(town=town, doc_type=types[0].code)  # warm-up: font cache
    pdf_medians, docx_medians = [], []
    print(f"{'文书类型':<24}{'PDF 中位数(s)':>14}{'DOCX 中位数(s)':>16}{'页数':>6}")
    for t in types:
        pdf_times, docx_times = [], []
        pdf = b""
        for _ in range(args.rounds):
            start = time.perf_counter()
            pdf = services.sample_render_pdf(town=town, doc_type=t.code)
            pdf_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            services.sample_render_docx(town=town, doc_type=t.code)
            docx_times.append(time.perf_counter() - start)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        pdf_medians.append(statistics.median(pdf_times))
        docx_medians.append(statistics.median(docx_times))
        print(f"{t.name:<24}{pdf_medians[-1]:>14.3f}{docx_medians[-1]:>16.3f}{pages:>6}")
        if args.png:
            out = Path(args.png)
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{t.code}.pdf").write_bytes(pdf)
            subprocess.run(
                ["pdftoppm", "-r", "60", "-png", str(out / f"{t.code}.pdf"), str(out / t.code)],
                check=True,
            )
    print(
        f"\n全部 {len(types)} 类文书：PDF 渲染中位数 {statistics.median(pdf_medians):.3f} s，"
        f"最慢 {max(pdf_medians):.3f} s；DOCX 中位数 {statistics.median(docx_medians):.3f} s"
    )


if __name__ == "__main__":
    main()
