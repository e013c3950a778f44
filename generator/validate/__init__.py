"""Validate: the rules beyond the schema, for cases, interns, logbooks, reviews and citations."""
