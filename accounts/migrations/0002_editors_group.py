"""The Editors group: everything on the registers' content, nothing on accounts (see accounts/roles.py)."""

from django.db import migrations

from accounts.roles import EDITORS, delete_group, sync_editors


class Migration(migrations.Migration):
    # The content apps' latest migrations, so that every content model (and its permissions) exists.
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0002_reference_data"),
        ("people", "0002_researcher_search_vector"),
        ("initiatives", "0002_initiative_search_vector"),
        ("partnerships", "0003_subnationalpartnership_search_vector"),
    ]

    operations = [migrations.RunPython(sync_editors, delete_group(EDITORS))]
