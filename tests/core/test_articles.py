"""Every article the house cites is spelled once, in ``core.articles``: the compact label and a
citation of several articles derive from it, and no other module defines an article of its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import zhifa
from zhifa.core import articles
from zhifa.core.articles import A44, A62, A68, A69, AQ70, GB118, Q18, Q25, cite, short

ROOT = Path(zhifa.__file__).parent
ARTICLE = re.compile(r"第[一二三四五六七八九十百]+条")


def test_the_compact_label_drops_the_title_and_keeps_the_article():
    assert short(Q25) == "行政强制法第二十五条"
    assert short(AQ70) == "安全生产法第七十条"
    assert short(GB118) == GB118  # not a law of the PRC: kept as written


def test_a_citation_of_several_articles_names_each_law_once_per_run():
    assert cite(A44, A62) == "《中华人民共和国行政处罚法》第四十四条、第六十二条"
    assert cite(A68, A69, Q18) == (
        "《中华人民共和国行政处罚法》第六十八条、第六十九条、《中华人民共和国行政强制法》第十八条"
    )
    assert short(cite(A44, A62)) == "行政处罚法第四十四条、第六十二条"


def test_each_statutory_period_names_its_unit_and_article():
    periods = [v for v in vars(articles).values() if isinstance(v, articles.Period)]
    assert len(periods) >= 12
    for period in periods:
        assert period.amount > 0
        assert period.unit in (articles.WORKING_DAYS, articles.CALENDAR_DAYS)
        assert ARTICLE.search(period.article) or "民事诉讼法" in period.article


def _article_constants(path: Path) -> list[str]:
    """Module-level NAME = "…第X条…" (or f-string) assignments in one file."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.Assign) or not isinstance(node.targets[0], ast.Name):
            continue
        name = node.targets[0].id
        if not name.isupper():
            continue
        text = ast.get_source_segment(path.read_text(encoding="utf-8"), node.value) or ""
        if isinstance(node.value, ast.Constant | ast.JoinedStr) and ARTICLE.search(text):
            found.append(f"{path.relative_to(ROOT)}: {name}")
    return found


def test_no_module_but_core_articles_defines_an_article_constant():
    skipped = ("migrations", "demo")
    found = [
        hit
        for path in sorted(ROOT.rglob("*.py"))
        if path != ROOT / "core" / "articles.py"
        and not any(part in str(path.relative_to(ROOT)) for part in skipped)
        for hit in _article_constants(path)
    ]
    assert found == []
