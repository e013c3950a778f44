"""What crosses the privacy wall: the only values the public renderers receive.

The privacy stage makes them from the validated project (``privacy.view.site_view`` for the
stories and the office, ``privacy.release.public_release`` for the statistics); the public
renderers (``generator.render.public``) take nothing else, and an import contract keeps them
from reaching the model. Nothing here holds a raw record, a case id, an alias, a day-level date
or an unprotected count.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from generator.privacy.disclosure import DisclosurePolicy, PublishedTable

Labels = Mapping[str, str]  # language → text
Label = Callable[[str, "str | None", str], str]  # (vocabulary, code, language) → label


@dataclass(frozen=True)
class PublicService:
    """A delivered service: its rehabilitation form and the *type* of provider (codes)."""

    form: str
    provider: str | None


@dataclass(frozen=True)
class PublicCase:
    """One approved story with its generalised facts. Fields hold vocabulary codes except
    ``public_id``, ``city`` (the office's own city) and the approved ``title``/``summary``."""

    public_id: str
    title: str
    summary: str
    city: str
    sex: str
    age_group: str
    category: str
    category_vocabulary: str  # "ppks", or "atensi_cluster" when the category is rare
    quarter: str  # "2025-T1"
    channel: str
    services: tuple[PublicService, ...]
    referrals: tuple[str, ...]  # provider_type codes of accepted/completed referrals
    stages: tuple[str, ...]  # stage codes completed, in casework order
    outcome: str | None
    attainment: str | None
    duration: str | None  # duration_bucket code; None while open

    @property
    def year(self) -> int:
        return int(self.quarter[:4])

    @property
    def quarter_number(self) -> int:
        return int(self.quarter[-1])


@dataclass(frozen=True)
class TableMeta:
    """What a public renderer may know of a table besides its published numbers: no counts."""

    key: str
    title: Labels
    unit: Labels
    rows: tuple[str, ...]
    row_labels: tuple[Labels, ...]
    cols: tuple[str, ...]
    col_labels: tuple[Labels, ...]
    additive: bool
    section: str
    notes: tuple[Labels, ...]
    row_title: Labels
    col_title: Labels
    totals: bool


@dataclass(frozen=True)
class PublicTable:
    """A table as the public sees it, in each language."""

    meta: TableMeta
    published: Mapping[str, PublishedTable]

    @property
    def shows_totals(self) -> bool:
        """Totals are shown only where every client lies in exactly one cell."""
        meta = self.meta
        return meta.additive and meta.totals and meta.section != "sensitive"

    def notes(self, lang: str) -> tuple[str, ...]:
        return tuple(note[lang] for note in self.meta.notes) + self.published[lang].notes


@dataclass(frozen=True)
class Release:
    """Everything the public statistics show for one period."""

    period_label: str
    period_title: Labels
    city: str
    policy: DisclosurePolicy
    tables: tuple[PublicTable, ...]
    sensitive: PublicTable | None


@dataclass(frozen=True)
class PublicOffice:
    """The office's own public profile (its address and phone are the office's, not a client's)."""

    name: str
    city: str
    about: str | None
    vision: str | None
    mission: tuple[str, ...]
    services: tuple[str, ...]
    address: str | None
    phone: str | None


@dataclass(frozen=True)
class PublicView:
    """Everything the public story and home pages show: approved stories, generalised, and the
    office's public profile, with the vocabulary labels to name their codes."""

    lang: str
    site_name: str  # the office's name, else the public site's name, else "Casebook"
    office: PublicOffice | None
    stories: tuple[PublicCase, ...]  # newest quarter first, then by page id
    label: Label
    home: bool  # content/ has no public home page, so one is generated
