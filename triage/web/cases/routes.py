"""Case views (being built)."""
