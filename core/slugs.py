"""Free addresses (slugs) for new records, many at a time: an import of a thousand
services all called "Youth club" asks the database once, not once per service per
address tried."""

from django.db.models import Model
from django.utils.text import slugify


class SlugAllocator:
    """Addresses for new records of `model` from their names, free in the database and
    among those given already: 'youth-club', then 'youth-club-2', 'youth-club-3'... The
    addresses starting with a name's are read once per name."""

    def __init__(self, model: type[Model], *, length: int = 100):
        self.model = model
        self.length = length
        self.taken: dict[str, set[str]] = {}
        self.next_number: dict[str, int] = {}

    def free(self, name: str) -> str:
        base = (slugify(name) or "item")[: self.length - 6]
        taken = self.taken.get(base)
        if taken is None:
            taken = self.taken[base] = set(
                self.model._default_manager.filter(slug__startswith=base).values_list(
                    "slug", flat=True
                )
            )
            self.next_number[base] = 2
        candidate = base
        while candidate in taken:
            candidate = f"{base}-{self.next_number[base]}"
            self.next_number[base] += 1
        taken.add(candidate)
        return candidate
