"""Signing in or out ends on a page of this site that answers, whatever ``next`` says."""

import pytest

from tests.factories import UserFactory

PASSWORD = "a-long-test-password-1"

BAD_NEXTS = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "garbage",
    "../../etc/passwd",
    "/no-such-page/",
    "",
    " ",
    "%00",
    "/accounts/logout/",
    "http://testserver.evil.example/",
]


@pytest.fixture
def editor(db):
    user = UserFactory(username="signer", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def final_page(client, response):
    """Follow redirects by hand (each must stay on this host) and return the last response."""
    for _ in range(5):
        if response.status_code not in (301, 302, 303, 307, 308):
            return response
        location = response["Location"]
        assert location.startswith("/") and not location.startswith(("//", "/\\")), location
        response = client.get(location)
    raise AssertionError("too many redirects")


@pytest.mark.parametrize("next_url", BAD_NEXTS)
@pytest.mark.parametrize("where", ["query", "form"])
def test_signing_out_with_any_next_ends_on_a_page_that_answers(client, editor, next_url, where):
    client.force_login(editor)
    if where == "query":
        response = client.post("/accounts/logout/?" + f"next={next_url}")
    else:
        response = client.post("/accounts/logout/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert final_page(client, response).status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("next_url", ["/ja/", "/initiatives/?status=active", "/ja/initiatives/"])
def test_signing_out_keeps_a_next_that_is_a_page_of_the_site(client, editor, next_url):
    client.force_login(editor)
    response = client.post("/accounts/logout/", {"next": next_url})
    assert response["Location"] == next_url
    assert final_page(client, response).status_code == 200


@pytest.mark.parametrize("next_url", ["//evil.example/", "garbage", ""])
def test_the_admins_sign_out_ends_on_the_admins_sign_in_page(client, editor, next_url):
    client.force_login(editor)
    response = client.post(f"/admin/logout/?next={next_url}")
    assert response["Location"] == "/admin/login/"
    assert final_page(client, response).status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_admins_sign_out_button_still_signs_out(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert 'action="/admin/logout/"' in html
    response = client.post("/admin/logout/")
    assert response.status_code == 302 and "_auth_user_id" not in client.session


@pytest.mark.parametrize("next_url", BAD_NEXTS)
def test_signing_in_with_any_next_ends_on_a_page_that_answers(client, editor, next_url):
    response = client.post(f"/accounts/login/?next={next_url}", {"username": "signer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert final_page(client, response).status_code == 200
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_signing_in_keeps_a_next_that_is_a_page_of_the_site(client, editor):
    response = client.post(
        "/accounts/login/?next=/ja/initiatives/%3Fstatus%3Dactive", {"username": "signer", "password": PASSWORD}
    )
    assert response["Location"] == "/ja/initiatives/?status=active"
