"""The Editors group: made here once; since then kept by ``accounts.roles.sync_roles`` after every ``migrate``.

The migration stays, without operations, so that the history of existing databases is unchanged and no
migration imports application code that may change.
"""

from django.db import migrations


class Migration(migrations.Migration):
    # As they were when it made the group: the migration graph of existing databases stays the same.
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0002_reference_data"),
        ("people", "0002_researcher_search_vector"),
        ("initiatives", "0002_initiative_search_vector"),
        ("partnerships", "0003_subnationalpartnership_search_vector"),
    ]

    operations = []
