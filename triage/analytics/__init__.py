"""Pure-Python helpers for case history (no Flask, no database): SVG charts, CSV safety, text similarity, a fast
working-day calendar and the synthetic-case generator."""
