from {{ cookiecutter.project_name }} import create_app
from {{ cookiecutter.project_name }}.greeting import GREETING


def test_greets_the_world(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == f"{GREETING}, World!"


def test_greets_by_name(client):
    response = client.get("/?name=Ada")
    assert response.text == f"{GREETING}, Ada!"


def test_escapes_the_name(client):
    response = client.get("/?name=<script>")
    assert response.text == f"{GREETING}, &lt;script&gt;!"


def test_refuses_other_hosts(client):
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-the-environment")
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not app.debug
