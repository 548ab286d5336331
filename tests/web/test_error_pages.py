"""Every form page answers a bad submission with one GOV.UK error summary and a title starting "Error: " once
(``HtmlClient.submit`` checks both on every page it gets back)."""

from __future__ import annotations

import pytest

from tests.web.test_cases import case_file
from triage.data.cases import create_case_from_file


@pytest.fixture
def case(db_session, council):
    made = create_case_from_file(council, case_file())
    db_session.commit()
    return made


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("/cases/{ref}/hearing", {"panel": ""}, b"Enter the date of the hearing"),
        ("/cases/{ref}/referrals", {"message": "x"}, b"Select why you are referring the case"),
        ("/cases/{ref}/decision", {"reasons": ""}, b"Select the decision"),
        ("/history/saved/new?platform=x", {"name": ""}, b"Enter a name for the search"),
    ],
)
def test_a_bad_submission_shows_one_error_summary(client, sign_in, case, path, data, message):
    sign_in("monitoring_officer")
    response = client.submit(path.format(ref=case.reference), data, status=400)
    assert message in response.data
    assert response.data.count(b'class="govuk-error-summary"') == 1


def test_answers_that_fail_their_checks_get_400_and_the_error_summary(client, sign_in, case):
    sign_in("monitoring_officer")
    response = client.submit(f"/cases/{case.reference}/answers", {"acting_as_councillor": "maybe"}, status=400)
    assert response.data.count(b'class="govuk-error-summary"') == 1
