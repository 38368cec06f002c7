"""The two officer roles, as Django groups.

Editors keep the working copy up to date and preview it; Publishers can also publish
it as a new edition. The groups are created by a data migration (offer 0004) and kept
in step by later migrations calling `roles_sync` whenever a working-copy model is added,
so a council never has to tick permissions by hand.

No model imports here: migrations call this with their historical app registry.
"""

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
    ("offer", "referralroute"),
    ("offer", "need"),
    ("offer", "breaktime"),
    ("offer", "area"),
    ("offer", "question"),
    ("offer", "familystory"),
    ("offer", "glossaryterm"),
    ("offer", "statementfigure"),
    ("offer", "familyview"),
    ("offer", "checkerrule"),
    ("providers", "provider"),
    ("contacts", "contact"),
    ("contacts", "contactphone"),
    ("contacts", "sociallink"),
]

# Records both roles read but nobody edits: what families say about the pages.
READ_ONLY = [("feedback", "pagefeedback")]

PUBLISH_PERMISSION = "offer.add_edition"
PREVIEW_PERMISSION = "offer.preview_statement"


def role_permissions(
    role: str,
    models: list[tuple[str, str]] = WORKING_COPY,
    readable: list[tuple[str, str]] = READ_ONLY,
) -> list[tuple[str, str]]:
    """(app label, codename) of every permission the role needs."""
    permissions = [
        (app, f"{action}_{model}")
        for app, model in models
        for action in ("add", "change", "delete", "view")
    ]
    permissions += [("offer", "view_edition"), ("offer", "preview_statement")]
    permissions += [(app, f"view_{model}") for app, model in readable]
    if role == PUBLISHER:
        permissions.append(("offer", "add_edition"))
    return permissions


def roles_sync(apps) -> None:
    """Create the Editor and Publisher groups, or bring their permissions up to date."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations have run; make sure the
    # ones the groups need exist now.
    # create_permissions skips apps without a models module, which a migration's
    # historical apps lack: lend them one for the call, then put back what was there.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module

    # An early migration runs before later models exist: give the roles what exists.
    existing = [(app, model) for app, model in WORKING_COPY if _exists(apps, app, model)]
    readable = [(app, model) for app, model in READ_ONLY if _exists(apps, app, model)]
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in (EDITOR, PUBLISHER):
        group, _ = Group.objects.get_or_create(name=role)
        wanted = role_permissions(role, existing, readable)
        found = [
            permission
            for app, codename in wanted
            for permission in Permission.objects.filter(
                content_type__app_label=app, codename=codename
            )
        ]
        missing = set(wanted) - {(p.content_type.app_label, p.codename) for p in found}
        if missing:
            raise RuntimeError(f"Permissions missing for the {role} role: {sorted(missing)}")
        group.permissions.set(found)


def _exists(apps, app_label: str, model_name: str) -> bool:
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True
