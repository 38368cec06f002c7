"""The snapshot's format: its version, and how an older edition's snapshot is brought up
to date when it is read.

When the format changes, bump SCHEMA_VERSION and add an upgrade step to UPGRADES that
turns the previous format into the new one: old editions are upgraded as they are read,
never rewritten.
"""

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 5


def _add_questions_stories_glossary(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added the FAQ, family stories and the glossary; earlier editions had
    none of them."""
    return {**data, "questions": [], "stories": [], "glossary": []}


def _add_figures_family_views_checker(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 added figures, what families told us, the checker's rules, a note under
    a service's providers and what a glossary abbreviation stands for."""
    statement = {**data["statement"], "family_views_intro": "", "outside_age_range_help": ""}
    services = [{**service, "other_providers_note": ""} for service in data["services"]]
    glossary = [{**term, "stands_for": ""} for term in data["glossary"]]
    return {
        **data,
        "statement": statement,
        "services": services,
        "glossary": glossary,
        "figures": [],
        "family_views": [],
        "checker_rules": [],
    }


def _add_accessibility_reviewed_on(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 added when the accessibility statement was last reviewed."""
    return {**data, "statement": {**data["statement"], "accessibility_reviewed_on": None}}


def _add_council_id_and_venues(data: dict[str, Any]) -> dict[str, Any]:
    """Version 5 added the council's permanent id (for the Open Referral feed) and the
    places where each service happens. Earlier editions name no places; their council id
    is unknown (None), and the feed falls back to one made from the council's name."""
    services = [{**service, "venues": []} for service in data["services"]]
    return {**data, "statement": {"id": None, **data["statement"]}, "services": services}


# {from_version: function turning a snapshot of that version into from_version + 1}
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _add_questions_stories_glossary,
    2: _add_figures_family_views_checker,
    3: _add_accessibility_reviewed_on,
    4: _add_council_id_and_venues,
}


def snapshot_upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a snapshot of any earlier format up to SCHEMA_VERSION."""
    version = data.get("schema_version", 1)
    if version > SCHEMA_VERSION:
        raise ValueError(
            f"This edition was written in snapshot format {version}, newer than this "
            f"code understands ({SCHEMA_VERSION}). Deploy the newer code."
        )
    while version < SCHEMA_VERSION:
        data = UPGRADES[version](data)
        version += 1
        data["schema_version"] = version
    return data
