"""Pure-Python helpers for case history (no Flask, no database): SVG charts, CSV safety, text similarity and a fast
working-day calendar. (The synthetic-case generator for benchmarks lives in ``benchmarks/synthetic``.)"""
