"""The register's words' bitmaps (techdiplo_search 0011), as every register's: its table watched."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("fourth_register", "0008_name_tokens"),
        ("techdiplo_search", "0011_word_bitmaps"),
    ]

    operations = [
        migrations.RunSQL(
            "SELECT search_lexeme_watch('agreements', 'fourth_register_agreement')",
            "SELECT search_lexeme_unwatch('agreements', 'fourth_register_agreement')",
        )
    ]
