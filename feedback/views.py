"""'Is this page useful?': every public page links here, so pages themselves stay free
of cookies and cacheable; this page carries the CSRF-protected form."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.http import require_http_methods

from core.clients import client_address
from editions.selectors import statement_current

from .forms import FeedbackForm, ServiceReportForm
from .services import feedback_allowed, feedback_record, service_report_record


def _statement():
    current = statement_current()
    return current[1] if current else None


def _page_or_home(path: str) -> str:
    """The page to go back to: `path` if it is one of ours, else the home page."""
    if path.startswith("/") and not path.startswith("//"):
        try:
            resolve(path.split("?")[0])
            return path
        except Resolver404:
            pass
    return reverse("current:home")


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        page = _page_or_home(request.GET.get("page", ""))
        initial = {"path": page, "useful": request.GET.get("useful")}
        form = FeedbackForm(initial=initial)
        return _form_page(request, form, page)

    form = FeedbackForm(request.POST)
    page = _page_or_home(request.POST.get("path", ""))
    thanks = reverse("feedback:thanks") + "?" + urlencode({"page": page})
    if form.is_bot:
        return HttpResponseRedirect(thanks, status=303)  # say nothing a bot could learn from
    if not feedback_allowed(client=client_address(request) or "unknown"):
        context = {"statement": _statement(), "page": page}
        return render(request, "feedback/too_many.html", context, status=429)
    if not form.is_valid():
        return _form_page(request, form, page, status=400)
    data = form.cleaned_data
    feedback_record(path=data["path"], useful=data["useful"] == "yes", comment=data["comment"])
    return HttpResponseRedirect(thanks, status=303)


def _form_page(request, form, page: str, status: int = 200) -> HttpResponse:
    context = {"statement": _statement(), "form": form, "page": page}
    return _unindexed(request, "feedback/feedback_form.html", context, status)


def _unindexed(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    """A form page: search engines are told to leave it alone."""
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def thanks(request: HttpRequest) -> HttpResponse:
    page = _page_or_home(request.GET.get("page", ""))
    return render(request, "feedback/thanks.html", {"statement": _statement(), "page": page})


@require_http_methods(["GET", "POST"])
def service_report(request: HttpRequest, service_id) -> HttpResponse:
    """'Report a problem with this service': a service of the current edition by its
    permanent id (404 if it is not offered now); nothing personal asked; limited per
    client as feedback is."""
    statement = _statement()
    service = statement.record("service", str(service_id)) if statement else None
    if service is None or not service.offered:
        raise Http404("We could not find that service. It may no longer be offered.")
    source = request.POST if request.method == "POST" else request.GET
    page = _page_or_home(source.get("path") or source.get("page") or "")
    context = {"statement": statement, "service": service, "page": page}
    if request.method == "GET":
        context["form"] = ServiceReportForm(initial={"path": page})
        return _unindexed(request, "feedback/service_report_form.html", context)
    form = ServiceReportForm(request.POST)
    thanks = reverse("feedback:report_thanks") + "?" + urlencode({"page": page})
    if form.is_bot:
        return HttpResponseRedirect(thanks, status=303)
    if not feedback_allowed(client=client_address(request) or "unknown"):
        return render(request, "feedback/too_many.html", context, status=429)
    if not form.is_valid():
        context["form"] = form
        return _unindexed(request, "feedback/service_report_form.html", context, 400)
    data = form.cleaned_data
    service_report_record(
        service_id=service.id,
        service_name=service.name,
        topic=data["topic"],
        words=data["words"],
        reply_email=data["reply_email"],
        path=page,
    )
    return HttpResponseRedirect(thanks, status=303)


def report_thanks(request: HttpRequest) -> HttpResponse:
    page = _page_or_home(request.GET.get("page", ""))
    context = {"statement": _statement(), "page": page}
    return render(request, "feedback/service_report_thanks.html", context)
