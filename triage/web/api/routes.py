"""API views (being built)."""
