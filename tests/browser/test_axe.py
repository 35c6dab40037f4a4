import pytest

from .helpers import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_axe_violations_reports_what_a_screen_reader_user_would_miss(page):
    """The checker itself: an unlabelled image and input must come back, so an empty list means something."""
    page.set_content('<html lang="en"><body><main><img src="/x.png"><input type="text"></main></body></html>')

    rules = {violation["id"] for violation in axe_violations(page)}

    assert {"image-alt", "label"} <= rules
