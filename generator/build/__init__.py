"""The build: runs the stages in order (load, validate, privacy, render, site) and serve."""
