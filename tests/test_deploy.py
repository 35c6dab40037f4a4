"""README.md's deployment steps, run word for word, give a working site behind gunicorn.

The two shell blocks marked ``<!-- deploy: environment -->`` and ``<!-- deploy: steps -->`` are read from the
README itself, so the README and this test cannot drift apart. The steps run in a fresh copy of the repository
(the files git knows, as a checkout has them) with a new virtual environment from requirements.txt alone, so a
runtime dependency missing from it fails here; the database is a new one on the test run's PostgreSQL server,
dropped afterwards; gunicorn's whole process group is stopped whatever happens.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import PROJECT_ROOT
from tests.processes import free_port, http_get, stop_group, wait_until_answers

pytestmark = pytest.mark.deploy

START_TIMEOUT = 600  # seconds for pip, migrations, collectstatic and compilemessages on a cold machine
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))


def readme_block(marker):
    """The fenced shell block right after ``<!-- deploy: marker -->`` in README.md."""
    readme = (PROJECT_ROOT / "README.md").read_text()
    found = re.search(rf"<!-- deploy: {marker} -->\n```sh\n(.*?)\n```", readme, re.DOTALL)
    assert found, f"README.md has no shell block marked <!-- deploy: {marker} -->"
    return found.group(1)


def exported_names(block):
    return re.findall(r"^export (\w+)=", block, re.MULTILINE)


def copy_checkout(target):
    """The repository's files as a fresh clone has them: tracked or new, never ignored (.venv, staticfiles)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = PROJECT_ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.fixture
def deploy_database():
    """A new, empty database on the test run's PostgreSQL server; dropped afterwards."""
    import psycopg

    name = f"techdiplo_deploy_{secrets.token_hex(4)}"
    parts = urlsplit(DATABASE_URL)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Site:
    """The deployed site over real HTTP, as the README's proxy would pass requests on (raw request targets)."""

    def __init__(self, port):
        self.port = port

    def get(self, target, proxied=True, headers=None):
        headers = dict(headers or {})
        if proxied:
            headers |= {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
        return http_get(self.port, target, headers)


@pytest.fixture
def deployed(tmp_path, deploy_database):
    """Runs the README's steps in a copy of the repository; yields (Site, checkout, log path) once it answers."""
    checkout = tmp_path / "techdiplo"
    checkout.mkdir()
    copy_checkout(checkout)
    port = free_port()
    ours = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": deploy_database,
        "DJANGO_BEHIND_PROXY": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    # The same variables the README tells an operator to set, no more, no fewer.
    assert sorted(exported_names(readme_block("environment"))) == sorted(ours)
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "LANG": "C.UTF-8",
        **ours,
    }
    log = tmp_path / "deploy.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["bash", "-e", "-c", readme_block("steps")],
            cwd=checkout,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # one process group: gunicorn and its workers are stopped together
        )
    try:
        site = Site(port)
        wait_until_answers(process, port, log, path="/healthz", timeout=START_TIMEOUT)
        # Records to find: the demo data set, loaded with the site's own environment (not a README step).
        subprocess.run(
            [str(checkout / ".venv/bin/python"), "manage.py", "seed_demo"],
            cwd=checkout,
            env=environment,
            check=True,
            capture_output=True,
            timeout=300,
        )
        yield site, checkout, log
    finally:
        stop_group(process)


@pytest.mark.skipif(not ON_POSTGRES, reason="the deployment needs PostgreSQL: runs in the PostgreSQL half of make test")
def test_the_readmes_deployment_steps_give_a_working_site(deployed):
    site, checkout, log = deployed

    status, headers, body = site.get("/healthz", proxied=False)
    assert status == 200 and headers["Content-Type"] == "application/json"

    # Plain HTTP that did not come through the TLS proxy is sent to HTTPS.
    status, headers, _ = site.get("/initiatives/", proxied=False)
    assert status == 301 and headers["Location"] == f"https://127.0.0.1:{site.port}/initiatives/"

    status, headers, body = site.get("/initiatives/?q=G7", headers={"X-Request-ID": "deploy-test-0001"})
    html = body.decode()
    assert status == 200
    assert "G7 Ise-Shima" in html
    assert headers["X-Request-ID"] == "deploy-test-0001"
    assert headers["Strict-Transport-Security"].startswith("max-age=")

    status, headers, body = site.get("/ja/initiatives/")
    assert status == 200
    assert '<html lang="ja">' in body.decode() and "イニシアティブ" in body.decode()
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])

    manifest = json.loads((checkout / "staticfiles" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css" and f"/static/{hashed}" in html
    status, headers, body = site.get(f"/static/{hashed}")
    assert status == 200 and body == (checkout / "static" / "css" / "site.css").read_bytes()
    assert "immutable" in headers["Cache-Control"] or "max-age=315360000" in headers["Cache-Control"]

    # The language switcher of a page reached through a protocol-relative path stays on the site.
    status, _, body = site.get("//evil.example/")
    assert status == 404 and "evil.example" not in body.decode()

    # gunicorn wrote the request's access line as JSON, under the id the proxy sent.
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    [access] = [line for line in lines if line.get("request_id") == "deploy-test-0001"]
    assert access["logger"] == "techdiplo.access" and access["status"] == 200 and access["query"] == "q=G7"
    assert any(line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in lines)


def test_the_readme_has_both_deployment_blocks_and_the_steps_use_the_repositorys_gunicorn_configuration():
    steps = readme_block("steps")
    assert "gunicorn -c gunicorn.conf.py techdiplo.wsgi" in steps
    assert "requirements.txt" in steps and "requirements-dev" not in steps
    assert Path(PROJECT_ROOT / "gunicorn.conf.py").is_file()
    assert "DATABASE_URL" in exported_names(readme_block("environment"))
