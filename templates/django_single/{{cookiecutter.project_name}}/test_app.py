from django.test import Client
from django.test.utils import setup_test_environment

from app import GREETING

setup_test_environment()
client = Client()


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
