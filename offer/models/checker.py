"""The rules behind the 'What could we get?' checker."""

from django.db import models

from core.models import PROSE_HELP, Ordered

from ..choices import Condition
from .support import AgeRange, Tier, age_constraints
from .terms import BreakTime, Need


def _condition_field(verbose_name: str, question: str) -> models.CharField:
    """A checker rule's condition on one of the family's yes/no answers."""
    return models.CharField(
        max_length=10,
        choices=Condition.choices,
        blank=True,
        default=Condition.ANY,
        verbose_name=verbose_name,
        help_text=f"Match only families who said yes, or no, to '{question}'",
    )


class CheckerRule(AgeRange, Ordered):
    """One rule of the 'What could we get?' checker: when a family's answers match every
    condition set here, the checker suggests starting with this tier and says why.

    Conditions left as 'any' (or empty) match every answer. A family's answers are
    matched against every rule in order (lower numbers first); each tier is suggested
    once, in rule order.
    """

    title = models.CharField(
        max_length=200,
        help_text="For officers, e.g. 'Already has a social worker'. Families do not see it.",
    )
    tier = models.ForeignKey(
        Tier,
        verbose_name="level of support",
        on_delete=models.PROTECT,
        related_name="checker_rules",
        help_text="The tier to suggest when the answers match.",
    )
    reason = models.TextField(
        help_text="Why this tier, said to the family, e.g. 'Because your child has a social "
        "worker, they can ask for an assessment for specialist short breaks.' " + PROSE_HELP
    )
    social_worker = _condition_field("has a social worker", "Does your child have a social worker?")
    ehcp = _condition_field(
        "has an EHCP", "Does your child have an Education, Health and Care Plan?"
    )
    tried_community = _condition_field(
        "has tried community activities",
        "Have you tried clubs or activities open to all children?",
    )
    needs = models.ManyToManyField(
        Need,
        blank=True,
        related_name="checker_rules",
        help_text="Match only families who ticked at least one of these needs. Leave empty "
        "for any need.",
    )
    times = models.ManyToManyField(
        BreakTime,
        blank=True,
        related_name="checker_rules",
        help_text="Match only families who want a break at one of these times. Leave empty "
        "for any time.",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "checker rule"
        constraints = age_constraints("checker_rule")

    def __str__(self) -> str:
        return self.title
