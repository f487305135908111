"""Data layer of the Korea–Singapore Partnership Tracker.

Everything here is plain Python: loading and validating ``data/``, the typed records, the
queries pages are built from, and the list of pages to generate. Only ``tracker.plugin`` (and
``macros.py`` beside the package) know about MkDocs, so the site generator can change without
touching the rest.
"""
