from django.db import models

from ..tenancy import TownScopedModel


class Sequence(TownScopedModel):
    """A gapless counter per (town, kind, year): case numbers, document numbers.

    Only ``core.sequences.sequence_next`` touches it, inside the caller's transaction, so a
    rolled-back caller gives its number back and numbers stay gapless.
    """

    kind = models.CharField("编号类别", max_length=40)
    year = models.PositiveSmallIntegerField("年度")
    last_value = models.PositiveIntegerField("已用至", default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"
        constraints = [
            models.UniqueConstraint(fields=["town", "kind", "year"], name="core_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last_value}"
