"""Invented case history in bulk, for benchmarks and load tests only: a generator of realistic synthetic complaints
(``generator``) and a bulk writer (``store``). It lives outside the ``triage`` package on purpose, so the product
never ships a way to fill a live database with made-up cases. Run it with ``python -m benchmarks.seed_synthetic``."""
