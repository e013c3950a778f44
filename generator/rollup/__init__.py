"""Many offices, one province: office exports (Parquet + manifest) and the provincial roll-up.

``export`` writes an office's validated records as seen through the privacy view (generalised
fields only); ``manifest`` checks the exports a roll-up lists; ``query`` runs the roll-up SQL with
DuckDB over the Parquet files; ``build`` protects the provincial tables once
(``privacy.province``) and builds the provincial public statistics site.
"""
