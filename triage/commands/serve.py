"""``triage serve --production``: replace this process with gunicorn configured by ``gunicorn.conf.py``."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from triage.config import PACKAGE_DIR, ConfigError, load_config

GUNICORN_CONF = PACKAGE_DIR / "gunicorn.conf.py"


def gunicorn_argv(bind: str | None, workers: int | None) -> list[str]:
    sibling = Path(sys.executable).with_name("gunicorn")
    exe = [str(sibling)] if sibling.exists() else ([shutil.which("gunicorn")] if shutil.which("gunicorn") else None)
    argv = exe or [sys.executable, "-m", "gunicorn"]
    argv += ["--config", str(GUNICORN_CONF)]
    if bind:
        argv += ["--bind", bind]
    if workers:
        argv += ["--workers", str(workers)]
    return [*argv, "triage:create_app()"]


@click.command("serve")
@click.option("--production", is_flag=True, help="Serve with gunicorn (required: use `triage run` to develop).")
@click.option("--bind", default=None, help="Address to listen on (default TRIAGE_BIND or 127.0.0.1:8000).")
@click.option("--workers", type=int, default=None, help="Worker processes (default TRIAGE_WORKERS or 2).")
def serve_command(production: bool, bind: str | None, workers: int | None) -> None:
    """Serve the app in production with gunicorn behind a TLS-terminating reverse proxy."""
    if not production:
        raise click.UsageError("Add --production to serve with gunicorn; use `triage run` for development.")
    if os.environ.get("TRIAGE_ENV") != "production":
        raise click.ClickException("Set TRIAGE_ENV=production (and SECRET_KEY, DATABASE_URL) to serve in production.")
    try:
        load_config()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    if not GUNICORN_CONF.is_file():
        raise click.ClickException(f"{GUNICORN_CONF} is missing")
    argv = gunicorn_argv(bind, workers)
    click.echo("Starting: " + " ".join(argv), err=True)
    os.execv(argv[0], argv)
