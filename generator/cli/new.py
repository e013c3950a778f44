"""``casebook new case|intern``: write a valid, commented skeleton with a fresh id."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import sys
from pathlib import Path

import click

from generator.cli import PROJECT_OPTION, project_root, say

_CASE_ID_LINE = re.compile(r"^case_id:\s*['\"]?([A-Za-z0-9_-]+)", re.MULTILINE)


@click.group("new")
def command() -> None:
    """Buat berkas baru dari kerangka / create a new file from a skeleton.

    Kerangka sudah lolos `casebook check` dan berisi komentar berbahasa Indonesia untuk setiap
    isian. Berkas yang sudah ada tidak pernah ditimpa.
    """


@command.command("case")
@click.option("--id", "case_id", default=None,
              help="Nomor kasus / case id (bawaan: K-<tahun penerimaan>-NNNN berikutnya).")
@click.option("--intake-date", "intake", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Tanggal penerimaan TTTT-BB-HH / intake date (bawaan: ditanyakan, atau hari ini).")
@click.option("--intern", "intern_id", default=None,
              help="ID mahasiswa penulis / author's intern id (wajib bila ada lebih dari satu).")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder tujuan / output folder (bawaan: cases/).")
@PROJECT_OPTION
def new_case(case_id: str | None, intake: dt.datetime | None, intern_id: str | None,
             out: Path | None, project: Path | None) -> None:
    """Tulis kerangka kasus baru (tahap penerimaan) / write a new case skeleton (intake stage).

    Nomor kasus memakai tahun tanggal penerimaan: kasus dari 2025 bernomor K-2025-NNNN walau
    ditulis pada 2026. / The case id carries the year of the intake date."""
    from generator.build.project import today_for
    from generator.model.scaffold import CaseSeed, case_skeleton, next_case_id, valid_id

    root = project_root(project)
    taxonomy = _taxonomy(root)
    today = today_for()
    intake_date = intake.date() if intake else _ask_intake_date(today)
    if intake_date > today:
        _fail(say("new.intake_future", intake=intake_date.isoformat(), today=today.isoformat()))
    existing = existing_case_ids(root)
    if case_id is None:
        case_id = next_case_id(existing, intake_date.year)
    elif not valid_id(case_id):
        _fail(f"'{case_id}' bukan ID yang sah (huruf, angka, '-' dan '_') / not a valid id")
    elif case_id in existing:
        _fail(f"case_id '{case_id}' sudah dipakai / is already used")
    intern = choose_intern(root, intern_id)
    folder = out or root / "cases"
    target = folder / f"{case_id}.yaml"
    seed = CaseSeed(case_id, intern, today, _schema_path(root, folder, "case"),
                    field_supervisor(root, intern), intake_date)
    write_new({target: case_skeleton(seed, taxonomy)})
    click.echo(f"{_display(target, root)}")
    if not _inside(target, root / "cases"):
        click.echo("catatan: `casebook check` hanya membaca kasus di cases/ / "
                   "note: `casebook check` reads cases only under cases/", err=True)


@command.command("intern")
@click.argument("intern_id")
@click.option("--name", default=None, help="Nama lengkap / full name.")
@PROJECT_OPTION
def new_intern(intern_id: str, name: str | None, project: Path | None) -> None:
    """Tulis folder mahasiswa baru interns/ID / write a new intern folder interns/ID.

    Berisi intern.yaml, logbook.yaml, references.yaml, dan chapters/*.md.
    """
    from generator.build.project import today_for
    from generator.model.scaffold import InternSeed, intern_files, valid_id

    root = project_root(project)
    if not valid_id(intern_id):
        _fail(f"'{intern_id}' bukan ID yang sah (huruf, angka, '-' dan '_'), mis. dewi-lestari-2025 "
              "/ not a valid id")
    taxonomy = _taxonomy(root)
    folder = root / "interns" / intern_id
    unit, staff = office_facts(root)
    defaults = intern_defaults(root)
    seed = InternSeed(intern_id, today_for(), _schema_folder(root, folder), name, unit, staff,
                      defaults.programme, defaults.university, defaults.study_programme)
    files = {folder / name_: text for name_, text in intern_files(seed, taxonomy).items()}
    write_new(files)
    for path in files:
        click.echo(_display(path, root))


def _ask_intake_date(today: dt.date) -> dt.date:
    """Asked at a terminal (today by default); today when the input is not a terminal."""
    if not sys.stdin.isatty():
        return today
    answer = click.prompt(say("new.ask_intake"), default=today.isoformat(),
                          type=click.DateTime(["%Y-%m-%d"]))
    return answer.date()


# ---------------------------------------------------------------- project facts


def existing_case_ids(root: Path) -> set[str]:
    """Case ids used in the project: file names and `case_id:` lines (read without validating)."""
    from generator.build.project import case_files

    ids: set[str] = set()
    for path in case_files(root):
        ids.add(path.stem)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")[:100_000]
        except OSError:
            continue
        ids.update(_CASE_ID_LINE.findall(text))
    return ids


def intern_ids(root: Path) -> list[str]:
    """Intern folders that hold an intern.yaml."""
    from generator.build.project import intern_folders

    return [folder.name for folder in intern_folders(root) if (folder / "intern.yaml").is_file()]


def choose_intern(root: Path, wanted: str | None) -> str:
    """The author: the one named (which must exist) or the project's only intern."""
    known = intern_ids(root)
    if wanted is not None:
        if wanted not in known:
            close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
            hint = f" — {close[0]}?" if close else ""
            _fail(f"mahasiswa '{wanted}' tidak ditemukan di interns/{hint} / intern not found; "
                  f"buat dengan / create it with `casebook new intern {wanted}`")
        return wanted
    if len(known) == 1:
        return known[0]
    if not known:
        _fail("belum ada mahasiswa di interns/; jalankan dulu `casebook new intern ID` / "
              "no intern yet: run `casebook new intern ID` first")
    _fail("pilih penulis dengan --intern / choose the author with --intern: " + ", ".join(known))
    raise AssertionError  # unreachable: _fail exits


def field_supervisor(root: Path, intern: str) -> str | None:
    """The intern's first field supervisor, when their record can be read."""
    record = _read_model(root / "interns" / intern / "intern.yaml", "intern")
    return record.supervisors.field[0] if record and record.supervisors.field else None


def office_facts(root: Path) -> tuple[str | None, tuple[str, ...]]:
    """The office's division and staff ids, when office.yaml can be read."""
    office = _read_model(root / "office.yaml", "office")
    if office is None:
        return None, ()
    return office.division, tuple(person.id for person in office.staff)


def intern_defaults(root: Path):
    """casebook.yml's `interns:` (the programme, university and study programme init asked for)."""
    from generator.model.records import InternDefaults

    settings = _read_model(root / "casebook.yml", "settings")
    return settings.interns if settings is not None else InternDefaults()


def _read_model(path: Path, kind: str):
    """A file validated against its model, or None when missing or invalid."""
    from generator.load.source import LoadError, load_yaml
    from generator.model.records import MODELS

    if not path.is_file():
        return None
    try:
        data = load_yaml(path).data
        return MODELS[kind].model_validate(data)
    except (LoadError, ValueError):
        return None


# ---------------------------------------------------------------- writing


def write_new(files: dict[Path, str]) -> None:
    """Write every file, or none: refuse when any of them already exists."""
    taken = [path for path in files if path.exists()]
    if taken:
        names = ", ".join(str(path) for path in taken)
        _fail(f"berkas sudah ada, tidak ditimpa / file exists, not overwritten: {names}")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)


def _schema_folder(root: Path, folder: Path) -> str:
    """schema/ relative to the folder of a new file, with a final '/', as the editor modeline needs."""
    return Path(os.path.relpath(root.resolve() / "schema", folder.resolve())).as_posix() + "/"


def _schema_path(root: Path, folder: Path, kind: str) -> str:
    return _schema_folder(root, folder) + f"{kind}.schema.json"


def _taxonomy(root: Path):
    from generator.model.taxonomy import TaxonomyError, load_taxonomy

    try:
        return load_taxonomy(root)
    except TaxonomyError as error:
        _fail(f"taksonomi proyek tidak sah / invalid project taxonomy: {error}")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _fail(message: str) -> None:
    click.echo(f"casebook new: {message}", err=True)
    raise SystemExit(1)
