"""Case history: search, dashboards, similar cases, exports, retention and synthetic data."""
