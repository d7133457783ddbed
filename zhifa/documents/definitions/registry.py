"""The registry the type modules write to: a type's parts (``Need``, ``Field``, ``DocType``) and
``register``. It imports none of them, so the modules and the package's loader do not import each
other round a loop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..engine import lookup


@dataclass(frozen=True)
class Need:
    """A mandatory element: a context value (any of ``paths`` non-empty) or a block in the
    template (``block``: a block kind or key), with the article that makes it mandatory."""

    label: str
    article: str
    paths: tuple[str, ...] = ()
    block: str = ""
    min_items: int = 0

    def missing(self, context: dict[str, Any], blocks: list[dict[str, Any]]) -> bool:
        if self.block:
            return not any(
                b.get("kind") == self.block or b.get("key") == self.block for b in blocks
            )
        for path in self.paths:
            value = lookup(context, path)
            if self.min_items:
                if isinstance(value, list | tuple) and len(value) >= self.min_items:
                    return False
            elif value not in (None, "", [], {}):
                return False
        return True


# A check returns the problems it finds as (message, article) pairs.
Check = Callable[[dict[str, Any]], list[tuple[str, str]]]


@dataclass(frozen=True)
class Field:
    path: str
    label: str
    help: str = ""


@dataclass(frozen=True)
class DocType:
    code: str
    name: str
    group: str
    abbr: str  # the type's word in the number: 罚决 → 繁砂综执罚决〔2026〕7号; "" = not numbered
    blocks: list[dict[str, Any]]
    sample: dict[str, Any]
    fields: tuple[Field, ...] = ()
    needs: tuple[Need, ...] = ()
    checks: tuple[Check, ...] = ()
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def numbered(self) -> bool:
        return bool(self.abbr)


REGISTRY: dict[str, DocType] = {}
GROUPS = [
    "行政检查",
    "立案与调查",
    "责令与强制措施",
    "协助与移送",
    "处罚程序",
    "处罚决定",
    "送达与执行",
    "结案与归档",
    "统计报告",
]


def register(doc_type: DocType) -> DocType:
    REGISTRY[doc_type.code] = doc_type
    return doc_type
