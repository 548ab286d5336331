"""Password strength (ASVS 5.0 6.2.4): a maintained estimator (zxcvbn), told this person's and council's words."""

from __future__ import annotations

import pytest

from triage.auth.passwords import WeakPasswordError, check_policy

COUNCIL = ("jo.bloggs@harrowden.example.gov.uk", "Jo Bloggs", "Harrowden District Council")

#: Patterns people really use, each long enough to pass a length rule alone.
COMMON_PATTERNS = [
    "harrowden2026",  # the council's name and the year
    "Harrowden2026!",
    "Password1234",
    "Password2026!",
    "qwertyuiop12",
    "123456789012",
    "Summer2026!!",
    "jobloggs1234",  # the person's own name
    "Jo.Bloggs2026",
    "standardstriage",  # the service's name
    "iloveyou1234",
    "abcabcabcabc",
    "monkey123456",
]


@pytest.mark.parametrize("password", COMMON_PATTERNS)
def test_common_and_context_specific_passwords_are_refused(password):
    with pytest.raises(WeakPasswordError, match="harder to guess"):
        check_policy(password, COUNCIL)


@pytest.mark.parametrize(
    "password", ["correct-horse-battery-staple", "lantern orbit cabbage thimble", "Wq7#vL9!pZ2@kR4m"]
)
def test_strong_passwords_are_accepted(password):
    check_policy(password, COUNCIL)


def test_length_rules_come_first_and_a_very_long_password_is_judged_quickly():
    with pytest.raises(WeakPasswordError, match="12 characters or more"):
        check_policy("short-pass", COUNCIL)
    with pytest.raises(WeakPasswordError, match="256 characters or fewer"):
        check_policy("x" * 257, COUNCIL)
    words = "lantern orbit cabbage thimble quarry velvet mosaic harbour pencil glacier tundra walnut saffron "
    check_policy((words * 3)[:250], COUNCIL)


def test_the_refusal_says_why_in_plain_words():
    with pytest.raises(WeakPasswordError) as raised:
        check_policy("Password1234", COUNCIL)
    assert str(raised.value).startswith("Choose a password that is harder to guess (")
    assert "three or four random words" in str(raised.value)
