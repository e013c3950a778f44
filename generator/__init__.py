"""Casebook: YAML casework records to narratives, reports, statistics and an MkDocs site."""

__version__ = "0.1.0"
