"""A milestone's owner becomes a user (the free text of old kept as its note); Word
documents waiting to be imported; the record of each morning's reminders."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_area_commissioner_and_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name="milestone", old_name="owner", new_name="owner_note"),
        migrations.RenameField(model_name="historicalmilestone", old_name="owner", new_name="owner_note"),
        migrations.AlterField(
            model_name="milestone",
            name="owner_note",
            field=models.CharField(blank=True, max_length=120, verbose_name="Owner (note)"),
        ),
        migrations.AlterField(
            model_name="historicalmilestone",
            name="owner_note",
            field=models.CharField(blank=True, max_length=120, verbose_name="Owner (note)"),
        ),
        migrations.AddField(
            model_name="milestone",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="owned_milestones",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalmilestone",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.CreateModel(
            name="WordImport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("file_name", models.CharField(max_length=200)),
                ("uploaded_at", models.DateTimeField()),
                ("document_title", models.CharField(blank=True, max_length=300)),
                ("sections", models.JSONField(default=list)),
                ("images", models.JSONField(blank=True, default=list)),
                ("warnings", models.JSONField(blank=True, default=list)),
                ("new_plan", models.JSONField(blank=True, default=dict)),
                ("applied_at", models.DateTimeField(blank=True, null=True)),
                (
                    "area",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="plans.policearea"
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="word_imports",
                        to="plans.plan",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={"ordering": ["-uploaded_at", "-pk"]},
        ),
        migrations.CreateModel(
            name="MilestoneReminder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sent_on", models.DateField()),
                ("queued_at", models.DateTimeField()),
                ("emailed_at", models.DateTimeField(blank=True, null=True)),
                ("milestones", models.ManyToManyField(related_name="reminders", to="plans.milestone")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="milestone_reminders",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-sent_on", "user_id"],
                "constraints": [
                    models.UniqueConstraint(fields=("user", "sent_on"), name="milestone_reminder_once_a_day")
                ],
            },
        ),
    ]
