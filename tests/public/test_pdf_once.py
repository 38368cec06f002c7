"""An edition's PDF is made by a background task, one at a time: others asking meanwhile
are told it is being prepared (with the statement's page), and a PDF the database would
not save is still served and not made again. Making a real PDF is slow, so here it is
a stand-in that counts."""

import threading
import time

import pytest
from django.db import DatabaseError, connection

from editions.models import EditionDocument
from editions.publishing import edition_publish
from public import pdf as pdf_module
from tests.factories import ServiceFactory, StatementFactory

FAKE = b"%PDF-1.7 stand-in"


@pytest.fixture
def slow_maker(monkeypatch):
    """statement_pdf_made replaced by one that takes a second and counts its calls."""
    calls = []

    def made(**kwargs):
        calls.append(1)
        time.sleep(1)
        return FAKE

    monkeypatch.setattr(pdf_module, "statement_pdf_made", made)
    return calls


@pytest.mark.django_db(transaction=True)
def test_twelve_first_requests_at_once_make_it_once(slow_maker):
    from django.test import RequestFactory

    from public.pdf import PdfBeingMade

    StatementFactory()
    ServiceFactory()
    edition = edition_publish(label="2026")
    answers, told, failures = [], [], []

    def ask():
        request = RequestFactory().get("/statement/statement.pdf")
        try:
            answers.append(
                pdf_module.statement_pdf_kept(request=request, edition=edition, statement=None)
            )
        except PdfBeingMade:
            told.append(1)
        except Exception as error:  # noqa: BLE001 (reported below)
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not failures, failures
    # One made it (the task ran in its request here); the rest were told it is coming.
    assert answers == [FAKE] and len(told) == 11
    assert len(slow_maker) == 1
    assert EditionDocument.objects.filter(edition=edition).count() == 1


@pytest.mark.django_db(transaction=True)
def test_with_a_task_worker_the_first_reader_is_told_and_the_worker_makes_it(
    client, slow_maker, settings
):
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    StatementFactory()
    ServiceFactory()
    edition_publish(label="2026")
    first = client.get("/statement/statement.pdf")
    assert first.status_code == 503 and "The PDF is being made" in first.content.decode()
    assert slow_maker == []  # not in the request
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(slow_maker) == 1
    ready = client.get("/statement/statement.pdf")
    assert ready.status_code == 200 and ready.content == FAKE


@pytest.mark.django_db
def test_while_it_is_being_made_elsewhere_a_reader_is_told_and_given_the_page(
    client, slow_maker, monkeypatch
):
    from django.core.cache import cache

    StatementFactory()
    ServiceFactory()
    edition = edition_publish(label="2026")
    cache.add(f"edition-pdf-making:{edition.uid}:1", True, timeout=60)  # another worker
    response = client.get("/statement/statement.pdf")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "The PDF is being made" in html and 'href="/statement/"' in html
    assert slow_maker == []


@pytest.mark.django_db
def test_a_pdf_the_database_will_not_save_is_served_and_not_made_again(
    client, slow_maker, monkeypatch
):
    StatementFactory()
    ServiceFactory()
    edition_publish(label="2026")

    def full(**kwargs):
        raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr(EditionDocument.objects, "create", full)
    first = client.get("/statement/statement.pdf")
    assert first.status_code == 200 and first.content == FAKE
    from public.page_cache import kept_pages_forget

    kept_pages_forget()
    again = client.get("/statement/statement.pdf", HTTP_HOST="127.0.0.1")
    assert again.status_code == 200 and again.content == FAKE
    assert len(slow_maker) == 1
