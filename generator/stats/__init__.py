"""Figures from the validated project: exact statistics tables and completeness figures."""
