"""Pages of the public site: the home page, the list of stories and the stories themselves,
one page per category and year (``cerita/2025-lansia-terlantar.md``), each story a section
whose anchor is its opaque id.

Every page is rendered from a ``privacy.wall.PublicView`` (generalised ``PublicCase`` stories and
the office's public profile), never from a case record: a field that is not on the allow-list
cannot reach these pages. The story text written for
the public is rendered as plain text: Markdown and HTML in it are escaped, so it can never become a
comment, an attribute, a footnote, an abbreviation or a heading anchor. Indonesian first, English
when the project's language is ``en``.
"""

from __future__ import annotations

import re
from typing import Any

from generator.privacy.wall import PublicCase, PublicOffice, PublicView
from generator.words import beside, catalogue

STORIES_FOLDER = "cerita"
STORIES_INDEX = f"{STORIES_FOLDER}/index.md"
HOME_PAGE = "index.md"
STATISTICS_INDEX = "statistik/index.md"
QUARTER_NAMES = {"id": ("I", "II", "III", "IV")}

PHRASES = catalogue(beside(__file__, "phrases.yaml"))  # key → {"id": ..., "en": ...}


def say(key: str, lang: str, **params: Any) -> str:
    """A phrase of this module in ``lang`` (``id`` or ``en``)."""
    return PHRASES[key]["en" if lang == "en" else "id"].format(**params)


# ---------------------------------------------------------------- plain text


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)


def plain(text: str) -> str:
    """Text shown exactly as written: HTML and Markdown syntax escaped, one line per paragraph."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LIST_START.sub(r"\1\2\\\3", text)
    return re.sub(r"^(\s*)-", r"\1\\-", text, flags=re.MULTILINE)


def plain_paragraphs(text: str) -> str:
    """Paragraphs (blank-line separated) joined into single lines, each escaped."""
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip())]
    return "\n\n".join(plain(block) for block in blocks if block)


def quarter_label(quarter: str, lang: str = "id") -> str:
    """``Triwulan I 2025`` / ``Q1 2025``."""
    year, number = quarter[:4], int(quarter[-1])
    if lang == "id":
        return f"Triwulan {QUARTER_NAMES['id'][number - 1]} {year}"
    return f"Q{number} {year}"


# ---------------------------------------------------------------- labels


def label(view: PublicView, vocabulary: str, code: str | None, lang: str) -> str:
    """A vocabulary label for a code (escaped for Markdown)."""
    return plain(view.label(vocabulary, code, "en" if lang == "en" else "id"))


def service_labels(story: PublicCase, view: PublicView, lang: str) -> tuple[list[str], list[str]]:
    """The distinct rehabilitation forms delivered, and the distinct provider *types*."""
    forms = dict.fromkeys(label(view, "rehab_form", s.form, lang) for s in story.services)
    providers = dict.fromkeys(
        label(view, "provider_type", s.provider, lang) for s in story.services if s.provider
    )
    return list(forms), list(providers)


def story_facts(story: PublicCase, view: PublicView, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs shown under a story."""

    def lab(vocabulary: str, code: str | None) -> str:
        return label(view, vocabulary, code, lang)

    open_ = say("fact.open", lang)
    forms, providers = service_labels(story, view, lang)
    facts = [
        ("fact.city", plain(story.city)),
        ("fact.age_group", lab("public_age_group", story.age_group)),
        ("fact.sex", lab("sex", story.sex)),
        ("fact.category", lab(story.category_vocabulary, story.category)),
        ("fact.quarter", quarter_label(story.quarter, lang)),
        ("fact.channel", lab("intake_channel", story.channel)),
        ("fact.services", "; ".join(forms)),
        ("fact.providers", "; ".join(providers)),
        ("fact.referrals", "; ".join(lab("provider_type", code) for code in story.referrals)),
        ("fact.stages", "; ".join(lab("stage", code) for code in story.stages)),
        ("fact.outcome", lab("outcome", story.outcome) if story.outcome else open_),
        ("fact.attainment", lab("goal_attainment", story.attainment) if story.attainment else ""),
        ("fact.duration", lab("duration_bucket", story.duration) if story.duration else ""),
    ]
    return [(say(key, lang), value) for key, value in facts if value]


# ---------------------------------------------------------------- pages


def story_section(story: PublicCase, view: PublicView, lang: str) -> str:
    """One story: its title (anchored by the opaque id), the approved text, the generalised facts."""
    rows = [f"| {name} | {value} |" for name, value in story_facts(story, view, lang)]
    facts = "\n".join(
        [f"| {say('story.fact', lang)} | {say('story.value', lang)} |", "|---|---|", *rows]
    )
    return "\n\n".join(
        [f"## {plain(story.title)} {{#{story.public_id}}}", plain_paragraphs(story.summary), facts]
    )


def story_group(story: PublicCase) -> str:
    """The page a story is on: its year and category (``2025-lansia-terlantar``)."""
    prefix = "klaster-" if story.category_vocabulary != "ppks" else ""
    return f"{story.year}-{prefix}{story.category.replace('_', '-')}"


def story_groups(stories: list[PublicCase]) -> dict[str, list[PublicCase]]:
    """Stories by page, each page's stories by quarter then opaque id (no other order leaks)."""
    groups: dict[str, list[PublicCase]] = {}
    for story in sorted(stories, key=lambda s: (s.quarter, s.public_id)):
        groups.setdefault(story_group(story), []).append(story)
    return dict(sorted(groups.items()))


def category_label(story: PublicCase, view: PublicView, lang: str) -> str:
    return label(view, story.category_vocabulary, story.category, lang)


def group_title(story: PublicCase, view: PublicView, lang: str) -> str:
    return f"{category_label(story, view, lang)} \u2014 {story.year}"


def stories_page(stories: list[PublicCase], view: PublicView, lang: str) -> str:
    """The stories of one category and year, with a note on how they were anonymised."""
    parts = [
        f"# {group_title(stories[0], view, lang)}",
        f'!!! note "{say("story.about", lang)}"\n\n    {say("story.about_text", lang)}',
        *(story_section(story, view, lang) for story in stories),
        f"[\u2190 {say('story.back', lang)}](index.md)",
    ]
    return "\n\n".join(parts) + "\n"


def stories_index(stories: list[PublicCase], view: PublicView, lang: str) -> str:
    """The story pages by category and year, with how many stories each holds."""
    parts = [f"# {say('stories.title', lang)}", say("stories.lead", lang)]
    if not stories:
        parts.append(say("stories.none", lang))
        return "\n\n".join(parts) + "\n"
    header = [say("fact.category", lang), say("stories.year", lang), say("stories.count", lang)]
    rows = ["| " + " | ".join(header) + " |", "|---|---|---:|"]
    pages = sorted(
        (category_label(members[0], view, lang), members[0].year, name, len(members))
        for name, members in story_groups(stories).items()
    )
    for category, year, name, count in pages:
        rows.append(f"| [{category}]({name}.md) | {year} | {count} |")
    parts.append("\n".join(rows))
    return "\n\n".join(parts) + "\n"


def public_home(view: PublicView) -> str:
    """The public home page: the office, where to go, how clients' data are protected."""
    office, lang = view.office, view.lang
    parts = [f"# {plain(view.site_name)}", say("home.lead", lang, office=plain(view.site_name))]
    if office and office.about:
        parts.append(plain_paragraphs(office.about))
    if office and office.vision:
        parts += [f"## {say('home.vision', lang)}", plain_paragraphs(office.vision)]
    if office and office.mission:
        items = [f"{i}. {plain(' '.join(m.split()))}" for i, m in enumerate(office.mission, 1)]
        parts += [f"## {say('home.mission', lang)}", "\n".join(items)]
    if office and office.services:
        parts += [
            f"## {say('home.services', lang)}",
            "\n".join(f"- {plain(s)}" for s in office.services),
        ]
    parts += [f"## {say('home.explore', lang)}", _cards(len(view.stories), lang)]
    parts += [f"## {say('home.privacy', lang)}", say("home.privacy_text", lang)]
    parts += _contact(office, lang)
    return "\n\n".join(parts) + "\n"


def _cards(count: int, lang: str) -> str:
    cards = [
        say("home.stories_card", lang, link=STORIES_INDEX, count=count),
        say("home.statistics_card", lang, link=STATISTICS_INDEX),
    ]
    items = "\n\n".join(f"-   {card}" for card in cards)
    return f'<div class="grid cards" markdown>\n\n{items}\n\n</div>'


def _contact(office: PublicOffice | None, lang: str) -> list[str]:
    """The office's own public address and phone (allow-listed for the leak audit)."""
    if office is None or not (office.address or office.phone):
        return []
    lines = []
    if office.address:
        lines.append(f"{say('home.address', lang)}\n:   {plain(office.address)}")
    if office.phone:
        lines.append(f"{say('home.phone', lang)}\n:   {plain(office.phone)}")
    return [f"## {say('home.contact', lang)}", "\n\n".join(lines)]


def public_pages(view: PublicView) -> dict[str, str]:
    """The public site's own pages: home (unless content/ has one) and the stories."""
    stories = list(view.stories)
    pages = {STORIES_INDEX: stories_index(stories, view, view.lang)}
    pages.update({
        f"{STORIES_FOLDER}/{name}.md": stories_page(members, view, view.lang)
        for name, members in story_groups(stories).items()
    })
    if view.home:
        pages[HOME_PAGE] = public_home(view)
    return dict(sorted(pages.items()))
