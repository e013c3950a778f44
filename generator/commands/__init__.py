"""One module per ``casebook`` verb; each exposes a click command named ``command``."""
