from django.test import SimpleTestCase

from .views import GREETING


class IndexTests(SimpleTestCase):
    def test_greets_the_world(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content.decode(), f"{GREETING}, World!")

    def test_greets_by_name(self):
        response = self.client.get("/?name=Ada")
        self.assertEqual(response.content.decode(), f"{GREETING}, Ada!")

    def test_escapes_the_name(self):
        response = self.client.get("/?name=<script>")
        self.assertEqual(response.content.decode(), f"{GREETING}, &lt;script&gt;!")
