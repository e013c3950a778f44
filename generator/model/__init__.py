"""The model: one typed record per file a user writes, its taxonomies and domain facts."""
