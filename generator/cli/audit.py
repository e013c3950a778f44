"""``casebook audit SITE_DIR``: the leak audit of any built site folder (the public build runs it too)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli import LANG_OPTION, PROJECT_OPTION, project_root


@click.command("audit")
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--denylist",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Daftar nama terlarang / deny-list file (bawaan: settings.denylist proyek).",
)
@PROJECT_OPTION
@LANG_OPTION
def command(site_dir: Path, denylist: Path | None, project: Path | None, lang: str | None) -> None:
    """Periksa kebocoran data di folder situs / audit a built site folder for leaks.

    Setiap file dan nama folder diperiksa dengan pendeteksi identitas dan daftar nama terlarang;
    alamat dan telepon kantor (office.yaml) diizinkan. Mencetak ``path:baris  pendeteksi  pesan``
    tanpa pernah mencetak nilai yang ditemukan. Exit 0 bersih, 1 ada temuan.

    Every file and folder name is checked by the identifier detectors and the deny-list; the
    office's address and phone are allowed. Prints ``path:line  detector  message``, never the
    matched value. Exit 0 when clean, 1 on any finding.
    """
    from generator.privacy.audit import audit_site, format_finding
    from generator.privacy.check import mask_findings, say

    guard = _guard(project, denylist, lang)
    if not (site_dir / "index.html").is_file():
        raise click.ClickException(
            f"{site_dir}: bukan folder situs yang dibangun (tidak ada index.html); berikan "
            "site/public atau site/review / not a built site folder (no index.html); give "
            "site/public or site/review"
        )
    for notice in guard.notices():
        click.echo(notice, err=True)
    try:
        findings = audit_site(
            site_dir, denylist=guard.denylist, allow=guard.allow, lexicon=guard.lexicon
        )
    except OSError as error:
        raise click.ClickException(
            f"{error.filename or site_dir}: tidak dapat dibaca / cannot be read "
            f"({error.strerror or error})"
        ) from error
    for finding in mask_findings(findings):
        click.echo(format_finding(finding, guard.lang))
    if findings:
        click.echo(say("privacy.audit_summary", guard.lang, count=len(findings)), err=True)
        sys.exit(1)
    click.echo(say("privacy.audit_clean", guard.lang), err=True)


def _guard(project: Path | None, denylist: Path | None, lang: str | None):
    """The deny-list (given, else the project's settings.denylist) and the office's allow-list."""
    from generator.privacy.check import PublicGuard

    root = project_root(project)
    settings = _read_mapping(root / "casebook.yml")
    lang = lang or settings.get("language") or "id"
    path = denylist or root / str(settings.get("denylist") or "private/denylist.txt")
    return PublicGuard.for_folder(root, Path(path), lang)


def _read_mapping(path: Path) -> dict:
    """A small YAML mapping (casebook.yml, office.yaml) or {} when absent or unreadable."""
    import yaml

    if not path.is_file():
        return {}
    try:
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except (yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}
