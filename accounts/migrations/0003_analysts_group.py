"""The Analysts group: view the content, export search results, read the staff reports (see accounts/roles.py)."""

from django.db import migrations

from accounts.roles import ANALYSTS, delete_group, sync_analysts


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_editors_group"),
        # Also the content apps' latest migrations (already implied by 0002), so that every content model exists.
        ("directory", "0002_reference_data"),
        ("people", "0002_researcher_search_vector"),
        ("initiatives", "0002_initiative_search_vector"),
        ("partnerships", "0003_subnationalpartnership_search_vector"),
    ]

    operations = [migrations.RunPython(sync_analysts, delete_group(ANALYSTS))]
