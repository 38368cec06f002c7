"""Performance benchmarks: every claim in docs/performance.md, rerunnable in one go.

    .venv/bin/python benchmarks/run.py                 # everything (about 3 minutes)
    .venv/bin/python benchmarks/run.py queries finder  # only some
    .venv/bin/python benchmarks/run.py --write docs/performance.md

Sections:
  queries     queries per public page with 10, 1,000 and 10,000 services (must not grow)
  finder      finder latency p50/p95 with 10,000 services (goal: p95 <= 50 ms)
  publish     publish time for 10, 1,000 and 10,000 services (goal: 1,000 in <= 2 s)
  throughput  /services/<slug>/ under gunicorn (2 workers) against a static file of the
              same size served by whitenoise from the same gunicorn (goal: ratio >= 0.5)
  bytes       bytes on the wire per page type, compressed
  load        60 seconds at 64 connections against gunicorn: errors, p50 and p99
  read        reading an edition of 10,000 services into the typed read model: time and
              memory, against json.loads alone (goal: read in <= 0.5 s, held in <= 40 MB)
  import      the offer's workbook of 1,000 and 10,000 services imported into an empty
              site, then the same file again (goal: 10,000 rows in < 60 s, again in < 20 s)
  pdf         every PDF of an edition of 100, 1,000 and 10,000 services (a PDF per part of
              100 services), made one after another by one process as the background
              worker makes them (goal: 1,000 in < 60 s and < 300 MB; 10,000 in < 10
              minutes and < 1 GB)

The first three run in-process on an in-memory SQLite database; the last three start
gunicorn with the production settings on 127.0.0.1 and drive it with wrk
(`apt-get install wrk`), which stops by itself. Exits non-zero when a goal is missed.
"""

import argparse
import contextlib
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortbreaks.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

SIZES = (10, 1_000, 10_000)
FINDER_GOAL_P95_MS = 50
PUBLISH_GOAL_S = 2.0
THROUGHPUT_GOAL = 0.7
THROUGHPUT_ROUNDS = 3
SQLITE = "SQLite, local-memory cache"
POSTGRES = "PostgreSQL and Redis"
SETUPS = (SQLITE, POSTGRES)
TWIN = "/static/benchmark-twin.html"
SERVICE = "virtual-activities"

failures: list[str] = []


def table(title: str, header: list[str], rows: list[list]) -> str:
    """A Markdown table, printed as it is made."""
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    text = "\n".join(lines) + "\n\n"
    print(text, flush=True)
    return text


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# In-process: a growing offer -------------------------------------------------------------


def django_setup(*, load: bool = True) -> None:
    """Django set up, and (with `load`) the database made and Durham's offer loaded."""
    import warnings

    import django

    # The test settings serve static files from a folder collectstatic has not made.
    warnings.filterwarnings("ignore", message="No directory at")

    django.setup()
    if load:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("loaddata", "durham", verbosity=0)


def offer_resize(size: int) -> None:
    """Make the working copy hold `size` services: Durham's first ten, then copies of
    them (each with the same tier, needs, times, areas, providers, rules and routes, and
    words of its own in its summary and description, as every service of a real offer
    has: what is worked out from text is not worked out once for thousands)."""
    from offer.models import Service

    originals = list(
        Service.objects.filter(slug__in=_originals()).prefetch_related(
            "needs", "times", "areas", "providers", "eligibility_rules", "referral_routes"
        )
    )
    Service.objects.exclude(slug__in=_originals()).filter(slug__startswith="copy-").delete()
    Service.objects.exclude(slug__in=_originals()).update(include_in_statement=False)
    # Everything else as its original: tier, ages, cost, status, where and when.
    alike = [
        field.attname
        for field in Service._meta.concrete_fields
        if not field.primary_key
        and field.name not in {"uid", "name", "slug", "summary", "description", "order"}
    ]
    copies = []
    for number in range(size - len(originals)):
        model = originals[number % len(originals)]
        copies.append(
            Service(
                uid=uuid.uuid4(),
                name=f"{model.name} {number}",
                slug=f"copy-{number}-{model.slug}"[:120],
                summary=f"{model.summary} This is copy {number} of it.",
                description=f"{model.description}\n\nCopy {number} meets in its own place.",
                order=number,
                **{name: getattr(model, name) for name in alike},
            )
        )
    Service.objects.bulk_create(copies, batch_size=1000)
    created = {s.slug: s for s in Service.objects.filter(slug__startswith="copy-")}
    for field in ("needs", "times", "areas", "providers", "eligibility_rules", "referral_routes"):
        through = getattr(Service, field).through
        target = getattr(Service, field).field.m2m_reverse_field_name()
        rows = []
        for number in range(size - len(originals)):
            model = originals[number % len(originals)]
            copy = created[f"copy-{number}-{model.slug}"[:120]]
            for related in getattr(model, field).all():
                rows.append(through(service_id=copy.pk, **{f"{target}_id": related.pk}))
        through.objects.bulk_create(rows, batch_size=2000)


def _originals() -> list[str]:
    from offer.models import Service

    slugs = list(Service.objects.exclude(slug__startswith="copy-").values_list("slug", flat=True))
    keep = sorted(slugs)[:9]
    return [*keep, SERVICE] if SERVICE not in keep else sorted(slugs)[:10]


def fresh_caches() -> None:
    from django.core.cache import cache

    from editions.cache import edition_memos_clear

    cache.clear()
    edition_memos_clear()


def public_pages() -> dict[str, str]:
    from offer.models import Tier
    from providers.models import Provider

    tier = Tier.objects.order_by("order").first()
    provider = Provider.objects.order_by("name").first()
    return {
        "home": "/",
        "tier": f"/support/{tier.slug}/",
        "service": f"/services/{SERVICE}/",
        "providers": "/providers/",
        "provider": f"/providers/{provider.slug}/",
        "finder search": "/find/?q=club&age=10",
        # As families arrive: the finder's form in its own field order, a shared link.
        "finder as submitted": "/find/?q=club&age=",
        "a link with utm_source": f"/services/{SERVICE}/?utm_source=newsletter",
        "statement (all services)": "/statement/",
        "changes": "/statement/changes/",
        "sitemap": "/sitemap.xml",
        "API services page": "/api/openreferral/services?per_page=50",
        "API service": "/api/openreferral/services/{uid}",
    }


def bench_queries_and_publish(run_finder: bool) -> list[str]:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from editions.publishing import edition_publish
    from offer.models import Service

    client = Client()
    pages = public_pages()
    # An edition before the measured ones, so every size's changes page compares two.
    edition_publish(label="Before")
    # Django keeps each model's content type once it is asked for, in each process, as
    # a worker has after its first page: not a query that grows with the offer.
    ContentType.objects.get_for_model(Service)
    counts: dict[str, dict[int, tuple[int, int]]] = {name: {} for name in pages}
    publish_times: dict[int, float] = {}
    finder_text = ""
    for size in SIZES:
        offer_resize(size)
        started = time.perf_counter()
        edition_publish(label=f"{size} services")
        publish_times[size] = time.perf_counter() - started
        uid = Service.objects.get(slug=SERVICE).uid
        for name, path in pages.items():
            path = path.format(uid=uid)
            fresh_caches()
            with CaptureQueriesContext(connection) as cold:
                assert client.get(path).status_code == 200, path
            # Counted now: each request empties the log the counts are read from.
            cold_count = len(cold.captured_queries)
            # Again, as a reader would within the second the current edition is
            # remembered (rendering a large page cold can take longer than that).
            client.get(path)
            with CaptureQueriesContext(connection) as warm:
                client.get(path)
            counts[name][size] = (cold_count, len(warm.captured_queries))
        if size == SIZES[-1] and run_finder:
            finder_text = bench_finder(client)

    rows = []
    for name, by_size in counts.items():
        cold = [by_size[size][0] for size in SIZES]
        warm = [by_size[size][1] for size in SIZES]
        grows = len(set(cold)) > 1 or len(set(warm)) > 1
        if grows:
            failures.append(f"queries for {name} grow with the number of services")
        if any(warm):
            failures.append(f"{name} costs a query when it is kept")
        cells = [f"{c} / {w}" for c, w in zip(cold, warm, strict=True)]
        verdict = "GROWS" if grows else "same" if any(warm) else "same, none when kept"
        rows.append([name, *cells, verdict])
    text = table(
        "Queries per public page (first visit after a publish / visit again)",
        ["page", *(f"{size:,} services" for size in SIZES), "verdict"],
        rows,
    )
    slow = publish_times[1_000] > PUBLISH_GOAL_S
    if slow:
        failures.append(f"publishing 1,000 services took {publish_times[1_000]:.2f} s")
    text += table(
        "Publish time (check, snapshot, save)",
        ["services", "seconds", "goal"],
        [
            [f"{size:,}", f"{seconds:.2f}", f"<= {PUBLISH_GOAL_S} s" if size == 1_000 else ""]
            for size, seconds in publish_times.items()
        ],
    )
    return [text, finder_text]


def bench_finder(client) -> str:
    """Finder answers to many different searches, none from the page cache."""
    import random

    from django.core.cache import cache

    from offer.models import Area, BreakTime, Need

    randomiser = random.Random(2026)
    # Parents' own words too: slips put right, common words dropped, synonyms ranked.
    words = ["club", "overnight", "swimming", "autism", "holiday", "pa", "direct payment", "",
             "autisim", "respit", "help at weekends", "someone to sit with him"]  # fmt: skip
    needs = list(Need.objects.values_list("slug", flat=True))
    times = list(BreakTime.objects.values_list("slug", flat=True))
    areas = list(Area.objects.values_list("slug", flat=True))
    client.get("/find/")  # the edition is parsed once per process, as on a live site
    timings = []
    for _ in range(300):
        query = {"q": randomiser.choice(words)}
        if randomiser.random() < 0.6:
            query["age"] = randomiser.randint(0, 25)
        if needs and randomiser.random() < 0.5:
            query["need"] = randomiser.choice(needs)
        if times and randomiser.random() < 0.5:
            query["when"] = randomiser.choice(times)
        if areas and randomiser.random() < 0.3:
            query["area"] = randomiser.choice(areas)
        if randomiser.random() < 0.3:
            query["page"] = randomiser.randint(1, 5)
        cache.clear()
        started = time.perf_counter()
        response = client.get("/find/", query)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
    if p95 > FINDER_GOAL_P95_MS:
        failures.append(f"finder p95 {p95:.1f} ms with 10,000 services")
    return table(
        f"Finder latency with {SIZES[-1]:,} services (300 different searches, none cached)",
        ["p50", "p95", "max", "goal"],
        [[f"{p50:.1f} ms", f"{p95:.1f} ms", f"{max(timings):.1f} ms", "p95 <= 50 ms"]],
    )


# gunicorn on 127.0.0.1 --------------------------------------------------------------


def wrk(
    url: str, *, seconds: int, connections: int, script: Path | None = None, gzip: bool = False
) -> dict:
    """Drive `url` with wrk (it stops by itself) and read its summary."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed for this section: apt-get install wrk")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script is not None:
        command += ["-s", str(script)]
    if gzip:
        command += ["-H", "Accept-Encoding: gzip"]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    errors = 0
    if found := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(n) for n in found.groups())
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(found[1])
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.MULTILINE))
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
        "errors": errors,
        "p50": latency.get("50", "?"),
        "p99": latency.get("99", "?"),
    }


@contextlib.contextmanager
def setup(kind: str, folder: Path) -> Iterator[dict[str, str]]:
    """The environment of a production setup: SQLite with the local-memory cache, or
    a PostgreSQL database and a Redis of its own (both gone when the block ends)."""
    from tests.servers import postgres_database, production_env, redis_server

    folder.mkdir()
    if kind == SQLITE:
        yield production_env(folder)
        return
    with postgres_database() as database, redis_server() as (_, port):
        yield production_env(folder, DATABASE_URL=database, CACHE_URL=f"redis://127.0.0.1:{port}/0")


def static_twin(env: dict[str, str], page: bytes) -> None:
    """A static file of the page's size, compressed as collectstatic would have, served
    by whitenoise from the same gunicorn once it restarts."""
    twin = Path(env["STATIC_ROOT"]) / "benchmark-twin.html"
    twin.write_bytes(page)
    twin.with_name(twin.name + ".gz").write_bytes(gzip.compress(page))


def bench_server(sections: set[str]) -> list[str]:
    from tests.servers import gunicorn, prepare

    texts = []
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        urls = {}
        size = 0
        for kind in SETUPS if "throughput" in sections else [SQLITE]:
            env = stack.enter_context(setup(kind, folder / kind.split()[0]))
            print(f"Preparing gunicorn on {kind} (Durham published)...", flush=True)
            prepare(env)
            with gunicorn(env, workers=2) as url:
                page = urllib.request.urlopen(f"{url}/services/{SERVICE}/").read()
                size = len(page)
            static_twin(env, page)
            urls[kind] = stack.enter_context(gunicorn(env, workers=2))
        if "throughput" in sections:
            texts.append(bench_throughput(urls, size))
        if "bytes" in sections:
            texts.append(bench_bytes(urls[SQLITE]))
        if "load" in sections:
            texts.append(bench_load(urls[SQLITE]))
    return texts


def bench_throughput(urls: dict[str, str], size: int) -> str:
    """Each setup's kept service page against the static file, gzip asked for as
    browsers do, in interleaved rounds so a busy moment of the machine hits all alike."""
    rounds = {(kind, what): [] for kind in urls for what in ("page", "static")}
    for _ in range(THROUGHPUT_ROUNDS):
        for kind, url in urls.items():
            for what, path in (
                ("page", f"/services/{SERVICE}/"),
                ("static", "/static/benchmark-twin.html"),
            ):
                result = wrk(url + path, seconds=5, connections=16, gzip=True)
                result["requests_per_second"] = result["requests_per_second"]
                rounds[kind, what].append(result)
    rows = []
    for kind in urls:
        page = sum(r["requests_per_second"] for r in rounds[kind, "page"]) / THROUGHPUT_ROUNDS
        static = sum(r["requests_per_second"] for r in rounds[kind, "static"]) / THROUGHPUT_ROUNDS
        ratio = page / static
        errors = sum(r["errors"] for what in ("page", "static") for r in rounds[kind, what])
        met = ratio >= THROUGHPUT_GOAL
        if not met:
            failures.append(
                f"on {kind}, a kept page reaches {ratio:.2f} of a static file's throughput"
            )
        if errors:
            failures.append(f"{errors} errors in the throughput rounds on {kind}")
        rows.append(
            [
                kind,
                f"{page:.0f}",
                f"{static:.0f}",
                f"{ratio:.2f}",
                errors,
                "met" if met else "MISSED",
            ]
        )
    return table(
        f"Goal 1. Throughput of a kept page against a static file of the same size "
        f"({size:,} bytes, gzip asked for): gunicorn, 2 workers, 16 connections, "
        f"{THROUGHPUT_ROUNDS} interleaved rounds of 5 s",
        [
            "setup",
            "page requests/s",
            "static requests/s",
            f"ratio (goal >= {THROUGHPUT_GOAL})",
            "errors",
            "verdict",
        ],
        rows,
    )


PAGE_TYPES = {
    "home": "/",
    "tier": "/support/additional-support/",
    "service": f"/services/{SERVICE}/",
    "finder": "/find/?when=overnight",
    "checker": "/check/",
    "whole statement": "/statement/",
    "API service list": "/api/openreferral/services",
}


def bench_bytes(url: str) -> str:
    rows = []
    html = urllib.request.urlopen(url + "/").read().decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|mjs|js|svg|png))"', html)
    for name, path in [*PAGE_TYPES.items(), *((Path(a).name, a) for a in assets)]:
        request = urllib.request.Request(url + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            wire = response.read()
            encoding = response.headers.get("Content-Encoding", "")
        raw = gzip.decompress(wire) if encoding == "gzip" else wire
        rows.append([name, f"{len(wire):,}", f"{len(raw):,}", encoding or "none"])
    return table(
        "Bytes on the wire per page type (Accept-Encoding: gzip)",
        ["page or file", "bytes sent", "bytes uncompressed", "encoding"],
        rows,
    )


def bench_load(url: str) -> str:
    script = Path(__file__).with_name("pages.lua")
    result = wrk(url, seconds=60, connections=64, script=script)
    if result["errors"]:
        failures.append(f"{result['errors']} errors under load")
    rate = f"{result['requests_per_second']:.0f}"
    return table(
        "Load: 60 s, 64 connections, gunicorn with 2 workers, pages in turn (benchmarks/pages.lua)",
        ["requests", "requests/s", "errors", "p50", "p99"],
        [[f"{result['requests']:,}", rate, result["errors"], result["p50"], result["p99"]]],
    )


# A large offer under gunicorn, right after a publish -----------------------------------

LARGE_SIZES = tuple(int(n) for n in os.environ.get("BENCH_LARGE_SIZES", "1000,10000").split(","))
EDITIONS = 50
MEMORY_GOAL_MB = {1_000: 120, 10_000: 250}
COLD_GOAL_S = {1_000: 1.0, 10_000: 3.0}
FEED_GOAL_S = 0.3
ADMIN_GOAL_S = 1.0
CHECKER = "/check/result/?age=8&social_worker=no&ehcp=no&tried_community=no"


def database_build(size: int) -> None:
    """(Run as `run.py --build SIZE` with DATABASE_URL naming an empty database.) Durham
    grown to `size` services, published, copied to EDITIONS - 1 editions, then changed
    and published for real; then one in a hundred services changed in the working copy,
    as an officer at work on the next edition would, and an officer added."""
    django_setup()
    from django.contrib.auth import get_user_model
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    from editions.publishing import edition_publish
    from offer.models import Service

    offer_resize(size)
    edition_publish(label="First")
    editions_copied(EDITIONS - 2)
    Service.objects.filter(slug=SERVICE).update(summary="Changed for the newest edition.")
    newest = edition_publish(label="Newest")
    # As the background worker does once the publish is committed (public/warming.py).
    from public.warming import edition_warm

    edition_warm.call(newest.pk)
    Service.objects.filter(slug__startswith="copy-", order__lt=size // 100).update(
        summary=Concat(F("summary"), Value(" Now on Tuesdays too."))
    )
    get_user_model().objects.create_superuser("bench", "bench@example.org", "x")


def admin_timings() -> None:
    """(Run as `run.py --admin` after `--build`, in a process of its own, as a worker
    that has served nothing yet.) Each officers' page opened once; prints the timings
    as JSON."""
    import json

    django_setup(load=False)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from offer.models import Service, Tier

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bench"))
    service = Service.objects.get(slug=SERVICE)
    tier = Tier.objects.order_by("order").first()
    pages = {
        "Start here": reverse("admin:index"),
        "services list": reverse("admin:offer_service_changelist"),
        "a service": reverse("admin:offer_service_change", args=[service.pk]),
        "a level (tier)": reverse("admin:offer_tier_change", args=[tier.pk]),
        "publish": reverse("admin:editions_edition_publish"),
        "reading ages": reverse("admin:editions_edition_reading"),
        "due for review": reverse("admin:due_for_review"),
        "editions list": reverse("admin:editions_edition_changelist"),
        "providers list": reverse("admin:providers_provider_changelist"),
    }
    # As after an officer signs in: the admin's own templates are compiled once per
    # process whatever the size of the offer, so that first cost is not counted here.
    assert client.get(reverse("admin:password_change")).status_code == 200
    timings = {}
    for name, path in pages.items():
        started = time.perf_counter()
        response = client.get(path)
        timings[name] = [time.perf_counter() - started, len(response.content)]
        assert response.status_code == 200, (path, response.status_code)
    print("ADMIN " + json.dumps(timings))


PDF_SIZES = (100, 1_000, 10_000)
PDF_GOALS = {1_000: (60.0, 300.0), 10_000: (600.0, 1024.0)}  # seconds, MB at peak


def pdf_timings() -> None:
    """(Run as `run.py --pdf` after `--build-one`, in a process of its own.) Every part's
    PDF of the current edition made one after another by the background task, as the
    worker makes them; prints wall and CPU seconds, parts, peak memory and bytes as
    JSON."""
    import json
    import resource

    django_setup(load=False)
    from django.conf import settings

    from editions.models import EditionDocument
    from editions.selectors import edition_current, edition_statement
    from public.pdf import edition_pdf_make
    from public.statement_parts import statement_parts

    edition = edition_current()
    statement = edition_statement(edition=edition)
    parts = len(statement_parts(statement, per_part=settings.STATEMENT_PART_SERVICES))
    # The peak from here on: a process started by another counts that one's memory in
    # its peak until it runs its own program (Linux resets the mark on request).
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    started, cpu = time.perf_counter(), time.process_time()
    slowest = 0.0
    for part in range(1, parts + 1):
        one = time.perf_counter()
        edition_pdf_make.call(edition.pk, part=part, scheme="http", host="127.0.0.1")
        slowest = max(slowest, time.perf_counter() - one)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = _peak_mb() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    made = EditionDocument.objects.filter(edition=edition)
    assert made.count() == parts, (made.count(), parts)
    size = sum(len(pdf) for pdf in made.values_list("pdf", flat=True))
    print("PDF " + json.dumps([seconds, cpu, parts, peak_mb, size, slowest]))


def _peak_mb() -> float | None:
    """This process's peak resident memory (VmHWM), in MB, where Linux tells."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def bench_pdf() -> list[str]:
    """Per size, a fresh database of that many services, one edition, then every PDF of
    it made by a process of its own."""
    import json

    from tests.servers import manage, production_env

    rows = []
    for size in PDF_SIZES:
        with tempfile.TemporaryDirectory() as folder:
            env = production_env(Path(folder), STATEMENT_PART_SERVICES="100")
            manage(env, "collectstatic", "--no-input")  # the stylesheets a PDF is made with
            print(f"PDFs of {size:,} services...", flush=True)
            for step in (["--build-one", str(size)], ["--pdf"]):
                done = subprocess.run(
                    [sys.executable, __file__, *step], env=env, cwd=ROOT, capture_output=True,
                    text=True,
                )  # fmt: skip
                if done.returncode:
                    raise SystemExit(f"{' '.join(step)} failed:\n{done.stderr}")
            seconds, cpu, parts, peak, size_bytes, slowest = json.loads(
                done.stdout.split("PDF ", 1)[1]
            )
        goal = PDF_GOALS.get(size)
        met = goal is None or (seconds < goal[0] and peak < goal[1])
        if not met:
            failures.append(f"the PDFs of {size:,} services took {seconds:.0f} s and {peak:.0f} MB")
        rows.append(
            [f"{size:,}", parts, f"{seconds:.1f} s", f"{cpu:.1f} s", f"{slowest:.1f} s",
             f"{seconds / size * 1000:.0f} ms", f"{peak:.0f} MB", f"{size_bytes / 1e6:.1f} MB",
             f"< {goal[0]:.0f} s, < {goal[1]:.0f} MB" if goal else "",
             ("met" if met else "MISSED") if goal else ""]
        )  # fmt: skip
    return [
        table(
            "Goal 7. Every PDF of an edition (one per part of 100 services), made one after "
            "another by one process, as the background worker makes them",
            [
                "services",
                "parts",
                "time",
                "CPU",
                "slowest part",
                "per service",
                "memory at peak",
                "PDF bytes",
                "goal",
                "verdict",
            ],
            rows,
        )  # fmt: skip
    ]


IMPORT_SIZES = (1_000, 10_000)
IMPORT_GOALS = {10_000: (60.0, 20.0)}  # seconds: into an empty site, the same file again


def import_timings(size: int) -> None:
    """(Run as `run.py --import SIZE` in a process of its own.) Durham grown to `size`
    services and exported as the offer's workbook; the database emptied (as a new
    council's site, its standard lists and roles made again); the workbook imported,
    then the same file again. Prints the seconds of each and the rows as JSON."""
    import json

    django_setup()
    from django.core.management import call_command

    from imports.spreadsheet.workbook import offer_import, offer_workbook
    from offer.models import Service

    offer_resize(size)
    content = offer_workbook()
    call_command("flush", "--no-input", verbosity=0)
    assert not Service.objects.exists()
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        report = offer_import(content=content, filename="offer.xlsx", dry_run=False)
        timings.append(time.perf_counter() - started)
        assert not report.has_problems, report.sheets
    assert Service.objects.count() >= size
    # The same file again changes nothing, and says so.
    assert not any(sheet.added or sheet.changed for sheet in report.sheets), report.sheets
    print("IMPORT " + json.dumps([*timings, Service.objects.count()]))


def bench_import() -> list[str]:
    import json

    rows = []
    for size in IMPORT_SIZES:
        print(f"Importing {size:,} services...", flush=True)
        # Durham's own services come too, a few past the 10,000 rows one import takes.
        env = {**os.environ, "IMPORT_MOST_ROWS": str(size * 2)}
        done = subprocess.run(
            [sys.executable, __file__, "--import", str(size)], cwd=ROOT, capture_output=True,
            text=True, env=env,
        )  # fmt: skip
        if done.returncode:
            raise SystemExit(f"--import {size} failed:\n{done.stderr}")
        first, again, _ = json.loads(done.stdout.split("IMPORT ", 1)[1])
        goal = IMPORT_GOALS.get(size)
        met = goal is None or (first < goal[0] and again < goal[1])
        if not met:
            failures.append(
                f"importing {size:,} services took {first:.0f} s, and again {again:.0f} s"
            )
        rows.append(
            [f"{size:,}", f"{first:.1f} s", f"{again:.1f} s", f"{first / size * 1000:.1f} ms",
             f"< {goal[0]:.0f} s, < {goal[1]:.0f} s" if goal else "",
             ("met" if met else "MISSED") if goal else ""]
        )  # fmt: skip
    return [
        table(
            "Goal 8. The offer's workbook imported into an empty site, then the same file "
            "again (nothing changes)",
            [
                "services",
                "into an empty site",
                "the same file again",
                "per service",
                "goal",
                "verdict",
            ],
            rows,
        )  # fmt: skip
    ]


FIRST_PAGE_GOAL_S = 0.2  # CPU of a worker's first page of a new, warmed edition
FIRST_PAGES = {
    "home": "/",
    "a level (tier)": "/support/additional-support/",
    "a service": f"/services/{SERVICE}/",
    "finder search": "/find/?q=club&age=10",
    "checker answer": CHECKER,
    "whole statement": "/statement/",
    "changes": "/statement/changes/",
    "feed: services": "/api/openreferral/services",
}


def first_page_cpu(path: str) -> None:
    """(Run as `run.py --first-page PATH` after `--build`, in a process of its own.) A
    worker that served the edition before the newest while it was current (its pages,
    read at its pinned addresses: code imported, templates compiled, that edition read)
    and has not read the newest: the CPU seconds of its first request for `path`.
    Prints them as JSON."""
    import gc
    import json

    django_setup(load=False)
    from django.test import Client

    from editions.models import Edition

    before = Edition.objects.newest_first()[1].version
    client = Client(HTTP_HOST="127.0.0.1")
    for earlier in ("", f"services/{SERVICE}/", "support/additional-support/", "changes/",
                    CHECKER.removeprefix("/"), "providers/"):  # fmt: skip
        assert client.get(f"/statement/{before}/{earlier}").status_code == 200, earlier
    gc.collect()
    started = time.process_time()
    response = client.get(path)
    cpu = time.process_time() - started
    assert response.status_code == 200, (path, response.status_code)
    print("FIRST " + json.dumps(cpu))


def editions_copied(count: int) -> None:
    """`count` more editions holding what the newest holds (as after years of annual
    reviews with nothing changed), written straight to their tables."""
    from django.utils import timezone

    from editions.models import Edition, EditionSnapshot
    from openreferral.models import ServiceDates

    latest = Edition.objects.newest_first().first()
    stored = EditionSnapshot.objects.get(edition=latest)
    data = stored.data
    dates = ServiceDates.objects.get(edition=latest)
    fields = ("schema_version", "reviewed_on", "reviewed_on_shown_as", "next_review_due")
    copies = Edition.objects.bulk_create(
        Edition(
            uid=uuid.uuid4(),
            version=latest.version + 1 + number,
            label=f"Copy {number + 1}",
            published_at=timezone.now(),
            next_review_due_shown_as=latest.next_review_due_shown_as,
            **{name: getattr(latest, name) for name in fields},
        )
        for number in range(count)
    )
    EditionSnapshot.objects.bulk_create(
        EditionSnapshot(edition=e, data=data, glossary_used=stored.glossary_used) for e in copies
    )
    ServiceDates.objects.bulk_create(
        ServiceDates(edition=e, last_modified=dates.last_modified, fingerprints=dates.fingerprints)
        for e in copies
    )


def _timed(url: str) -> float:
    return _fetched(url)[0]


def _fetched(url: str) -> tuple[float, bytes]:
    """How long `url` took to answer in full, and its body."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
    return time.perf_counter() - started, body


def _workers_rss_mb(url: str) -> list[float]:
    """Resident memory of each gunicorn worker serving `url` (Linux /proc): the
    processes started with its address whose parent was too (the master's is not)."""
    bind = "127.0.0.1:" + url.rsplit(":", 1)[1]
    parents = {}
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if proc.name.isdigit() and "gunicorn" in command and bind in command:
                parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")")[1].split()[1])
        except OSError:
            continue
    sizes = []
    for pid, parent in parents.items():
        if parent in parents:
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024)
    return sizes


def large_pages(bodies: dict[str, bytes]) -> dict[str, Callable[[], str]]:
    """Each page type's address, in the order they are first asked for; the last part
    and a service of the feed are found in the pages asked for before them."""
    import json

    def last_part() -> str:
        found = re.search(rb"part 1 of (\d+)", bodies["whole statement"])
        return f"/statement/?part={found[1].decode() if found else 1}"

    def feed_service() -> str:
        first = json.loads(bodies["feed: services"])["contents"][0]["id"]
        return f"/api/openreferral/services/{first}"

    pages = {
        "home": "/",
        "a level (tier)": "/support/additional-support/",
        "a service": f"/services/{SERVICE}/",
        "providers": "/providers/",
        "finder search": "/find/?q=club&age=10",
        "checker answer": CHECKER,
        "whole statement": "/statement/",
        "changes": "/statement/changes/",
        "editions": "/statement/editions/",
        "sitemap": "/sitemap.xml",
        "feed: services": "/api/openreferral/services",
        "earlier edition's service": f"/statement/1/services/{SERVICE}/",
    }
    return {
        **{name: (lambda path=path: path) for name, path in pages.items()},
        "whole statement, last part": last_part,
        "feed: a service": feed_service,
    }


def bench_large() -> list[str]:
    """Per size: a gunicorn started right after the publish (nothing parsed or kept yet);
    every page type's first request timed, the feed's among them; a request while two
    readers open cold statements; each worker's memory once every page type of the
    current edition and three earlier ones has been served."""
    import json
    import threading

    from tests.servers import gunicorn, manage, production_env

    cold: dict[int, dict[str, float]] = {}
    waits: dict[int, dict[str, float]] = {}
    memory: dict[int, float] = {}
    admin: dict[int, dict] = {}
    first: dict[int, dict[str, float]] = {}
    feed: dict[int, tuple[float, float, int]] = {}
    bodies_by_size: dict[int, dict[str, bytes]] = {}
    for size in LARGE_SIZES:
        with tempfile.TemporaryDirectory() as folder:
            env = production_env(Path(folder), STATEMENT_PART_SERVICES="100")
            manage(env, "collectstatic", "--no-input")
            print(f"Building {size:,} services and {EDITIONS} editions...", flush=True)
            for step in (["--build", str(size)], ["--admin"]):
                done = subprocess.run(
                    [sys.executable, __file__, *step], env=env, cwd=ROOT, capture_output=True,
                    text=True,
                )  # fmt: skip
                if done.returncode:
                    raise SystemExit(f"{' '.join(step)} failed:\n{done.stderr}")
            admin[size] = json.loads(done.stdout.split("ADMIN ", 1)[1])
            first[size] = {}
            for name, path in FIRST_PAGES.items():
                done = subprocess.run(
                    [sys.executable, __file__, "--first-page", path], env=env, cwd=ROOT,
                    capture_output=True, text=True,
                )  # fmt: skip
                if done.returncode:
                    raise SystemExit(f"--first-page {path} failed:\n{done.stderr}")
                first[size][name] = json.loads(done.stdout.split("FIRST ", 1)[1])
            with gunicorn(env, workers=2) as url:
                cold[size] = {}
                bodies = {}
                for name, path in large_pages(bodies).items():
                    cold[size][name], bodies[name] = _fetched(url + path())
                bodies_by_size[size] = bodies
                # Two readers open statements no worker has read yet...
                readers = [
                    threading.Thread(target=_timed, args=(f"{url}/statement/{n}/?part=2",))
                    for n in (2, 3)
                ]
                for reader in readers:
                    reader.start()
                time.sleep(0.05)
                # ...while a family opens the home page and searches.
                waits[size] = {
                    "home (kept)": _timed(url + "/"),
                    "a new finder search": _timed(url + "/find/?q=holiday&age=12"),
                }
                for reader in readers:
                    reader.join()
                for version in (1, 2, 3):
                    for path in ("", f"services/{SERVICE}/", "support/additional-support/"):
                        _timed(f"{url}/statement/{version}/{path}")
                for n in range(0, min(size, 300), 3):
                    _timed(f"{url}/find/?q=club&age={n % 26}&page={n % 5 + 1}")
                memory[size] = max(_workers_rss_mb(url))
            # The feed's first page, kept, against a static file of the same bytes
            # served by the same gunicorn (restarted so whitenoise finds it).
            static_twin(env, bodies["feed: services"])
            with gunicorn(env, workers=2) as url:
                feed[size] = _feed_against_twin(url) + (len(bodies["feed: services"]),)
    sizes = {size: {name: len(body) for name, body in bodies_by_size[size].items()}
             for size in LARGE_SIZES}  # fmt: skip
    return [
        _large_tables(cold, waits, memory, admin) + _warm_tables(first, feed) + _bytes_table(sizes)
    ]


PAGE_GOAL_KB = 300


def _bytes_table(sizes: dict[int, dict[str, int]]) -> str:
    rows = []
    for name in sizes[LARGE_SIZES[0]]:
        big = [size for size in LARGE_SIZES if sizes[size][name] > PAGE_GOAL_KB * 1024]
        for size in big:
            failures.append(f"{name} is {sizes[size][name] / 1024:.0f} KB at {size:,} services")
        cells = [f"{sizes[size][name] / 1024:,.0f} KB" for size in LARGE_SIZES]
        rows.append([name, *cells, "MISSED" if big else "met"])
    return table(
        f"Goal 4. Size of each page type, uncompressed (goal: none over {PAGE_GOAL_KB} KB)",
        ["page", *[f"{size:,} services" for size in LARGE_SIZES], "verdict"],
        rows,
    )


def _feed_against_twin(url: str) -> tuple[float, float]:
    """Requests a second for the kept feed page and for its static twin, in interleaved
    rounds (gzip asked for, as directories do)."""
    page, static = [], []
    for _ in range(THROUGHPUT_ROUNDS):
        page.append(wrk(url + "/api/openreferral/services", seconds=5, connections=16,
                        gzip=True)["requests_per_second"])  # fmt: skip
        static.append(wrk(url + TWIN, seconds=5, connections=16, gzip=True)["requests_per_second"])
    return sum(page) / len(page), sum(static) / len(static)


def _warm_tables(first, feed) -> str:
    sizes = [f"{size:,} services" for size in LARGE_SIZES]
    text = table(
        "Goal 9. A worker's first page of a new edition, once it is warmed (the task a "
        "publish starts has kept its finder index and changes, the publish its glossary "
        "terms): CPU of the first request of each page type, each in a worker of its own "
        "that has served pages before but not read this edition (goal: 0.2 s)",
        ["page", *sizes, "verdict"],
        _timed_rows(
            first,
            goal=lambda name, size: FIRST_PAGE_GOAL_S,
            missed="a worker's first {name} of a new edition took {seconds:.2f} s of CPU "
            "at {size:,} services",
        ),
    )
    rows = []
    for size in LARGE_SIZES:
        page, static, size_bytes = feed[size]
        ratio = page / static
        met = ratio >= THROUGHPUT_GOAL
        if not met:
            failures.append(
                f"the kept feed page reaches {ratio:.2f} of its static twin at {size:,}"
            )
        rows.append(
            [f"{size:,}", f"{size_bytes:,}", f"{page:.0f}", f"{static:.0f}", f"{ratio:.2f}",
             "met" if met else "MISSED"]
        )  # fmt: skip
    text += table(
        "Goal 10. The feed's first page, kept, against a static file of the same bytes from "
        f"the same gunicorn (2 workers, 16 connections, {THROUGHPUT_ROUNDS} interleaved "
        f"rounds of 5 s; goal: ratio >= {THROUGHPUT_GOAL})",
        ["services", "bytes", "feed requests/s", "static requests/s", "ratio", "verdict"],
        rows,
    )
    return text


def _timed_rows(
    timings: dict[int, dict[str, Any]],
    *,
    goal: Callable[[str, int], float],
    missed: str,
    cell: Callable[[Any], str] = lambda seconds: f"{seconds:.2f} s",
    seconds: Callable[[Any], float] = lambda seconds: seconds,
) -> list[list]:
    """A row per thing timed at each size, with its verdict against `goal(name, size)`;
    each miss is added to the failures, in the words of `missed` (a format string)."""
    rows = []
    for name in timings[LARGE_SIZES[0]]:
        late = [s for s in LARGE_SIZES if seconds(timings[s][name]) > goal(name, s)]
        for size in late:
            failures.append(
                missed.format(name=name, seconds=seconds(timings[size][name]), size=size)
            )
        cells = [cell(timings[size][name]) for size in LARGE_SIZES]
        rows.append([name, *cells, "MISSED" if late else "met"])
    return rows


def _large_tables(cold, waits, memory, admin) -> str:
    sizes = [f"{size:,} services" for size in LARGE_SIZES]
    text = table(
        "Goals 3 and 4. First request of each page type right after a publish "
        f"({EDITIONS} editions; gunicorn just started, nothing parsed or kept; "
        f"goal: 1 s at 1,000 services, 3 s at 10,000; the feed {FEED_GOAL_S} s at both)",
        ["page", *sizes, "verdict"],
        _timed_rows(
            cold,
            goal=lambda name, size: FEED_GOAL_S if name.startswith("feed") else COLD_GOAL_S[size],
            missed="{name} took {seconds:.2f} s cold at {size:,} services",
        ),
    )
    text += table(
        "Goal 3. A family's request while two readers open earlier editions' statements "
        "no worker has read yet (goal: within 1 s)",
        ["request", *sizes, "verdict"],
        _timed_rows(
            waits,
            goal=lambda name, size: COLD_GOAL_S[LARGE_SIZES[0]],
            missed="{name} waited {seconds:.2f} s behind cold renders at {size:,} services",
        ),
    )
    rows = []
    for size in LARGE_SIZES:
        met = memory[size] <= MEMORY_GOAL_MB[size]
        if not met:
            failures.append(f"a worker held {memory[size]:.0f} MB at {size:,} services")
        rows.append(
            [f"{size:,}", f"{memory[size]:.0f} MB", f"<= {MEMORY_GOAL_MB[size]} MB",
             "met" if met else "MISSED"]
        )  # fmt: skip
    text += table(
        "Goal 2. Memory of the largest worker after every page type of the current "
        "edition and three earlier ones (RSS)",
        ["services", "largest worker", "goal", "verdict"],
        rows,
    )
    text += table(
        "Goal 5. The officers' pages with a large offer, each opened once by a process that "
        "has served only an officer's sign-in, with one service in a hundred changed since "
        "the last publish (goal: each under 1 s)",
        ["page", *sizes, "verdict"],
        _timed_rows(
            admin,
            goal=lambda name, size: ADMIN_GOAL_S,
            missed="admin {name} took {seconds:.2f} s at {size:,} services",
            cell=lambda timed: f"{timed[0]:.2f} s, {timed[1] / 1024:,.0f} KB",
            seconds=lambda timed: timed[0],
        ),
    )
    return text


READ_GOAL_S = 0.5
READ_GOAL_MB = 40


def _measured(make: Callable[[], Any], rounds: int = 5) -> tuple[float, float, float]:
    """The best of `rounds` times in seconds, then the memory the answer holds and the
    peak while it is made, in MB (tracemalloc)."""
    import gc
    import tracemalloc

    times = []
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter()
        answer = make()
        times.append(time.perf_counter() - started)
        del answer
    gc.collect()
    tracemalloc.start()
    answer = make()  # noqa: F841 (held while measured)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(times), held / 1e6, peak / 1e6


def _with_glossary(statement: Any) -> Any:
    statement.glossary  # noqa: B018 (found on first use)
    return statement


def bench_read() -> list[str]:
    """An edition of 10,000 services read as published pages read it: its stored JSON
    decoded into typed records and joined up (editions.read.Statement); then the
    glossary terms its pages use found (on first use); beside the untyped parse alone."""
    import json

    import msgspec

    from editions.read import Statement
    from editions.snapshot import SCHEMA_VERSION, snapshot_build, snapshot_decoded

    offer_resize(10_000)
    stored = msgspec.json.encode(snapshot_build())

    def read() -> Statement:
        return Statement(snapshot_decoded(stored, version=SCHEMA_VERSION))

    rows = []
    for what, make in (
        ("json.loads alone (untyped dictionaries, nothing joined)", lambda: json.loads(stored)),
        (
            "decoded into typed records (msgspec)",
            lambda: snapshot_decoded(stored, version=SCHEMA_VERSION),
        ),
        ("read: decoded and joined, every service's rules decided", read),
        ("read, then the glossary terms its pages use found", lambda: _with_glossary(read())),
    ):
        seconds, held, peak = _measured(make)
        rows.append([what, f"{seconds:.2f}", f"{held:.1f}", f"{peak:.1f}"])
    seconds, held = float(rows[2][1]), float(rows[2][2])
    if seconds > READ_GOAL_S or held > READ_GOAL_MB:
        failures.append(f"reading 10,000 services took {seconds} s and holds {held} MB")
    return [
        table(
            f"Reading an edition of 10,000 services ({len(stored) / 1e6:.1f} MB of JSON; goal: "
            f"read in <= {READ_GOAL_S} s, held in <= {READ_GOAL_MB} MB)",
            ["step", "seconds (best of 5)", "MB held", "MB at peak"],
            rows,
        )
    ]


def main() -> None:
    if sys.argv[1:2] == ["--build"]:
        database_build(int(sys.argv[2]))
        return
    if sys.argv[1:2] == ["--admin"]:
        admin_timings()
        return
    if sys.argv[1:2] == ["--build-one"]:
        django_setup()
        from editions.publishing import edition_publish

        offer_resize(int(sys.argv[2]))
        edition_publish(label="Only")
        return
    if sys.argv[1:2] == ["--pdf"]:
        pdf_timings()
        return
    if sys.argv[1:2] == ["--first-page"]:
        first_page_cpu(sys.argv[2])
        return
    if sys.argv[1:2] == ["--import"]:
        import_timings(int(sys.argv[2]))
        return
    everything = [
        "queries", "finder", "publish", "read", "throughput", "bytes", "load", "large", "import",
        "pdf"
    ]  # fmt: skip
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "sections", nargs="*", metavar="section", help=f"any of {', '.join(everything)} (all)"
    )
    parser.add_argument("--write", type=Path, help="also write the results to this Markdown file")
    options = parser.parse_args()
    unknown = set(options.sections) - set(everything)
    if unknown:
        parser.error(f"no such section: {', '.join(sorted(unknown))}")
    sections = set(options.sections or everything)
    texts = []
    if sections & {"queries", "finder", "publish", "read"}:
        django_setup()
    if sections & {"queries", "finder", "publish"}:
        texts += bench_queries_and_publish(run_finder="finder" in sections)
    if "read" in sections:
        texts += bench_read()
    if sections & {"throughput", "bytes", "load"}:
        texts += bench_server(sections)
    if "large" in sections:
        texts += bench_large()
    if "import" in sections:
        texts += bench_import()
    if "pdf" in sections:
        texts += bench_pdf()
    if options.write:
        machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
        stamp = time.strftime("%Y-%m-%d %H:%M")
        body = "".join(texts)
        verdict = "Goals missed: " + "; ".join(failures) if failures else "Every goal met."
        header = RESULTS_HEADER.format(stamp=stamp, machine=machine)
        options.write.write_text(f"{header}{body}\n{verdict}\n")
    if failures:
        print("Goals missed:\n- " + "\n- ".join(failures))
        sys.exit(1)
    print("Every goal met.")


RESULTS_HEADER = """# Performance

Measured by `benchmarks/run.py --write docs/performance.md` (`make bench`) on {stamp}
({machine}). Rerun it to check these numbers on your own machine; it exits non-zero
when a goal is missed. The gunicorn sections need `wrk` (`apt-get install wrk`).

What keeps it fast, whatever the size of the offer:

- Public pages read one immutable edition, parsed once per process, never the working
  tables; a page seen before comes from the page cache (local memory, or Redis shared
  by every instance) under a key holding the edition's id. So a page costs the same few
  queries however many services there are, and none once kept: each process remembers
  which edition is current for a second (a publish in the same process is seen at
  once, one on another instance within that second).
- A kept page keeps its gzip bytes too, so a compressed hit is sent as stored.
- Each process keeps two parsed editions at most: the current one, which reading
  earlier editions never pushes out, and one earlier edition (parsed one at a time,
  the last one dropped first); and two feeds; with Redis, also its most read
  pages in PAGE_LOCAL_BYTES (16 MB).
- A kept page is answered by the first middleware, with the headers the rest of the
  stack gave it when it was rendered: no other middleware, view or query on a hit.
- Past STATEMENT_PART_SERVICES (100) services the whole statement comes in parts, each
  with its own PDF made by its own background task, and
  past SITEMAP_ADDRESSES (10,000) addresses the sitemap is an index.
- Pages carry an ETag and Last-Modified, so browsers and CDNs revalidate with a 304.
- Any spelling of a kept page (the finder's form in its own field order, a blank field,
  a link with `utm_source`) is reduced to the page's own address before the first
  middleware looks it up, so it is a hit too.
- The Open Referral feed's answers are kept per edition like pages (errors never), and
  a service is mapped only when a page of the feed shows it.
- The finder answers from an index of the edition's services (sets per need, time,
  area, age, tier and word, and the edition's vocabulary for spelling slips), so a
  search is a few set operations and a ranking of the services its words match,
  rather than a pass over every service. A phrase is tried only on services holding
  all its words. The searches measured include parents' own words ("autisim",
  "someone to sit with him").
- A new edition is warmed once for every worker: its publish keeps the glossary terms
  its pages use, and a background task (public/warming.py) keeps its finder index and
  its changes since the edition before beside it, so a worker reads them rather than
  works them out. An edition, and what is kept with it, is read with the garbage
  collector paused and then frozen out of its collections; services decided alike
  (same rules, level, ways in, ages) are decided once.
- Every PDF is one part of the statement at most (100 services), made by a background
  task of its own, so making PDFs grows with the number of parts and no faster.
- A spreadsheet import reads each sheet's records, and the records they name, once
  for the sheet, and compares each row with what its record holds without copying it.
- HTML, CSS and JavaScript go out gzipped; static files have hashed names and are
  served by whitenoise from the same gunicorn.

How the cost grows with the offer (the tables below give the numbers): a kept page,
the feed's kept pages and the queries of every page do not grow at all; publishing,
reading an edition, a worker's first page of a new edition, the PDFs and an import
grow in proportion to the services (ten times the services, about ten times the
time), and no step grows faster.

"""

if __name__ == "__main__":
    main()
