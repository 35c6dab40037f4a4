import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree(capsys):
    """A model change without its migration fails here (makemigrations --check exits 1)."""
    try:
        call_command("makemigrations", "--check", "--dry-run")
    except SystemExit:
        pytest.fail(f"Models changed without a migration (run makemigrations):\n{capsys.readouterr().out}")
    assert "No changes detected" in capsys.readouterr().out
