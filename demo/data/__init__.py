"""The curated demo data set, one module per register (or part of one), loaded by demo/seed.py.

Organizations, frameworks, programmes, summits and sister-city pairs are real; the
researchers are fictional people with e-mail addresses on reserved example domains,
and some partnership programmes are illustrative (their module says which).
Dates of summits and the years sister relationships were established are real; project
leads and partners are simplified, funding figures are rounded orders of magnitude for
the demo's charts, and the activities under partnerships are illustrative.
"""
