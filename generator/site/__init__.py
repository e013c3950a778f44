"""The site engine adapter: the only package that imports MkDocs."""
