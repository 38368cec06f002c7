"""The words families filter by: needs, times of break and areas."""

from django.db import models

from core.models import SLUG_HELP, Ordered


class Term(Ordered):
    """A word families filter by (a need, a time, an area). Identified by its slug, so
    fixtures and editions refer to terms the same way on every site."""

    name = models.CharField(max_length=100, help_text="As families would say it.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=SLUG_HELP,
        error_messages={"unique": "Another term of this kind already uses this slug."},
    )
    description = models.CharField(
        max_length=300, blank=True, help_text="Optional plain-English explanation."
    )

    class Meta(Ordered.Meta):
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class TermManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class Need(Term):
    """A kind of need a service is designed for (autism, physical, complex health...)."""

    objects = TermManager()

    class Meta(Term.Meta):
        verbose_name = "need"


class BreakTime(Term):
    """When a break happens: after school, evenings, weekends, school holidays, daytime,
    overnight. The six standard times come with every new site (offer/apps.py)."""

    objects = TermManager()

    class Meta(Term.Meta):
        verbose_name = "time of break"
        verbose_name_plural = "times of break"


class Area(Term):
    """A part of the council's area where a service runs (a town or locality)."""

    objects = TermManager()

    class Meta(Term.Meta):
        verbose_name = "area"


class SearchWordManager(models.Manager):
    def get_by_natural_key(self, words: str):
        return self.get(words=words)


class SearchWord(models.Model):
    """Words families type that the statement says another way: 'summer' for school
    holidays, 'PA' for personal assistant. The finder treats each of the words and each
    of its meanings as the same search. Every site starts with a standard list."""

    words = models.CharField(
        max_length=200,
        unique=True,
        help_text="What families type, e.g. 'summer' or 'PA'. Separate several with "
        "semicolons: 'respite; respite care'.",
        error_messages={"unique": "These words are already in the list."},
    )
    means = models.CharField(
        max_length=300,
        help_text="What the statement calls it: a need, time, level or other words, e.g. "
        "'school holidays' or 'personal assistant; personal assistants'. Separate several "
        "with semicolons.",
    )

    objects = SearchWordManager()

    class Meta:
        ordering = ["words"]
        verbose_name = "search word"

    def __str__(self) -> str:
        return f"{self.words} means {self.means}"

    def natural_key(self) -> tuple[str]:
        return (self.words,)
