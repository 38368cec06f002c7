"""Forms for providers' staff (joining, signing in) and for the officers who invite
them and decide their proposals. Every one validates on the server."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q

from core.two_factor import CodeCheckedSignIn

from .models import ProviderInvitation, ProviderMember


class JoinForm(forms.Form):
    """Accepting an invitation: a name and a password for the invited address."""

    name = forms.CharField(
        max_length=150,
        label="Your name",
        help_text="So the council knows who proposed a change.",
        error_messages={"required": "Enter your name."},
    )
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Not one you use anywhere else.",
        error_messages={"required": "Choose a password."},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again."},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are not the same.")
        elif first:
            user = get_user_model()(username=self.email, email=self.email)
            user.first_name = cleaned.get("name", "")
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProviderSignInForm(CodeCheckedSignIn, AuthenticationForm):
    """Providers' staff sign in with their email address and password (and a code once
    they have an authenticator app). Officers sign in to the admin instead."""

    error_messages = {
        "invalid_login": "Enter the email address and password of your provider's sign-in. "
        "Both are case-sensitive.",
        "inactive": "This sign-in no longer works. Ask the council for a new invitation.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false", "type": "email"}
        )

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        # An officer's sign-in is not a provider's: say nothing more than a wrong one would.
        if not ProviderMember.objects.filter(user=user).exists():
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class InvitationForm(forms.ModelForm):
    """An officer invites someone from a provider."""

    class Meta:
        model = ProviderInvitation
        fields = ["provider", "email", "name"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        existing = (
            get_user_model()
            .objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
            .first()
        )
        if existing is not None:
            member = ProviderMember.objects.filter(user=existing).first()
            if member is not None:
                raise forms.ValidationError(
                    f"This address already has a sign-in for {member.provider}."
                )
            raise forms.ValidationError(
                "This address already signs in here (as an officer, perhaps). Invite "
                "another address."
            )
        return email

    def clean(self):
        cleaned = super().clean()
        provider, email = cleaned.get("provider"), cleaned.get("email")
        if provider and email:
            waiting = [
                invitation
                for invitation in ProviderInvitation.objects.filter(
                    provider=provider, email=email, accepted_at__isnull=True
                )
                if invitation.state == "Waiting"
            ]
            if waiting:
                raise forms.ValidationError(
                    "This address has an invitation for this provider that still works. "
                    "Wait for them to use it, or let it expire and invite them again."
                )
        return cleaned


class DecisionForm(forms.Form):
    """An officer's decision on a proposal: approve it, or send it back with a reason."""

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("send_back", "Send back")],
        error_messages={"required": "Choose to approve it or send it back."},
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why you are sending it back",
        help_text="The provider sees this. Needed to send it back.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "send_back" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say why, so the provider can put it right.")
        return cleaned
