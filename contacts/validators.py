"""UK phone numbers: what families can actually dial."""

from django.core.exceptions import ValidationError

from core.phones import phone_digits, phone_tel_href

__all__ = ["phone_digits", "phone_tel_href", "validate_uk_phone"]


def validate_uk_phone(number: str) -> None:
    if not phone_digits(number):
        raise ValidationError(
            "Enter a UK phone number with the digits 0 to 9, like 01632 960 001 or "
            "+44 1632 960 001.",
            code="invalid_phone",
        )
