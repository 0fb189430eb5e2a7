"""Writing a section of the working draft, safely when two people edit it at once."""

import html
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from pcplan.revisions import StaleSaveError

from ..images import ImageRefusedError, store_upload
from ..models import District, Plan, Section
from ..richtext import images_without_alt, sanitise_html
from ._history import delete_attributed, save_attributed


class SectionConflictError(StaleSaveError):
    """Someone else saved the section after the editor opened it (pcplan.revisions).
    `current` is the section as they left it (with `updated_by` loaded), so the page can
    show both texts and how they differ."""

    current: Section


def _check_district(plan: Plan, district: District | None) -> None:
    if district is not None and district.area_id != plan.area_id:
        raise ValidationError({"district": "Choose a District of this plan's police area."})


def _check_images(body: str) -> None:
    """Every image is described or marked decorative (plans.richtext.images_without_alt)."""
    if images_without_alt(body):
        raise ValidationError(
            {"body": 'Give each image alternative text that says what it shows (alt="..."), or alt="" if decorative'}
        )


@transaction.atomic
def section_create(
    *,
    plan: Plan,
    by: User | None,
    title: str,
    body: str = "",
    covers: Sequence[str] = (),
    addresses_spr: bool = False,
    in_public_summary: bool = False,
    district: District | None = None,
    change_reason: str = "",
) -> Section:
    """A new section at the end of the plan."""
    _check_district(plan, district)
    _check_images(body)
    # Lock the plan so two sections added at once do not take the same place.
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    last = plan.sections.aggregate(last=Max("order"))["last"]
    section = Section(
        plan=plan,
        title=title.strip(),
        order=0 if last is None else last + 1,
        body=sanitise_html(body),
        covers=list(covers),
        addresses_spr=addresses_spr,
        in_public_summary=in_public_summary,
        district=district,
        updated_by=by,
    )
    save_attributed(section, by, change_reason)
    return section


@transaction.atomic
def section_update(
    *,
    section: Section,
    by: User | None,
    expected_revision: int | None,
    title: str,
    body: str,
    covers: Sequence[str],
    addresses_spr: bool,
    in_public_summary: bool,
    district: District | None,
    change_reason: str = "",
) -> Section:
    """Save the editor's text over the revision they started from.

    The row is locked, so of two people saving at the same moment one waits; if the
    revision moved on since the editor opened the page, nothing is written and
    SectionConflictError carries the other person's text. The body is sanitised here,
    whatever sent it. Saving identical content writes nothing and keeps the revision.
    """
    locked = (
        Section.objects.select_for_update(of=("self",))
        .select_related("plan", "updated_by")
        .get(pk=section.pk, plan_id=section.plan_id)
    )
    if expected_revision is not None and locked.revision != expected_revision:
        raise SectionConflictError(locked)
    _check_district(locked.plan, district)
    _check_images(body)
    new_values = {
        "title": title.strip(),
        "body": sanitise_html(body),
        "covers": list(covers),
        "addresses_spr": addresses_spr,
        "in_public_summary": in_public_summary,
        "district_id": district.pk if district else None,
    }
    if all(getattr(locked, field) == value for field, value in new_values.items()):
        return locked
    for field, value in new_values.items():
        setattr(locked, field, value)
    locked.revision += 1
    locked.updated_by = by
    save_attributed(locked, by, change_reason)
    return locked


def section_image_add(
    *, section: Section, by: User | None, expected_revision: int, data: bytes, alt: str, decorative: bool = False
) -> Section:
    """Put an uploaded image at the end of the section's text, checked and re-encoded
    (plans.images), with its alternative text, or marked decorative (`alt=""`: screen
    readers skip it and the PDF makes it an artifact). An image with neither is refused:
    every document must say what its images show (PDF/UA, WCAG 1.1.1)."""
    alt = " ".join(alt.split())
    if decorative and alt:
        raise ValidationError({"alt": "The image is either described or decorative, not both"})
    if not decorative and not alt:
        raise ValidationError({"alt": "Enter alternative text that says what the image shows"})
    try:
        stored = store_upload(data)
    except ImageRefusedError as error:
        raise ValidationError({"image": str(error)}) from None
    with transaction.atomic():
        current = Section.objects.select_related("district").get(pk=section.pk, plan_id=section.plan_id)
        return section_update(
            section=current,
            by=by,
            expected_revision=expected_revision,
            title=current.title,
            body=f'{current.body}<p><img src="{stored.src}" alt="{html.escape(alt, quote=True)}"></p>',
            covers=current.covers or [],
            addresses_spr=current.addresses_spr,
            in_public_summary=current.in_public_summary,
            district=current.district,
            change_reason="Image added",
        )


@transaction.atomic
def section_restore(*, section: Section, by: User | None, history_id: int, expected_revision: int) -> Section:
    """Bring back an earlier state of the section as a new change (so the restore itself
    shows in the history and can be undone the same way)."""
    record = section.history.filter(history_id=history_id).first()
    if record is None:
        raise ValidationError("That earlier state of the section no longer exists.")
    district = District.objects.filter(pk=record.district_id).first() if record.district_id else None
    when = timezone.localtime(record.history_date)
    return section_update(
        section=section,
        by=by,
        expected_revision=expected_revision,
        title=record.title,
        body=record.body,
        covers=record.covers or [],
        addresses_spr=record.addresses_spr,
        in_public_summary=record.in_public_summary,
        district=district,
        change_reason=f"Restored the state of {when:%d %B %Y at %H:%M} (revision {record.revision})",
    )


@transaction.atomic
def section_delete(*, section: Section, by: User | None) -> None:
    """Remove a section from the working draft. Versions already cut keep it; its history
    stays, so it can be read back."""
    locked = Section.objects.select_for_update().get(pk=section.pk)
    delete_attributed(locked, by, "Removed from the plan")
