"""Staff find their tools from every page (the account bar), and a 403 says what is missing and whom to ask."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def page(client, url="/"):
    response = client.get(url)
    return response, response.content.decode()


def bar(html):
    start = html.index('class="account-bar"')
    return html[start : html.index("</div>\n</div>", start)]


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_analyst_sees_reports_and_the_spreadsheets_but_no_admin(client, prefix):
    client.force_login(UserFactory(groups=["Analysts"]))
    _, html = page(client, f"{prefix}/")
    links = bar(html)
    assert f'href="{prefix}/reports/"' in links
    assert f'href="{prefix}/workbench/"' in links
    assert ("ワークベンチ" if prefix else ">Workbench<") in links
    for register in ("initiatives", "researchers", "partnerships"):
        assert f'href="{prefix}/{register}/export.xlsx"' in links
    assert "/admin/" not in links
    assert ("レポート" if prefix else ">Reports<") in links


@pytest.mark.parametrize("prefix", ["", "/ja"])
def test_editor_sees_the_admin_but_no_tool_they_may_not_use(client, prefix):
    client.force_login(UserFactory(groups=["Editors"], is_staff=True))
    _, html = page(client, f"{prefix}/initiatives/")
    links = bar(html)
    assert f'href="{prefix}/admin/"' in links  # the admin in the page's language
    assert ("管理画面" if prefix else ">Admin<") in links
    assert "/reports/" not in links
    assert "/workbench/" not in links
    assert "export.xlsx" not in links


def test_signed_in_user_without_a_role_sees_only_sign_out(client):
    client.force_login(UserFactory())
    links = bar(page(client)[1])
    assert "Staff tools" not in links
    assert "Sign out" in links


def test_anonymous_visitor_has_no_account_bar(client):
    assert 'class="account-bar"' not in page(client)[1]


def test_editor_opening_reports_gets_a_styled_403_naming_the_permission_and_the_group(client):
    client.force_login(UserFactory(username="kato", groups=["Editors"], is_staff=True))
    response, html = page(client, "/reports/")
    assert response.status_code == 403
    assert '<link rel="stylesheet"' in html  # the site's page, not Django's bare one
    assert "read the staff reports" in html
    assert "<code>accounts.view_reports</code>" in html
    assert "<strong>Analysts</strong>" in html
    assert "<strong>kato</strong>" in html


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/ja/reports/exchanges-by-year.xlsx", ["スタッフ向けレポートを閲覧", "<code>accounts.view_reports</code>"]),
        ("/ja/initiatives/export.xlsx", ["表計算ファイルでダウンロード", "<code>accounts.export_data</code>"]),
    ],
)
def test_japanese_403_names_the_permission_and_group_in_japanese(client, url, said):
    client.force_login(UserFactory(groups=["Editors"], is_staff=True))
    response, html = page(client, url)
    assert response.status_code == 403
    assert 'lang="ja"' in html
    for text in [*said, "<strong>アナリスト</strong>"]:
        assert text in html
    assert "Ask an administrator" not in html


def test_403_lists_the_administrators_to_write_to_when_configured(client, settings):
    settings.ADMINS = [("Registry desk", "registry@example.org")]
    client.force_login(UserFactory())
    html = page(client, "/reports/")[1]
    assert 'href="mailto:registry@example.org"' in html
