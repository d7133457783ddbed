"""Text as the classifier sees it: NFKC-normalised, lower-cased, segmented by jieba without the
words every complaint carries (来电、反映、要求处理 …)."""

from __future__ import annotations

import logging
import re
import unicodedata

import jieba

jieba.setLogLevel(logging.WARNING)

# Words that say nothing about the matter; leads and 12345 orders are full of them.
STOP = frozenset(
    [
        "的",
        "了",
        "在",
        "有",
        "是",
        "和",
        "与",
        "及",
        "我",
        "你",
        "他",
        "她",
        "们",
        "这",
        "那",
        "个",
        "人",
        "说",
        "也",
        "都",
        "就",
        "还",
        "又",
        "很",
        "太",
        "着",
        "过",
        "吗",
        "呢",
        "吧",
        "啊",
        "反映",
        "群众",
        "来电",
        "来电人",
        "市民",
        "村民",
        "居民",
        "请",
        "求",
        "要求",
        "诉求",
        "处理",
        "查处",
        "相关",
        "部门",
        "有关",
        "情况",
        "问题",
        "一个",
        "附近",
        "现在",
        "一直",
        "已经",
        "希望",
        "尽快",
        "核实",
        "进行",
        "对",
        "被",
        "把",
        "给",
        "等",
        "管管",
        "一下",
        "看看",
    ]
)
_PUNCT = re.compile(r"^[\W_]+$")


def normalize(text: str) -> str:
    """Full-width to half-width (ＫＴＶ → ktv), lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def words(text: str) -> list[str]:
    return [
        w
        for w in jieba.lcut(normalize(text))
        if w.strip() and w not in STOP and not w.isdigit() and not _PUNCT.match(w)
    ]
