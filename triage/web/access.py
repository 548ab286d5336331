"""Route guards. Deny by default: a view names the roles that may use it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from triage.models.enums import Role

OFFICERS = (Role.MONITORING_OFFICER, Role.DEPUTY_MONITORING_OFFICER)
ALL_STAFF = tuple(Role)


def roles_required(*roles: Role) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles  # read by the authorisation-matrix test
        return wrapped

    return decorator
