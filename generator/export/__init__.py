"""Export: reports as DOCX and PDF."""
