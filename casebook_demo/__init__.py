"""The demo generator: a fictional office with interns and cases (needs the demo extra)."""
