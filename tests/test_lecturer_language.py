"""The lecturer's pages follow the project's language: a bundle made with ``language: en`` has
no Indonesian word of Casebook's own on its cohort, review and reports pages, its lock screen or
its comment and score words, and one made with ``language: id`` no English one.

The words looked for are those of the phrase files (``render/lecturer.yaml``,
``bundle/messages.yaml``) that belong to one language only and to none of the project's own
files (a lecturer's comment written in Indonesian is data, not Casebook's words).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_sample

from generator.build.project import load_project
from generator.bundle import lock
from generator.bundle.make import make_bundle

pytestmark = pytest.mark.slow
PHRASE_FILES = (REPO / "generator" / "render" / "lecturer.yaml",
                REPO / "generator" / "render" / "casenav.yaml",
                REPO / "generator" / "render" / "statistics.yaml",
                REPO / "generator" / "bundle" / "messages.yaml")
LECTURER_PAGES = ("telaah/index.html", "telaah/dewi-lestari-2025.html", "laporan/index.html",
                  "kasus/K-2025-0001.html", "statistik/index.html", "statistik/kategori_ppks.html")
WORD = re.compile(r"[^\W\d_]{4,}")


def words_of(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def phrase_texts(lang: str) -> list[str]:
    texts = []
    for path in PHRASE_FILES:
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")).values():
            texts.append(re.sub(r"\{[^}]*\}", " ", entry[lang]))
    return texts


def project_words(root: Path) -> set[str]:
    """Every word of the project's own files: names, notes, comments, chapters."""
    found: set[str] = set()
    for path in root.rglob("*"):
        if path.is_file() and path.suffix == ".md":
            found |= words_of(path.read_text(encoding="utf-8"))
        elif path.is_file() and path.suffix in {".yaml", ".yml"}:  # values, not comments
            found |= words_of(" ".join(strings(yaml.safe_load(path.read_text(encoding="utf-8")))))
    return found


def strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (str(k), *strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return [str(value)]


def distinct(lang: str) -> set[str]:
    """The words of the phrase files in ``lang`` that the other language never uses."""
    mine = set().union(*map(words_of, phrase_texts(lang)))
    theirs = set().union(*map(words_of, phrase_texts(foreign(lang))))
    return mine - theirs


def only_in(lang: str, root: Path) -> set[str]:
    """Words that, on a page, can only be Casebook's own in ``lang`` (not the project's data)."""
    return distinct(lang) - project_words(root)


def article_text(page: str) -> str:
    """What a reader reads in a page's main content (scripts and markup left out)."""
    body = page.split("<article", 1)[1].split("</article>", 1)[0]
    body = re.sub(r"<script\b.*?</script>", " ", body, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def bundle_in(lang: str, tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEBOOK_TODAY", "2026-11-22")
        patch.setenv("CASEBOOK_EXPORTS", "none")
        root = copy_sample(tmp_path_factory.mktemp(f"lang-{lang}") / "project")
        settings = root / "casebook.yml"
        settings.write_text(settings.read_text(encoding="utf-8").replace(
            "language: id", f"language: {lang}"), encoding="utf-8")
        project, problems = load_project(root)
        assert not [p for p in problems if p.is_error]
        assert project.settings.language == lang
        made = make_bundle(project, "DSN-01", root.parent / "bundle")  # language: the setting
    return root, made.folder


@pytest.fixture(scope="module", params=["en", "id"])
def bundle(request, tmp_path_factory):
    return request.param, *bundle_in(request.param, tmp_path_factory)


def foreign(lang: str) -> str:
    return "id" if lang == "en" else "en"


def test_the_lecturer_pages_hold_no_word_of_the_other_language(bundle):
    lang, root, folder = bundle
    wrong = only_in(foreign(lang), root)
    assert len(wrong) > 40  # the check has words to look for
    for path in LECTURER_PAGES:
        page = (folder / path).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page
        text = article_text(page)
        assert words_of(text) & distinct(lang), path  # and the page's own language is there
        assert sorted(words_of(text) & wrong) == [], path


def test_the_comment_and_score_words_follow_the_language(bundle):
    lang, root, folder = bundle
    page = (folder / "telaah" / "dewi-lestari-2025.html").read_text(encoding="utf-8")
    block = json.loads(page.split('id="casebook-review-targets">', 1)[1].split("</script>", 1)[0])
    shown = " ".join(block["words"].values())
    assert words_of(shown) & distinct(lang)
    assert sorted(words_of(shown) & only_in(foreign(lang), root)) == []
    script = (folder / "assets" / "casebook" / "review-notes.js").read_text(encoding="utf-8")
    assert "Komentar" not in script and "Comment\"" not in script  # the words come from the page


def test_the_lock_screen_follows_the_language(bundle):
    lang, root, _folder = bundle
    box = {"salt": "c2FsdA==", "iterations": lock.ITERATIONS}
    page = lock.locked_page("kasus/K-2025-0001.html", box, lang)
    text = html.unescape(re.sub(r"<script\b.*?</script>|<[^>]+>", " ", page, flags=re.DOTALL))
    text += " " + " ".join(re.findall(r'data-\w+="([^"]*)"', page))
    assert words_of(text) & distinct(lang)
    assert sorted(words_of(text) & only_in(foreign(lang), root)) == []
