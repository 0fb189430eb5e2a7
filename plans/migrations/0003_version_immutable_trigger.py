"""On PostgreSQL, refuse UPDATE and DELETE of a cut version in the database itself, so
not even raw SQL or a future bug in the ORM layer can rewrite a circulated draft."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION plans_version_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'A cut version of a plan cannot be changed or deleted (plans_version id %)', OLD.id;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER plans_version_immutable
    BEFORE UPDATE OR DELETE ON plans_version
    FOR EACH ROW EXECUTE FUNCTION plans_version_immutable();
"""

DROP = """
DROP TRIGGER IF EXISTS plans_version_immutable ON plans_version;
DROP FUNCTION IF EXISTS plans_version_immutable();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_role_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
