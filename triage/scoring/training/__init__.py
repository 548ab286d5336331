"""Training code for the scorer's models. Runtime never imports this package (an import-linter contract checks it)."""
