"""Record every public page, pinned page, preview page and API answer of the three
councils' fixtures, or compare them with an earlier recording.

    python scripts/record_pages.py DIR            # write DIR/<council>/...
    python scripts/record_pages.py DIR --compare  # exit 1 and list what differs
    python scripts/record_pages.py --digests tests/recordings/pages.json [--compare]

For refactoring: record before moving code, compare after. The digests (a fingerprint
of each answer) are kept in the repository and compared by a test in CI
(tests/test_recorded_pages.py), so a change that alters a public page says so: re-record
them with `make record` and name the difference in the commit. It depends only on what a
refactor must not change (the fixtures, the management commands, model labels and the
public addresses), runs in a new database with the clock frozen, and keeps each
answer's status, the headers families' browsers and directories act on, and its body.
"""

import argparse
import difflib
import hashlib
import json
import os
import re
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "shortbreaks.settings.test"
os.environ.pop("DATABASE_URL", None)
os.environ["LOG_LEVEL"] = "CRITICAL"

import django  # noqa: E402

COUNCILS = ["durham", "dorset", "leicestershire"]
FROZEN = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)
HEADERS = [
    "Content-Type",
    "Location",
    "Cache-Control",
    "X-Robots-Tag",
    "Referrer-Policy",
    "ETag",
    "Allow",
    "Access-Control-Allow-Origin",
    "Content-Language",
    "Link",
]
# A form's CSRF token is new on every request.
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _publish(label: str) -> None:
    from django.core.management import call_command

    call_command("publish_statement", label=label, stdout=open(os.devnull, "w"))  # noqa: SIM115


def _council_published(council: str) -> None:
    """The council's fixture published; the first council (COUNCILS[0]) gets a second
    edition that drops one service, renames a service, a tier and a provider, and adds
    a place."""
    from django.apps import apps
    from django.core.management import call_command

    call_command("loaddata", council, verbosity=0)
    # The fixtures give the council no permanent id, so loading makes a random one.
    council_id = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:record-pages:{council}")
    apps.get_model("offer", "Statement").objects.update(uid=council_id)
    _publish("First")
    if council != COUNCILS[0]:
        return
    Service = apps.get_model("offer", "Service")
    Tier = apps.get_model("offer", "Tier")
    Provider = apps.get_model("providers", "Provider")
    Venue = apps.get_model("offer", "Venue")
    Service.objects.filter(slug="virtual-activities").update(include_in_statement=False)
    for model in (Service, Tier, Provider):
        record = model.objects.order_by("pk").last()
        record.slug = record.slug + "-renamed"
        record.save()  # keeps the old address
    Venue.objects.create(
        uid=uuid.uuid5(council_id, "venue"),
        service=Service.objects.order_by("pk").first(),
        name="Example House",
        address="1 Example Street",
        town="Exampletown",
        postcode="ZZ99 9ZZ",
        accessibility="Step-free entrance",
    )
    _publish("Second")


def _addresses(client) -> list[str]:
    from django.apps import apps

    Edition = apps.get_model("editions", "Edition")
    SlugHistory = apps.get_model("offer", "SlugHistory")
    editions = list(Edition.objects.order_by("version"))
    current = editions[-1].snapshot
    paths = [
        "/",
        "/statement/",
        "/statement/editions/",
        "/statement/changes/",
        "/contacts/",
        "/providers/",
        "/what-families-need/",
        "/faq/",
        "/stories/",
        "/glossary/",
        "/accessibility/",
        "/check/",
        "/check/result/",
        "/check/?age=8&need=autism",
        "/check/result/?age=30&social_worker=no&ehcp=no&tried_community=no",
        "/check/result/?age=x&social_worker=maybe",
        "/find/",
        "/find/?q=club",
        "/find/?q=overnight+breaks",
        "/find/?q=zzqqxx",
        "/find/?age=abc&need=nothing",
        "/find/?age=8",
        "/find/?no_assessment=on",
        "/find/?direct_payment=on",
        "/find/?page=2",
        "/find/?page=99",
        "/feedback/?page=/&useful=yes",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/nowhere/",
        "/services/no-such-service/",
        "/support/no-such-tier/",
        "/providers/no-such-provider/",
        "/statement/99/",
        "/statement/1/changes/?since=abc",
    ]
    needs = [term["slug"] for term in current["taxonomies"]["needs"]]
    times = [term["slug"] for term in current["taxonomies"]["times"]]
    areas = [term["slug"] for term in current["taxonomies"]["areas"]]
    tiers = [tier["slug"] for tier in current["tiers"]]
    for need in needs:
        paths.append("/find/?" + urlencode({"need": need}))
    for time in times:
        paths.append("/find/?" + urlencode({"when": time, "age": 12}))
    for area in areas:
        paths.append("/find/?" + urlencode({"area": area}))
    for tier in tiers:
        paths.append("/find/?" + urlencode({"tier": tier, "no_assessment": "on"}))
    if needs and times:
        paths.append("/find/?" + urlencode({"need": needs[0], "when": times[-1], "age": 3}))
    for age in (0, 4, 9, 15, 17, 24):
        for social_worker in ("yes", "no", "not_sure"):
            for ehcp, tried in (("yes", "no"), ("no", "yes"), ("not_sure", "not_sure")):
                query = [
                    ("age", age),
                    ("social_worker", social_worker),
                    ("ehcp", ehcp),
                    ("tried_community", tried),
                ]
                query += [("need", need) for need in needs[:2]] + [("when", t) for t in times[:1]]
                paths.append("/check/result/?" + urlencode(query))
    for edition in editions:
        snapshot = edition.snapshot
        prefix = f"/statement/{edition.version}"
        paths += [
            f"{prefix}/",
            f"{prefix}/changes/",
            f"{prefix}/contacts/",
            f"{prefix}/providers/",
            f"{prefix}/faq/",
            f"{prefix}/stories/",
            f"{prefix}/glossary/",
            f"{prefix}/what-families-need/",
            f"{prefix}/check/",
            f"{prefix}/check/result/?age=8&social_worker=no&ehcp=yes&tried_community=no",
        ]
        paths += [f"{prefix}/services/{s['slug']}/" for s in snapshot["services"]]
        paths += [f"{prefix}/support/{t['slug']}/" for t in snapshot["tiers"]]
        paths += [f"{prefix}/providers/{p['slug']}/" for p in snapshot["providers"]]
        for service in current["services"]:
            paths.append(f"{prefix}/services/{service['slug']}/")
        for version in range(1, edition.version):
            paths.append(f"{prefix}/changes/?since={version}")
    for record in SlugHistory.objects.order_by("pk"):
        page = {"tier": "support", "service": "services", "provider": "providers"}[record.kind]
        paths.append(f"/{page}/{record.slug}/?from=old")
    paths += [f"/services/{s['slug']}/" for s in current["services"]]
    paths += [f"/support/{t['slug']}/" for t in current["tiers"]]
    paths += [f"/providers/{p['slug']}/" for p in current["providers"]]
    for edition in editions[:-1]:
        paths += [f"/services/{s['slug']}/" for s in edition.snapshot["services"]]

    api = "/api/openreferral"
    paths += [
        f"{api}/",
        f"{api}/services",
        f"{api}/services/",
        f"{api}/services?per_page=500",
        f"{api}/services?page=2&per_page=5",
        f"{api}/services?page=999",
        f"{api}/services?search=club",
        f"{api}/services?search=overnight+short+breaks",
        f"{api}/services?minimum_age=5",
        f"{api}/services?maximum_age=18",
        f"{api}/services?minimum_age=x",
        f"{api}/services?modified_after=2020-01-01",
        f"{api}/services?modified_after=2099-01-01T00:00:00Z",
        f"{api}/services?modified_after=nonsense",
        f"{api}/services?day=monday",
        f"{api}/services?per_page=0",
        f"{api}/services?format=xml",
        f"{api}/services?taxonomy_term_id=nonsense",
        f"{api}/services/no-such-id",
        f"{api}/taxonomies",
        f"{api}/taxonomy_terms?per_page=500",
        f"{api}/service_at_locations",
        f"{api}/service_at_locations/no-such-id",
        f"{api}/nothing/here",
    ]
    services = json.loads(client.get(f"{api}/services?per_page=500").content)["contents"]
    paths += [f"{api}/services/{service['id']}" for service in services]
    taxonomies = json.loads(client.get(f"{api}/taxonomies").content)["contents"]
    for taxonomy in taxonomies:
        paths.append(f"{api}/taxonomies/{taxonomy['id']}")
        paths.append(f"{api}/services?taxonomy_id={taxonomy['id']}")
    terms = json.loads(client.get(f"{api}/taxonomy_terms?per_page=500").content)["contents"]
    for term in terms:
        paths.append(f"{api}/taxonomy_terms/{term['id']}")
        paths.append(f"{api}/services?taxonomy_term_id={term['id']}")
    places = json.loads(client.get(f"{api}/service_at_locations").content)["contents"]
    paths += [f"{api}/service_at_locations/{place['id']}" for place in places]
    return list(dict.fromkeys(paths))


def _preview_addresses(client) -> list[str]:
    from django.apps import apps

    Service = apps.get_model("offer", "Service")
    Tier = apps.get_model("offer", "Tier")
    Provider = apps.get_model("providers", "Provider")
    paths = [
        "/preview/",
        "/preview/statement/",
        "/preview/contacts/",
        "/preview/providers/",
        "/preview/faq/",
        "/preview/stories/",
        "/preview/glossary/",
        "/preview/what-families-need/",
        "/preview/check/",
        "/preview/check/result/?age=8&social_worker=no&ehcp=yes&tried_community=no",
        "/preview/services/no-such-service/",
    ]
    for page, model in (("services", Service), ("support", Tier), ("providers", Provider)):
        slugs = model.objects.values_list("slug", flat=True)
        paths += [f"/preview/{page}/{slug}/" for slug in slugs]
    return paths


def _answer(client, path: str, method: str = "get") -> str:
    response = getattr(client, method)(path)
    lines = [f"{method.upper()} {path}", f"status: {response.status_code}"]
    for name in HEADERS:
        if name in response:
            lines.append(f"{name}: {response[name]}")
    body = b"".join(response) if response.streaming else response.content
    text = _CSRF.sub('name="csrfmiddlewaretoken" value=""', body.decode("utf-8", "replace"))
    return "\n".join(lines) + "\n\n" + text


def _file_name(method: str, path: str) -> str:
    name = quote(path, safe="")
    if len(name) > 180:
        name = name[:140] + "-" + hashlib.sha256(path.encode()).hexdigest()[:16]
    return f"{method}{name}.txt"


def record(council: str) -> dict[str, str]:
    """Every answer for one council: {file name: recorded text}."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    # A new, empty database for each council.
    connection.close()
    connection.settings_dict["NAME"] = str(Path(tempfile.mkdtemp()) / f"{council}.sqlite3")
    call_command("migrate", verbosity=0)
    cache.clear()
    _council_published(council)
    client = Client()
    answers = {}
    for path in _addresses(client):
        answers[_file_name("GET", path)] = _answer(client, path)
    for path in ("/api/openreferral/services",):
        answers[_file_name("POST", path)] = _answer(client, path, "post")
        answers[_file_name("OPTIONS", path)] = _answer(client, path, "options")
    officer = get_user_model().objects.create_superuser("recorder", "recorder@example.org", "x")
    preview = Client()
    preview.force_login(officer)
    for path in _preview_addresses(preview):
        answers[_file_name("GET", path)] = _answer(preview, path)
    return answers


def _loosened(text: str) -> str:
    lines = (line.strip() for line in text.splitlines() if not line.startswith("ETag: "))
    return "\n".join(line for line in lines if line)


def _digests(path: Path, councils: list[str], *, compare: bool) -> int:
    """Each answer's SHA-256, written to `path` or compared with it."""
    found = {
        council: {
            name: hashlib.sha256(text.encode()).hexdigest()
            for name, text in sorted(record(council).items())
        }
        for council in councils
    }
    if not compare:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
        print(f"recorded {sum(map(len, found.values()))} answers' digests in {path}")
        return 0
    kept = json.loads(path.read_text())
    differing = []
    for council in councils:
        before, now = kept.get(council, {}), found[council]
        differing += [f"{council}: no longer answered: {n}" for n in before.keys() - now.keys()]
        differing += [f"{council}: new: {n}" for n in now.keys() - before.keys()]
        differing += [
            f"{council}: differs: {n}" for n in before.keys() & now.keys() if before[n] != now[n]
        ]
    for line in sorted(differing):
        print(line)
    print(f"compared {sum(map(len, found.values()))} answers: {len(differing)} differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, nargs="?")
    parser.add_argument("--digests", type=Path, help="a JSON file of each answer's SHA-256")
    parser.add_argument("--compare", action="store_true", help="compare with DIR instead")
    parser.add_argument(
        "--loose",
        action="store_true",
        help="with --compare: ignore indentation, blank lines and ETags (which follow bytes)",
    )
    parser.add_argument("--council", action="append", choices=COUNCILS)
    options = parser.parse_args()
    if (options.directory is None) == (options.digests is None):
        parser.error("give a directory, or --digests FILE")

    with mock.patch("django.utils.timezone.now", return_value=FROZEN):
        django.setup()
        from django.test.utils import setup_test_environment

        setup_test_environment()
        differing = 0
        councils = options.council or COUNCILS
        if options.digests:
            return _digests(options.digests, councils, compare=options.compare)
        for council in councils:
            answers = record(council)
            folder = options.directory / council
            if not options.compare:
                folder.mkdir(parents=True, exist_ok=True)
                for name, text in answers.items():
                    (folder / name).write_text(text)
                print(f"{council}: recorded {len(answers)} answers in {folder}")
                continue
            before = {path.name: path.read_text() for path in folder.glob("*.txt")}
            if options.loose:
                before = {name: _loosened(text) for name, text in before.items()}
                answers = {name: _loosened(text) for name, text in answers.items()}
            for name in sorted(before.keys() - answers.keys()):
                print(f"{council}: no longer answered: {name}")
                differing += 1
            for name in sorted(answers.keys() - before.keys()):
                print(f"{council}: new: {name}")
                differing += 1
            for name in sorted(before.keys() & answers.keys()):
                if before[name] != answers[name]:
                    differing += 1
                    print(f"{council}: differs: {name}")
                    diff = difflib.unified_diff(
                        before[name].splitlines(), answers[name].splitlines(), lineterm="", n=1
                    )
                    print("\n".join(list(diff)[2:40]))
            print(f"{council}: compared {len(answers)} answers")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
