from django.test import Client

from app import GREETING

# A host that ALLOWED_HOSTS admits, as the default "testserver" is not.
client = Client(HTTP_HOST="localhost")


def test_greets_the_world():
    response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode() == f"{GREETING}, World!"


def test_greets_by_name():
    response = client.get("/?name=Ada")
    assert response.content.decode() == f"{GREETING}, Ada!"


def test_escapes_the_name():
    response = client.get("/?name=<script>")
    assert response.content.decode() == f"{GREETING}, &lt;script&gt;!"
