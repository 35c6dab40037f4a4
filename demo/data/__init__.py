"""The curated demo data set, one module per register (or part of one), loaded by demo/seed.py.

Organizations, frameworks, programmes, summits and sister-city pairs are real; the
researchers are fictional people with e-mail addresses on reserved example domains,
and some partnership programmes are illustrative (their module says which).
Funding figures are rounded orders of magnitude, for the demo's charts.
"""
