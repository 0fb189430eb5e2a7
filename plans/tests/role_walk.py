"""Who may open each plans page: staff and publishers edit; force liaison reads cut
versions only; Panel members and the public are not admitted (the panel app gives the
Panel the versions issued to it)."""

from types import SimpleNamespace

from pcplan.tests.walk import EDITING, EVERYONE, PUBLISHER_ONLY, FormCase, Route
from plans.models import BudgetLine
from plans.services import district_picture_set, objective_easy_read_set, version_cut, word_import_prepare
from plans.tests.factories import DistrictFactory, MilestoneFactory, plan_with_content
from plans.tests.test_section_image import picture
from plans.tests.word_documents import seed_000_docx

READING = EDITING | {"force"}


def _plan(w: SimpleNamespace) -> dict[str, int]:
    return {"plan_id": w.plans.plan.pk}


def build(world: SimpleNamespace) -> None:
    """A plan of world.area with V1 and V2, and one of each thing its pages edit."""
    staff = world.users["staff"]
    plan = plan_with_content(area=world.area, sections=4, objectives=2)
    version_cut(plan=plan, by=staff, note="For the Panel")
    section = plan.sections.order_by("order").first()
    section.body = "<p>The Commissioner will publish the findings of her scrutiny panels every quarter.</p>"
    section.revision += 1
    section.save()
    objective = objective_easy_read_set(
        objective=plan.objectives.order_by("order").first(),
        by=staff,
        text="We will keep people safe from harm.",
        alt="A shield around a person",
        picture=picture("PNG"),
    )
    district = DistrictFactory(area=world.area, name="Somerset West and Taunton", slug="somerset-west-and-taunton")
    ours = SimpleNamespace(
        plan=plan,
        section=section,
        version=version_cut(plan=plan, by=staff, note="After consultation"),
        history_id=section.history.order_by("history_date").first().history_id,
        objective=objective,
        commitment=objective.commitments.order_by("order").first(),
        grant=plan.grants.first(),
        budget_line=BudgetLine.objects.create(
            plan=plan, year=plan.starts_on.year, kind="funding", label="Council tax precept", amount=107_300_000
        ),
        milestone=MilestoneFactory(plan=plan),
        word_import=word_import_prepare(
            area=world.area, plan=plan, by=staff, file_name="police-and-crime-plan.docx", data=seed_000_docx()
        ),
        district=district_picture_set(
            district=district, by=world.users["publisher"], picture=picture("PNG"), alt="Wellington Monument"
        ),
    )
    # The routes below read `world.plans`, so another app's build setting world.plan to a
    # plan of its own cannot change what they walk; the plain names are for anyone else.
    world.plans = ours
    for name, value in vars(ours).items():
        setattr(world, name, value)


def _district(w: SimpleNamespace) -> dict[str, int]:
    return {"district_id": w.plans.district.pk}


ROUTES = [
    Route("plans:plan_list", READING),
    Route("plans:plan_create", EDITING),
    Route("plans:area_detail", EDITING),
    Route("plans:area_edit", PUBLISHER_ONLY),
    Route("plans:district_create", PUBLISHER_ONLY),
    Route("plans:district_edit", PUBLISHER_ONLY, kwargs=_district),
    Route("plans:district_remove", PUBLISHER_ONLY, kwargs=_district),
    Route("plans:district_picture", PUBLISHER_ONLY, kwargs=_district),
    Route("plans:plan_detail", EDITING, kwargs=_plan),
    Route("plans:plan_edit", EDITING, kwargs=_plan),
    Route("plans:plan_changes", EDITING, kwargs=_plan),
    Route("plans:section_create", EDITING, kwargs=_plan),
    Route(
        "plans:section_edit", EDITING, kwargs=lambda w: {"plan_id": w.plans.plan.pk, "section_id": w.plans.section.pk}
    ),
    Route(
        "plans:section_delete", EDITING, kwargs=lambda w: {"plan_id": w.plans.plan.pk, "section_id": w.plans.section.pk}
    ),
    Route(
        "plans:section_image", EDITING, kwargs=lambda w: {"plan_id": w.plans.plan.pk, "section_id": w.plans.section.pk}
    ),
    Route(
        "plans:section_history",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "section_id": w.plans.section.pk},
    ),
    Route(
        "plans:section_restore",
        EDITING,
        kwargs=lambda w: {
            "plan_id": w.plans.plan.pk,
            "section_id": w.plans.section.pk,
            "history_id": w.plans.history_id,
        },
        method="post",
        data=lambda w: {"revision": w.plans.section.revision},
    ),
    Route("plans:objective_create", EDITING, kwargs=_plan),
    Route(
        "plans:objective_edit",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "objective_id": w.plans.objective.pk},
    ),
    Route(
        "plans:objective_easy_read",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "objective_id": w.plans.objective.pk},
    ),
    Route(
        "plans:objective_delete",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "objective_id": w.plans.objective.pk},
    ),
    Route(
        "plans:commitment_create",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "objective_id": w.plans.objective.pk},
    ),
    Route(
        "plans:commitment_edit",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "commitment_id": w.plans.commitment.pk},
    ),
    Route(
        "plans:commitment_move",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "commitment_id": w.plans.commitment.pk},
        method="post",
        data=lambda w: {"direction": "down"},
    ),
    Route(
        "plans:commitment_delete",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "commitment_id": w.plans.commitment.pk},
    ),
    Route("plans:grant_create", EDITING, kwargs=_plan),
    Route("plans:budget_line_create", EDITING, kwargs=_plan),
    Route(
        "plans:budget_line_edit",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "line_id": w.plans.budget_line.pk},
    ),
    Route(
        "plans:budget_line_delete",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "line_id": w.plans.budget_line.pk},
    ),
    Route("plans:grant_edit", EDITING, kwargs=lambda w: {"plan_id": w.plans.plan.pk, "grant_id": w.plans.grant.pk}),
    Route("plans:grant_delete", EDITING, kwargs=lambda w: {"plan_id": w.plans.plan.pk, "grant_id": w.plans.grant.pk}),
    Route("plans:milestone_list", EDITING, kwargs=_plan),
    Route("plans:milestone_timeline", EDITING, kwargs=_plan),
    Route("plans:milestone_create", EDITING, kwargs=_plan),
    Route(
        "plans:milestone_edit",
        EDITING,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "milestone_id": w.plans.milestone.pk},
    ),
    # The secret in the URL is the credential: calendar apps cannot sign in.
    Route(
        "plans:milestone_calendar",
        EVERYONE,
        kwargs=lambda w: {"plan_id": w.plans.plan.pk, "token": w.plans.plan.calendar_token},
    ),
    Route("plans:calendar_link_reset", EDITING, kwargs=_plan, method="post"),
    Route("plans:version_list", READING, kwargs=_plan),
    Route("plans:version_cut", EDITING, kwargs=_plan, method="post", data=lambda w: {"note": "For the Panel"}),
    Route(
        "plans:version_detail", READING, kwargs=lambda w: {"plan_id": w.plans.plan.pk, "number": w.plans.version.number}
    ),
    Route(
        "plans:version_compare",
        READING,
        kwargs=_plan,
        query="?from=1&to=2",
    ),
    Route(
        "plans:version_word", READING, kwargs=lambda w: {"plan_id": w.plans.plan.pk, "number": w.plans.version.number}
    ),
    Route("plans:draft_word", EDITING, kwargs=_plan),
    Route("plans:word_import_new", EDITING),
    Route("plans:word_import", EDITING, kwargs=_plan),
    Route("plans:word_import_preview", EDITING, kwargs=lambda w: {"import_id": w.plans.word_import.pk}),
    # A random uuid names each image: whoever is shown a plan's text may fetch its pictures.
    Route(
        "plan_images:image",
        EVERYONE,
        kwargs=lambda w: {"name": w.plans.word_import.images[0]["src"].rsplit("/", 1)[-1]},
    ),
]

# Every POST form of the plans pages, for the form walk (pcplan/tests/test_form_walk.py).
REMOVAL = "asks to remove: sent again, the record is already gone (404), nothing twice"
FORMS = [
    FormCase(
        "plans:plan_create",
        "create",
        data=lambda w: {
            "predecessor": "",
            "title": "Police and Crime Plan 2025-29",
            **{f"starts_on_{i}": part for i, part in enumerate(("1", "4", "2025"))},
            **{f"ends_on_{i}": part for i, part in enumerate(("31", "3", "2029"))},
        },
    ),
    FormCase("plans:section_create", "create"),
    FormCase("plans:objective_create", "create"),
    FormCase("plans:commitment_create", "create"),
    FormCase("plans:grant_create", "create", data=lambda w: {"amount": "98000", "objective": ""}),
    FormCase("plans:milestone_create", "create", data=lambda w: {"status": "not_started", "owner": ""}),
    FormCase("plans:district_create", "create", role="publisher", data=lambda w: {"name": "Weston and Worle"}),
    FormCase("plans:version_cut", "other", reason="refused while the draft is unchanged since the last cut"),
    FormCase("plans:plan_edit", "edit", change="vision", values=("Safe and feeling safe.", "Safer streets for all.")),
    FormCase(
        "plans:area_edit",
        "edit",
        role="publisher",
        change="contact_address",
        values=("Valley Road, Portishead, BS20 8QJ", "PO Box 37, Portishead, BS20 8QJ"),
    ),
    FormCase("plans:district_edit", "edit", role="publisher", change="contact", values=("Call 101.", "Write to us.")),
    FormCase("plans:section_edit", "edit", change="title", values=("Our priorities", "What we will do")),
    FormCase(
        "plans:objective_edit",
        "edit",
        change="aim",
        values=("Fewer repeat victims of domestic abuse.", "Victims supported within a day."),
    ),
    FormCase(
        "plans:commitment_edit",
        "edit",
        change="text",
        values=("Fund two more independent advisers.", "Open a third sexual assault referral centre."),
    ),
    FormCase(
        "plans:grant_edit",
        "edit",
        change="purpose",
        values=("Early intervention for young people.", "Support for victims of exploitation."),
    ),
    FormCase(
        "plans:milestone_edit",
        "edit",
        change="notes",
        values=("Sent to every member of the Panel.", "Published on the website."),
    ),
    FormCase(
        "plans:budget_line_create",
        "create",
        data=lambda w: {
            "year": str(w.plans.plan.starts_on.year),
            "kind": "funding",
            "amount": "107300000",
            "district": "",
        },
    ),
    FormCase(
        "plans:budget_line_edit",
        "edit",
        change="label",
        values=("Council tax precept, Band D", "Council tax precept after the referendum limit"),
    ),
    FormCase("plans:budget_line_delete", "other", reason=REMOVAL),
    FormCase(
        "plans:section_image",
        "other",
        reason="an image upload: it goes through section_update, which checks the section's revision",
    ),
    # Both have a picture already (build), so the walk changes what it shows and keeps it.
    FormCase(
        "plans:objective_easy_read",
        "edit",
        change="alt",
        values=("A police officer helping an older woman", "Two neighbours talking over a garden fence"),
    ),
    FormCase(
        "plans:district_picture",
        "edit",
        role="publisher",
        change="alt",
        values=("The Quantock Hills above Taunton", "Minehead seafront at low tide"),
    ),
    FormCase("plans:section_delete", "other", reason=REMOVAL),
    FormCase("plans:objective_delete", "other", reason=REMOVAL),
    FormCase("plans:commitment_delete", "other", reason=REMOVAL),
    FormCase("plans:grant_delete", "other", reason=REMOVAL),
    FormCase("plans:district_remove", "other", role="publisher", reason=REMOVAL),
    FormCase("plans:commitment_move", "other", reason="a move up or down, checked by plans/tests/test_objective_pages"),
    FormCase("plans:section_restore", "other", reason="restores against the revision the history page was drawn from"),
    FormCase(
        "plans:calendar_link_reset", "other", reason="a new secret each time: sending it again changes nothing more"
    ),
    FormCase("plans:word_import_new", "other", reason="a Word file upload: the preview it leads to is checked"),
    FormCase("plans:word_import", "other", reason="a Word file upload: the preview it leads to is checked"),
    FormCase(
        "plans:word_import_preview",
        "other",
        reason="checks each section's revision itself (plans/tests/test_word_import.py)",
    ),
]
