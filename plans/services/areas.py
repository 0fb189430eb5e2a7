"""The police area, its Districts, and which area each person works for."""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.text import slugify

from pcplan.revisions import lock_revision

from ..images import ImageRefusedError, store_upload
from ..models import AreaMembership, District, PoliceArea
from ._history import delete_attributed, save_attributed


def _unique_area_slug(name: str) -> str:
    base = slugify(name)[:110] or "area"
    taken = set(PoliceArea.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def area_create(
    *,
    by: User | None,
    name: str,
    force_name: str,
    opcc_name: str,
    contact_email: str = "",
    contact_phone: str = "",
    contact_address: str = "",
    website: str = "",
    pcc_name: str = "",
    pcc_elected_on: date | None = None,
) -> PoliceArea:
    name = name.strip()
    if PoliceArea.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"There is already a police area called {name}"})
    area = PoliceArea(
        name=name,
        slug=_unique_area_slug(name),
        force_name=force_name.strip(),
        opcc_name=opcc_name.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
        contact_address=contact_address.strip(),
        website=website.strip(),
        pcc_name=pcc_name.strip(),
        pcc_elected_on=pcc_elected_on,
    )
    save_attributed(area, by)
    return area


@transaction.atomic
def area_update(
    *,
    area: PoliceArea,
    by: User | None,
    name: str,
    force_name: str,
    opcc_name: str,
    contact_email: str,
    contact_phone: str,
    contact_address: str,
    website: str,
    pcc_name: str,
    pcc_elected_on: date | None,
    expected_revision: int | None = None,
) -> PoliceArea:
    area = lock_revision(PoliceArea.objects.all(), pk=area.pk, expected_revision=expected_revision)
    name = name.strip()
    if PoliceArea.objects.exclude(pk=area.pk).filter(name__iexact=name).exists():
        raise ValidationError({"name": f"There is already a police area called {name}"})
    # The slug stays: published plans' addresses are built from it.
    area.name = name
    area.force_name = force_name.strip()
    area.opcc_name = opcc_name.strip()
    area.contact_email = contact_email.strip()
    area.contact_phone = contact_phone.strip()
    area.contact_address = contact_address.strip()
    area.website = website.strip()
    area.pcc_name = pcc_name.strip()
    area.pcc_elected_on = pcc_elected_on
    save_attributed(area, by)
    return area


def _district_slug(area: PoliceArea, name: str) -> str:
    base = slugify(name)[:110] or "district"
    taken = set(District.objects.filter(area=area, slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_district_name(area: PoliceArea, name: str, exclude: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the District's name"})
    same_name = District.objects.filter(area=area, name__iexact=name)
    if exclude is not None:
        same_name = same_name.exclude(pk=exclude)
    if same_name.exists():
        raise ValidationError({"name": f"{area.name} already has a District called {name}"})
    return name


@transaction.atomic
def district_create(*, area: PoliceArea, by: User | None, name: str, contact: str = "") -> District:
    name = _check_district_name(area, name)
    district = District(area=area, name=name, slug=_district_slug(area, name), contact=contact.strip())
    save_attributed(district, by)
    return district


@transaction.atomic
def districts_create(*, area: PoliceArea, by: User | None, names: list[str]) -> list[District]:
    """Several Districts at once (the set-up page takes one per line); none if any is refused."""
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise ValidationError({"names": f"{name} is listed twice"})
        seen.add(name.casefold())
    created = []
    for name in names:
        try:
            created.append(district_create(area=area, by=by, name=name))
        except ValidationError as error:
            raise ValidationError({"names": error.message_dict.get("name", error.messages)}) from None
    return created


@transaction.atomic
def district_update(
    *, district: District, by: User | None, name: str, contact: str, expected_revision: int | None = None
) -> District:
    district = lock_revision(District.objects.all(), pk=district.pk, expected_revision=expected_revision)
    district.name = _check_district_name(district.area, name, exclude=district.pk)
    district.contact = contact.strip()
    save_attributed(district, by)
    return district


def district_picture_set(
    *, district: District, by: User | None, picture: bytes | None, alt: str, expected_revision: int | None = None
) -> District:
    """The picture of the District on its plan's cover, checked and re-encoded
    (plans.images), with what it shows. Without a new picture, the one it has stays and
    only what it shows changes."""
    alt = " ".join(alt.split())
    errors = {}
    if not alt:
        errors["alt"] = "Enter what the picture shows"
    if picture is None and not district.picture:
        errors["picture"] = "Choose a picture to upload"
    src = ""
    if picture is not None and not errors:
        try:
            src = store_upload(picture).src
        except ImageRefusedError as error:
            errors["picture"] = str(error)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lock_revision(District.objects.all(), pk=district.pk, expected_revision=expected_revision)
        if src:
            locked.picture = src
        locked.picture_alt = alt
        save_attributed(locked, by, "Picture for the District plan")
    return locked


@transaction.atomic
def district_remove(*, district: District, by: User | None) -> None:
    """Remove a District that nothing refers to; one with district content, responses or
    district plans stays, as they would lose their place."""
    try:
        with transaction.atomic():
            delete_attributed(district, by)
    except ProtectedError:
        raise ValidationError(
            f"{district.name} cannot be removed: plans, consultation responses or documents refer to it."
        ) from None


@transaction.atomic
def area_membership_set(*, user: User, area: PoliceArea) -> AreaMembership:
    membership, _ = AreaMembership.objects.update_or_create(user=user, defaults={"area": area})
    return membership
