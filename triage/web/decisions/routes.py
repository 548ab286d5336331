"""Decision, consultation and note views (being built)."""
