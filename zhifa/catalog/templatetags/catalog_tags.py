from django import template

from zhifa.catalog.facts import fact_label, fact_unit
from zhifa.catalog.models import FineRule
from zhifa.catalog.rules import money

register = template.Library()


@register.filter
def fine_text(rule: FineRule) -> str:
    """A fine rule as people read it: “10,000至100,000元”, “每平方米10至50元”, “矿产品价值的3至5倍”."""
    if rule.form == FineRule.Form.FIXED:
        text = f"{money(rule.min_amount)}至{money(rule.max_amount)}元"
        if not rule.min_amount:
            text = f"{money(rule.max_amount)}元以下"
    elif rule.form == FineRule.Form.PER_UNIT:
        text = f"每{fact_unit(rule.fact)}{money(rule.min_rate)}至{money(rule.max_rate)}元"
    elif rule.form == FineRule.Form.MULTIPLE:
        text = f"{fact_label(rule.fact)}的{money(rule.min_rate)}至{money(rule.max_rate)}倍"
    else:
        text = f"{fact_label(rule.fact)}的{money(rule.min_rate)}%至{money(rule.max_rate)}%"
    if rule.condition_fact:
        if rule.condition_min is not None:
            text += f"（{fact_label(rule.condition_fact)}不低于{money(rule.condition_min)}元时）"
        elif rule.condition_max is not None:
            text += f"（无{fact_label(rule.condition_fact)}或不足{money(rule.condition_max)}元时）"
    return text
