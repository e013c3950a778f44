"""The build: runs the stages in order (load, validate, privacy, render, site) and serve."""

# The audiences, in build order; each has its page producers in ``pipeline.PRODUCERS``. Here so
# that the command line can offer them without importing the pipeline.
AUDIENCES = ("review", "public")
