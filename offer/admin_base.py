"""What every working-copy admin page shares (the contacts and providers admins use it
too): field-level history, refusing a save that would overwrite someone else's, 'View on
site' only for what is published and, for services, providers and contacts, review
owners and 'mark reviewed'."""

from adminsortable2.admin import SortableAdminMixin
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from core.models import is_prose
from core.prose import prose_html
from core.wording import counted

from .history import (
    form_differences,
    formset_differences,
    history_latest,
    history_of,
    history_record,
    history_scope_current,
)
from .models import RecordChange
from .ordering import record_move
from .reviews import NotReviewable, records_mark_reviewed


def _changed_since_message(record) -> str:
    latest = history_latest(record=record)
    who = "another officer"
    when = getattr(record, "updated_at", None)
    if latest is not None:
        when = latest.changed_at
        if latest.changed_by is not None:
            who = latest.changed_by.get_full_name() or latest.changed_by.get_username()
    at = (
        f" at {date_format(timezone.localtime(when), 'H:i')} on "
        f"{date_format(timezone.localtime(when), 'j F Y')}"
        if when
        else ""
    )
    noun = record._meta.verbose_name
    return (
        f"This {noun} was changed by {who}{at} since you opened it. Your changes have not "
        f"been saved, so nothing they saved is lost. Open the {noun} again to see their "
        f"changes, then make yours."
    )


class RevisionCheckedForm(forms.ModelForm):
    """Optimistic locking: the form carries the revision the officer opened, and a save
    is refused if the record has been saved since."""

    opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._checks_revision():
            self.fields["opened_revision"].initial = self.instance.revision

    def _checks_revision(self) -> bool:
        return self.instance.pk is not None and hasattr(self.instance, "revision")

    def clean(self):
        cleaned = super().clean()
        if not self._checks_revision():
            return cleaned
        opened = cleaned.get("opened_revision")
        if opened is None:
            raise ValidationError(
                "This form is missing the version you opened, so it cannot be checked "
                "against other officers' changes. Open the page again and make your changes."
            )
        # Lock the row until this save commits (the admin saves in a transaction), so a
        # second officer saving at the same moment waits, then sees the new revision.
        current = (
            type(self.instance)
            ._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("revision", flat=True)
            .first()
        )
        if current is not None and current != opened:
            raise ValidationError(_changed_since_message(self.instance), code="conflict")
        return cleaned


class ProseTextarea(AdminTextareaWidget):
    """A box for officers' Markdown, with its help and, below, how families will read
    it: rendered on the server as the page is shown (after each save without
    JavaScript), and as the officer types with it (static/officers/prose-preview.js)."""

    template_name = "admin/widgets/prose_textarea.html"

    class Media:
        js = ["officers/prose-preview.js"]
        css = {"all": ["officers/prose-preview.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["preview"] = prose_html(value if isinstance(value, str) else "")
        return context


class ProseFieldsMixin:
    """Admins (and inlines) whose Markdown fields get the ProseTextarea."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_prose(db_field):
            kwargs["widget"] = ProseTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class OrderedAdminMixin(SortableAdminMixin):
    """A list officers put in order: drag its rows (django-admin-sortable2), or, by
    keyboard and without JavaScript, each row's 'Move up' and 'Move down' buttons.
    `order_within` keeps moves among records sharing those fields (a tier's services)."""

    order_within: tuple[str, ...] = ()

    def get_list_display(self, request):
        return [*super().get_list_display(request), "move_buttons"]

    @admin.display(description="Move")
    def move_buttons(self, record) -> str:
        # Buttons of the changelist's own form (which carries the CSRF token): a form
        # inside a form is not allowed.
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_move", args=[record.pk])
        return format_html(
            '<button type="submit" class="app-move" formaction="{url}" formmethod="post" '
            'name="direction" value="up">Move up<span class="visually-hidden"> {name}'
            "</span></button> "
            '<button type="submit" class="app-move" formaction="{url}" formmethod="post" '
            'name="direction" value="down">Move down<span class="visually-hidden"> {name}'
            "</span></button>",
            url=url,
            name=str(record),
        )

    def _update_order(self, updated_items, extra_model_filters):
        """Rows dragged into order: each that moved says so in its history (a drag saves
        with one bulk update, which no save signal sees)."""
        before = dict(
            self.model.objects.filter(pk__in=[pk for pk, _ in updated_items]).values_list(
                "pk", self.default_order_field
            )
        )
        updated = super()._update_order(updated_items, extra_model_filters)
        for record in self.model.objects.filter(pk__in=before):
            new = getattr(record, self.default_order_field)
            if before[record.pk] != new:
                history_record(
                    record=record,
                    action=RecordChange.Action.CHANGED,
                    by=history_scope_current().by if history_scope_current() else None,
                    fields=[{"field": "Position", "old": str(before[record.pk]), "new": str(new)}],
                    reason="Dragged into order",
                )
        return updated

    def get_urls(self):
        return [
            path(
                "<path:object_id>/move/",
                self.admin_site.admin_view(self.move_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_move",
            ),
            *super().get_urls(),
        ]

    def move_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404(f"There is no such {self.opts.verbose_name}.")
        if not self.has_change_permission(request, record):
            raise PermissionDenied
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            return HttpResponseBadRequest("Say whether to move it up or down.")
        if not record_move(
            record=record, direction=direction, within=self.order_within, by=request.user
        ):
            self.message_user(
                request,
                f"“{record}” is already {'first' if direction == 'up' else 'last'}.",
                messages.WARNING,
            )
        back = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        return HttpResponseRedirect(back)


class WorkingCopyAdmin(ProseFieldsMixin, admin.ModelAdmin):
    """Base for every working-copy admin: history of who changed what, no lost edits,
    and a preview of officers' Markdown."""

    form = RevisionCheckedForm
    object_history_template = "admin/record_history.html"

    def view_on_site(self, obj) -> str | None:
        """'View on site' only when the record is in the current edition: the working copy
        itself is never public, so a link to an unpublished page would be a 404. The admin
        site (shortbreaks/admin.py) knows what is published."""
        return self.admin_site.published_url(obj) if hasattr(obj, "get_absolute_url") else None

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or "opened_revision" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "opened_revision"]}), *rest]

    def construct_change_message(self, request, form, formsets, add=False):
        # Work out the field-level changes while the forms still hold the old values.
        request._record_differences = [] if add else form_differences(form)
        for formset in formsets or []:
            request._record_differences += formset_differences(formset)
        return super().construct_change_message(request, form, formsets, add)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        history_record(
            record=obj,
            action=RecordChange.Action.ADDED,
            by=request.user,
            fields=getattr(request, "_record_differences", []),
        )
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        differences = getattr(request, "_record_differences", [])
        if differences:
            history_record(
                record=obj, action=RecordChange.Action.CHANGED, by=request.user, fields=differences
            )
        return entry

    def log_deletions(self, request, queryset):
        for record in queryset:
            history_record(
                record=record, action=RecordChange.Action.DELETED, by=request.user, fields=[]
            )
        return super().log_deletions(request, queryset)

    def history_view(self, request: HttpRequest, object_id, extra_context=None) -> HttpResponse:
        record = self.get_object(request, unquote(object_id))
        if record is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {record}",
            "subtitle": None,
            "opts": self.opts,
            "object": record,
            "changes": history_of(record=record),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)


@admin.action(description="Mark selected as reviewed today")
def mark_reviewed(modeladmin, request: HttpRequest, queryset) -> None:
    label = queryset.model._meta.label_lower
    keys = [f"{label}:{pk}" for pk in queryset.values_list("pk", flat=True)]
    mark_reviewed_and_report(request, keys)


def mark_reviewed_and_report(request: HttpRequest, keys: list[str]) -> bool:
    """Mark the records reviewed today and tell the officer how it went; False when
    nothing could be marked."""
    if not keys:
        messages.warning(request, "Tick at least one item to mark it reviewed.")
        return False
    try:
        count = records_mark_reviewed(keys=keys, by=request.user, on=timezone.localdate())
    except NotReviewable as refused:
        messages.error(request, f"Nothing was marked reviewed. {refused}")
        return False
    messages.success(
        request,
        f"Marked {counted(count, 'item', 'items')} reviewed today. "
        "The next check is due in a year.",
    )
    return True


class ReviewedAdmin(WorkingCopyAdmin):
    """For services, providers and contacts: who owns them and when they were checked."""

    actions = [mark_reviewed]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "owner", "last_reviewed_on"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "owner"]

    def get_list_select_related(self, request):
        related = super().get_list_select_related(request)
        return [*(related if isinstance(related, list | tuple) else []), "owner"]
