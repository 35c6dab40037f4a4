import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_chromium_reaches_the_live_server_health_check(page):
    response = page.goto("/healthz")

    assert response.status == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert '"database": "ok"' in page.content()
