"""The two officer roles, as Django groups.

Editors keep the working copy up to date and preview it; Publishers can also publish
it as a new edition. The groups are brought up to date after every migrate (offer/apps.py
connects `roles_sync` to post_migrate), so a new working-copy model only needs adding to
WORKING_COPY and a council never has to tick permissions by hand.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

EDITOR = "Editor"
PUBLISHER = "Publisher"

# Working-copy models officers edit: (app label, model name).
WORKING_COPY = [
    ("offer", "statement"),
    ("offer", "statementsection"),
    ("offer", "tier"),
    ("offer", "service"),
    ("offer", "venue"),
    ("offer", "eligibilityrule"),
    ("offer", "assessment"),
    ("offer", "referralroute"),
    ("offer", "need"),
    ("offer", "breaktime"),
    ("offer", "area"),
    ("offer", "searchword"),
    ("offer", "question"),
    ("offer", "familystory"),
    ("offer", "glossaryterm"),
    ("offer", "statementfigure"),
    ("offer", "familyview"),
    ("offer", "checkerrule"),
    ("providers", "provider"),
    ("providers", "providerkind"),
    ("contacts", "contact"),
    ("contacts", "contactphone"),
    ("contacts", "sociallink"),
]

# Records both roles read but nobody edits: what families say about the pages, and what
# each import of a feed did.
READ_ONLY = [("feedback", "pagefeedback"), ("imports", "importrun")]
# What families report about services, and the changes providers propose: both roles
# read them and decide them (a change, never an addition or a deletion).
CLOSED_BY_OFFICERS = [("feedback", "servicereport"), ("proposals", "proposedchange")]
# Providers' staff: officers invite them and may end their access.
PROVIDERS_STAFF = [
    ("proposals", "add_providerinvitation"),
    ("proposals", "view_providerinvitation"),
    ("proposals", "view_providermember"),
    ("proposals", "delete_providermember"),
]

PUBLISH_PERMISSION = "editions.publish_edition"
PREVIEW_PERMISSION = "editions.preview_statement"


def role_permissions(role: str) -> list[tuple[str, str]]:
    """(app label, codename) of every permission the role needs."""
    permissions = [
        (app, f"{action}_{model}")
        for app, model in WORKING_COPY
        for action in ("add", "change", "delete", "view")
    ]
    permissions += [("editions", "view_edition"), ("editions", "preview_statement")]
    permissions += [(app, f"view_{model}") for app, model in READ_ONLY]
    permissions += [
        (app, f"{action}_{model}")
        for app, model in CLOSED_BY_OFFICERS
        for action in ("view", "change")
    ]
    permissions += PROVIDERS_STAFF
    if role == PUBLISHER:
        permissions.append(("editions", "publish_edition"))
    return permissions


def roles_sync(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """After migrate: the Editor and Publisher groups, with exactly their permissions."""
    # Django makes each app's permissions after that app's own migrate signal; the roles
    # need every app's, whichever order the apps come in.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in (EDITOR, PUBLISHER):
        wanted = role_permissions(role)
        found = (
            Permission.objects.using(using)
            .select_related("content_type")
            .filter(
                content_type__app_label__in={app for app, _ in wanted},
                codename__in={codename for _, codename in wanted},
            )
        )
        found = [p for p in found if (p.content_type.app_label, p.codename) in set(wanted)]
        missing = set(wanted) - {(p.content_type.app_label, p.codename) for p in found}
        if missing:
            raise RuntimeError(f"Permissions missing for the {role} role: {sorted(missing)}")
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set(found)
