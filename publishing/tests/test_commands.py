"""`manage.py render_plan`: renders through the job service and says clearly what is wrong."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from publishing.models import RenderJob

pytestmark = pytest.mark.django_db


def test_render_plan_writes_the_pdf_and_records_the_job(version: Any, tmp_path: Path, run_command: Any) -> None:
    output = tmp_path / "summary.pdf"
    code, out, err = run_command(
        "render_plan", version.plan.slug, "--version", version.label, "--format", "summary", "--output", str(output)
    )
    assert code == 0, err
    assert output.read_bytes().startswith(b"%PDF-1.7")
    job = RenderJob.objects.get()
    assert job.status == RenderJob.Status.DONE and job.format == "summary"
    assert job.worker.startswith("render_plan:")
    assert output.read_bytes() == job.output.read()
    assert f"Wrote {output}: Public summary of {version}, {job.page_count} pages" in out
    assert job.sha256 in out


def test_render_plan_takes_a_plan_id_and_a_bare_version_number(
    version: Any, tmp_path: Path, fake_renderer: list[str]
) -> None:
    output = tmp_path / "bristol.pdf"
    stdout = StringIO()
    call_command(
        "render_plan",
        str(version.plan_id),
        "--version",
        str(version.number),
        "--format",
        "district",
        "--district",
        "bristol",
        "--output",
        str(output),
        stdout=stdout,
    )
    assert "District plan: Bristol" in stdout.getvalue()
    assert "Safer Bristol Partnership" in fake_renderer[0]
    assert output.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["no-such-plan", "--version", "V1", "--format", "full"], "No plan with the slug or id 'no-such-plan'."),
        (["{slug}", "--version", "V9", "--format", "full"], "has no version V9 (its versions: V1)."),
        (["{slug}", "--version", "second", "--format", "full"], "Give the version as V2 or 2, not 'second'."),
        (
            ["{slug}", "--version", "V1", "--format", "leaflet"],
            "Unknown format 'leaflet': choose full, summary, district, page, poster, large, easyread.",
        ),
        (["{slug}", "--version", "V1", "--format", "district"], "A District plan needs --district: one of"),
        (
            ["{slug}", "--version", "V1", "--format", "district", "--district", "plymouth"],
            "Avon and Somerset has no District 'plymouth'; its Districts are: bath-and-north-east-somerset",
        ),
        (
            ["{slug}", "--version", "V1", "--format", "full", "--district", "bristol"],
            "--district goes only with --format district.",
        ),
    ],
)
def test_render_plan_refuses_bad_arguments_with_a_clear_message_and_exit_code_1(
    version: Any, tmp_path: Path, run_command: Any, arguments: list[str], message: str
) -> None:
    args = [a.replace("{slug}", version.plan.slug) for a in arguments] + ["--output", str(tmp_path / "out.pdf")]
    code, _, err = run_command("render_plan", *args)
    assert code == 1
    assert message in err
    assert not (tmp_path / "out.pdf").exists()
    assert not RenderJob.objects.exists()


def test_render_plan_fails_with_the_renders_reason(
    version: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("No space left on device")

    monkeypatch.setattr("publishing.pdf.render_pdf", broken)
    with pytest.raises(
        CommandError,
        match="Full plan of Police and Crime Plan 2016-21 V1: The render failed: OSError: No space left on device",
    ):
        call_command(
            "render_plan", version.plan.slug, "--version", "V1", "--format", "full", "--output", str(tmp_path / "x.pdf")
        )
    assert RenderJob.objects.get().status == RenderJob.Status.FAILED


def test_render_plan_refuses_an_output_folder_that_does_not_exist(version: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "render_plan",
            version.plan.slug,
            "--version",
            "V1",
            "--format",
            "full",
            "--output",
            str(tmp_path / "no" / "x.pdf"),
        )
