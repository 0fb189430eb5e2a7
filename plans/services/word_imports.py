"""Importing a Word document: kept as a WordImport while staff map its parts onto the
plan's sections in the preview, then written into the working draft (or a new plan) in
one transaction, with the same conflict check as the section editor."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from lxml import html as lxml_html

from ..models import Plan, PoliceArea, Section, StatutoryElement, WordImport
from ..plan_template import template_sections
from ..richtext import IMAGE_FOLDER, html_to_text, sanitise_html
from ..word.reading import StoredImage, WordFileError, read_word_document
from ._history import save_attributed
from .plans import plan_create_from_template
from .sections import section_create, section_update

NEW_SECTION = "new"
LEAVE_OUT = "skip"


@dataclass(frozen=True)
class ImportTarget:
    """A section of the plan (or of the template, for a new plan) a part can go into."""

    key: str
    title: str
    covers: tuple[str, ...]
    has_text: bool
    section: Section | None


@dataclass(frozen=True)
class PartMapping:
    """Where staff put one part of the document, and what it sets out."""

    index: int
    title: str
    target: str
    covers: tuple[str, ...]


def _store_image(data: bytes, extension: str, content_type: str) -> StoredImage:
    uid = str(uuid.uuid4())
    name = default_storage.save(f"{IMAGE_FOLDER}{uid}.{extension}", ContentFile(data))
    return StoredImage(uid=uid, src="/" + settings.MEDIA_URL.strip("/") + "/" + name)


def word_import_prepare(
    *,
    area: PoliceArea,
    plan: Plan | None,
    by: User,
    file_name: str,
    data: bytes,
    new_plan: dict[str, str] | None = None,
) -> WordImport:
    """Convert the document and keep it for the preview. Nothing of the plan changes. A
    file that cannot be imported is a ValidationError on `document`, saying why."""
    if plan is not None and plan.area_id != area.pk:
        raise ValidationError("Import into a plan of your own police area.")
    try:
        document = read_word_document(file_name, data, _store_image)
    except WordFileError as error:
        raise ValidationError({"document": str(error)}) from error
    word_import = WordImport(
        area=area,
        plan=plan,
        file_name=_plain_name(file_name),
        uploaded_by=by,
        uploaded_at=timezone.now(),
        document_title=document.title,
        sections=[{"title": s.title, "body": s.body} for s in document.sections],
        images=[{"uid": i.uid, "src": i.src, "alt": i.alt, "section": i.section} for i in document.images],
        warnings=document.warnings,
        new_plan=new_plan or {},
    )
    word_import.full_clean()
    word_import.save()
    return word_import


def _plain_name(name: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].replace("\x00", "")
    return (base or "document.docx")[-200:]


def word_import_targets(word_import: WordImport) -> list[ImportTarget]:
    """Where the parts can go: the working draft's sections, or for a new plan the
    sections of the template it will be made from."""
    if word_import.plan is None:
        return [
            ImportTarget(key=f"template:{i}", title=t.title, covers=t.covers, has_text=False, section=None)
            for i, t in enumerate(template_sections())
        ]
    return [
        ImportTarget(
            key=f"section:{s.pk}",
            title=s.title,
            covers=tuple(s.covers or ()),
            has_text=bool(html_to_text(s.body).strip()),
            section=s,
        )
        for s in word_import.plan.sections.select_related("updated_by").order_by("order", "pk")
    ]


def _words(title: str) -> str:
    # "4 TIMESCALE AND APPROACH" and "Timescale and approach" are the same heading.
    return " ".join(word for word in title.lower().replace("-", " ").split() if not word.strip(".()").isdigit())


def suggested_target(title: str, targets: Sequence[ImportTarget]) -> ImportTarget | None:
    """The section whose title reads most like the part's, if any reads much like it."""
    wanted = _words(title)
    best, best_score = None, 0.0
    for target in targets:
        candidate = _words(target.title)
        score = SequenceMatcher(None, wanted, candidate).ratio()
        if wanted and candidate and (wanted in candidate or candidate in wanted):
            score = max(score, 0.8)
        if score > best_score:
            best, best_score = target, score
    return best if best_score >= 0.75 else None


def _with_alt_texts(body: str, alts: dict[str, str]) -> str:
    """The body with each image's alternative text set from what staff gave in the preview."""
    if "<img" not in body or not alts:
        return body
    out = []
    for block in lxml_html.fragments_fromstring(body):
        if isinstance(block, str):
            out.append(block)
            continue
        for image in block.iter("img"):
            if image.get("src") in alts:
                image.set("alt", alts[image.get("src")])
        out.append(lxml_html.tostring(block, encoding="unicode"))
    return sanitise_html("".join(out))


@transaction.atomic
def word_import_apply(
    *,
    word_import: WordImport,
    by: User,
    mapping: Sequence[PartMapping],
    image_alts: dict[str, str],
    expected_revisions: dict[int, int],
) -> Plan:
    """Write the mapped parts into the plan: a part put into a section replaces its text
    (several parts into one section follow each other, each under its own heading); a new
    section is added at the end; a part left out is dropped. For an existing plan, every
    section written must still be at the revision the preview showed, or nothing is
    written and SectionConflictError says whose change came first."""
    locked = WordImport.objects.select_for_update().get(pk=word_import.pk)
    if locked.is_applied:
        raise ValidationError("This document has already been imported.")
    parts = locked.sections
    unknown = set(StatutoryElement.values)
    for part in mapping:
        if not 0 <= part.index < len(parts):
            raise ValidationError("The preview is out of date: upload the document again.")
        if set(part.covers) - unknown:
            raise ValidationError({"covers": "Choose statutory elements from the list."})
        if part.target not in (NEW_SECTION, LEAVE_OUT) and not part.title.strip():
            raise ValidationError({f"title_{part.index}": "Enter a title for this part."})
    if all(part.target == LEAVE_OUT for part in mapping):
        raise ValidationError("Choose where at least one part of the document goes.")
    alts = {image["src"]: image_alts.get(image["uid"], image["alt"]) for image in locked.images}
    reason = f"Imported from the Word document {locked.file_name}"
    if locked.plan is None:  # a new plan, made from the template
        details = locked.new_plan
        plan = plan_create_from_template(
            area=locked.area,
            title=details["title"],
            starts_on=date.fromisoformat(details["starts_on"]),
            ends_on=date.fromisoformat(details["ends_on"]),
            by=by,
        )
        ordered = list(plan.sections.order_by("order", "pk"))
        sections = {f"template:{i}": section for i, section in enumerate(ordered)}
    else:
        plan = Plan.objects.select_for_update().get(pk=locked.plan.pk)
        sections = {f"section:{s.pk}": s for s in plan.sections.all()}
    into: dict[str, list[PartMapping]] = {}
    for part in sorted(mapping, key=lambda p: p.index):
        if part.target == NEW_SECTION:
            section_create(
                plan=plan,
                by=by,
                title=part.title.strip()[:300],
                body=_with_alt_texts(parts[part.index]["body"], alts),
                covers=part.covers,
                change_reason=reason,
            )
        elif part.target != LEAVE_OUT:
            if part.target not in sections:
                raise ValidationError({f"target_{part.index}": "Choose a section of this plan."})
            into.setdefault(part.target, []).append(part)
    for key, chosen in into.items():
        section = sections[key]
        pieces = []
        for part in chosen:
            body = _with_alt_texts(parts[part.index]["body"], alts)
            heading = part.title.strip()
            if len(chosen) > 1 and heading:
                pieces.append(f"<h3>{_escape(heading)}</h3>")
            pieces.append(body)
        covers = list(dict.fromkeys([*(section.covers or []), *(c for part in chosen for c in part.covers)]))
        section_update(
            section=section,
            by=by,
            expected_revision=expected_revisions.get(section.pk, section.revision)
            if locked.plan is not None
            else section.revision,
            title=section.title,
            body="".join(pieces),
            covers=covers,
            addresses_spr=section.addresses_spr,
            in_public_summary=section.in_public_summary,
            district=section.district,
            change_reason=reason,
        )
    locked.plan = plan
    locked.applied_at = timezone.now()
    save_attributed(locked, by)
    return plan


def _escape(text: str) -> str:
    from html import escape

    return escape(text, quote=False)
