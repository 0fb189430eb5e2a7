"""Guidance text for the editor on each section, and a secret per plan for its calendar
feed. Existing plans each get their own token (a callable default on AddField would give
every existing row the same one)."""

from django.db import migrations, models

import plans.models


def give_each_plan_a_token(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    for plan in Plan.objects.filter(calendar_token__isnull=True).only("pk"):
        Plan.objects.filter(pk=plan.pk).update(calendar_token=plans.models.new_calendar_token())


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_version_immutable_trigger")]

    operations = [
        migrations.AddField(
            model_name="section",
            name="guidance",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="historicalsection",
            name="guidance",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="plan",
            name="calendar_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_each_plan_a_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="plan",
            name="calendar_token",
            field=models.CharField(default=plans.models.new_calendar_token, editable=False, max_length=64, unique=True),
        ),
    ]
