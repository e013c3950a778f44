"""One tree for Casebook's exceptions: catch ``CasebookError`` to catch any of them.

Each class is defined in the stage that raises it; they all descend from here::

    CasebookError
    ├── InputError          the project's files cannot be used as they are
    │   ├── LoadError       load.source: a file that cannot be read (carries its Problem)
    │   ├── TaxonomyError   model.taxonomy: a broken vocabulary file
    │   ├── ContentError    build.pipeline: a hand-written page collides with a generated one
    │   └── UnknownReader   bundle.readers: no intern is supervised by that reader
    ├── NotPublishable      privacy.view: a case that may not become a public story
    ├── ReportError         render.report: a report that cannot be made
    └── OutputError         what Casebook writes could not be made
        ├── ExportError     export.documents: DOCX or PDF export failed
        ├── SiteBuildError  site.engine: the site engine failed
        ├── PublishError    site.publish: the output folder cannot be used (locked, a link, …)
        └── BundleError     bundle.make: a reader's bundle could not be made
"""

from __future__ import annotations


class CasebookError(Exception):
    """Any error Casebook raises on purpose."""


class InputError(CasebookError):
    """The project's files cannot be used as they are."""


class OutputError(CasebookError):
    """A site, report or export could not be written."""
