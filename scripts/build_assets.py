"""Copy the front-end packages installed by npm into static_build/ (gitignored).

Only what the pages use is copied; nothing here is committed, and no page loads anything from a CDN.
The web font is for the browser only: PDFs use the system CJK font (see docs/adr/0005).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
OUT = ROOT / "static_build"

FILES = {
    "@tabler/core/dist/css/tabler.min.css": "tabler/tabler.min.css",
    "@tabler/core/dist/css/tabler.min.css.map": "tabler/tabler.min.css.map",
    "@tabler/core/dist/js/tabler.min.js": "tabler/tabler.min.js",
    "@tabler/core/dist/js/tabler.min.js.map": "tabler/tabler.min.js.map",
    "@tabler/icons-webfont/dist/tabler-icons.min.css": "tabler-icons/tabler-icons.min.css",
    "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
    # The CSP build: it evaluates no strings as code, so the policy needs no 'unsafe-eval'.
    "@alpinejs/csp/dist/cdn.min.js": "alpine/alpine-csp.min.js",
    "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
    "leaflet/dist/leaflet.js.map": "leaflet/leaflet.js.map",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
    "echarts/dist/echarts.common.min.js": "echarts/echarts.common.min.js",
    # The searchable picker (core/widgets.py). Source maps travel with every minified file that
    # names one, since collectstatic's manifest storage refuses a reference it cannot find
    # (tests/core/test_assets.py checks that none is missing).
    "tom-select/dist/js/tom-select.complete.min.js": "tom-select/tom-select.complete.min.js",
    "tom-select/dist/js/tom-select.complete.min.js.map": "tom-select/tom-select.complete.min.js.map",
    "tom-select/dist/css/tom-select.bootstrap5.min.css": "tom-select/tom-select.bootstrap5.min.css",
    "tom-select/dist/css/tom-select.bootstrap5.min.css.map": (
        "tom-select/tom-select.bootstrap5.min.css.map"
    ),
}
DIRS = {
    "@tabler/icons-webfont/dist/fonts": "tabler-icons/fonts",
    "leaflet/dist/images": "leaflet/images",
}
FONT_WEIGHTS = ("400", "700")


def copy_font() -> None:
    """Noto Sans SC from fontsource: the CSS of the weights we use and only the woff2 files."""
    src = NODE / "@fontsource/noto-sans-sc"
    dst = OUT / "fonts/noto-sans-sc"
    (dst / "files").mkdir(parents=True, exist_ok=True)
    css_parts = []
    for weight in FONT_WEIGHTS:
        css = (src / f"{weight}.css").read_text(encoding="utf-8")
        # Keep the woff2 source only: every browser we support reads it.
        css = re.sub(r",\s*url\([^)]*\.woff\) format\('woff'\)", "", css)
        css_parts.append(css)
        for font in (src / "files").glob(f"*-{weight}-normal.woff2"):
            shutil.copy2(font, dst / "files" / font.name)
    (dst / "noto-sans-sc.css").write_text("\n".join(css_parts), encoding="utf-8")


def main() -> int:
    if not NODE.exists():
        print("node_modules 不存在：请先运行 npm ci", file=sys.stderr)
        return 1
    if OUT.exists():
        shutil.rmtree(OUT)
    for src, dst in FILES.items():
        target = OUT / dst
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(NODE / src, target)
    for src, dst in DIRS.items():
        shutil.copytree(NODE / src, OUT / dst)
    copy_font()
    (OUT / ".built").write_text("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
