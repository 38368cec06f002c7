"""'What could we get?': one question a page (only those the council's offer uses), then
'Check your answers', then the tiers to start with. GOV.UK's question pages, in plain
GET forms: each page's form carries the answers so far in hidden fields, so every step
is one request, works without JavaScript, and the answers live only in the address.
Nothing is saved, and the pages are private (public/pages.py): kept out of caches,
search engines and other sites' logs.

The address says where the family is: `step` is the question to show (or `answers`,
'Check your answers'); a question's form sends `from` (the question answered) so its
answer is checked, and `then=answers` when the family came to change one answer.
"""

from django.http import QueryDict
from django.shortcuts import render

from ..checker import checker_suggest
from ..forms import CheckerForm
from ..shortlist import SHORTLIST_PARAMETER

STEP, FROM, THEN = "step", "from", "then"
CHECK_ANSWERS = "answers"
# The parameters that say where the family is, rather than what they answered.
CHECKER_STEPS = (STEP, FROM, THEN)


def checker(request, *, edition, statement):
    """The start page, one question, or 'Check your answers', as the address says."""
    form = CheckerForm(request.GET, statement=statement)
    questions = list(form.fields)
    answered = request.GET.get(FROM)
    if answered in questions:
        if form.errors.get(answered):
            return _question(request, statement, form, answered, status=400)
        changing = request.GET.get(THEN) == CHECK_ANSWERS
        step = CHECK_ANSWERS if changing else _after(questions, answered)
    else:
        step = request.GET.get(STEP)
    if step == CHECK_ANSWERS:
        if not form.is_valid():
            # Answers missing or changed by hand: the first question that needs one.
            wrong = next(name for name in questions if name in form.errors)
            return _question(request, statement, form, wrong, status=400)
        context = _answers_context(request, form, statement)
        return render(request, "public/checker_answers.html", context)
    if step in questions:
        prefilled = CheckerForm.prefilled(request.GET, statement=statement)
        return _question(request, statement, prefilled, step)
    first = _address(request, {STEP: questions[0]}, answers=False)
    context = {"statement": statement, "form": form, "start_url": first}
    return render(request, "public/checker.html", context)


def checker_result(request, *, edition, statement):
    """The tiers to start with for the answers in the address, leading with the three
    services that suit best; the first question with a problem (400) if an answer is
    missing or not one we offered."""
    form = CheckerForm(request.GET, statement=statement)
    if not form.is_valid():
        wrong = next(name for name in form.fields if name in form.errors)
        return _question(request, statement, form, wrong, status=400)
    answers = form.answers()
    result = checker_suggest(statement=statement, answers=answers)
    # Those that suit (each level's, then those the family can start themselves), then
    # those the statement says too little about to tell.
    suits = _distinct(
        [s for suggestion in result.suggestions for s in suggestion.services] + result.self_started
    )
    found = _distinct(suits + [s for suggestion in result.suggestions for s in suggestion.ask])
    context = {
        **_answers_context(request, form, statement),
        "answers": answers,
        "result": result,
        # The best three first, with their way in; the rest (and why) behind "Show all".
        "top": ([s for s in suits if s.ways_in] + [s for s in suits if not s.ways_in])[:3],
        "found_count": len(found),
        "change_url": _address(request, {STEP: CHECK_ANSWERS}),
    }
    return render(request, "public/checker_result.html", context)


def _distinct(services: list) -> list:
    return list({service.id: service for service in services}.values())


def _after(questions: list[str], name: str) -> str:
    """The question after `name`, or 'Check your answers' after the last."""
    position = questions.index(name)
    return questions[position + 1] if position + 1 < len(questions) else CHECK_ANSWERS


def _address(request, steps: dict[str, str], *, answers: bool = True) -> str:
    """The checker at `steps`, with the answers in the address (unless not `answers`)."""
    query = _answers_only(request.GET) if answers else QueryDict(mutable=True)
    for name, value in steps.items():
        query[name] = value
    return f"{request.viewing.url('check')}?{query.urlencode()}"


def _answers_only(query: QueryDict) -> QueryDict:
    """The answers alone: not where the family is, nor their list (which every link and
    form takes along by itself, public/shortlist.py)."""
    answers = query.copy()
    for name in (*CHECKER_STEPS, SHORTLIST_PARAMETER):
        answers.pop(name, None)
    return answers


def _question(request, statement, form: CheckerForm, name: str, *, status: int = 200):
    """Question `name` as a page of its own: its answer so far, the other answers as
    hidden fields, a back link to the question before (or to 'Check your answers' when
    changing one answer) and, when its answer was wrong, what to put right."""
    questions = list(form.fields)
    position = questions.index(name)
    changing = request.GET.get(THEN) == CHECK_ANSWERS or request.GET.get(STEP) == CHECK_ANSWERS
    if changing:
        back = _address(request, {STEP: CHECK_ANSWERS})
    elif position:
        back = _address(request, {STEP: questions[position - 1]})
    else:
        back = _address(request, {}, answers=False).rstrip("?")
    kept = _answers_only(request.GET)
    kept.pop(name, None)
    context = {
        "statement": statement,
        "field": form[name],
        "number": position + 1,
        "count": len(questions),
        "back_url": back,
        "kept": [(key, value) for key in kept for value in kept.getlist(key)],
        "then": CHECK_ANSWERS if changing else "",
        "has_error": bool(form.is_bound and form.errors.get(name)),
    }
    return render(request, "public/checker_question.html", context, status=status)


def _answers_context(request, form: CheckerForm, statement) -> dict:
    """Each question with its answer in words and the link to change it."""
    rows = [
        {
            "question": question,
            "answer": words,
            "change_url": _address(request, {STEP: name, THEN: CHECK_ANSWERS}),
            "name": name,
        }
        for name, (question, words) in zip(form.fields, form.answer_rows(), strict=True)
    ]
    return {
        "statement": statement,
        "form": form,
        "rows": rows,
        "result_url": f"{request.viewing.url('check_result')}?"
        f"{_answers_only(request.GET).urlencode()}",
    }
