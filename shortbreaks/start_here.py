"""The admin's home page, "Start here": what stands between the working copy and the
next publish, what is due for review, new feedback and the statutory coverage, and the
admin's menu in the order an officer works."""

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone

from editions.cache import gc_paused
from editions.coverage import statutory_coverage
from editions.publishing import problems_listed, statement_problems, statement_warnings
from editions.selectors import edition_current, statement_review_due, working_copy_statement
from feedback.models import PageFeedback, ServiceReport
from imports.selectors import imports_to_decide
from offer.models import Service
from offer.reviews import review_counts_due
from offer.roles import PUBLISH_PERMISSION
from proposals.selectors import proposals_open_count

# The admin's menu: groups in the order an officer thinks, each model by (app, model).
# A model registered but not named here goes under "Other", so nothing disappears.
MENU: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "The statement",
        [
            ("offer", "statement"),
            ("offer", "tier"),
            ("offer", "service"),
            ("offer", "eligibilityrule"),
            ("offer", "referralroute"),
        ],
    ),
    (
        "Who runs breaks and whom families contact",
        [("contacts", "contact"), ("providers", "provider")],
    ),
    (
        "Help for families",
        [
            ("offer", "question"),
            ("offer", "familystory"),
            ("offer", "glossaryterm"),
            ("offer", "checkerrule"),
        ],
    ),
    (
        "Publishing and feedback",
        [("editions", "edition"), ("feedback", "pagefeedback"), ("feedback", "servicereport")],
    ),
    (
        "Providers' staff and their proposed changes",
        [
            ("proposals", "proposedchange"),
            ("proposals", "providermember"),
            ("proposals", "providerinvitation"),
        ],
    ),
    ("Bringing the offer in and out", [("imports", "importrun")]),
    (
        "Lists the statement uses",
        [
            ("offer", "assessment"),
            ("offer", "need"),
            ("offer", "breaktime"),
            ("offer", "area"),
            ("offer", "searchword"),
            ("providers", "providerkind"),
        ],
    ),
    (
        "Officers and signing in",
        [
            ("auth", "user"),
            ("auth", "group"),
            ("otp_totp", "totpdevice"),
            ("axes", "accessattempt"),
            ("axes", "accessfailurelog"),
            ("axes", "accesslog"),
        ],
    ),
]
# Names officers understand for the models other packages bring.
PLAIN_NAMES = {
    ("otp_totp", "totpdevice"): "Two-factor devices",
    ("axes", "accessattempt"): "Sign-in lockouts",
    ("axes", "accessfailurelog"): "Failed sign-ins",
    ("axes", "accesslog"): "Sign-ins",
    ("editions", "edition"): "Editions (published)",
    ("imports", "importrun"): "Import history",
}


# Pages that are not one model's list, by the group they join: (name, URL name, the
# permission that shows them).
PAGES = {
    "Bringing the offer in and out": [
        (
            "Import or export the offer (spreadsheet)",
            "admin:offer_spreadsheet",
            "offer.view_service",
        ),
        ("Import from an Open Referral UK feed", "admin:offer_openreferral", "offer.add_service"),
    ],
}


def _page_entry(name: str, url: str) -> dict:
    """A page as Django's app list shows a model: a name and a link, no 'add'."""
    return {"name": name, "object_name": "Page", "admin_url": url, "add_url": None,
            "view_only": True, "perms": {"view": True}}  # fmt: skip


def menu_groups(app_dict: dict, index_url: str, user: AbstractBaseUser) -> list[dict]:
    """Django's app list (by app label) regrouped by MENU, with PAGES."""
    models = {
        (app_label, model["object_name"].lower()): model
        for app_label, app in app_dict.items()
        for model in app["models"]
    }
    groups, placed = [], set()
    for number, (name, keys) in enumerate([*MENU, ("Other", sorted(models))], start=1):
        chosen = []
        for key in keys:
            if key in models and key not in placed:
                placed.add(key)
                model = dict(models[key])
                model["name"] = PLAIN_NAMES.get(key, model["name"])
                chosen.append(model)
        for page_name, url_name, permission in PAGES.get(name, []):
            if user.has_perm(permission):
                chosen.append(_page_entry(page_name, reverse(url_name)))
        if chosen:
            groups.append(
                {
                    "name": name,
                    "app_label": f"menu-{number}",
                    "app_url": f"{index_url}#menu-{number}",
                    "has_module_perms": True,
                    "models": chosen,
                }
            )
    return groups


def start_here_context(user: AbstractBaseUser) -> dict:
    """What the Start here page shows this officer: nothing of the offer to staff with
    no role (not even the names of services not yet published). The working copy is
    read for its problems and coverage without the garbage collector walking it."""
    with gc_paused():
        return _start_here_context(user)


def _start_here_context(user: AbstractBaseUser) -> dict:
    if not user.has_perm("offer.view_service"):
        return {"no_role": True}
    today = timezone.localdate()
    current = edition_current()
    problems = problems_listed(statement_problems())
    warnings = problems_listed(statement_warnings())
    due_count, due_mine = review_counts_due(today=today, owner=user)
    since = current.published_at if current else timezone.now() - timezone.timedelta(days=30)
    feedback = PageFeedback.objects.filter(created_at__gte=since)
    return {
        "current": current,
        "problems": problems,
        "warnings": warnings,
        "due_count": due_count,
        "due_mine": due_mine,
        "statement_due": statement_review_due(today=today),
        "feedback_count": feedback.count(),
        "feedback_not_useful": feedback.filter(useful=False).count(),
        "feedback_since": since,
        "reports_open": ServiceReport.objects.filter(closed_at__isnull=True).count(),
        "proposals_open": proposals_open_count(),
        "imports": imports_to_decide() if user.has_perm("imports.view_importrun") else None,
        "coverage": statutory_coverage(working_copy_statement()),
        "can_publish": user.has_perm(PUBLISH_PERMISSION),
        # An empty site leads with bringing in what the council already has.
        "bring_in": current is None
        and not Service.objects.exists()
        and user.has_perms(["offer.add_service", "offer.change_service"]),
        "publish_url": reverse("admin:editions_edition_publish"),
    }
