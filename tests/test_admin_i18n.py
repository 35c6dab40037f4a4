"""The editors' admin speaks Japanese under /ja/admin/: no column header, filter title, field label, fieldset
or inline heading is left in English, on every registered changelist, change form and import page."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from lxml import html

from editorial.validators import validate_not_future_year, validate_url_lines
from exports.import_admin import ColumnImportExportMixin
from partnerships.models import SubnationalPartnership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("japanese_catalogue")]

PLAUSIBLE_YEAR = next(
    c for c in SubnationalPartnership._meta.constraints if c.name == "partnership_established_plausible"
)

# The same in both languages on purpose: identifiers known by these names in Japanese too.
SAME_IN_BOTH = {"ORCID iD", "ORCID iD:", "URL", "URL:", "ID", "ID:"}

# What the admin labels: changelist column headers and filter titles (the title alone: "By %s" is Django's); a
# form's field labels (editable or read-only), fieldset and inline headings and the tabular inlines' column headers.
LABELS = (
    "//table[@id='result_list']/thead//th/div[@class='text']"
    " | //*[@id='changelist-filter']//details/@data-filter-title"
    " | //form//label[not(ancestor::*[@id='changelist-filter'] or ancestor::div[@class='actions'])]"
    " | //fieldset//h2 | //div[contains(@class, 'inline-group')]//h2"
    " | //div[contains(@class, 'inline-group')]//thead//th"
)


def admin_pages():
    """(label, name of the URL, args) of every registered model admin's changelist, change form (the first
    record's, or the add form where there is none) and import page."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append((model, f"{prefix}_changelist"))
        pages.append((model, f"{prefix}_change"))
        if isinstance(model_admin, ColumnImportExportMixin):
            pages.append((model, f"{prefix}_import"))
    return sorted(pages, key=lambda page: page[1])


def url(model, name, language):
    args = []
    if name.endswith("_change"):
        first = model._default_manager.order_by("pk").first()
        if first is None:
            name, args = name.replace("_change", "_add"), []
        else:
            args = [first.pk]
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def sign_in_records():
    """One of each of django-axes's records, so its changelists have rows and its change forms a record."""
    client = {"user_agent": "curl/8", "ip_address": "192.0.2.1", "username": "editor", "http_accept": "*/*"}
    AccessAttempt.objects.create(**client, path_info="/admin/login/", get_data="", post_data="", failures_since_start=2)
    AccessLog.objects.create(**client, path_info="/admin/login/")
    AccessFailureLog.objects.create(**client, path_info="/admin/login/", locked_out=False)


def labels(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    page = html.fromstring(response.content.decode())
    # An attribute (the filter's title) comes back as a string, an element as itself.
    texts = (" ".join(getattr(item, "text_content", lambda i=item: i)().split()) for item in page.xpath(LABELS))
    return [text for text in texts if text]


@pytest.mark.parametrize(("model", "name"), admin_pages(), ids=lambda value: value if isinstance(value, str) else "")
def test_every_admin_label_is_japanese_on_the_japanese_admin(
    admin_client, demo_data, sign_in_records, japanese_catalogue, model, name
):
    english = labels(admin_client, url(model, name, "en"))
    japanese = labels(admin_client, url(model, name, "ja"))
    assert english, "the page shows labels"
    assert len(japanese) == len(english), (english, japanese)
    untranslated = [en for en, ja in zip(english, japanese, strict=True) if en == ja and en not in SAME_IN_BOTH]
    assert not untranslated, f"English left on the Japanese page: {untranslated}"


def test_english_admin_keeps_its_labels(admin_client, demo_data):
    """The fields given translatable names read as Django derived them from the field names before."""
    initiatives = labels(admin_client, reverse("admin:initiatives_initiative_changelist"))
    assert initiatives[:3] == ["Title", "Status", "Start date"]
    assert {"status", "kind", "sector", "start date"} <= set(initiatives)
    assert "exchange abroad" in labels(admin_client, reverse("admin:people_researcher_changelist"))


def test_japanese_admin_names_the_app_columns_and_filters(admin_client, demo_data, japanese_catalogue):
    with translation.override("ja"):
        address = reverse("admin:initiatives_initiative_changelist")
    response = admin_client.get(address)
    breadcrumb = " ".join(
        html.fromstring(response.content.decode()).xpath("string(//div[@class='breadcrumbs'])").split()
    )
    assert breadcrumb == "ホーム › イニシアティブ › イニシアティブ"
    initiatives = labels(admin_client, address)
    assert initiatives[:3] == ["タイトル", "状況", "開始日"]
    assert {"状況", "種類", "セクター", "開始日"} <= set(initiatives)


@pytest.mark.parametrize(
    ("check", "japanese"),
    [
        (lambda: validate_not_future_year(3000), "3000年は未来の年です。"),
        (lambda: validate_url_lines("ftp://example.org"), "http(s) の URL として正しくありません"),
        (lambda: PLAUSIBLE_YEAR.validate(SubnationalPartnership, SubnationalPartnership(established=1700)), "1800年"),
    ],
)
def test_the_forms_own_error_messages_are_japanese_too(japanese_catalogue, check, japanese):
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        check()
    assert japanese in " ".join(error.value.messages)
