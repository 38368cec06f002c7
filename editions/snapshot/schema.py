"""The snapshot's format: its version, and how an older edition's snapshot is brought up
to date when it is read.

When the format changes, bump SCHEMA_VERSION and add an upgrade step to UPGRADES that
turns the previous format into the new one: old editions are upgraded as they are read,
never rewritten. A step never reads a live constant of the code (a standard list, a
label): it carries its own copy, so changing today's lists never changes an old edition.
"""

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 13


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


# How version 5 sections were placed, by the fixed kind they had.
_V5_SECTION_PLACES = {
    "introduction": ("statement", "before"),
    "what_short_breaks_are": ("home", "before"),
    "how_to_get": ("statement", "before"),
    "design": ("needs", "after"),
    "feedback": ("statement", "after"),
    "other": ("statement", "after"),
}
# What version 5 assessment codes meant.
_V5_ASSESSMENTS = {
    "none": (True, True),  # (none needed, the family can start it)
    "self": (False, True),
    "provider": (False, False),
    "social_care": (False, False),
}


def _say_only_what_was_stated(data: dict[str, Any]) -> dict[str, Any]:
    """Version 6 lets a council leave facts unstated and say things its own way: tier
    captions, service status, unstated times and areas, assessments from a list, several
    kinds of provider, contacts explained in words, placed sections, an optional note on
    the stories. Version 5 editions read as they were published: empty times meant
    'arranged to suit the family', empty areas 'the whole area', and the stories page
    said names and details were changed."""
    statement = {**data["statement"], "stories_note": "Names and details are changed."}
    sections = []
    for section in data["sections"]:
        place, position = _V5_SECTION_PLACES.get(section.get("kind"), ("statement", "after"))
        sections.append(
            {
                "title": section["title"],
                "slug": section["slug"],
                "body": section["body"],
                "place": place,
                "position": position,
                "tier": None,
            }
        )
    tiers = [
        {**{k: v for k, v in tier.items() if k != "level_label"}, "caption": tier["level_label"]}
        for tier in data["tiers"]
    ]
    services = [
        {
            **service,
            "status": "available",
            "status_label": "Available",
            "expected_from": "",
            "pilot_until": None,
            "status_note": "",
            "any_time": not service["times"],
            "whole_area": not service["areas"],
            "free": False,
        }
        for service in data["services"]
    ]
    rules = []
    for rule in data["eligibility_rules"]:
        none_needed, family_can_start = _V5_ASSESSMENTS.get(rule["assessment"], (False, False))
        kept = {k: v for k, v in rule.items() if k not in ("assessment", "assessment_label")}
        assessment = {
            "name": rule["assessment_label"],
            "description": "",
            "none_needed": none_needed,
            "family_can_start": family_can_start,
        }
        rules.append({**kept, "assessment": assessment})
    providers = [
        {
            **{k: v for k, v in provider.items() if k not in ("kind", "kind_label")},
            "kinds": [{"slug": provider["kind"], "name": provider["kind_label"]}],
        }
        for provider in data["providers"]
    ]
    contacts = [{**contact, "explanation": ""} for contact in data["contacts"]]
    return {
        **data,
        "statement": statement,
        "sections": sections,
        "tiers": tiers,
        "services": services,
        "eligibility_rules": rules,
        "providers": providers,
        "contacts": contacts,
    }


def _add_home_away_activity_and_design(data: dict[str, Any]) -> dict[str, Any]:
    """Format 7: whether a service is at home, away or an activity, and which section
    says how the services were designed with families (before: none said)."""
    flags = dict.fromkeys(("in_family_home", "away_from_home", "leisure_activity"), False)
    return {
        **data,
        "services": [{**service, **flags} for service in data["services"]],
        "sections": [{**section, "describes_design": False} for section in data["sections"]],
    }


def _add_home_heading_first_contact_and_call_charges(data: dict[str, Any]) -> dict[str, Any]:
    """Format 8: the home page's own heading and first contact, and what calls cost
    (before: none given)."""
    statement = {**data["statement"], "home_heading": "", "first_contact": None}
    contacts = [
        {**contact, "phones": [{**phone, "charges": ""} for phone in contact["phones"]]}
        for contact in data["contacts"]
    ]
    return {**data, "statement": statement, "contacts": contacts}


def search_words_listed(words: str, means: str) -> dict[str, list[str]]:
    """A search word as a snapshot keeps it: each side split at its semicolons."""

    def split(text: str) -> list[str]:
        return [part.strip().lower() for part in text.split(";") if part.strip()]

    return {"words": split(words), "means": split(means)}


# The search words the code held before format 9, as they were then: an earlier edition
# searches with these whatever today's standard list (offer/standard_lists.py) becomes.
_V8_SEARCH_WORDS = [
    ("respite; respite care", "short break; short breaks; overnight; overnights"),
    ("pa; pas", "personal assistant; personal assistants"),
    ("dp; dps", "direct payment; direct payments"),
    ("sen; send", "special educational needs"),
    ("ehcp; ehc plan", "education health and care plan"),
    ("asd; autistic", "autism"),
    ("adhd", "attention deficit"),
    ("summer; summer holidays; half term; holiday", "school holidays"),
    ("after school club", "after school"),
    ("sleepover; overnight stay", "overnight"),
    ("childcare; sitter; sitting", "care"),
    ("activity", "activities; club; clubs"),
    ("wheelchair", "physical disability; physical"),
]


def _add_search_words(data: dict[str, Any]) -> dict[str, Any]:
    """Format 9: the words families search with, edited by officers; before, the code
    held the standard list, so that is what earlier editions searched with."""
    return {
        **data,
        "search_words": [search_words_listed(w, m) for w, m in _V8_SEARCH_WORDS],
    }


def _add_whose_way_in(data: dict[str, Any]) -> dict[str, Any]:
    """Format 10: a way in may be only for families with (or without) a social worker;
    before, every way in was for every family."""
    routes = [{**route, "social_worker": ""} for route in data["referral_routes"]]
    return {**data, "referral_routes": routes}


def _add_pinned_terms(data: dict[str, Any]) -> dict[str, Any]:
    """Format 11: the glossary lists only the terms the statement uses, plus those the
    council pins; before, it listed every term, so earlier editions keep them all."""
    return {**data, "glossary": [{**term, "pinned": True} for term in data["glossary"]]}


# The yes/no facts of a place format 12 added, as they were named then (never read from
# today's list, so an old edition reads the same whatever is added later).
_V12_PLACE_FEATURES = ("step_free", "changing_places", "hoist", "hearing_loop")


def _add_directory_facts(data: dict[str, Any]) -> dict[str, Any]:
    """Format 12: a service's own website, days and times in words, whether it happens
    online or by phone, how a family gets a place, and what makes each of its places
    usable (step-free, Changing Places toilet, hoist, hearing loop); before, none said."""
    facts = {
        "website": "",
        "when_note": "",
        "online": False,
        "by_phone": False,
        "attendance": "",
        "attendance_label": "",
    }
    features = dict.fromkeys(_V12_PLACE_FEATURES, False)
    services = [
        {
            **facts,
            **service,
            "venues": [{**features, **venue} for venue in service["venues"]],
        }
        for service in data["services"]
    ]
    return {**data, "services": services}


def _add_cost_kinds(data: dict[str, Any]) -> dict[str, Any]:
    """Format 13: what a service costs as a choice (free, depends on the assessment, a
    contribution, an amount with what it pays for) beside the words; before, a service
    could only be ticked free."""
    services = []
    for service in data["services"]:
        service = dict(service)
        free = service.pop("free", False)
        services.append(
            {
                **service,
                "cost_kind": "free" if free else "",
                "cost_amount": None,
                "cost_period": "",
                "cost_label": "Free" if free else "",
            }
        )
    return {**data, "services": services}


# {from_version: function turning a snapshot of that version into from_version + 1}
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _add_questions_stories_glossary,
    2: _add_figures_family_views_checker,
    3: _add_accessibility_reviewed_on,
    4: _add_council_id_and_venues,
    5: _say_only_what_was_stated,
    6: _add_home_away_activity_and_design,
    7: _add_home_heading_first_contact_and_call_charges,
    8: _add_search_words,
    9: _add_whose_way_in,
    10: _add_pinned_terms,
    11: _add_directory_facts,
    12: _add_cost_kinds,
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
