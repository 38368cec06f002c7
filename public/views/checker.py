"""'What could we get?': up to six questions (only those the council's offer uses), then
the tiers to start with. The answers live only in the address: nothing is saved, and the
pages are private (public/pages.py): kept out of caches, search engines and other sites'
logs."""

from django.shortcuts import render

from ..checker import checker_suggest
from ..forms import CheckerForm


def checker(request, *, edition, statement):
    """The questions, filled in with any answers in the address."""
    form = CheckerForm.prefilled(request.GET, statement=statement)
    return render(request, "public/checker.html", {"statement": statement, "form": form})


def checker_result(request, *, edition, statement):
    """The tiers to start with for the answers in the address; the questions again, with
    what is wrong, if an answer is missing or not one we offered (400)."""
    form = CheckerForm(request.GET, statement=statement)
    if not form.is_valid():
        context = {"statement": statement, "form": form}
        return render(request, "public/checker.html", context, status=400)
    answers = form.answers()
    context = {
        "statement": statement,
        "form": form,
        "answers": answers,
        "result": checker_suggest(statement=statement, answers=answers),
        "change_url": request.viewing.url("check") + "?" + request.GET.urlencode(),
    }
    return render(request, "public/checker_result.html", context)
