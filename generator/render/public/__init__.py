"""The public site's renderers: they receive only what crosses the privacy wall (privacy.wall)."""
