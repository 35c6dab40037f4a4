import pytest

# A fresh interpreter whose only database is a PostgreSQL server that is not there:
# port 9 on the loopback (discard) has nothing listening, so connecting is refused at once.
GET_HEALTHZ = (
    "import django; django.setup(); from django.test import Client; "
    "response = Client().get('/healthz'); print(response.status_code, response.json()['database'])"
)


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_is_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_answers_503_when_the_database_is_unreachable(run_python):
    result = run_python(
        "-c",
        GET_HEALTHZ,
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL="postgres://nobody@127.0.0.1:9/techdiplo?connect_timeout=5",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["503", "unreachable"]


def test_healthz_is_not_cached(client, db):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]
