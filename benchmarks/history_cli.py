"""The `triage` command with the case-history commands attached, for the benchmark (works whether or not
``triage/cli.py`` registers them), plus ``seed-synthetic``, which the product does not ship:
``python -m benchmarks.history_cli seed-synthetic --cases 1000``."""

from __future__ import annotations

import sys

import click
from flask.cli import FlaskGroup


def _create_app():
    from benchmarks.seed_synthetic import flask_command as seed_synthetic
    from triage import create_app
    from triage.commands.history import similar, transparency_report
    from triage.commands.retention import legal_hold, retention
    from triage.commands.search import search

    app = create_app()
    for command in (search, similar, transparency_report, retention, legal_hold, seed_synthetic):
        if command.name not in app.cli.commands:
            app.cli.add_command(command)
    return app


@click.group(cls=FlaskGroup, create_app=_create_app)
def cli() -> None:
    """Standards Triage with the case-history commands."""


if __name__ == "__main__":
    cli(sys.argv[1:], prog_name="triage")
