"""The quick inline step (generator.quick_inline) changes how fast pages convert, never what
they convert to: with and without it, every page Casebook makes and every inline construct
Python-Markdown knows give the same HTML, and plain text skips the patterns."""

from __future__ import annotations

import markdown
import pytest
from conftest import REPO, copy_sample
from hostile import VECTORS
from markdown.treeprocessors import InlineProcessor

from generator.build import pipeline
from generator.build.project import load_project
from generator.quick_inline import QUICK_INLINE, QuickInlineProcessor
from generator.site import engine

# Every inline pattern of Casebook's extensions, alone, side by side and nested, and text that
# comes close to one without being it.
CONSTRUCTS = (
    "Klien 17 | Asesmen | 17 Feb 2025",
    "*tekanan* dan **dukungan** dan ***keduanya*** dan _garis_ __tebal__ dan a_b_c",
    "`kode *bukan tebal*` dan ``dua `tanda` ``",
    r"\*bukan miring\* dan \[bukan tautan\] dan 5 \* 3",
    "[tautan](K-2025-0001.md){ style=\"white-space: nowrap\" } dan ![gambar](a.png \"judul\")",
    "[rujukan][r] dan [r] dan ![gbr][r]\n\n[r]: https://contoh.id/ \"Judul\"",
    "<https://contoh.id/> dan <surat@contoh.id> dan <b>tebal</b> dan <!-- catatan -->",
    "AT&T &amp; &copy; &#169; &#xA9; & biasa",
    "baris satu  \nbaris dua\\\nbaris tiga",
    "catatan kaki[^1]\n\n[^1]: Isi *catatan*.",
    "2 * 3 * 4 dan _ sendiri _ dan * sendiri *",
    "## Judul *miring* {#id-judul}\n\nTeks {: .kelas }",
    "| Kasus | Klien |\n|---|---|\n| [K-1](K-1.md) | Klien *1* |\n| K-2 | Klien 2 |",
    "!!! note \"Catatan\"\n    Isi `kode` dan **tebal**.",
    "Istilah\n:   Definisi dengan [tautan](a.md).",
    '<div markdown="1">*di dalam* html</div>',
    "=== \"Satu\"\n    Isi *satu*\n\n=== \"Dua\"\n    Isi dua",
    "??? info \"Rincian\"\n    Tersembunyi **tebal**",
    "```python\nx = '*bukan*'\n```",
    "tanpa penutup *miring dan `kode dan [tautan",
)


def converter(quick: bool) -> markdown.Markdown:
    extensions = [entry for entry in engine.markdown_extensions(None)
                  if quick or entry != QUICK_INLINE]
    names = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in extensions]
    configs = {next(iter(entry)): entry[next(iter(entry))]
               for entry in extensions if isinstance(entry, dict)}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def same_html(texts: list[str]) -> None:
    plain, quick = converter(False), converter(True)
    assert isinstance(quick.treeprocessors["inline"], QuickInlineProcessor)
    assert type(plain.treeprocessors["inline"]) is InlineProcessor
    for text in texts:
        assert quick.reset().convert(text) == plain.reset().convert(text), text[:200]


def test_every_inline_construct_converts_as_python_markdown_converts_it():
    same_html(list(CONSTRUCTS) + ["\n\n".join(CONSTRUCTS)])


def test_hostile_text_converts_as_python_markdown_converts_it():
    same_html([vector.format(t=f"HX{n}") for n, vector in enumerate(VECTORS.values())])


@pytest.mark.slow
def test_every_page_casebook_makes_converts_as_python_markdown_converts_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEBOOK_EXPORTS", "none")
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-11-22")
    project, _ = load_project(copy_sample(tmp_path))
    pages: list[str] = []
    for audience in pipeline.audiences():
        files = pipeline.tree_files(project, audience)
        pages += [data.decode("utf-8").split("\n---\n", 1)[-1]
                  for path, data in files.items() if path.endswith(".md")]
    pages += [path.read_text(encoding="utf-8") for path in (REPO / "content").rglob("*.md")]
    assert len(pages) > 100
    same_html(pages)


def test_plain_text_skips_the_patterns(monkeypatch):
    tried: list[str] = []
    original = InlineProcessor._InlineProcessor__handleInline

    def counting(self, data, patternIndex=0):
        tried.append(data)
        return original(self, data, patternIndex)

    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__handleInline", counting)
    table = "| Klien | Tahap |\n|---|---|\n" + "\n".join(
        f"| Klien {n} | Asesmen |" for n in range(50))
    plain, quick = converter(False), converter(True)
    assert quick.convert(table) == plain.convert(table)
    assert len(tried) >= 100  # without it, every cell goes through the patterns
    tried.clear()
    quick.reset().convert(table)
    assert tried == []  # no cell holds anything a pattern could match
    tried.clear()
    quick.reset().convert("| Klien | Tahap |\n|---|---|\n| Klien *1* | Asesmen |")
    assert tried  # a cell with markup still goes through them


def test_quick_inline_stands_aside_for_another_inline_processor():
    class Other(InlineProcessor):
        pass

    class Install(markdown.Extension):
        def extendMarkdown(self, md):
            md.treeprocessors.register(Other(md), "inline", 20)

    md = markdown.Markdown(extensions=[Install(), QUICK_INLINE])
    assert type(md.treeprocessors["inline"]) is Other


def test_the_generated_configuration_lists_it_before_the_sanitiser():
    names = [next(iter(e)) if isinstance(e, dict) else e for e in engine.markdown_extensions(None)]
    assert names[-2:] == [QUICK_INLINE, "generator.sanitise"]
