"""The kinds of provider a new site starts with (providers/apps.py adds them to a site
that has none); officers may rename them or add their own."""

STANDARD_PROVIDER_KINDS = [
    ("council", "Council in-house service"),
    ("commissioned", "Commissioned by the council"),
    ("framework", "Approved specialist provider"),
    ("care_agency", "Quality-assured care agency"),
    ("voluntary", "Voluntary or community organisation"),
    ("health", "Health service"),
]
