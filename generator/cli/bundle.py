"""``casebook bundle --for ID --out DIR``: one reader's review site, offline, optionally locked."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli import LANG_OPTION, PROJECT_OPTION, print_problems, project_root

MIN_PASSPHRASE = 12


@click.command("bundle")
@click.option("--for", "reader", required=True,
              help="Pembaca: ID dosen (DSN-01), pembimbing lapangan (PS-01), atau nama "
                   "perguruan tinggi / the reader: a supervisor id or a university.")
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder bundel; <out>.zip ditulis di sebelahnya / bundle folder (and <out>.zip).")
@click.option("--passphrase-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Kunci dengan kata sandi dari berkas ini / lock with the "
                                 "passphrase in this file (first line).")
@click.option("--ask-passphrase", is_flag=True,
              help="Tanyakan kata sandi di terminal / ask for the passphrase at the terminal.")
@PROJECT_OPTION
@LANG_OPTION
def command(reader: str, out: Path, passphrase_file: Path | None, ask_passphrase: bool,
            project: Path | None, lang: str | None) -> None:
    """Bundel telaah untuk satu pembaca / a review bundle for one reader.

    Hanya mahasiswa yang dibimbing pembaca itu, beserta kasus, statistik, dan laporannya; dapat
    dibuka dari folder atau zip tanpa server. Dengan kata sandi, setiap halaman, indeks
    pencarian, dan unduhan dienkripsi (AES-256-GCM, PBKDF2-SHA256 600.000 putaran).

    Only the interns the reader supervises, with their cases, statistics and reports; opens
    from the folder or the zip with no server. With a passphrase every page, the search index
    and every download is encrypted.
    """
    from generator.bundle.make import BundleError, load_valid, make_bundle
    from generator.bundle.readers import EngineCannotBundle, UnknownReader, check_engine
    from generator.bundle.words import say

    root = project_root(project)
    loaded, problems = load_valid(root)
    lang = lang or loaded.settings.language
    if any(problem.is_error for problem in problems):
        print_problems(problems, loaded.files_checked, lang)
        _fail(say("bundle.invalid", lang))
    try:
        check_engine(loaded)  # before asking for a passphrase
    except EngineCannotBundle as error:
        _fail(error.message(lang))
    passphrase = _passphrase(passphrase_file, ask_passphrase, lang)
    try:
        result = make_bundle(loaded, reader, out, passphrase=passphrase, lang=lang)
    except UnknownReader as error:
        _fail(error.message(lang))
    except BundleError as error:
        _fail(str(error))
    _report(result, lang)


def _passphrase(path: Path | None, ask: bool, lang: str) -> str | None:
    from generator.bundle.words import say

    if path is not None:
        lines = path.read_text(encoding="utf-8").splitlines()
        value = lines[0].strip() if lines else ""
        source = str(path)
    elif ask:
        value = click.prompt(say("bundle.prompt", lang), hide_input=True, err=True)
        again = click.prompt(say("bundle.prompt_again", lang), hide_input=True, err=True)
        if again != value:
            _fail(say("bundle.passphrase_mismatch", lang))
        source = "terminal"
    else:
        return None
    if not value:
        _fail(say("bundle.passphrase_empty", lang, source=source))
    if len(value) < MIN_PASSPHRASE:
        _fail(say("bundle.passphrase_short", lang, length=len(value), minimum=MIN_PASSPHRASE))
    return value


def _report(result, lang: str) -> None:
    from generator.bundle.lock import ITERATIONS
    from generator.bundle.words import say

    click.echo(say("bundle.made", lang, reader=result.reader, interns=len(result.interns),
                   names=", ".join(result.interns), cases=result.cases, folder=result.folder,
                   archive=result.archive), err=True)
    if result.locked:
        click.echo(say("bundle.locked", lang, pages=result.counts.get("pages", 0),
                       files=result.counts.get("files", 0), iterations=f"{ITERATIONS:,}"), err=True)
    else:
        click.echo(say("bundle.unlocked", lang), err=True)
    click.echo(say("bundle.audited", lang, files=result.audit.files,
                   strings=result.audit.strings), err=True)


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)
