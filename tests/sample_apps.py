"""Hand-written apps in the three shapes scaffold recognises, and broken ones."""

from __future__ import annotations

from pathlib import Path

FLASK = """\
import html

from flask import Flask, request

application = Flask(__name__)


@application.route("/")
def hello():
    name = request.args.get("name", "World")
    return f"{GREETING}, {html.escape(name)}!"


GREETING = "Hello"
"""

# The single-file Django app of the source article, with its settings.
DJANGO_SINGLE = """\
import html
import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path
from django.utils.crypto import get_random_string

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY=get_random_string(50),
)


def index(request):
    name = request.GET.get("name", "World")
    return HttpResponse(f"Hello, {html.escape(name)}!")


urlpatterns = [path("", index)]

wsgi = get_wsgi_application()

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
"""


def flask_app(folder: Path, source: str = FLASK) -> Path:
    """A folder holding a Flask `app.py` with `source`."""
    folder.mkdir(parents=True)
    (folder / "app.py").write_text(source)
    return folder


def flask_app_saying(folder: Path, body: str, status: int = 200) -> Path:
    """A Flask app whose "/" always answers `body` with `status`."""
    return flask_app(
        folder,
        "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
        f'@app.route("/")\ndef hello():\n    return {body!r}, {status}\n',
    )


def hanging_app(folder: Path) -> Path:
    """A Flask app that records its pid in `folder/pid`, then never starts serving."""
    return flask_app(
        folder,
        "import os\nimport time\n\nfrom flask import Flask\n\n"
        f"with open({str(folder / 'pid')!r}, 'w') as f:\n    f.write(str(os.getpid()))\n"
        "time.sleep(600)\napp = Flask(__name__)\n",
    )
