"""Administration views (being built)."""
