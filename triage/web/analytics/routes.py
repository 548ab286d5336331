"""Case-history views (being built)."""
