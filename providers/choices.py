"""Fixed lists used by the providers models."""

from django.db import models


class ProviderKind(models.TextChoices):
    COUNCIL = "council", "Council in-house service"
    COMMISSIONED = "commissioned", "Commissioned by the council"
    FRAMEWORK = "framework", "Approved specialist provider"
    CARE_AGENCY = "care_agency", "Quality-assured care agency"
    VOLUNTARY = "voluntary", "Voluntary or community organisation"
    HEALTH = "health", "Health service"
