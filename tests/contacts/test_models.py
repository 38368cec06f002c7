import pytest
from django.core.exceptions import ValidationError

from contacts.validators import phone_tel_href, validate_uk_phone
from tests.factories import ContactFactory, ContactPhoneFactory

GOOD_NUMBERS = [
    ("03000 260 270", "tel:+443000260270"),
    ("0191 587 3541", "tel:+441915873541"),
    ("+44 (0)191 587 3541", "tel:+441915873541"),
    ("07700-900-123", "tel:+447700900123"),
    ("0800 111 111", "tel:+44800111111"),
]
BAD_NUMBERS = [
    "12345",
    "0191 587 35411 2",
    "+1 202 555 0100",
    "phone us",
    "00 44",
    "0",
    # Digits to Python, but no phone dials them (tel:+44²⁰³... would be published).
    "0²⁰³ ⁴⁵⁶ ⁷⁸⁹⁰",
    "٠١٩١٥٨٧٣٥٤١",
    "𝟎𝟏𝟗𝟏𝟓𝟖𝟕𝟑𝟓𝟒𝟏",
]


@pytest.mark.parametrize(("number", "href"), GOOD_NUMBERS)
def test_uk_numbers_are_accepted_and_dial_internationally(number, href):
    validate_uk_phone(number)
    assert phone_tel_href(number) == href


@pytest.mark.parametrize("number", ["0²⁰³ ⁴⁵⁶ ⁷⁸⁹⁰", "٠١٩١٥٨٧٣٥٤١"])
def test_numbers_in_other_digits_never_become_a_link(number):
    assert phone_tel_href(number) == ""


@pytest.mark.parametrize("number", BAD_NUMBERS)
def test_numbers_that_are_not_uk_numbers_are_refused_with_an_example(number):
    with pytest.raises(ValidationError, match="Enter a UK phone number with the digits 0 to 9"):
        validate_uk_phone(number)


@pytest.mark.django_db
def test_a_phone_with_a_bad_number_fails_model_validation():
    phone = ContactPhoneFactory.build(contact=ContactFactory(), number="999")
    with pytest.raises(ValidationError) as error:
        phone.full_clean()
    assert "number" in error.value.message_dict


@pytest.mark.django_db
def test_contact_email_and_website_are_validated():
    contact = ContactFactory.build(email="not-an-email", website="www.no-scheme")
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert set(error.value.message_dict) >= {"email", "website"}


@pytest.mark.django_db
def test_duplicate_contact_slug_is_refused_in_plain_english():
    ContactFactory(slug="sendeic")
    with pytest.raises(ValidationError) as error:
        ContactFactory.build(slug="sendeic").full_clean()
    assert error.value.message_dict["slug"] == ["Another contact already uses this web address."]
