from app import GREETING, app

client = app.test_client()


def test_greets_the_world():
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == f"{GREETING}, World!"


def test_greets_by_name():
    response = client.get("/?name=Ada")
    assert response.text == f"{GREETING}, Ada!"


def test_escapes_the_name():
    response = client.get("/?name=<script>")
    assert response.text == f"{GREETING}, &lt;script&gt;!"


def test_refuses_other_hosts():
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400
