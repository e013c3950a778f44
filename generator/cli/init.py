"""``casebook init``: a new project for a real office, empty of cases; the sample (``--sample``);
or a provincial roll-up of office exports (``--rollup``, written by generator.rollup.init).

The empty project holds casebook.yml, office.yaml, mkdocs.yml, content/index.md, .gitignore
(site/, .casebook/, exports/, private/), an empty cases/ and interns/, and schema/. It is ready
for ``casebook new intern``, ``new case``, ``check``, ``serve`` and ``build``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from generator.cli import say

TEMPLATE = Path(__file__).with_name("project_template.yaml")
SAMPLE_ROOT = Path(__file__).resolve().parents[2]  # the repository is itself the sample project
SAMPLE_PARTS = ("casebook.yml", "office.yaml", "mkdocs.yml", "holidays.yaml", "rubric.yaml",
                "cases", "interns", "content")
PLACEHOLDER_AREA = "00.00"  # model.scaffold.OFFICE_EXAMPLE_VALUES: a finding until replaced


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--office", default=None, help="Nama instansi / office name, mis. 'Dinas Sosial Kota Bandung'.")
@click.option("--city", default=None, help="Kota/kabupaten / city or regency, mis. 'Kota Bandung'.")
@click.option("--province", default=None, help="Provinsi / province.")
@click.option("--area-code", default=None, help="Kode wilayah Kemendagri / area code, mis. 32.73.")
@click.option("--division", default="Bidang Rehabilitasi Sosial", show_default=True,
              help="Bidang / division.")
@click.option("--programme", default=None,
              help="Kode program magang mahasiswa / interns' programme code (pkl, msib, ...).")
@click.option("--university", default=None, help="Perguruan tinggi mahasiswa / interns' university.")
@click.option("--study-programme", default=None, help="Program studi / study programme.")
@click.option("--sample", is_flag=True,
              help="Salin proyek contoh (Kota Sukamaju, fiktif) / copy the sample project.")
@click.option("--rollup", is_flag=True,
              help="Proyek roll-up provinsi dari ekspor kantor / a provincial roll-up of office exports.")
@click.option("--name", default="Provinsi", show_default=True,
              help="Nama wilayah roll-up (dengan --rollup) / name of the roll-up area (with --rollup).")
def command(folder: Path, office: str | None, city: str | None, province: str | None,
            area_code: str | None, division: str, programme: str | None, university: str | None,
            study_programme: str | None, sample: bool, rollup: bool, name: str) -> None:
    """Buat proyek Casebook baru di FOLDER (bawaan: folder ini) / create a new project in FOLDER.

    Yang tidak diberikan lewat opsi ditanyakan. Berkas yang sudah ada tidak pernah ditimpa.
    Anything not given as an option is asked for. Existing files are never overwritten.
    """
    if rollup:
        _init_rollup(folder, name)
        return
    _refuse_existing_project(folder)
    if sample:
        _copy_sample(folder)
        _write_schemas(folder)
        click.echo(say("init.sample_done", folder=folder))
        return
    values = _ask(office=office, city=city, province=province, area_code=area_code,
                  programme=programme, university=university, study_programme=study_programme)
    values["division"] = division
    files = project_files(values)
    _write(folder, files)
    _write_schemas(folder)
    for written in sorted(files):
        click.echo((folder / written).as_posix())
    click.echo(say("init.done", folder=folder))


def _init_rollup(folder: Path, name: str) -> None:
    from generator.rollup.init import InitError, write_rollup_project

    try:
        written = write_rollup_project(folder, name)
    except InitError as error:
        _fail(str(error))
    for path in written:
        click.echo(str(path))


def project_files(values: dict[str, str | None]) -> dict[str, str]:
    """Every file of a new empty project, by path, filled in from the answers."""
    from generator.words import catalogue

    template: dict[str, str] = catalogue(TEMPLATE)
    office = values["office"] or ""
    filled = {
        "office": _quoted(office),
        "short_name": _quoted(_short_name(office)),
        "city": _quoted(values["city"] or ""),
        "province": _quoted(values["province"] or "GANTI Provinsi"),
        "area_code": (f'"{values["area_code"]}"' if values["area_code"]
                      else f'"{PLACEHOLDER_AREA}"  # GANTI: kode wilayah Kemendagri, mis. "32.73"'),
        "division": _quoted(values["division"] or ""),
        "programme": values["programme"] or "",
        "university": _quoted(values["university"]) if values["university"] else "",
        "study_programme": _quoted(values["study_programme"]) if values["study_programme"] else "",
    }
    filled["office_text"] = office
    filled["site_name"] = _quoted(f"Casebook — {office}")
    filled["copyright"] = _quoted(f"{office} — data kasus dianonimkan")
    files = {}
    for name, text in template.items():
        for key, value in filled.items():
            text = text.replace(f"<<{key}>>", value)
        files[name] = "\n".join(line.rstrip() for line in text.splitlines()) + ("\n" if text else "")
    return files


def _ask(**given: str | None) -> dict[str, str | None]:
    """The answers: options as given; the office and city asked for when missing; the rest
    asked too, but may stay empty (then the file holds a GANTI placeholder)."""
    answers = dict(given)
    for key in ("office", "city"):
        while not (answers[key] or "").strip():
            answers[key] = click.prompt(say(f"init.ask_{key}"), default="", show_default=False)
    for key in ("province", "area_code", "programme", "university", "study_programme"):
        if answers[key] is None:
            answers[key] = click.prompt(say(f"init.ask_{key}"), default="", show_default=False) or None
        if key == "programme":
            answers[key] = _valid_programme(answers[key])
    if answers["area_code"] and not _area_code_ok(answers["area_code"]):
        _fail(say("init.bad_area_code", value=answers["area_code"]))
    return {key: (value.strip() if isinstance(value, str) else value) for key, value in answers.items()}


def _valid_programme(code: str | None) -> str | None:
    """A programme code of the taxonomy, asked again until it is one (or left empty)."""
    from generator.model.taxonomy import load_taxonomy

    codes = load_taxonomy().codes("internship_program")
    while code and code not in codes:
        click.echo(say("init.bad_programme", value=code, codes=", ".join(codes)), err=True)
        code = click.prompt(say("init.ask_programme"), default="", show_default=False) or None
    return code


def _area_code_ok(value: str) -> bool:
    import re

    return bool(re.fullmatch(r"\d{2}\.\d{2}", value))


def _short_name(office: str) -> str:
    """'Dinas Sosial Kota Bandung' → 'Dinsos Kota Bandung'."""
    return office.replace("Dinas Sosial", "Dinsos", 1)


def _quoted(value: str) -> str:
    """A double-quoted YAML string (safe for any text typed at the prompt)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _refuse_existing_project(folder: Path) -> None:
    from generator.build.project import ROOT_MARKERS

    for marker in (*ROOT_MARKERS, "cases", "interns"):
        if (folder / marker).exists():
            _fail(say("init.exists", path=(folder / marker).as_posix()))


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    (folder / "interns").mkdir(exist_ok=True)


def _copy_sample(folder: Path) -> None:
    """The sample project's files (Kota Sukamaju, every person invented), when they are at hand."""
    if not all((SAMPLE_ROOT / part).exists() for part in SAMPLE_PARTS):
        _fail(say("init.no_sample"))
    folder.mkdir(parents=True, exist_ok=True)
    for part in SAMPLE_PARTS:
        source = SAMPLE_ROOT / part
        if source.is_dir():
            shutil.copytree(source, folder / part)
        else:
            shutil.copy2(source, folder / part)
    gitignore = project_files(dict.fromkeys(("office", "city", "province", "area_code",
                                             "programme", "university", "study_programme",
                                             "division")))[".gitignore"]
    (folder / ".gitignore").write_text(gitignore, encoding="utf-8")


def _write_schemas(folder: Path) -> None:
    from generator.model.schema import write_schemas
    from generator.model.taxonomy import load_taxonomy

    write_schemas(folder / "schema", load_taxonomy(folder))


def _fail(message: str) -> None:
    click.echo(f"casebook init: {message}", err=True)
    raise SystemExit(1)
