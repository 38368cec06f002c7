"""schema.org structured data for search engines, built from an edition's records."""

from typing import Any

from contacts.validators import phone_tel_href
from editions.read import Service, Statement


def service_json_ld(*, service: Service, statement: Statement, url: str) -> dict[str, Any]:
    """A service as a schema.org GovernmentService: who runs it, for what ages, where,
    and the phone numbers and web pages of the ways to get it, as far as the statement
    says."""
    council = statement.details.council_name
    channels = []
    for route in service.ways_in:
        for contact in route.contacts:
            channel: dict[str, Any] = {"@type": "ServiceChannel", "name": contact.name}
            if contact.phones:
                channel["servicePhone"] = {
                    "@type": "ContactPoint",
                    "telephone": phone_tel_href(contact.phones[0].number).removeprefix("tel:"),
                }
            if contact.website:
                channel["serviceUrl"] = contact.website
            channels.append(channel)
        if route.link:
            channels.append(
                {"@type": "ServiceChannel", "name": route.title, "serviceUrl": route.link}
            )
    # Only what the statement says: no area, ages or channel stands in for one not given.
    areas = [area.name for area in service.areas]
    if not areas and service.whole_area:
        areas = [statement.details.area_name or council]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": service.name,
        "description": service.summary,
        "url": url,
        "serviceType": "Short break for disabled children and young people",
        "provider": {"@type": "GovernmentOrganization", "name": council},
    }
    if areas:
        data["areaServed"] = [{"@type": "AdministrativeArea", "name": name} for name in areas]
    if service.ages is not None:
        ages = {"suggestedMinAge": service.ages.low, "suggestedMaxAge": service.ages.high}
        data["audience"] = {
            "@type": "PeopleAudience",
            **{key: age for key, age in ages.items() if age is not None},
        }
    if service.providers:
        data["broker"] = [
            {"@type": "Organization", "name": provider.name} for provider in service.providers
        ]
    if service.tier:
        data["category"] = service.tier.name
    if channels:
        data["availableChannel"] = channels
    return data
