"""'Is this page useful?': asked on every page, answered on a CSRF-protected form that
masks personal details, ignores bots and limits each client."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.test import Client

from feedback.models import PageFeedback
from feedback.services import comment_mask
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def post(client, **data):
    return client.post("/feedback/", {"path": "/find/", "useful": "no", **data})


def test_every_page_asks_whether_it_was_useful(client, durham_edition):
    html = client.get("/services/hospice-care/").content.decode()
    assert "Is this page useful?" in html
    assert 'href="/feedback/?page=/services/hospice-care/&amp;useful=yes"' in html
    # Public pages carry no form, so they set no cookie and stay cacheable.
    assert "csrfmiddlewaretoken" not in html
    assert not client.get("/services/hospice-care/").cookies


def test_the_form_is_prefilled_from_the_link(client, durham_edition):
    html = client.get("/feedback/?page=/find/%3Fq%3Dswim&useful=yes").content.decode()
    assert 'name="path" value="/find/?q=swim"' in html
    assert 'name="useful" type="radio" value="yes" checked' in html
    assert "Do not include personal information" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_feedback_is_saved_with_the_page_and_edition(client, durham_edition):
    response = post(client, path="/find/?q=swim", useful="yes", comment="Found it quickly.")
    assert response.status_code == 303
    assert response["Location"] == "/feedback/thanks/?page=%2Ffind%2F%3Fq%3Dswim"
    saved = PageFeedback.objects.get()
    assert (saved.path, saved.useful, saved.comment) == ("/find/?q=swim", True, "Found it quickly.")
    assert saved.edition_version == durham_edition.version
    assert "Back to the page" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "text, masked",
    [
        (
            "Email me at jo.bloggs+sb@example.co.uk please",
            "Email me at [email address removed] please",
        ),
        ("Call 07700 900123 after 5", "Call [phone number removed] after 5"),
        ("Ring 0191 123 4567.", "Ring [phone number removed]."),
        ("or +44 (0)20 7946 0958", "or [phone number removed]"),
        ("My son is 8 and needs 20 hours", "My son is 8 and needs 20 hours"),
        # Fullwidth letters and digits read the same to a person: masked the same.
        ("bob＠example．com", "[email address removed]"),
        ("call ０７７００ ９００１２３", "call [phone number removed]"),
    ],
)
def test_emails_and_phone_numbers_are_masked_before_saving(client, durham_edition, text, masked):
    assert comment_mask(text=text) == masked
    post(client, comment=text)
    assert PageFeedback.objects.get().comment == masked


def test_a_filled_honeypot_is_thanked_but_not_saved(client, durham_edition):
    response = post(client, website="http://spam.example")
    assert response.status_code == 303
    assert PageFeedback.objects.count() == 0


def test_each_client_is_limited(client, durham_edition, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    statuses = [post(client).status_code for _ in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    assert PageFeedback.objects.count() == 3
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert post(other).status_code == 303


def test_losing_or_flooding_the_cache_does_not_reset_the_limit(client, durham_edition, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    assert [post(client).status_code for _ in range(2)] == [303, 303]
    cache.clear()  # as an eviction or a restarted Redis would
    assert post(client).status_code == 429


def test_behind_one_proxy_each_client_has_its_own_limit(durham_edition, settings):
    """The load balancer's address is the same for everyone; X-Forwarded-For names the
    client, and only the address the proxy appended counts."""
    settings.FEEDBACK_RATE_LIMIT = 2
    settings.PROXY_COUNT = 1

    def visitor(address: str, claimed: str = "") -> Client:
        forwarded = f"{claimed}, {address}" if claimed else address
        return Client(REMOTE_ADDR="10.0.0.1", headers={"x-forwarded-for": forwarded})

    first, second = visitor("198.51.100.1"), visitor("198.51.100.2")
    assert [post(first).status_code for _ in range(3)] == [303, 303, 429]
    assert [post(second).status_code for _ in range(2)] == [303, 303]
    # A client cannot pose as another by writing its own X-Forwarded-For.
    assert post(visitor("198.51.100.1", claimed="203.0.113.9")).status_code == 429


def test_the_form_needs_its_csrf_token(durham_edition):
    client = Client(enforce_csrf_checks=True)
    assert post(client).status_code == 403
    page = client.get("/feedback/?page=/find/")
    token = page.cookies["csrftoken"].value
    assert post(client, csrfmiddlewaretoken=token).status_code == 303


@pytest.mark.parametrize(
    "data, message",
    [
        ({"useful": ""}, "Select yes if this page is useful"),
        ({"useful": "maybe"}, "Select yes or no."),
        ({"comment": "x" * 1201}, "1,200 characters or fewer (it has 1201)"),
        ({"path": "https://evil.example/"}, "We could not tell which page this is about."),
        ({"path": "/no-such-page/"}, "We could not tell which page this is about."),
    ],
)
def test_bad_feedback_is_refused_with_a_clear_message(client, durham_edition, data, message):
    response = post(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PageFeedback.objects.count() == 0


def test_officers_see_feedback_by_page_and_download_it(client, durham_edition):
    for path, useful, comment in [
        ("/find/", False, '=HYPERLINK("x")'),
        ("/find/", True, ""),
        ("/contacts/", True, "Good"),
        ("/find/?need=autism&when=weekends", True, "a;=1+1, b,@SUM(1)"),
    ]:
        post(client, path=path, useful="yes" if useful else "no", comment=comment)
    client.force_login(UserFactory(roles=["Editor"]))
    html = client.get("/admin/feedback/pagefeedback/").content.decode()
    row = '<a href="/admin/feedback/pagefeedback/?path__exact=%2Ffind%2F">/find/</a></th>'
    assert row + "<td>2</td><td>1</td><td>1</td><td>1</td>" in html
    assert client.get("/admin/feedback/pagefeedback/?path__exact=%2Ffind%2F").status_code == 200
    response = client.get("/admin/feedback/pagefeedback/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["When", "Page", "Edition", "Useful", "Comment"]
    assert len(rows) == 5
    comments = [row[4] for row in rows]
    assert '\'=HYPERLINK("x")' in comments
    # A spreadsheet splitting at ; or , still reads every part as text.
    assert "a;'=1+1, b,'@SUM(1)" in comments
    # A page's address with its own ? and & links to exactly that page's feedback.
    query = "path__exact=%2Ffind%2F%3Fneed%3Dautism%26when%3Dweekends"
    assert f'href="/admin/feedback/pagefeedback/?{query}"' in html
    listed = client.get(f"/admin/feedback/pagefeedback/?{query}").content.decode()
    assert "a;=1+1" in listed
    assert client.get("/admin/feedback/pagefeedback/add/").status_code == 403


def test_the_public_cannot_read_feedback(client, durham_edition):
    assert client.get("/admin/feedback/pagefeedback/csv/").status_code == 302


def test_a_familys_answers_and_list_are_never_kept_with_their_feedback(client, durham_edition):
    """The 'Is this page useful?' links name the page alone: not the checker's answers or
    a family's list in its address."""
    from offer.models import Service

    uid = Service.objects.first().uid
    for address in (f"/find/?q=club&s={uid}", "/check/result/?age=9&social_worker=yes"):
        html = client.get(address).content.decode()
        links = re.findall(r'href="(/feedback/\?page=[^"]+)"', html)
        assert links and all("%3F" not in link and "s=" not in link for link in links), links
