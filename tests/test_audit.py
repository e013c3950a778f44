"""Leak audit of built site folders: fake sites in tmp_path with planted, synthetic leaks."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from generator.privacy.audit import (
    DEFAULT_ALLOWED_SUFFIXES,
    audit_site,
    format_finding,
    leak,
    summarise,
)
from generator.privacy.denylist import DenyList
from generator.problems import Problem

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "privacy" / "denylist.synthetic.txt"
OFFICE = "Jl. Teladan Contoh No. 1, telp (061) 415-0001"

PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">
<title>{title} - Casebook</title>
<link rel="stylesheet" href="{root}assets/stylesheets/main.57a0d79d.min.css">
<script>__md_scope=new URL("{root}",location),__md_get=(e,_=localStorage)=>JSON.parse(_.getItem(e))</script>
</head>
<body dir="ltr">
<header class="md-header"><a href="{root}" title="Casebook" class="md-header__button md-logo">
<svg viewBox="0 0 24 24"><path d="M12 8a3 3 0 0 0 3-3 3 3 0 0 0-3-3 3 3 0 0 0-3 3 3 3 0 0 0 3 3m0 3.54C9.64 9.35 6.5 8 3 8v11c3.5 0 6.64 1.35 9 3.54 2.36-2.19 5.5-3.54 9-3.54V8c-3.5 0-6.64 1.35-9 3.54Z"/></svg>
</a></header>
<nav class="md-nav md-nav--primary" aria-label="Navigasi">
<ul class="md-nav__list">
<li class="md-nav__item"><a href="{root}" class="md-nav__link"><span class="md-ellipsis">Beranda</span></a></li>
<li class="md-nav__item"><a href="{root}kasus/k-7f3a/" class="md-nav__link"><span class="md-ellipsis">Kasus k-7f3a</span></a></li>
<li class="md-nav__item"><a href="{root}statistik/" class="md-nav__link"><span class="md-ellipsis">Statistik 2025</span></a></li>
</ul>
</nav>
<main class="md-main"><article class="md-content__inner md-typeset">
<h1 id="{anchor}">{title}</h1>
{body}
</article></main>
<footer class="md-footer"><p>Dinas Sosial Kota Contoh, {office}.</p></footer>
<script id="__config" type="application/json">{{"base": "{root}", "features": [], "translations": {{"clipboard.copy": "Salin ke clipboard", "search.result.more.one": "1 lagi di halaman ini"}}}}</script>
<script src="{root}assets/javascripts/bundle.a5f9d56c.min.js"></script>
</body>
</html>
"""

CLEAN_BODY = (
    "<p>Pada Maret 2025 tim URC bersama Satpol PP melakukan penjangkauan. Klien A, seorang "
    "remaja, dibawa ke "
    "rumah singgah. Bantuan ATENSI Rp 1.500.000 diberikan sesuai UU No. 11 Tahun 2012 Pasal "
    "19.</p>\n"
    "<table><tr><th>Kelompok usia</th><th>Jumlah</th></tr><tr><td>13–17 "
    "tahun</td><td>&lt;10</td></tr></table>\n"
    '<p><img alt="Diagram alur layanan" src="../../assets/alur.svg"></p>'
)

CHART_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" role="img"><title>Klien per '
    "triwulan 2025"
    '</title><desc>Jumlah klien dibulatkan ke kelipatan 5.</desc><rect x="10" y="20" width="40" '
    'height="120"/>'
    '<text x="30" y="15">15</text></svg>'
)


def page(
    title: str = "Kasus k-7f3a",
    body: str = CLEAN_BODY,
    root: str = "../../",
    anchor: str = "kasus-k-7f3a",
    office: str = OFFICE,
) -> str:
    return PAGE.format(title=title, body=body, root=root, anchor=anchor, office=office)


def sitemap(locs: list[str]) -> str:
    urls = "".join(
        f"<url><loc>https://example.org/{loc}</loc><lastmod>2025-03-12</lastmod></url>\n"
        for loc in locs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )


def search_index(docs: list[dict[str, str]]) -> str:
    config = {"lang": ["id"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]}
    return json.dumps({"config": config, "docs": docs})


def png(text_chunks: dict[str, str] | None = None) -> bytes:
    """A 1x1 PNG, optionally with tEXt chunks."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")
        )

    ihdr = chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0]))
    extra = b"".join(
        chunk(b"tEXt", k.encode() + b"\0" + v.encode()) for k, v in (text_chunks or {}).items()
    )
    idat = chunk(b"IDAT", zlib.compress(b"\0\0"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + extra + idat + chunk(b"IEND", b"")


def clean_site_files() -> dict[str, str | bytes]:
    docs = [
        {"location": "", "title": "Beranda", "text": "<p>Selamat datang di Casebook.</p>"},
        {"location": "kasus/k-7f3a/", "title": "Kasus k-7f3a", "text": CLEAN_BODY},
        {
            "location": "kasus/k-7f3a/#tahap-asesmen",
            "title": "Tahap asesmen",
            "text": "<p>Asesmen awal.</p>",
        },
    ]
    return {
        "index.html": page(
            "Beranda", "<p>Selamat datang di Casebook.</p>", root="./", anchor="beranda"
        ),
        "404.html": page(
            "404 - Tidak ditemukan", "<p>Halaman tidak ada.</p>", root="/", anchor="404"
        ),
        "kasus/k-7f3a/index.html": page(),
        "statistik/index.html": page(
            "Statistik 2025", f"<figure>{CHART_SVG}</figure>", anchor="statistik-2025"
        ),
        "statistik/klien-2025.csv": "kelompok_usia,jumlah\n0-17,<10\n18-59,15\n60+,<10\n",
        "search/search_index.json": search_index(docs),
        "sitemap.xml": sitemap(["", "kasus/k-7f3a/", "statistik/"]),
        "sitemap.xml.gz": gzip.compress(sitemap(["", "kasus/k-7f3a/", "statistik/"]).encode()),
        "assets/alur.svg": CHART_SVG,
        "assets/images/favicon.png": png(),
        "assets/javascripts/bundle.a5f9d56c.min.js": (
            'var a="3174996512999998",b=1e9;function f(){return 1234567890}'
        ),
        "assets/stylesheets/main.57a0d79d.min.css": "@media print{.md-header{display:none}}",
        "assets/stylesheets/main.57a0d79d.min.css.map": (
            '{"version":3,"sources":["x.css"],"mappings":"AAAA"}'
        ),
        "assets/fonts/roboto.woff2": b"wOF2\x00\x01fake",
        "robots.txt": "User-agent: *\nAllow: /\n",
    }


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def denylist() -> DenyList:
    return DenyList.from_file(FIXTURE)


def audit(
    root: Path, files: dict[str, str | bytes], denylist: DenyList | None = None
) -> list[Problem]:
    return audit_site(write_site(root, files), denylist=denylist, allow=[OFFICE])


def test_clean_site_gives_no_finding(tmp_path, denylist):
    assert audit(tmp_path, clean_site_files(), denylist) == []


def test_office_details_need_the_allow_list(tmp_path):
    found = audit_site(write_site(tmp_path, clean_site_files()))
    assert {(f.code, f.path) for f in found} == {("street_address", "text"), ("phone", "text")}
    assert {f.file for f in found} == {
        "index.html",
        "404.html",
        "kasus/k-7f3a/index.html",
        "statistik/index.html",
    }


# (kind, file, content change, expected path, detector, where)
PLANTED = [
    (
        "text_phone",
        "kasus/k-7f3a/index.html",
        ("Klien A, seorang remaja,", "Klien A (hp 0812-9999-0001),"),
        "kasus/k-7f3a/index.html",
        "phone",
        "text",
    ),
    (
        "text_markup_split_name",
        "kasus/k-7f3a/index.html",
        ("Klien A,", "Dir<b>ja</b> Wacana,"),
        "kasus/k-7f3a/index.html",
        "denylist",
        "text",
    ),
    (
        "hidden_span",
        "kasus/k-7f3a/index.html",
        ("</article>", '<span style="display:none">Titin Pangestu</span></article>'),
        "kasus/k-7f3a/index.html",
        "denylist",
        "text",
    ),
    (
        "title_tag_nik",
        "kasus/k-7f3a/index.html",
        ("<title>Kasus k-7f3a", "<title>NIK 3174996512999998"),
        "kasus/k-7f3a/index.html",
        "nik",
        "text",
    ),
    (
        "alt_text",
        "kasus/k-7f3a/index.html",
        ('alt="Diagram alur layanan"', 'alt="Foto Azalea Agustina"'),
        "kasus/k-7f3a/index.html",
        "denylist",
        "attribute:alt",
    ),
    (
        "abbr_title",
        "kasus/k-7f3a/index.html",
        ("Klien A,", '<abbr title="Estiono Usamah">EU</abbr>,'),
        "kasus/k-7f3a/index.html",
        "denylist",
        "attribute:title",
    ),
    (
        "heading_anchor",
        "kasus/k-7f3a/index.html",
        ('id="kasus-k-7f3a"', 'id="keluarga-devi-habibi"'),
        "kasus/k-7f3a/index.html",
        "denylist",
        "attribute:id",
    ),
    (
        "data_attribute_email",
        "kasus/k-7f3a/index.html",
        ("<article class", '<article data-kontak="contoh99@example.com" class'),
        "kasus/k-7f3a/index.html",
        "email",
        "attribute:data-kontak",
    ),
    (
        "meta_description",
        "kasus/k-7f3a/index.html",
        (
            '<meta charset="utf-8">',
            '<meta charset="utf-8"><meta name="description" content="Tinggal di RT 09/RW 09">',
        ),
        "kasus/k-7f3a/index.html",
        "rt_rw",
        "attribute:content",
    ),
    (
        "href_url_escaped",
        "kasus/k-7f3a/index.html",
        ('src="../../assets/alur.svg"', 'src="../../assets/alur.svg?nama=Dirja%20Wacana"'),
        "kasus/k-7f3a/index.html",
        "denylist",
        "attribute:src",
    ),
    (
        "edit_link",
        "kasus/k-7f3a/index.html",
        (
            "<h1 ",
            (
                '<a href="https://example.org/edit/main/docs/kasus/sutan-lanjar-saefullah.md">'
                "Edit</a><h1 "
            ),
        ),
        "kasus/k-7f3a/index.html",
        "denylist",
        "attribute:href",
    ),
    (
        "html_comment_present",
        "kasus/k-7f3a/index.html",
        ("<h1 ", "<!-- catatan penulis --><h1 "),
        "kasus/k-7f3a/index.html",
        "html_comment",
        "comment",
    ),
    (
        "html_comment_content",
        "kasus/k-7f3a/index.html",
        ("<h1 ", "<!-- lahir 17 Maret 2009 --><h1 "),
        "kasus/k-7f3a/index.html",
        "full_date",
        "comment",
    ),
    (
        "inline_script_literal",
        "kasus/k-7f3a/index.html",
        ("__md_scope=new", 'var k="contoh99@example.com";__md_scope=new'),
        "kasus/k-7f3a/index.html",
        "email",
        "script",
    ),
    (
        "config_json_script",
        "kasus/k-7f3a/index.html",
        ('"features": []', '"features": ["@contoh_akun99"]'),
        "kasus/k-7f3a/index.html",
        "social_handle",
        "script",
    ),
    (
        "search_index_text",
        "search/search_index.json",
        ("Asesmen awal.", "Asesmen awal bersama Devi Habibi."),
        "search/search_index.json",
        "denylist",
        "search_index",
    ),
    (
        "search_index_location",
        "search/search_index.json",
        ("#tahap-asesmen", "#keluarga-titin-pangestu"),
        "search/search_index.json",
        "denylist",
        "search_index",
    ),
    (
        "search_index_attribute",
        "search/search_index.json",
        ('alt=\\"Diagram alur layanan\\"', 'alt=\\"KK 3174990101999997\\"'),
        "search/search_index.json",
        "kk",
        "attribute:alt",
    ),
    (
        "sitemap_plain",
        "sitemap.xml",
        ("kasus/k-7f3a/</loc>", "kasus/azalea-agustina/</loc>"),
        "sitemap.xml",
        "denylist",
        "sitemap",
    ),
    (
        "svg_text",
        "assets/alur.svg",
        ('<text x="30" y="15">15</text>', "<text>anak berusia 11 tahun</text>"),
        "assets/alur.svg",
        "exact_age",
        "text",
    ),
    (
        "svg_in_page",
        "statistik/index.html",
        ("Klien per triwulan 2025", "Klien Kel. Contohsari"),
        "statistik/index.html",
        "subcity_place",
        "text",
    ),
    (
        "csv_cell",
        "statistik/klien-2025.csv",
        ("18-59,15", "18-59,15 (Bapak Wiryo)"),
        "statistik/klien-2025.csv",
        "honorific_name",
        "csv",
    ),
    (
        "robots_txt",
        "robots.txt",
        ("Allow: /", "Allow: / # 0812-9999-0001"),
        "robots.txt",
        "phone",
        "text",
    ),
    (
        "js_file_name",
        "assets/javascripts/bundle.a5f9d56c.min.js",
        ("var a=", 'var n="Iswahyudi",a='),
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "denylist",
        "script",
    ),
    (
        "css_file_name",
        "assets/stylesheets/main.57a0d79d.min.css",
        ("@media", '.x::after{content:"Devi Habibi"}@media'),
        "assets/stylesheets/main.57a0d79d.min.css",
        "denylist",
        "stylesheet",
    ),
]


@pytest.mark.parametrize(
    "kind,file,change,path,detector,where", PLANTED, ids=[row[0] for row in PLANTED]
)
def test_planted_leak_is_found_with_the_right_stream(
    tmp_path, denylist, kind, file, change, path, detector, where
):
    files = clean_site_files()
    old, new = change
    assert isinstance(files[file], str) and old in files[file], kind
    files[file] = files[file].replace(old, new, 1)
    found = audit(tmp_path, files, denylist)
    assert (path, detector, where) in {(f.file, f.code, f.path) for f in found}, found


def test_sitemap_gz_is_decompressed_and_dates_in_lastmod_are_ignored(tmp_path, denylist):
    files = clean_site_files()
    files["sitemap.xml.gz"] = gzip.compress(
        sitemap(["", "kasus/dirja-wacana/", "hp-081299990001/"]).encode()
    )
    found = audit(tmp_path, files, denylist)
    assert {(f.file, f.code, f.path) for f in found} == {
        ("sitemap.xml.gz", "denylist", "sitemap"),
        ("sitemap.xml.gz", "phone", "sitemap"),
    }
    assert sorted((f.code, f.line) for f in found) == [("denylist", 4), ("phone", 5)]


def test_stray_source_files_are_disallowed_and_their_content_scanned(tmp_path, denylist):
    files = clean_site_files()
    files["kasus/data.yml"] = "nik: '3174996512999998'\nnama: Dirja Wacana\n"
    files["kasus/k-7f3a.md~"] = "# draft\n"
    files["kasus/laporan.pdf"] = b"%PDF-1.4 fake"
    files[".env"] = "X=1\n"
    files["CNAME"] = "example.org\n"
    found = audit(tmp_path, files, denylist)
    assert {(f.file, f.code, f.path, f.line) for f in found} == {
        ("kasus/data.yml", "disallowed_file_type", "file_type", 0),
        ("kasus/data.yml", "nik", "text", 1),
        ("kasus/data.yml", "denylist", "text", 2),
        ("kasus/data.yml", "name_label", "text", 2),
        ("kasus/data.yml", "capitalised_name", "text", 2),  # "Dirja": no known word
        ("kasus/k-7f3a.md~", "disallowed_file_type", "file_type", 0),
        ("kasus/laporan.pdf", "disallowed_file_type", "file_type", 0),
        (".env", "disallowed_file_type", "file_type", 0),
        ("CNAME", "disallowed_file_type", "file_type", 0),
    }


def test_folder_and_file_names_are_scanned(tmp_path, denylist):
    files = clean_site_files()
    files["kasus/sutan-lanjar-saefullah/index.html"] = page()
    files["assets/foto_azalea_agustina.png"] = png()
    files["kontak/0812-9999-0001.html"] = page()
    found = audit(tmp_path, files, denylist)
    assert {(f.file, f.code, f.path) for f in found} == {
        ("kasus/sutan-lanjar-saefullah", "denylist", "file_name"),
        ("assets/foto_azalea_agustina.png", "denylist", "file_name"),
        ("kontak/0812-9999-0001.html", "phone", "file_name"),
    }


def test_png_text_metadata_is_found(tmp_path, denylist):
    files = clean_site_files()
    files["assets/images/favicon.png"] = png({"Author": "Estiono Usamah"})
    found = audit(tmp_path, files, denylist)
    assert {(f.code, f.path) for f in found} == {
        ("image_metadata", "metadata"),
        ("denylist", "metadata"),
        ("capitalised_name", "metadata"),  # "Estiono Usamah": no known words
    }


def test_symlinks_are_reported_and_not_followed(tmp_path, denylist):
    outside = tmp_path / "outside"
    write_site(outside, {"secret.html": "<p>Dirja Wacana</p>"})
    site = write_site(tmp_path / "site", clean_site_files())
    os.symlink(outside, site / "linked")
    found = audit_site(site, denylist=denylist, allow=[OFFICE])
    assert [(f.file, f.code, f.path) for f in found] == [("linked", "symlink", "file_type")]


@pytest.mark.parametrize(
    "file,content",
    [
        ("search/search_index.json", '{"docs": [ broken'),
        ("sitemap.xml.gz", b"not gzip at all"),
        ("kasus/k-7f3a/index.html", b"<p>\xff\xfe latin-1 \xe9</p>"),
    ],
)
def test_unreadable_allowed_files_fail_closed(tmp_path, denylist, file, content):
    files = clean_site_files()
    files[file] = content
    found = audit(tmp_path, files, denylist)
    assert [(f.file, f.code) for f in found] == [(file, "unreadable_file")]


def test_line_numbers_point_at_the_leak(tmp_path, denylist):
    files = clean_site_files()
    body = "<p>Baris satu.</p>\n<p>Baris dua,\nhp 0812-9999-0001.</p>\n<p><b>Dir</b>ja Wacana</p>"
    files["kasus/k-7f3a/index.html"] = page(body=body)
    found = audit(tmp_path, files, denylist)
    text = files["kasus/k-7f3a/index.html"]
    lines = text.splitlines()
    phone_line = next(i for i, line in enumerate(lines, 1) if "0812-9999-0001" in line)
    name_line = next(i for i, line in enumerate(lines, 1) if "Wacana" in line)
    assert [(f.code, f.line) for f in found] == [
        ("phone", phone_line),
        ("capitalised_name", name_line),  # "Dirja": no known word
        ("denylist", name_line),
    ]


def test_comments_in_search_index_markup_are_found(tmp_path, denylist):
    files = clean_site_files()
    files["search/search_index.json"] = search_index(
        [{"location": "", "title": "x", "text": "<p>a</p><!-- b -->"}]
    )
    found = audit(tmp_path, files, denylist)
    assert [(f.file, f.code, f.path) for f in found] == [
        ("search/search_index.json", "html_comment", "comment")
    ]


def test_numbers_in_theme_bundles_and_svg_geometry_are_not_findings(tmp_path, denylist):
    files = clean_site_files()
    files["assets/javascripts/extra.js"] = 'const t=["081299990001","3174996512999998"];'
    files["assets/icon.svg"] = (
        '<svg viewBox="0 0 24 24"><path d="M1 2 3174996512999998 0812 9999 0001"/></svg>'
    )
    assert audit(tmp_path, files, denylist) == []


def test_without_a_denylist_only_unknown_names_and_identifiers_are_caught(tmp_path):
    files = clean_site_files()
    files["kasus/k-7f3a/index.html"] = page(body="<p>Dirja Wacana, NIK 3174996512999998</p>")
    found = audit(tmp_path, files, None)
    # "Dirja" is no known word; "Wacana" is one, so only the deny-list would catch it
    assert [(f.code, f.path) for f in found] == [("capitalised_name", "text"), ("nik", "text")]
    files["kasus/k-7f3a/index.html"] = page(body="<p>Wacana, NIK 3174996512999998</p>")
    assert [f.code for f in audit(tmp_path / "b", files, None)] == ["nik"]


def test_output_is_sorted_and_deterministic(tmp_path, denylist):
    files = clean_site_files()
    files["kasus/k-7f3a/index.html"] = page(body="<p>hp 0812-9999-0001</p><p>Dirja Wacana</p>")
    files["b/data.yml"] = "x: 1\n"
    files["a/0812-9999-0001.html"] = page()
    first = audit(tmp_path, files, denylist)
    second = audit_site(tmp_path, denylist=denylist, allow=[OFFICE])
    assert first == second
    assert first == sorted(first, key=lambda f: (f.file, f.line or 0, f.path, f.code))
    assert [f.file for f in first] == [
        "a/0812-9999-0001.html",
        "b/data.yml",
        "kasus/k-7f3a/index.html",
        "kasus/k-7f3a/index.html",
        "kasus/k-7f3a/index.html",
    ]


def test_default_allowed_suffixes_cover_a_material_build_and_exclude_sources():
    for suffix in (
        ".html",
        ".css",
        ".js",
        ".map",
        ".json",
        ".xml",
        ".xml.gz",
        ".svg",
        ".png",
        ".ico",
        ".woff2",
    ):
        assert suffix in DEFAULT_ALLOWED_SUFFIXES
    for suffix in (".md", ".yml", ".yaml", ".bak", ".pdf", ".docx", ".jpg", ".gz"):
        assert suffix not in DEFAULT_ALLOWED_SUFFIXES


def test_allowed_suffixes_can_be_widened(tmp_path, denylist):
    files = clean_site_files()
    files["unduh/laporan.pdf"] = b"%PDF-1.4 fake"
    write_site(tmp_path, files)
    assert (
        audit_site(
            tmp_path,
            denylist=denylist,
            allow=[OFFICE],
            allowed_suffixes=DEFAULT_ALLOWED_SUFFIXES | {".pdf"},
        )
        == []
    )


# --------------------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------------------


def test_format_finding_in_indonesian():
    f = leak("kasus/k-7f3a/index.html", "phone", "text", 12)
    assert format_finding(f) == (
        "kasus/k-7f3a/index.html:12  phone  nomor telepon/HP (teks). "
        "Hapus nomor telepon; hanya nomor resmi kantor yang boleh (daftar izin)."
    )


def test_format_finding_in_english():
    f = leak("kasus/k-7f3a/index.html", "denylist", "attribute:alt", 40)
    assert format_finding(f, lang="en") == (
        "kasus/k-7f3a/index.html:40  denylist  name from the private deny-list (attribute alt). "
        "Remove the real name; use the pseudonym."
    )


def test_format_finding_without_line_and_for_audit_detectors():
    f = leak("kasus/data.yml", "disallowed_file_type", "file_type", 0)
    assert format_finding(f, "id") == (
        "kasus/data.yml  disallowed_file_type  jenis file tidak diizinkan di situs publik (jenis "
        "file). "
        "Pindahkan file data/sumber ke luar folder docs; hanya keluaran situs yang boleh terbit."
    )
    assert format_finding(leak("a.html", "html_comment", "comment", 3), "en") == (
        "a.html:3  html_comment  HTML comment in a public page (comment). "
        "Remove the comment from the page source; comments are published."
    )


def test_reports_never_contain_the_leaked_values(tmp_path, denylist):
    payloads = [
        "0812-9999-0001",
        "3174996512999998",
        "Dirja Wacana",
        "contoh99@example.com",
        "17 Maret 2009",
    ]
    files = clean_site_files()
    files["kasus/k-7f3a/index.html"] = page(body="".join(f"<p>{p}</p>" for p in payloads))
    files["kasus/dirja-wacana.yml"] = "\n".join(payloads)
    found = audit(tmp_path, files, denylist)
    assert len(found) >= len(payloads)
    report = "\n".join(format_finding(f, lang) for f in found for lang in ("id", "en")) + repr(
        found
    )
    for payload in payloads:
        assert payload not in report
    assert "Wacana" not in report.replace("dirja-wacana", "")


def test_summarise_counts_per_detector():
    found = [
        leak("a", "phone", "text", 1),
        leak("b", "phone", "text", 2),
        leak("c", "nik", "text", 1),
    ]
    assert summarise(found) == {"nik": 1, "phone": 2}


# --------------------------------------------------------------------------------------------------
# Speed
# --------------------------------------------------------------------------------------------------


def test_hundreds_of_pages_with_repeated_navigation_audit_quickly(tmp_path, denylist):
    nav = "".join(
        f'<li class="md-nav__item"><a href="../k-{i:04x}/" class="md-nav__link">'
        f'<span class="md-ellipsis">Kasus k-{i:04x}</span></a></li>\n'
        for i in range(300)
    )
    files = clean_site_files()
    for i in range(300):
        body = f"<p>Catatan kasus nomor urut {i} pada triwulan I 2025.</p>" + CLEAN_BODY
        files[f"kasus/k-{i:04x}/index.html"] = page(body=body).replace(
            '<ul class="md-nav__list">', f'<ul class="md-nav__list">{nav}'
        )
    write_site(tmp_path, files)
    size = sum(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file())
    assert size > 10_000_000
    started = time.perf_counter()
    assert audit_site(tmp_path, denylist=denylist, allow=[OFFICE]) == []
    assert (
        time.perf_counter() - started < 20
    )  # about 1 s on one core; generous for a busy CI machine


# --------------------------------------------------------------------------------------------------
# A real MkDocs + Material build (research §6: where a Material build leaks)
# --------------------------------------------------------------------------------------------------

MKDOCS_YML = """site_name: Casebook Uji
site_url: https://example.org/
repo_url: https://example.org/repo
edit_uri: edit/main/docs/
theme:
  name: material
  language: id
  features: [content.action.edit]
plugins: [search]
markdown_extensions: [abbr, footnotes, toc, attr_list, md_in_html, tables]
"""
REAL_HOME = (
    f"# Beranda\n\nSelamat datang. Kantor: {OFFICE}.\n\nBantuan Rp 1.500.000 pada Maret 2025.\n"
)
REAL_CLEAN_CASE = """# Kasus k-7f3a

Klien A, seorang remaja, dibawa ke rumah singgah pada Maret 2025 (UU No. 11 Tahun 2012 Pasal 19).

| Kelompok usia | Jumlah |
|---|---|
| 13–17 tahun | <10 |
"""
REAL_LEAKY_CASE = """---
title: Kasus Estiono Usamah
description: Klien berinisial QX, berusia 11 tahun
---
# Kasus dua

Klien tinggal di RT 09/RW 09.<!-- catatan: Devi Habibi -->

## Keluarga Titin Pangestu

![Foto Dirja Wacana](x.png "Sutan Lanjar Saefullah")

Ibu klien, hp 0812-9999-0001, lahir 17 Maret 2009.[^1]

*[UJI]: Iswahyudi

Data UJI.

[^1]: NIK 3174996512999998

<span data-x="contoh99@example.com" style="display:none">Bapak Wiryo</span>
"""


def build_real_site(root: Path, pages: dict[str, str]) -> Path:
    """Build a MkDocs + Material site in a subprocess (tests never import mkdocs)."""
    write_site(root, {"mkdocs.yml": MKDOCS_YML, **{f"docs/{k}": v for k, v in pages.items()}})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(root / "site"),
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    return root / "site"


@pytest.mark.slow
def test_real_clean_material_build_gives_no_finding(tmp_path, denylist):
    site = build_real_site(tmp_path, {"index.md": REAL_HOME, "kasus/k-7f3a.md": REAL_CLEAN_CASE})
    assert (site / "sitemap.xml.gz").is_file() and (site / "search" / "search_index.json").is_file()
    assert audit_site(site, denylist=denylist, allow=[OFFICE]) == []


@pytest.mark.slow
def test_real_material_build_leaks_are_found_in_every_stream(tmp_path, denylist):
    site = build_real_site(
        tmp_path,
        {
            "index.md": REAL_HOME,
            "kasus/azalea-agustina.md": REAL_LEAKY_CASE,
            "kasus/data.yml": 'nik: "3174996512999998"\n',
        },
    )
    found = {
        (f.file, f.code, f.path) for f in audit_site(site, denylist=denylist, allow=[OFFICE])
    }
    page_ = "kasus/azalea-agustina/index.html"
    expected = {
        ("kasus/azalea-agustina", "denylist", "file_name"),  # page file name -> folder
        ("index.html", "denylist", "attribute:href"),  # file name in the nav of every page
        ("index.html", "denylist", "text"),  # front-matter title in the nav
        ("404.html", "denylist", "text"),
        (page_, "exact_age", "attribute:content"),  # description -> <meta>
        (page_, "initials", "attribute:content"),
        (page_, "html_comment", "comment"),
        (page_, "denylist", "comment"),
        (page_, "rt_rw", "text"),
        (page_, "denylist", "attribute:id"),  # heading -> anchor id
        (page_, "denylist", "attribute:alt"),
        (page_, "denylist", "attribute:title"),  # image title and <abbr title>
        (page_, "phone", "text"),
        (page_, "full_date", "text"),
        (page_, "nik", "text"),  # footnote
        (page_, "email", "attribute:data-x"),
        (page_, "honorific_name", "text"),  # hidden span
        ("kasus/data.yml", "disallowed_file_type", "file_type"),  # MkDocs copies stray files
        ("kasus/data.yml", "nik", "text"),
        ("search/search_index.json", "denylist", "search_index"),
        ("search/search_index.json", "phone", "search_index"),
        ("sitemap.xml", "denylist", "sitemap"),
        ("sitemap.xml.gz", "denylist", "sitemap"),
    }
    assert expected <= found, sorted(expected - found)
