import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db
def test_models_and_migrations_agree(capsys):
    """A model change without its migration fails here (makemigrations --check exits 1)."""
    try:
        call_command("makemigrations", "--check", "--dry-run")
    except SystemExit:
        pytest.fail(f"Models changed without a migration (run makemigrations):\n{capsys.readouterr().out}")
    assert "No changes detected" in capsys.readouterr().out


@pytest.mark.django_db
def test_every_declared_index_is_in_the_database_as_django_would_create_it():
    """The search indexes were made with raw SQL and renamed (``<app>/migrations/0008_indexes_in_models``): the
    database's definition of each must be the one Django makes from ``Meta.indexes``."""
    checked = 0
    for model in apps.get_models():
        for index in model._meta.indexes:
            copy = index.clone()
            copy.name = "declared_index_copy"
            with connection.schema_editor() as editor:
                editor.add_index(model, copy)
            with connection.cursor() as cursor:
                names = [index.name, copy.name]
                cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN (%s, %s)", names)
                found = dict(cursor.fetchall())
            with connection.schema_editor() as editor:
                editor.remove_index(model, copy)
            assert index.name in found, f"{index.name} is declared but not in the database"
            assert found[index.name] == found[copy.name].replace(copy.name, index.name)
            checked += 1
    assert checked >= 9
