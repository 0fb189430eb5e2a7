"""Create the four role groups. Their permissions are granted after every app has
migrated (plans.roles_sync, on post_migrate), since permissions exist only then."""

from django.db import migrations

ROLE_GROUPS = ["OPCC staff", "Publisher", "Panel member", "Force liaison"]


def create_groups(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        group_model.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
