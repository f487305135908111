"""The MkDocs adapters: the plugin (``plugin.py``) and the pieces it hands each concern to.

The rest of the package is plain Python and imports nothing from MkDocs (the layering is
checked by ``make lint``: import-linter's contracts in pyproject.toml). Here, and only here,
MkDocs' classes are used.
"""
