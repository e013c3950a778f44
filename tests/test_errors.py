"""Every exception Casebook raises on purpose descends from generator.errors.CasebookError."""

from __future__ import annotations

import pytest

from generator.build.pipeline import ContentError
from generator.errors import CasebookError, InputError, OutputError
from generator.export.documents import ExportError
from generator.load.source import LoadError
from generator.model.taxonomy import TaxonomyError
from generator.privacy.view import NotPublishable
from generator.render.report import ReportError
from generator.site.engine import SiteBuildError


@pytest.mark.parametrize(("error", "parent"), [
    (LoadError, InputError),
    (TaxonomyError, InputError),
    (ContentError, InputError),
    (ExportError, OutputError),
    (SiteBuildError, OutputError),
    (NotPublishable, ValueError),
    (ReportError, ValueError),
])
def test_one_exception_tree(error, parent):
    assert issubclass(error, CasebookError) and issubclass(error, parent)
