"""Helpers for the hostile-text red team: vectors, planting them, and finding live ones in HTML.

Every vector carries a token ``HX<n>`` so that a live element or attribute found in a built
page names the plant it came from (file, field, vector).
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from conftest import REPO, copy_sample

# One line each (single-line fields take them); ``{t}`` is the plant's token.
VECTORS: dict[str, str] = {
    "script": "<script>alert('{t}')</script>",
    "img-onerror": "<img src=x onerror=\"alert('{t}')\">",
    "svg-onload": "<svg onload=\"alert('{t}')\"></svg>",
    "iframe-js": "<iframe src=\"javascript:alert('{t}')\"></iframe>",
    "details-ontoggle": "<details open ontoggle=\"alert('{t}')\"><summary>s</summary></details>",
    "a-js": "<a href=\"javascript:alert('{t}')\">a</a>",
    "md-js": "[klik](javascript:alert('{t}'))",
    "md-vbscript": "[vb](vbscript:msgbox('{t}'))",
    "a-entity-js": "<a href=\"jav&#x61;script:alert('{t}')\">e</a>",
    "md-entity-js": "[ent](jav&#x61;script:alert('{t}'))",
    "md-image-js": "![gambar](javascript:alert('{t}'))",
    "md-autolink-js": "<javascript:alert('{t}')>",
    "md-data-url": "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#{t})",
    "style": "<style>body{{background:red}} /*{t}*/</style>",
    "form": "<form action=\"https://evil.example/{t}\"><button>kirim</button></form>",
    "meta-refresh": "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/{t}\">",
    "object-data": "<object data=\"data:text/html,{t}\"></object>",
    "embed": "<embed src=\"javascript:alert('{t}')\">",
    "base": "<base href=\"https://evil.example/{t}/\">",
    "input-autofocus": "<input autofocus onfocus=\"alert('{t}')\">",
    "attr-list-onclick": "**tebal**{{: onclick=\"alert('{t}')\" }}",
    "body-onload": "<body onload=\"alert('{t}')\">",
    "math-xlink": "<math><a xlink:href=\"javascript:alert('{t}')\">m</a></math>",
    "a-tab-js": "<a href=\"java\tscript:alert('{t}')\">t</a>",
    "title-breakout": "&lt;/title&gt;&lt;script&gt;alert('{t}')&lt;/script&gt; "
    "</title><script>alert('{t}')</script>",
    "textarea-breakout": "</textarea><img src=x onerror=\"alert('{t}')\">",
    "svg-script": "<svg><script>alert('{t}')</script></svg>",
    "attr-breakout": "\" onmouseover=\"alert('{t}')\" x=\"",
    "md-link-title": "[t](https://example.org \"\\\" onmouseover=alert('{t}')\")",
}

# Keys whose values are codes, ids, dates or references: planting there only breaks validation.
STRUCTURED = re.compile(
    r"(^|_)(id|ids|date|dates|code|codes|status|sex|by|case|week|chapter|lecturer|"
    r"supervisor|intern|key|year|month|period|schema_version|type|kind|category|form|"
    r"activity|outcome|stage|language|lang|level|unit|area_code|credits|hours|score|scores)$"
)


@dataclass(frozen=True)
class Plant:
    """One vector planted in one place."""

    token: str
    file: str
    field: str
    vector: str


@dataclass
class Planted:
    """A hostile copy of the sample project and everything planted in it."""

    root: Path
    plants: dict[str, Plant]

    def kinds(self) -> set[str]:
        return {file_kind(p.file) for p in self.plants.values()}


def file_kind(file: str) -> str:
    if file.startswith("cases/"):
        return "case"
    if file.startswith("content/"):
        return "content page"
    if "/chapters/" in file:
        return "chapter"
    return Path(file).stem  # intern, logbook, references, review, office


class _Tokens:
    def __init__(self) -> None:
        self.count = 0
        self.plants: dict[str, Plant] = {}

    def new(self, file: str, field: str, vector: str) -> str:
        self.count += 1
        token = f"HX{self.count}"
        self.plants[token] = Plant(token, file, field, vector)
        return VECTORS[vector].format(t=token)


def _plant_tree(data: Any, file: str, path: str, tokens: _Tokens, vectors: list[str],
                places: dict[str, Any]) -> Any:
    """Append one vector (cycling) to every free-text string leaf; remember where."""
    if isinstance(data, dict):
        return {k: _plant_value(k, v, file, f"{path}.{k}" if path else k, tokens, vectors, places)
                for k, v in data.items()}
    if isinstance(data, list):
        return [_plant_tree(v, file, f"{path}[{i}]", tokens, vectors, places)
                for i, v in enumerate(data)]
    return data


def _plant_value(key: str, value: Any, file: str, path: str, tokens: _Tokens,
                 vectors: list[str], places: dict[str, Any]) -> Any:
    if isinstance(value, str) and not STRUCTURED.search(str(key)):
        vector = vectors[len(places) % len(vectors)]
        places[path] = value
        return f"{value} {tokens.new(file, path, vector)}"
    if isinstance(value, dict | list):
        return _plant_tree(value, file, path, tokens, vectors, places)
    return value


def _restore(data: Any, path: str, value: Any) -> None:
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    node = data
    for part in parts[:-1]:
        node = node[int(part[1:-1])] if part.startswith("[") else node[part]
    last = parts[-1]
    if last.startswith("["):
        node[int(last[1:-1])] = value
    else:
        node[last] = value


def plant_project(target: Path, yaml_files: list[str], chapters: list[str]) -> Planted:
    """Copy the sample (and content/), plant every vector in the given files; revert any plant
    that makes the project invalid, so that the build runs and every kept plant is tested."""
    from generator.build.project import load_project

    root = copy_sample(target)
    shutil.copytree(REPO / "content", root / "content")
    tokens = _Tokens()
    vectors = list(VECTORS)
    planted: dict[str, tuple[Any, dict[str, Any]]] = {}
    for file in yaml_files:
        source = root / file
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        places: dict[str, Any] = {}
        data = _plant_tree(data, file, "", tokens, vectors, places)
        planted[file] = (data, places)
        _dump(source, data)
    for _ in range(6):
        _project, problems = load_project(root)
        bad = {(p.file, p.path) for p in problems if p.is_error}
        reverted = False
        for file, (data, places) in planted.items():
            for path in [p for p in places if (file, p) in bad or _under_bad(file, p, bad)]:
                _restore(data, path, places.pop(path))
                reverted = True
            _dump(root / file, data)
        if not reverted:
            break
    kept = {path for _file, (_d, places) in planted.items() for path in places}
    plants = {t: p for t, p in tokens.plants.items()
              if p.file not in planted or p.field in kept}
    for chapter in chapters:
        plants.update(_plant_markdown(root, chapter, tokens, vectors))
    page = "content/keamanan.md"
    (root / page).write_text(_front_matter_page(tokens, page), encoding="utf-8")
    for name in (page, "content/index.md"):
        plants.update(_plant_markdown(root, name, tokens, vectors))
    plants.update({t: p for t, p in tokens.plants.items() if p.file.endswith(".md")})
    return Planted(root, plants)


def _front_matter_page(tokens: _Tokens, page: str) -> str:
    """A content page whose front matter (title, description, author) carries vectors."""
    values = {
        "title": tokens.new(page, "title", "title-breakout"),
        "description": tokens.new(page, "description", "attr-breakout"),
        "author": tokens.new(page, "author", "img-onerror"),
        "template": "main.html",
    }
    front = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n# Halaman uji\n\nTeks biasa.\n"


def _under_bad(file: str, path: str, bad: set[tuple[str, str]]) -> bool:
    return any(
        f == file and (path.startswith((b + ".", b + "[")) or b.startswith(path + ".") or not b)
        for f, b in bad
    )


def _plant_markdown(root: Path, file: str, tokens: _Tokens, vectors: list[str]) -> dict:
    path = root / file
    lines = [tokens.new(file, f"line {i + 1}", v) for i, v in enumerate(vectors)]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    extra = [
        f"[ref-{i}]: javascript:alert('HXR{i}')" for i in range(1)
    ]
    path.write_text(text + "\n\n" + "\n\n".join(lines) + "\n\n[x][ref-0]\n\n"
                    + "\n".join(extra) + "\n", encoding="utf-8")
    return {}


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")


# ---------------------------------------------------------------- live things in HTML

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster",
                  "background", "srcset", "cite", "longdesc", "content"}
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "form", "base", "style", "link", "meta",
                  "frame", "frameset", "applet", "input", "button", "textarea", "select", "body",
                  "math", "svg"}
_CONTROL = re.compile(r"[\x00-\x20]+")


@dataclass(frozen=True)
class Live:
    """Something executable or navigating in a page: (page, what, the source snippet)."""

    page: str
    what: str
    snippet: str


class _Scanner(HTMLParser):
    def __init__(self, page: str, baseline: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.baseline, self.found = page, baseline, []
        self._tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs, self.get_starttag_text() or "")

    handle_startendtag = handle_starttag

    def _check(self, tag: str, attrs: list[tuple[str, str | None]], raw: str) -> None:
        self._tag = tag
        if dangerous(tag, attrs) and signature(tag, attrs) not in self.baseline:
            self.found.append(Live(self.page, f"<{tag}>", raw))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Live(self.page, f"{name}=", raw))
            elif (name in URL_ATTRIBUTES and value and unsafe_url(value, name)
                  and signature(tag, attrs) not in self.baseline):
                self.found.append(Live(self.page, f"{name}={scheme(value)}", raw))

    def handle_data(self, data: str) -> None:
        if self._tag in ("script", "style") and data.strip():
            key = f"{self._tag}:{data.strip()[:200]}"
            if key not in self.baseline and "HX" in data:
                self.found.append(Live(self.page, f"<{self._tag}> body", data[:200]))

    def handle_endtag(self, tag: str) -> None:
        self._tag = None


def dangerous(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """A tag that runs, embeds, submits, redirects or restyles (inert <meta>/<link> are not)."""
    names = dict(attrs)
    if tag == "meta":
        return "http-equiv" in names
    if tag == "link":
        return names.get("rel") not in ("prev", "next", "canonical")
    return tag in DANGEROUS_TAGS


def scheme(value: str) -> str:
    cleaned = _CONTROL.sub("", html.unescape(value)).lower()
    if cleaned.startswith(("0;url=", "0; url=")):
        cleaned = cleaned.split("=", 1)[1]
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def unsafe_url(value: str, attribute: str) -> bool:
    found = scheme(value)
    if attribute == "content":
        return "url=" in value.lower()
    return found in ("javascript", "vbscript", "data", "file")


def signature(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    """What a theme element looks like, tokens stripped (the baseline holds these)."""
    return tag + " " + " ".join(f"{k}={v}" for k, v in sorted(attrs, key=lambda a: a[0])
                                if k not in ("content",) or tag != "meta")


def theme_baseline(site: Path) -> set[str]:
    """Every dangerous element the clean site's theme itself emits."""
    baseline: set[str] = set()
    for page in site.rglob("*.html"):
        scanner = _Scanner("", set())
        scanner.feed(page.read_text(encoding="utf-8"))
        for live in scanner.found:
            baseline.add(_baseline_key(live))
    for page in site.rglob("*.html"):
        for tag, attrs in _all_tags(page.read_text(encoding="utf-8")):
            baseline.add(signature(tag, attrs))
    return baseline


def _baseline_key(live: Live) -> str:
    return live.snippet


def _all_tags(text: str) -> list[tuple[str, list]]:
    tags: list[tuple[str, list]] = []

    class _All(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if dangerous(tag, attrs) or any(unsafe_url(v or "", k) for k, v in attrs
                                            if k in URL_ATTRIBUTES):
                tags.append((tag, attrs))

    _All().feed(text)
    return tags


def live_things(site: Path, baseline: set[str]) -> list[Live]:
    """Every live element, handler or URL of a built site that the clean theme does not emit."""
    found: list[Live] = []
    for page in sorted(site.rglob("*.html")):
        scanner = _Scanner(page.relative_to(site).as_posix(), baseline)
        scanner.feed(page.read_text(encoding="utf-8"))
        found += scanner.found
    return found


def tokens_in(lives: list[Live]) -> set[str]:
    return {t for live in lives for t in re.findall(r"HXR?\d+", html.unescape(live.snippet))}
