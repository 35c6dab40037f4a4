"""One editor saving an initiative every second, as a person does in the admin: sign in, open a change form,
change the description, save; Django validates, writes the record and its history, and commits.

The account is the runner's (``LOADTEST_EDITOR_USERNAME`` / ``_PASSWORD``: a Reviewers member with a random
password made for the run), never a demo account. The change toggles one sentence at the end of the
description, so every second save of a record puts it back as it was.
"""

import os
import random
import re
from urllib.parse import urlsplit

import lxml.html
from locust import HttpUser, constant_pacing, task

from bench.loadtest.proxy import PROXY_HEADERS, check

CHANGELIST = "/admin/initiatives/initiative/"
CHANGE_LINK = re.compile(r"^/admin/initiatives/initiative/\d+/change/$")
MARK = " Reviewed during the load test."


def cookie_header(jar):
    """Every cookie of the jar, ``Secure`` ones included. The site marks its cookies ``Secure`` (it is on HTTPS,
    as the proxy says), and the proxy's client sends them back over HTTPS; this client, standing in for the
    proxy on plain HTTP, must send them itself (requests would leave them out)."""
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def post_form(page_html, form_id=None, **changes):
    """The fields a browser would submit from the page's form (``form_id``, or its first POST form), changed."""
    page = lxml.html.fromstring(page_html)
    form = next(f for f in page.forms if f.method.upper() == "POST" and form_id in (None, f.get("id")))
    values = [(name, value) for name, value in form.form_values() if name not in changes]
    return values + list(changes.items())


class Editor(HttpUser):
    fixed_count = 1
    wait_time = constant_pacing(1)

    def on_start(self):
        self.rng = random.Random()  # noqa: S311 (which record, not a secret)
        self.origin = f"https://{urlsplit(self.host).netloc}"
        self.client.headers.update({**PROXY_HEADERS, "Origin": self.origin})
        login = self.get("/admin/login/", "editor sign-in page")
        fields = post_form(
            login.text,
            username=os.environ["LOADTEST_EDITOR_USERNAME"],
            password=os.environ["LOADTEST_EDITOR_PASSWORD"],
        )
        self.post("/admin/login/?next=/admin/", fields, "editor sign-in")
        changelist = self.get(CHANGELIST, "editor changelist")
        links = lxml.html.fromstring(changelist.text).xpath("//a/@href") if changelist.status_code == 200 else []
        self.records = sorted({link for link in links if CHANGE_LINK.match(link)})
        if os.environ.get("LOADTEST_TOUR") == "1":  # every step once before the clock can stop the run
            self.save_a_record()

    @task
    def save_a_record(self):
        if not self.records:
            return
        path = self.rng.choice(self.records)
        form = self.get(path, "editor change form")
        if form.status_code != 200:
            return
        description = lxml.html.fromstring(form.text).xpath("string(//textarea[@name='description'])")
        changed = description.removesuffix(MARK) if description.endswith(MARK) else description.strip() + MARK
        fields = post_form(form.text, form_id="initiative_form", description=changed, _save="Save")
        self.post(path, fields, "editor save")

    def get(self, path, name):
        headers = {"Cookie": cookie_header(self.client.cookies)}
        return self.client.get(path, name=name, headers=headers, allow_redirects=False)

    def post(self, path, fields, name):
        """A form posted as the browser does (same-origin Referer); a success redirects (302), a page with
        the form again means the site refused it."""
        with self.client.post(
            path,
            data=fields,
            name=name,
            headers={"Referer": self.origin + path, "Cookie": cookie_header(self.client.cookies)},
            catch_response=True,
            allow_redirects=False,
        ) as response:
            check(response, name, expected=302)
