"""Flask blueprints, one folder per feature. Views validate, call the domain or data layer, then redirect."""
