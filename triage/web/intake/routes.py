"""Intake journey views (being built)."""
