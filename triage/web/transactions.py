"""One owner of the transaction for a request, in the spirit of MHCLG Funding Service's auto-commit decorator.

Views call services, which change rows and write their audit records but never commit. A view marked with
``@auto_commit_after_request`` commits once when its response is a success or a redirect (status below 400) and
rolls back otherwise, so a form shown again with errors, a 409 conflict page or an exception saves nothing, and a
change is never saved without its audit record.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import make_response
from flask.typing import ResponseReturnValue

from triage.extensions import db


def auto_commit_after_request(view: Callable[..., ResponseReturnValue]) -> Callable[..., Any]:
    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any):
        response = make_response(view(*args, **kwargs))
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response

    return wrapper
