"""The whole sample, built end to end, against a committed manifest (slow).

Every file of ``site/review`` and ``site/public`` (the review site's DOCX/PDF downloads
included), the CLI output of ``check`` and ``build`` and the ``stats`` tables are hashed into
``tests/golden/site/manifest.txt``. A refactor that changes one byte of what a reader, a
lecturer or an intern gets fails here. ``--update-goldens`` rewrites the manifest.

The downloads carry the exporters' own timestamps and ids (DOCX ``docProps/core.xml``, PDF
``/CreationDate``, ``/ModDate`` and ``/ID``), and the CLI names the temporary project folder;
those are blanked before hashing, nothing else.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, copy_sample

from generator.cli import cli

pytestmark = pytest.mark.slow

MANIFEST = REPO / "tests" / "golden" / "site" / "manifest.txt"
TODAY = "2026-11-22"
_PDF_VOLATILE = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)|/ID \[<[0-9a-fA-F]+> <[0-9a-fA-F]+>\]")
_CORE_DATES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def normalised(path: Path) -> bytes:
    """A file's bytes, with the exporters' timestamps and random ids blanked."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return _PDF_VOLATILE.sub(b"", data)
    if path.suffix == ".docx":
        return _docx_members(data)
    return data


def _docx_members(data: bytes) -> bytes:
    """A DOCX as its members' names and contents (the zip's own timestamps left out)."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            member = archive.read(name)
            if name == "docProps/core.xml":
                member = _CORE_DATES.sub(b"", member)
            parts.append(name.encode() + b"\0" + member)
    return b"\0\0".join(parts)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folder_manifest(folder: Path, prefix: str) -> dict[str, str]:
    return {
        f"{prefix}/{p.relative_to(folder).as_posix()}": sha(normalised(p))
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "--project", str(root)], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def whole_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The sample built with every audience and both download formats, as path → sha256."""
    root = copy_sample(tmp_path_factory.mktemp("whole") / "project")
    shutil.copytree(REPO / "content", root / "content")
    entries: dict[str, str] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", TODAY)
        patch.setenv("CASEBOOK_EXPORTS", "docx,pdf")
        patch.chdir(root)
        for name, args in {
            "check": ("check",),
            "check-en": ("check", "--lang", "en"),
            "build": ("build", "--audience", "all"),
            "stats": ("stats",),
            "stats-public": ("stats", "--audience", "public"),
        }.items():
            code, output = run_cli(root, *args)
            output = output.replace(str(root), "<project>")  # the temporary folder's name
            entries[f"cli/{name}"] = f"exit {code} " + sha(output.encode("utf-8"))
    for audience in ("review", "public"):
        entries.update(folder_manifest(root / "site" / audience, f"site/{audience}"))
    return entries


def test_the_whole_sample_is_byte_identical_to_the_manifest(whole_site, update_goldens):
    text = "".join(f"{path}  {digest}\n" for path, digest in sorted(whole_site.items()))
    if update_goldens or not MANIFEST.exists():
        MANIFEST.parent.mkdir(parents=True, exist_ok=True)
        MANIFEST.write_text(text, encoding="utf-8")
    expected = dict(
        line.split("  ", 1) for line in MANIFEST.read_text(encoding="utf-8").splitlines()
    )
    changed = sorted(p for p in expected.keys() & whole_site.keys() if expected[p] != whole_site[p])
    assert (sorted(whole_site.keys() - expected.keys()), sorted(expected.keys() - whole_site.keys()),
            changed) == ([], [], [])


def test_the_manifest_holds_both_sites_the_downloads_and_the_cli(whole_site):
    assert any(p.startswith("site/review/kasus/") for p in whole_site)
    assert any(p.startswith("site/public/") and p.endswith(".html") for p in whole_site)
    assert {p.rsplit(".", 1)[-1] for p in whole_site if "/laporan/unduh/" in p} == {"docx", "pdf"}
    assert whole_site["cli/check"].startswith("exit 0 ")
    assert whole_site["cli/build"].startswith("exit 0 ")
