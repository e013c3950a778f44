"""Identifier detectors and the private deny-list, wired into ``casebook check`` and the public build.

In ``casebook check`` (called from ``generator.build.project`` while files load, so the results are cached
with each case file): every free-text field of a case and of an intern's files is scanned by
``generator.privacy.detectors``. A finding in a field headed for the public site (``publication.title`` and
``publication.summary`` of a case whose audience is ``public``) or in the client's alias is an
error; anywhere else it is a warning. Messages name the detector, the field and the position
(line and column inside the YAML value) and never the matched text. The private deny-list
(settings.denylist) runs on the same fields: a real name anywhere is an error.

In ``casebook build`` for the public audience (``PublicGuard``): the deny-list runs on every
generated file (path and content) before MkDocs, and the leak audit (``generator.privacy.audit``: detectors
+ deny-list over every file of the built site) runs on the staged build before it is swapped in.
Either finding fails the build; the previous public site stays as it was.

The office's own public address and phone (office.yaml) are allowed everywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator.model.taxonomy import TaxonomyError, load_taxonomy
from generator.privacy.allowlist import AllowList
from generator.privacy.audit import audit_site, format_finding
from generator.privacy.denylist import DenyList
from generator.privacy.detectors import DETECTOR_LABELS, REVIEW_DETECTORS, Match, scan_text
from generator.privacy.names import Lexicon, own_phrases, own_words, phrases_of, words_of
from generator.privacy.view import has_sensitive_subgroup
from generator.problems import Problem, catalog_entry
from generator.validate.rules import dotted

if TYPE_CHECKING:
    from pydantic import BaseModel

    from generator.load.source import LoadedFile
    from generator.model.project import InternDoc, Project
    from generator.model.records import Assessment, Case, Intern, Logbook, Office, Plan, Settings
    from generator.model.taxonomy import Taxonomy


Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class TextField:
    """One free-text value of a file: where it is, its text, and whether it is headed for the public."""

    loc: Loc
    text: str
    public: bool = False


# ---------------------------------------------------------------- allow-list


def office_allow(office: Office | None) -> tuple[str, ...]:
    """The office's own public address and phone: never reported (research PRIV-26)."""
    if office is None:
        return ()
    return tuple(value for value in (office.address, office.phone) if value)


def denylist_path(root: Path, settings: Settings | None) -> Path:
    """The private deny-list file of a project (settings.denylist, relative to the root)."""
    path = Path(getattr(settings, "denylist", None) or "private/denylist.txt")
    return path if path.is_absolute() else Path(root) / path


def allowlist_path(denylist: Path) -> Path:
    """The office's allow-list: ``allowlist.txt`` beside the deny-list."""
    return denylist.with_name("allowlist.txt")


def read_allowlist(denylist: Path, office: Office | None) -> AllowList:
    """The office's allow-list; only a staff member of ``office.yaml`` may approve an entry."""
    reviewers = [person.id for person in office.staff] if office is not None else []
    return AllowList.read(allowlist_path(denylist), reviewers, _today())


def _today() -> dt.date:
    pinned = os.environ.get("CASEBOOK_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def office_texts(office: Office | None) -> list[str]:
    """Every text of office.yaml that the sites publish (names, places, profile, staff)."""
    if office is None:
        return []
    texts = [office.name, office.short_name, office.city, office.province, office.division]
    texts += [office.address or "", office.about or "", office.vision or ""]
    texts += [*office.mission, *office.services]
    texts += [part for person in office.staff for part in (person.name, person.title or "")]
    return texts


def taxonomy_texts(taxonomy: Taxonomy | None) -> list[str]:
    """Every label of every vocabulary, in both languages."""
    if taxonomy is None:
        return []
    texts = []
    for vocabulary in taxonomy.vocabularies.values():
        texts += vocabulary.label.values()
        for entry in vocabulary.entries.values():
            texts += [str(entry.get("id", "")), str(entry.get("en", ""))]
    return texts


def project_lexicon(
    office: Office | None, taxonomy: Taxonomy | None, allowlist: AllowList | None = None
) -> Lexicon:
    """The words that are no name in a project's public text (see ``generator.privacy.names``)."""
    allowlist = allowlist or AllowList()
    texts = office_texts(office) + taxonomy_texts(taxonomy)
    return Lexicon(own_words() | words_of(texts), allowlist.words, own_phrases() | phrases_of(texts))


@dataclass(frozen=True)
class Rules:
    """What ``casebook check`` applies to free text: the allow-list and the private deny-list."""

    allow: tuple[str, ...] = ()
    denylist: DenyList | None = None
    denylist_digest: str = ""
    taxonomy: Taxonomy | None = None  # the project's vocabularies (sensitive subgroups); None: built-in
    lexicon: Lexicon = dataclasses.field(default_factory=Lexicon)  # known words of public text
    allowlist: AllowList = dataclasses.field(default_factory=AllowList)  # reviewer-approved words

    @classmethod
    def for_project(cls, root: Path, settings: Settings | None, office: Office | None) -> Rules:
        """The office's allow-list and the project's deny-list (empty when the file is missing)."""
        path = denylist_path(root, settings)
        raw = path.read_bytes() if path.is_file() else b""
        try:
            taxonomy = load_taxonomy(root)
        except TaxonomyError:
            taxonomy = load_taxonomy(None)
        digest = hashlib.blake2b(raw).hexdigest()
        allowlist = read_allowlist(path, office)
        denylist = DenyList.from_file(path, allowed=allowlist.words)
        lexicon = project_lexicon(office, taxonomy, allowlist)
        return cls(office_allow(office), denylist, digest, taxonomy, lexicon, allowlist)

    def fingerprint(self) -> str:
        """Changes with the detectors, this module, the allow-list or the deny-list (cache key)."""
        here = Path(__file__).parent
        code = b"".join(
            (here / name).read_bytes()
            for name in ("detectors.py", "names.py", "allowlist.py", "denylist.py", "check.py")
        )
        extra = "\0".join((*self.allow, self.denylist_digest, self.lexicon.fingerprint()))
        return hashlib.blake2b(code + extra.encode("utf-8"), digest_size=16).hexdigest()

    def scan(
        self, text: str, *, extra_allow: tuple[str, ...] = (), public: bool = False
    ) -> list[Match]:
        """Detector findings, then deny-list findings, in one text (``public``: the stricter
        standard of public text, with the capitalised-name detector)."""
        lexicon = self.lexicon if public else None
        found = scan_text(text, allow=self.allow + extra_allow, lexicon=lexicon)
        if self.denylist is not None and not self.denylist.is_empty:
            found += self.denylist.find(text)
        return found


def _lenient_office(path: Path) -> Office | None:
    """office.yaml as a model, or None when it is missing or does not validate."""
    from generator.model.records import Office

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        return Office.model_validate(data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):
        return None


def allowlist_problems(rules: Rules, display: Callable[[Path], str]) -> list[Problem]:
    """A warning for every allow-list line that does not count, saying what would make it count."""
    allowlist = rules.allowlist
    if allowlist.path is None:
        return []
    name = display(allowlist.path)
    return [
        Problem.make(name, refusal.line, 1, "", f"privacy.allow_{refusal.reason}")
        for refusal in allowlist.refusals
    ]


# ---------------------------------------------------------------- the free-text fields


def case_text_fields(case: Case) -> Iterator[TextField]:
    """Every free-text field of a case; the story fields are public when the audience is public."""
    yield TextField(("case_id",), case.case_id)
    yield TextField(("client", "alias"), case.client.alias)
    yield TextField(("intake", "presenting_problem"), case.intake.presenting_problem)
    if case.consent.override:
        yield TextField(("consent", "override", "reason"), case.consent.override.reason)
    yield from _assessment_fields(case.assessment)
    yield from _plan_fields(case.plan)
    for index, service in enumerate(case.services):
        yield from _optional(("services", index), service, ("subtype", "note"))
    for index, referral in enumerate(case.referrals):
        yield from _optional(("referrals", index), referral, ("facility", "reason", "outcome"))
    for index, evaluation in enumerate(case.evaluations):
        yield from _optional(("evaluations", index), evaluation, ("note",))
    if case.closure:
        yield TextField(("closure", "reason"), case.closure.reason)
    for key, text in case.notes.items():
        yield TextField(("notes", key), text)
    public = case.publication.audience == "public"
    for key in ("title", "summary"):
        text = getattr(case.publication, key)
        if text:
            yield TextField(("publication", key), text, public)


def _optional(prefix: Loc, item: BaseModel, names: tuple[str, ...]) -> Iterator[TextField]:
    for name in names:
        text = getattr(item, name)
        if text:
            yield TextField((*prefix, name), text)


def _assessment_fields(assessment: Assessment | None) -> Iterator[TextField]:
    if assessment is None:
        return
    yield from _optional(("assessment",), assessment, ("instrument", "summary"))
    for domain, rating in assessment.domains.items():
        if rating.note:
            yield TextField(("assessment", "domains", domain, "note"), rating.note)
    for index, strength in enumerate(assessment.strengths):
        yield TextField(("assessment", "strengths", index), strength)


def _plan_fields(plan: Plan | None) -> Iterator[TextField]:
    if plan is None:
        return
    for index, goal in enumerate(plan.goals):
        yield from _optional(("plan", "goals", index), goal, ("text", "indicator"))
    yield from _optional(("plan",), plan, ("fallback",))


def intern_text_fields(intern: Intern) -> Iterator[TextField]:
    """Free text of intern.yaml: monthly reflections and the report title."""
    for index, reflection in enumerate(intern.reflections):
        yield from _optional(
            ("reflections", index), reflection, ("learned", "obstacles", "solutions")
        )
    yield from _optional((), intern, ("report_title",))


def logbook_text_fields(logbook: Logbook) -> Iterator[TextField]:
    """Free text of logbook.yaml: descriptions, outputs, place types and validation notes."""
    for index, entry in enumerate(logbook.entries):
        yield from _optional(("entries", index), entry, ("description", "output", "location"))
        if entry.validation.note:
            yield TextField(("entries", index, "validation", "note"), entry.validation.note)


# ---------------------------------------------------------------- findings as problems


# Internal fields whose very purpose is a value some detector looks for: a referral's
# ``facility`` names the receiving facility (it never reaches the public site).
EXPECTED: dict[str | int, frozenset[str]] = {"facility": frozenset({"facility_name"})}


def _code_and_severity(field: TextField, finding: Match) -> tuple[str, str]:
    if finding.detector == "denylist":
        return "privacy.denylist", "error"
    if field.loc == ("client", "alias"):
        return "privacy.alias", "error"
    if field.loc == ("case_id",):
        return "privacy.case_id", "error"
    if field.public and finding.detector in REVIEW_DETECTORS:
        return "privacy.public_name", "error"
    if field.public:
        return "privacy.public_identifier", "error"
    return "privacy.identifier", "warning"


def _params(finding: Match) -> dict[str, str]:
    labels = DETECTOR_LABELS.get(finding.detector) or {
        "id": finding.detector,
        "en": finding.detector,
        "hint_id": "",
        "hint_en": "",
    }
    return {
        "detector": finding.detector,
        "label_id": labels["id"],
        "label_en": labels["en"],
        "hint_id": labels["hint_id"],
        "hint_en": labels["hint_en"],
    }


def _dotted(loc: Loc) -> str:
    return dotted(loc)


class _Positions:
    """Line and column of a character inside a YAML value (the file is composed once, lazily)."""

    def __init__(self, text: str | None, path: Path | None):
        self._text, self._path = text, path
        self._root: yaml.Node | None = None

    def source(self) -> str:
        if self._text is None:
            self._text = Path(self._path).read_text(encoding="utf-8-sig") if self._path else ""
        return self._text

    def node(self, loc: Loc) -> yaml.Node | None:
        if self._root is None:
            self._root = yaml.compose(
                self.source(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            )
        node = self._root
        for part in loc:
            node = _child(node, part)
            if node is None:
                return None
        return node

    def of(self, loc: Loc, value: str, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``value[offset]`` in the source of the value at ``loc``."""
        node = self.node(loc)
        if node is None:
            return 1, 1
        text = self.source()
        raw = text[node.start_mark.index : node.end_mark.index]
        index = node.start_mark.index + source_offset(raw, value, offset)
        return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == str(part)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


def source_offset(raw: str, value: str, offset: int) -> int:
    """Where ``value[offset]`` stands in ``raw``, the scalar's source (indicators, quotes, indentation,
    folded line breaks): characters of the value are matched greedily, in order."""
    j = 0
    for i, char in enumerate(value[: offset + 1]):
        while j < len(raw) and raw[j] != char and not (char == " " and raw[j] == "\n"):
            j += 1
        if j >= len(raw):
            return 0  # lost (escapes): the value's start is still the right line
        if i == offset:
            return j
        j += 1
    return 0


def field_problems(
    fields: Iterator[TextField], display: str, positions: _Positions, rules: Rules
) -> list[Problem]:
    """Problems for every finding in ``fields`` of one file (positions computed only on a finding)."""
    problems = []
    for field in fields:
        for finding in rules.scan(field.text, public=field.public):
            if finding.detector in EXPECTED.get(field.loc[-1], ()):
                continue  # the field's own kind of value, internal by design (never public)
            code, severity = _code_and_severity(field, finding)
            line, column = positions.of(field.loc, field.text, finding.start)
            problems.append(
                Problem.make(
                    display,
                    line,
                    column,
                    _dotted(field.loc),
                    code,
                    severity=severity,
                    **_params(finding),
                )
            )
    return problems


def case_problems(
    case: Case, loaded: LoadedFile | None, display: str, rules: Rules = Rules()
) -> list[Problem]:
    """Findings in one case file (``loaded`` is its ``generator.load.source.LoadedFile``)."""
    positions = _Positions(getattr(loaded, "text", None), getattr(loaded, "path", None))
    return field_problems(case_text_fields(case), display, positions, rules) + _subgroup_problems(
        case, display, positions, rules.taxonomy
    )


def _subgroup_problems(
    case: Case, display: str, positions: _Positions, taxonomy: Taxonomy | None
) -> list[Problem]:
    """A public story about a sensitive subgroup (ODGJ, pasung...): health data, aggregates only."""
    if case.publication.audience != "public":
        return []
    if not has_sensitive_subgroup(case, taxonomy or load_taxonomy(None)):
        return []
    line, column = positions.of(("publication", "audience"), "", 0)
    return [
        Problem.make(display, line, column, "publication.audience", "privacy.sensitive_subgroup")
    ]


def yaml_problems(
    fields: Iterator[TextField], loaded: LoadedFile | None, display: str, rules: Rules = Rules()
) -> list[Problem]:
    """Findings in the given fields of any loaded YAML file (intern.yaml, logbook.yaml)."""
    positions = _Positions(getattr(loaded, "text", None), getattr(loaded, "path", None))
    return field_problems(fields, display, positions, rules)


def markdown_problems(
    text: str, display: str, rules: Rules = Rules(), extra_allow: tuple[str, ...] = ()
) -> list[Problem]:
    """Findings in a hand-written Markdown file (an intern's chapter): warnings, deny-list errors."""
    problems = []
    for finding in rules.scan(text, extra_allow=extra_allow):
        line = text.count("\n", 0, finding.start) + 1
        column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        code, severity = _code_and_severity(TextField(("chapter",), text), finding)
        problems.append(
            Problem.make(display, line, column, "", code, severity=severity, **_params(finding))
        )
    return problems


def intern_problems(
    doc: InternDoc, display: Callable[[Path], str], rules: Rules = Rules()
) -> list[Problem]:
    """Findings in an intern's folder: intern.yaml, logbook.yaml and chapters/*.md.

    ``display(path) -> str`` names a file as problems show it. Citation keys of the intern's own
    references (``@key``) are not social-media handles.
    """
    folder = Path(doc.folder)
    problems = []
    if "intern" in doc.sources and doc.sources["intern"] is not None:
        problems += yaml_problems(
            intern_text_fields(doc.intern),
            doc.sources["intern"],
            display(folder / "intern.yaml"),
            rules,
        )
    if doc.sources.get("logbook") is not None:
        problems += yaml_problems(
            logbook_text_fields(doc.logbook),
            doc.sources["logbook"],
            display(folder / "logbook.yaml"),
            rules,
        )
    citations = tuple(f"@{reference.id}" for reference in doc.references.references)
    for name, text in sorted(doc.chapters.items()):
        problems += markdown_problems(
            text, display(folder / "chapters" / f"{name}.md"), rules, citations
        )
    return problems


# ---------------------------------------------------------------- the public build


def masked(text: str) -> str:
    """A value named without being shown: first and last character and the length ("e…h[14]")."""
    return f"{text[0]}…{text[-1]}[{len(text)}]" if len(text) > 2 else f"…[{len(text)}]"


def _masked_part(part: str) -> str:
    stem, dot, suffix = part.partition(".")
    return masked(stem) + dot + suffix


def mask_path(path: str, flagged: Callable[[str], bool]) -> str:
    """``path`` with every component for which ``flagged(prefix)`` holds masked (names that leak)."""
    parts = path.split("/")
    shown = [
        _masked_part(p) if flagged("/".join(parts[: i + 1])) else p for i, p in enumerate(parts)
    ]
    return "/".join(shown)


def mask_findings(findings: list[Problem]) -> list[Problem]:
    """Audit findings whose paths never show a file or folder name that is itself a finding."""
    named = {f.file for f in findings if f.path == "file_name"}
    return [dataclasses.replace(f, file=mask_path(f.file, named.__contains__)) for f in findings]


def say(code: str, lang: str, **params: object) -> str:
    """A privacy message of the catalog in ``lang``."""
    return catalog_entry(code)["en" if lang == "en" else "id"].format(**params)


@dataclass
class PublicGuard:
    """The checks that stop a public build: the deny-list on the generated tree, the audit on the site."""

    denylist: DenyList
    denylist_path: Path
    allow: tuple[str, ...]
    lang: str = "id"
    lexicon: Lexicon = dataclasses.field(default_factory=Lexicon)

    @classmethod
    def for_project(cls, project: Project, lang: str = "id") -> PublicGuard:
        """The guard of a project: its deny-list (settings.denylist) and its office's allow-list."""
        path = denylist_path(project.root, project.settings)
        allowlist = read_allowlist(path, project.office)
        lexicon = project_lexicon(project.office, project.taxonomy, allowlist)
        denylist = DenyList.from_file(path, allowed=allowlist.words)
        return cls(denylist, path, office_allow(project.office), lang, lexicon)

    @classmethod
    def for_folder(cls, root: Path, denylist: Path, lang: str = "id") -> PublicGuard:
        """The guard of a project folder read leniently (``casebook audit``): an office.yaml that
        does not validate gives no office words and no allow-list."""
        office = _lenient_office(root / "office.yaml")
        try:
            taxonomy = load_taxonomy(root)
        except TaxonomyError:
            taxonomy = load_taxonomy(None)
        allowlist = read_allowlist(denylist, office)
        lexicon = project_lexicon(office, taxonomy, allowlist)
        return cls(
            DenyList.from_file(denylist, allowed=allowlist.words),
            denylist,
            office_allow(office),
            lang,
            lexicon,
        )

    def notices(self) -> list[str]:
        """Warnings for the person building: a missing or empty deny-list."""
        if self.denylist.is_empty:
            return [say("privacy.denylist_missing", self.lang, path=str(self.denylist_path))]
        return []

    def check_tree(self, files: dict[str, bytes]) -> list[str]:
        """Deny-list hits in the generated docs tree (names and contents); [] when clean."""
        hits = []
        for path, data in sorted(files.items()):
            text = data.decode("utf-8", errors="replace")
            if self._hit(path) or self._hit(text) or self._json_hit(path, text):
                shown = mask_path(path, lambda prefix: self._hit(prefix.rsplit("/", 1)[-1]))
                hits.append(say("privacy.denylist_tree", self.lang, path=shown))
        if not hits:
            return []
        return [say("privacy.blocked", self.lang, count=len(hits))] + [f"  {hit}" for hit in hits]

    def _hit(self, text: str) -> bool:
        """A name in the text as read (tags dropped) or inside markup (comments, attribute values)."""
        if self.denylist.find(text):
            return True
        return "<" in text and bool(self.denylist.find(text.replace("<", " ").replace(">", " ")))

    def _json_hit(self, path: str, text: str) -> bool:
        """JSON escapes (``\\u0052``) hide letters from the plain view: decode and look again."""
        if not path.endswith(".json") or "\\u" not in text:
            return False
        try:
            return bool(self.denylist.find(json.dumps(json.loads(text), ensure_ascii=False)))
        except ValueError:
            return False

    def check_site(self, site_dir: Path, engine_files: frozenset[str] = frozenset()) -> list[str]:
        """The leak audit of a built (staged) public site; [] when clean."""
        findings = audit_site(
            site_dir,
            denylist=self.denylist,
            allow=self.allow,
            engine_files=engine_files,
            lexicon=self.lexicon,
        )
        if not findings:
            return []
        lines = [f"  {format_finding(f, self.lang)}" for f in mask_findings(findings)]
        return [say("privacy.audit_failed", self.lang, count=len(findings))] + lines
