"""JSON Schema (draft 2020-12) of every file an intern writes, for editors and independent validators.

The schemas come from the pydantic models; every property that names a vocabulary
(``x-vocabulary``) gets an ``enum`` of the project's codes and an ``enumDescriptions`` list of their
Indonesian and English labels, so an editor with a YAML language server completes codes while the
intern types. Property titles are the Indonesian half of each field's bilingual description.

Dates: Casebook's loader and ``check-jsonschema`` both read YAML timestamps (``2025-03-14``) as
text, so dates are ``{"type": "string", "format": "date"}`` here and may be written quoted or not;
impossible dates (``2025-02-30``) and date-times fail in both. One known difference: libyaml reads
YAML 1.1, where ``yes``/``no``/``on``/``off`` are booleans, while check-jsonschema (ruamel, YAML
1.2) reads them as text, so only ``true``/``false`` satisfy both (the skeletons use them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.model.records import MODELS, SCHEMA_VERSION
from generator.model.taxonomy import Taxonomy

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = f"https://casebook.invalid/schema/{SCHEMA_VERSION}/"
DESCRIPTION_SEPARATOR = " — "

# Which file each schema describes, in Indonesian (the title) and where it lives.
DOCUMENTS: dict[str, tuple[str, str]] = {
    "case": ("Berkas kasus Casebook", "Satu kasus klien per berkas, di cases/<case_id>.yaml."),
    "intern": ("Data mahasiswa magang", "Profil, program, penempatan, dan pembimbing: interns/<id>/intern.yaml."),
    "logbook": ("Logbook kegiatan magang", "Catatan kegiatan harian mahasiswa: interns/<id>/logbook.yaml."),
    "references": ("Daftar pustaka mahasiswa", "Sumber yang dikutip dalam laporan: interns/<id>/references.yaml."),
    "office": ("Profil instansi", "Profil publik Dinas Sosial: office.yaml di akar proyek."),
    "settings": ("Pengaturan proyek Casebook", "Pengaturan proyek (semua opsional): casebook.yml."),
    "review": ("Telaah dosen", "Telaah dosen atas logbook, kasus, dan laporan mahasiswa: interns/<id>/review.yaml."),
    "rubric": ("Rubrik penilaian", "Aspek yang dinilai dosen, bobot, dan rentang nilai: rubric.yaml."),
    "holidays": ("Hari libur", "Hari kantor tutup, tidak dihitung sebagai hari kerja: holidays.yaml."),
}


def schema_file_name(kind: str) -> str:
    """``case`` → ``case.schema.json``."""
    return f"{kind}.schema.json"


def document_schema(kind: str, taxonomy: Taxonomy) -> dict[str, Any]:
    """The JSON Schema of one file kind, with enums from ``taxonomy``."""
    schema = MODELS[kind].model_json_schema()
    schema = _walk(schema, taxonomy)
    title, description = DOCUMENTS.get(kind, (kind, MODELS[kind].__doc__ or kind))
    schema["$schema"] = DIALECT
    schema["$id"] = ID_BASE + schema_file_name(kind)
    schema["title"] = title
    schema["description"] = description
    schema["x-taxonomy-version"] = taxonomy.version
    return schema


def all_schemas(taxonomy: Taxonomy) -> dict[str, dict[str, Any]]:
    """Every schema, keyed by file name (``case.schema.json`` …)."""
    return {schema_file_name(kind): document_schema(kind, taxonomy) for kind in sorted(MODELS)}


def render(schema: dict[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, taxonomy: Taxonomy) -> list[Path]:
    """Write every schema into ``folder``; return the paths, only rewriting changed files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas(taxonomy).items():
        path = folder / name
        text = render(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _walk(node: Any, taxonomy: Taxonomy) -> Any:
    """Copy of a schema fragment with vocabularies filled in and titles made Indonesian."""
    if isinstance(node, list):
        return [_walk(item, taxonomy) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _walk(value, taxonomy) for key, value in node.items()}
    if "x-vocabulary" in result:
        result.update(_vocabulary_keywords(result["x-vocabulary"], taxonomy))
    if isinstance(result.get("properties"), dict):
        result["properties"] = {key: _titled(value) for key, value in result["properties"].items()}
    return result


def _vocabulary_keywords(vocabulary: str, taxonomy: Taxonomy) -> dict[str, Any]:
    """``enum`` and labels for one vocabulary; unknown vocabularies are a programming error."""
    codes = list(taxonomy.codes(vocabulary))
    labels = [
        f"{taxonomy.label(vocabulary, code, 'id')} — {taxonomy.label(vocabulary, code, 'en')}"
        for code in codes
    ]
    return {"enum": codes, "enumDescriptions": labels}


def _titled(prop: Any) -> Any:
    """A property whose title is the Indonesian half of its description."""
    if not isinstance(prop, dict) or "description" not in prop:
        return prop
    indonesian = prop["description"].rsplit(DESCRIPTION_SEPARATOR, 1)[0].strip()
    return {**prop, "title": indonesian}
