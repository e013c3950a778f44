"""``casebook stats``: the statistics tables in the terminal, or as CSV/JSON files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli import PROJECT_OPTION, project_root


@click.command("stats")
@PROJECT_OPTION
@click.option("--audience", type=click.Choice(["review", "public"]), default="review",
              show_default=True,
              help="review = angka pasti; public = angka setelah kontrol pengungkapan.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Keluaran / output format.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Tulis berkas CSV/JSON per tabel ke folder ini / write one file per table here.")
@click.option("--period", default=None,
              help="2025, 2025-Q1 atau 2025-03 (bawaan: seluruh periode / default: all).")
def command(project: Path | None, audience: str, fmt: str, out: Path | None,
            period: str | None) -> None:
    """Tabel statistik kasus / case statistics.

    review: angka pasti untuk penelaah. public: setiap angka melewati kontrol pengungkapan
    (angka 1–9 menjadi <10, lainnya dibulatkan ke kelipatan 5).
    """
    from generator.build.project import load_project
    from generator.stats import tables as stats

    loaded, problems = load_project(project_root(project))
    try:
        chosen = stats.parse_period(period, loaded.today)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--period") from None
    skipped = sum(1 for p in problems if p.is_error)
    if skipped:
        click.echo(f"Peringatan / warning: {skipped} galat; statistik hanya dari kasus yang valid "
                   f"({len(loaded.cases)} kasus).", err=True)
    statistics = stats.project_statistics(loaded, chosen, audience)
    if audience == "public":
        emit_public(loaded, statistics, fmt, out)
    else:
        emit_review(statistics, fmt, out)


def emit_review(statistics, fmt: str, out: Path | None) -> None:
    from generator.render import statistics as exact
    from generator.stats.tables import nonempty_rows

    tables = [*statistics.tables, *([statistics.sensitive] if statistics.sensitive else [])]
    if fmt == "table":
        click.echo("\n\n".join([*(review_text(nonempty_rows(t)) for t in tables),
                                *(durations_text(d) for d in statistics.durations)]))
        return
    label = statistics.period.label
    if out is None:
        text = (exact.review_csv_text(tables) if fmt == "csv"
                else exact.review_json_text(tables, label))
        sys.stdout.write(text)
        return
    files = {f"{t.key}.{fmt}": (exact.review_csv_text([t]) if fmt == "csv"
                                else exact.review_json_text([t], label)) for t in tables}
    write_files(out, files)


def emit_public(loaded, statistics, fmt: str, out: Path | None) -> None:
    from generator.privacy.release import policy_from_settings, publish
    from generator.render.public import opendata

    release = publish(statistics, policy_from_settings(loaded.settings))
    if fmt == "table":
        tables = [*release.tables, *([release.sensitive] if release.sensitive else [])]
        click.echo("\n\n".join(public_text(t) for t in tables))
        return
    if out is None:
        sys.stdout.write(opendata.release_csv_text(release) if fmt == "csv"
                         else opendata.release_json_text(release))
        return
    files = {name: text for name, text in opendata.open_data_files(release).items()
             if name.endswith(f".{fmt}") or name == "datapackage.json"}
    write_files(out, files)


def write_files(out: Path, files: dict[str, str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(files.items()):
        (out / name).write_text(text, encoding="utf-8", newline="\n")
    click.echo(f"{len(files)} berkas ditulis ke / files written to {out}", err=True)


# ---------------------------------------------------------------- aligned text


def text_table(title: str, header: list[str], rows: list[list[str]]) -> str:
    """A plain table: first column left-aligned, the others right-aligned."""
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                         for i, cell in enumerate(cells)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([title, line(header), rule, *(line(r) for r in rows)])


def review_text(table) -> str:
    """An exact table with its totals."""
    wide = len(table.cols) > 1
    header = [table.row_title["id"], *(c["id"] for c in table.col_labels)]
    header += ["Total"] if wide and table.totals else []
    rows = []
    for r in range(len(table.rows)):
        line = [table.label(r), *(str(n) for n in table.counts[r])]
        rows.append(line + ([str(len(table.row_ids(r)))] if wide and table.totals else []))
    if table.totals:
        totals = [str(len(table.col_ids(c))) for c in range(len(table.cols))]
        rows.append(["Total", *totals] + ([str(len(table.total_ids()))] if wide else []))
    return text_table(f"{table.title['id']} [{table.unit['id']}]", header, rows)


def durations_text(table) -> str:
    """Median, quartiles and range in days."""
    header = ["Tahap", "n", "Median", "Q1", "Q3", "Min", "Maks"]
    rows = []
    for label, summary in zip(table.row_labels, table.summaries):
        if summary is None:
            rows.append([label["id"], "0", "", "", "", "", ""])
            continue
        values = (summary.median, summary.q1, summary.q3, summary.minimum, summary.maximum)
        rows.append([label["id"], str(summary.n), *(f"{v:g}" for v in values)])
    return text_table(f"{table.title['id']} [hari]", header, rows)


def public_text(table) -> str:
    """A published table: only displays of protected cells."""
    published = table.published["id"]
    wide = len(published.cols) > 1
    header = [table.meta.row_title["id"], *published.cols]
    header += ["Total"] if wide and table.shows_totals else []
    rows = []
    for r, label in enumerate(published.rows):
        line = [label, *(cell.display for cell in published.cells[r])]
        rows.append(line + ([published.row_totals[r].display] if wide and table.shows_totals
                            else []))
    if table.shows_totals:
        rows.append(["Total", *(cell.display for cell in published.col_totals)]
                    + ([published.grand_total.display] if wide else []))
    return text_table(f"{table.meta.title['id']} [{table.meta.unit['id']}]", header, rows)
