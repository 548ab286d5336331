"""Standards Triage: initial assessment of Code of Conduct complaints about councillors' online posts."""

from __future__ import annotations

import gc
from pathlib import Path

import jinja2
from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers

from triage.config import PACKAGE_DIR, load_config

# Package data, so an installed wheel runs as a checkout does.
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
TEMPLATES_DIR = PACKAGE_DIR / "templates"


def create_app(config: dict | None = None) -> Flask:
    """Build the app. `config` overrides the environment (tests use it)."""
    settings = load_config(config)
    app = Flask(
        __name__,
        instance_path=settings["INSTANCE_PATH"],
        static_folder=str(Path(__file__).parent / "static"),
        template_folder=str(TEMPLATES_DIR),
    )
    app.config.from_mapping(settings)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    Path(app.config["UPLOAD_FOLDER"]).mkdir(parents=True, exist_ok=True)

    _init_jinja(app)
    _init_extensions(app)
    _register_blueprints(app)

    from triage.web.errors import register_error_handlers
    from triage.web.kept_work import register_kept_work
    from triage.web.security import register_security

    register_error_handlers(app)
    register_security(app)
    register_kept_work(app)

    from triage.data.audit_guard import register_audit_guard
    from triage.logging_config import configure_logging

    configure_logging(app)
    register_audit_guard()
    from triage.data.audit import register_checkpoints

    register_checkpoints(app)

    from triage.cli import register_commands

    register_commands(app)
    if not app.testing:
        # Everything built so far (imported modules, routes, the ORM mapper graph) lives as long as the process;
        # moving it out of the collector's reach keeps full collections, and the pauses they add to page
        # latency, small.
        gc.freeze()
    return app


class TestableStrictUndefined(jinja2.StrictUndefined):
    """StrictUndefined that may be tested in `{% if %}`: GOV.UK Frontend's layout and macros test optional
    parameters that way. Printing, iterating or reading attributes of an undefined value still raises."""

    __bool__ = jinja2.Undefined.__bool__
    __eq__ = jinja2.Undefined.__eq__
    __ne__ = jinja2.Undefined.__ne__
    __hash__ = jinja2.Undefined.__hash__


def _init_jinja(app: Flask) -> None:
    app.jinja_env.undefined = TestableStrictUndefined
    # The GOV.UK macros are ported from Nunjucks and compare parameters with these two names.
    app.jinja_env.globals.update(undefined=TestableStrictUndefined(name="undefined"), null=None)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
            jinja2.PrefixLoader(
                {
                    "govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": jinja2.PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    WTFormsHelpers(app)
    from triage.web import filters

    filters.register(app)


def _init_extensions(app: Flask) -> None:
    from triage.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), compare_type=True, render_as_batch=True)
    csrf.init_app(app)
    from triage import i18n

    i18n.init_app(app)
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # The proxy's own address is replaced by the client's, taken from the right-most ``hops`` entries only
        # (anything further left was written by the client and is not trusted).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to continue."
    login_manager.login_message_category = "information"
    login_manager.session_protection = "strong"

    from triage.data.users import load_user_for_session

    login_manager.user_loader(load_user_for_session)

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        from triage.data.sqlite import enable_sqlite_pragmas

        with app.app_context():
            enable_sqlite_pragmas(db.engine, immediate=app.config["SQLITE_BEGIN_IMMEDIATE"])


def _register_blueprints(app: Flask) -> None:
    from triage.web.admin import bp as admin_bp
    from triage.web.analytics import bp as analytics_bp
    from triage.web.api import bp as api_bp
    from triage.web.auth import bp as auth_bp
    from triage.web.cases import bp as cases_bp
    from triage.web.decisions import bp as decisions_bp
    from triage.web.intake import bp as intake_bp
    from triage.web.main import bp as main_bp
    from triage.web.public import bp as public_bp
    from triage.web.public.review import bp as public_review_bp

    for blueprint in (
        main_bp,
        auth_bp,
        intake_bp,
        cases_bp,
        decisions_bp,
        admin_bp,
        api_bp,
        analytics_bp,
        public_bp,
        public_review_bp,
    ):
        app.register_blueprint(blueprint)
