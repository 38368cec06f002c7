"""Two made-up councils' directory feeds shaped like the ones councils publish today, and
a local server for them: HTML pasted from Word, services given only as a web address,
one id used twice, records with no name, a list whose details must be fetched (one of
them failing), and whole records that say everything."""

import contextlib
import copy
import http.server
import json
import urllib.parse
from typing import Any

from tests.servers import http_server

WORD = (
    "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->"
    '<p class="MsoNormal" style="margin:0cm"><span style="font-size:11.0pt;font-family:'
    '&quot;Calibri&quot;">Our <b>Saturday club</b>&nbsp;&nbsp;is for disabled children '
    "aged 8&ndash;18.&nbsp;Call 01632&nbsp;960&nbsp;001 to book a place.<o:p></o:p></span></p>"
    '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><p><br></p>'
    "<h3><strong>What we do</strong></h3><ul><li><span>Swimming &amp; cinema</span></li>"
    "<li>Cooking</li></ul>"
    '<p><img src="data:image/png;base64,' + "iVBORw0KGgo" * 2_000 + '"></p>'
    '<p>More on <a href="https://www.exampleshire-club.example/saturday" '
    'style="color:#0563C1">our club&#8217;s page</a>.</p>'
)
LONG_NAME = "Support " + "and more support " * 15 + "for families"

# Version 1: what a list page gives, and each service whole.
SATURDAY_CLUB = {
    "id": "s1",
    "name": "Saturday club",
    "description": WORD,
    "url": "https://www.exampleshire-club.example/saturday",
    "email": "club@exampleshire-club.example",
    "status": "active",
    "fees": "",
    "accreditations": "Ofsted registered",
    "deliverable_type": "Activity",
    "attending_type": "Venue",
    "attending_access": "drop-in",
    "assured_date": "2026-03-01",
    "organization": {
        "id": "org-1",
        "name": "Exampleshire Youth &amp; Play",
        "description": "<p>A <b>charity</b> running clubs.</p>",
        "url": "https://www.exampleshire-club.example",
        "logo": "https://www.exampleshire-club.example/logo.png",
    },
    "contacts": [
        {
            "id": "c1",
            "name": "Club&nbsp;leader",
            "title": "Manager",
            "phones": [{"id": "p1", "number": "01632 960 001", "languages": []}],
        }
    ],
    "cost_options": [{"id": "co1", "amount": 5, "amount_description": "&pound;5 a session",
                      "option": "Session"}],
    "eligibilitys": [{"id": "e1", "eligibility": "<p>Disabled children and young people</p>",
                      "minimum_age": 8, "maximum_age": 18}],
    "languages": [{"id": "l1", "language": "Polish"}],
    "regular_schedules": [{"id": "r1", "byday": "SA", "opens_at": "10:00:00",
                           "closes_at": "14:00:00", "freq": "WEEKLY"}],
    "service_areas": [{"id": "a1", "service_area": "Exampletown", "extent": None}],
    "service_at_locations": [
        {
            "id": "sal1",
            "location": {
                "id": "loc-1",
                "name": "Exampletown &amp; District Leisure Centre",
                "latitude": 52.1,
                "longitude": -1.2,
                "physical_addresses": [{"id": "pa1", "address_1": "1 High Street",
                                        "city": "Exampletown", "postal_code": "zz99 9zz",
                                        "country": "England"}],
                "accessibility_for_disabilities": [
                    {"id": "ad1", "accessibility": "Changing Places toilet"},
                    {"id": "ad2", "accessibility": "Wheelchair accessible",
                     "details": "Lift to the first floor"},
                ],
            },
        }
    ],
    "service_taxonomys": [
        {"id": "t1", "taxonomy": {"id": "x1", "name": "Short breaks", "vocabulary": "Type"}},
        {"id": "t2", "taxonomy": {"id": "x2", "name": "Autism", "vocabulary": "Needs"}},
    ],
}  # fmt: skip
PLAY_SCHEME = {
    "id": "s2",
    "name": "Holiday play scheme",
    "description": "<p>Play sessions in the <strong>summer</strong> holidays.</p>",
    "url": "www.exampleshire-play.example/holidays",
    "status": "active",
    "contacts": [],
    "service_taxonomys": [{"id": "t3", "taxonomy": {"id": "x1", "name": "Short breaks"}}],
}
SITTING = {
    "id": "s3",
    "name": "Sitting service",
    "description": "Trained sitters at home.",
    "status": "active",
    "attending_type": "home visit",
    "email": "sitting@exampleshire.example",
    "contacts": [],
    "service_taxonomys": [{"id": "t4", "taxonomy": {"id": "x1", "name": "Short breaks"}}],
}
ADULT_ADVICE = {
    "id": "s3",  # the same id as the sitting service: the directory's mistake
    "name": "Drug and alcohol advice",
    "description": "<p>For adults.</p>",
    "status": "active",
    "contacts": [{"id": "c9", "name": "Advice line", "phones": [{"number": "01632 960 009"}]}],
    "service_taxonomys": [{"id": "t5", "taxonomy": {"id": "x9", "name": "Adults"}}],
}
NO_NAME = {"id": "s4", "name": "", "description": "A record nobody named.", "status": "active"}
LONG = {
    "id": "s5",
    "name": LONG_NAME,
    "description": "<p><br></p>",
    "email": "support@exampleshire.example",
    "status": "active",
    "contacts": [],
    "service_taxonomys": [{"id": "t6", "taxonomy": {"id": "x1", "name": "Short breaks"}}],
}
DETAILS_FAIL = {"id": "s6", "name": "Wheelchair football", "description": "Fridays.",
                "status": "active", "url": "https://www.exampleshire-football.example"}  # fmt: skip
DEFUNCT = {"id": "s7", "name": "Old youth club", "status": "defunct", "contacts": []}

WHOLE = [SATURDAY_CLUB, PLAY_SCHEME, SITTING, ADULT_ADVICE, NO_NAME, LONG, DEFUNCT]
LISTED = ("id", "name", "description", "url", "status")


def exampleshire_pages(services: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The version 1 feed as a server answers it: two list pages of summaries, and each
    service whole at /services/{id} (all but the last listed, whose page fails)."""
    services = copy.deepcopy(WHOLE if services is None else services)
    listed, ids = [], set()
    for service in [*services, DETAILS_FAIL]:
        # A second record under an id already listed comes whole in the list itself.
        whole = service["id"] in ids
        ids.add(service["id"])
        listed.append(service if whole else {k: service[k] for k in LISTED if k in service})
    half = len(listed) // 2
    pages = {
        "/api/services?page=1": {"totalPages": 2, "number": 1, "last": False,
                                 "content": listed[:half]},
        "/api/services?page=2": {"totalPages": 2, "number": 2, "last": True,
                                 "content": listed[half:]},
    }  # fmt: skip
    for service in services:
        pages.setdefault(f"/api/services/{service['id']}", service)  # the first of an id
    return pages


def exampleton_v3() -> dict[str, Any]:
    """A version 3 page of whole records, as a file a council downloads."""
    return {
        "total_items": 3,
        "total_pages": 1,
        "page_number": 1,
        "last_page": True,
        "contents": [
            {
                "id": "9b1c0d3e-0001-4000-8000-000000000001",
                "name": "Online &amp; phone befriending",
                "description": "<div><p>Weekly calls with a trained volunteer.&nbsp;</p>"
                "<p>We also meet online.</p></div>",
                "status": "active",
                "url": "https://befriending.example.org/",
                "email": "hello@befriending.example.org",
                "alert": "Closed over Christmas",
                "assured_date": "2026-10-12",
                "minimum_age": 11,
                "maximum_age": 25,
                "eligibility_description": "Young people with a disability or long-term "
                "illness.",
                "organization": {"id": "org-b", "name": "Befriending Exampleton",
                                 "description": "A charity.", "website": "https://befriending.example.org"},
                "contacts": [
                    {"id": "cb1", "name": "Befriending team",
                     "email": "team@befriending.example.org",
                     "phones": [{"id": "pb1", "number": "01632 960 123", "description": "Office"}]},
                ],
                "schedules": [
                    {"id": "sc1", "byday": "TU", "opens_at": "18:00", "closes_at": "19:00",
                     "attending_type": "Online by video call or by phone"},
                ],
                "cost_options": [{"id": "cost1", "amount": 0, "option": "Free"}],
                "service_areas": ["North Exampleton", "South Exampleton"],
                "service_at_locations": [
                    {"id": "sal-b", "location": {
                        "id": "loc-b", "name": "Exampleton Library", "location_type": "physical",
                        "addresses": [{"id": "ad-b", "address_1": "2 Library Way",
                                       "city": "Exampleton", "postal_code": "ZZ99 1ZZ"}],
                        "accessibility": [{"id": "acc-b", "description": "Hearing loop"},
                                          {"id": "acc-c", "description": "Step-free access"}],
                    }},
                ],
                "languages": [{"id": "lang1", "name": "British Sign Language"}],
                "funding": [{"id": "f1", "source": "Council grant"}],
                "attributes": [
                    {"id": "at1", "taxonomy_term_id": "tt1",
                     "taxonomy_term": {"id": "tt1", "name": "Short breaks"}},
                    {"id": "at2", "taxonomy_term_id": "tt2",
                     "taxonomy_term": {"id": "tt2", "name": "Evenings"}},
                ],
            },
            {
                "id": "9b1c0d3e-0001-4000-8000-000000000002",
                "name": "Parent carers' forum",
                "description": "<p>Have your say on services.</p>",
                "status": "active",
                "url": "https://forum.example.org",
                "attributes": [{"id": "at3", "taxonomy_term": {"id": "tt3", "name": "Support"}}],
            },
            {
                "id": "9b1c0d3e-0001-4000-8000-000000000003",
                "name": 42,
                "description": ["not", "words"],
                "status": "active",
                "minimum_age": "five",
                "contacts": "Ring us",
                "url": "https://number.example.org",
            },
        ],
    }  # fmt: skip


class _Answer(http.server.BaseHTTPRequestHandler):
    pages: dict[str, Any] = {}

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(parts.query)
        key = parts.path + (f"?page={query['page'][0]}" if "page" in query else "")
        found = self.pages.get(key)
        body = json.dumps(found).encode() if found is not None else b'{"error": "not found"}'
        self.send_response(200 if found is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(pages: dict[str, Any]):
    """The feed on a spare local port; yields its services address."""
    handler = type("Answer", (_Answer,), {"pages": pages})
    with http_server(handler) as address:
        yield address + "/api/services"
