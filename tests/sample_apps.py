"""Hand-written apps in the three shapes scaffold recognises, and broken ones."""

from __future__ import annotations

from pathlib import Path

from support import startproject

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
        # Written whole, then renamed: a reader never sees an empty file.
        f"with open({str(folder / 'pid.new')!r}, 'w') as f:\n    f.write(str(os.getpid()))\n"
        f"os.replace({str(folder / 'pid.new')!r}, {str(folder / 'pid')!r})\n"
        "time.sleep(600)\napp = Flask(__name__)\n",
    )


def _flask_serving(folder: Path, view: str, *, imports: str = "") -> Path:
    """A Flask app whose "/" view has the body `view` (indented four spaces)."""
    return flask_app(
        folder,
        f"import time\n{imports}\nfrom flask import Flask, Response\n\napp = Flask(__name__)\n\n\n"
        f'@app.route("/")\ndef hello():\n{view}',
    )


def endless_app(folder: Path) -> Path:
    """A Flask app whose "/" streams a body without end."""
    return _flask_serving(
        folder,
        "    def forever():\n        while True:\n            yield b'x' * 65536\n\n"
        "    return Response(forever())\n",
    )


def trickling_app(folder: Path) -> Path:
    """A Flask app whose "/" sends its body a byte at a time, five bytes a second."""
    return _flask_serving(
        folder,
        "    def trickle():\n        while True:\n            yield b'x'\n"
        "            time.sleep(0.2)\n\n    return Response(trickle())\n",
    )


def unfinished_app(folder: Path) -> Path:
    """A Flask app whose "/" promises 1000 bytes, sends 10, and never closes."""
    return _flask_serving(
        folder,
        "    def some():\n        yield b'x' * 10\n        time.sleep(600)\n\n"
        "    return Response(some(), headers={'Content-Length': '1000'})\n",
    )


def silent_app(folder: Path) -> Path:
    """An app that `flask run` starts, which accepts connections and never answers."""
    return flask_app(
        folder,
        "import socket\nimport sys\n\n"
        "port = int(sys.argv[sys.argv.index('--port') + 1])\n"
        "listener = socket.create_server(('127.0.0.1', port))\nheld = []\n"
        "while True:\n    held.append(listener.accept())\n"
        "app = object()  # never reached: only there for scaffold to find an app\n",
    )


def not_http_app(folder: Path) -> Path:
    """An app that `flask run` starts, which answers every connection with an SSH banner."""
    return flask_app(
        folder,
        "import socket\nimport sys\n\n"
        "port = int(sys.argv[sys.argv.index('--port') + 1])\n"
        "listener = socket.create_server(('127.0.0.1', port))\n"
        "while True:\n    conn, _ = listener.accept()\n"
        "    conn.sendall(b'SSH-2.0-OpenSSH_9.6\\r\\n')\n    conn.close()\n"
        "app = object()  # never reached: only there for scaffold to find an app\n",
    )


def not_http_then_silent_app(folder: Path) -> Path:
    """An app that `flask run` starts, which answers its first connection with an SSH
    banner and holds every later one without a word: as a busy machine can make the
    last try of a server that answers so run into the deadline."""
    return flask_app(
        folder,
        "import socket\nimport sys\n\n"
        "port = int(sys.argv[sys.argv.index('--port') + 1])\n"
        "listener = socket.create_server(('127.0.0.1', port))\n"
        "conn, _ = listener.accept()\nconn.sendall(b'SSH-2.0-OpenSSH_9.6\\r\\n')\nconn.close()\n"
        "held = []\nwhile True:\n    held.append(listener.accept()[0])\n"
        "app = object()  # never reached: only there for scaffold to find an app\n",
    )


def endless_headers_app(folder: Path) -> Path:
    """An app that `flask run` starts, whose answer is a header without end."""
    return flask_app(
        folder,
        "import socket\nimport sys\n\n"
        "port = int(sys.argv[sys.argv.index('--port') + 1])\n"
        "listener = socket.create_server(('127.0.0.1', port))\n"
        "while True:\n    conn, _ = listener.accept()\n    conn.recv(65536)\n"
        "    try:\n        conn.sendall(b'HTTP/1.1 200 OK\\r\\nX-Endless: ')\n"
        "        while True:\n            conn.sendall(b'a' * 65536)\n"
        "    except OSError:\n        conn.close()\n"
        "app = object()  # never reached: only there for scaffold to find an app\n",
    )


def escaping_app(folder: Path) -> Path:
    """A Flask app that starts children which escape its process group, then serves.

    One child is in a session of its own and ignores SIGTERM; another is a daemon
    (forked twice, in a new session) that ignores SIGTERM too. Each records its pid
    in `folder/pids`.
    """
    pids = str(folder / "pids")
    return flask_app(
        folder,
        "import os\nimport signal\nimport subprocess\nimport sys\nimport time\n\n"
        "from flask import Flask\n\n"
        f"PIDS = {pids!r}\n"
        "STUBBORN = 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "time.sleep(600)'\n\n\n"
        "def record(pid):\n    with open(PIDS, 'a') as f:\n        f.write(f'{pid}\\n')\n\n\n"
        "record(subprocess.Popen([sys.executable, '-c', STUBBORN], start_new_session=True).pid)\n"
        "first = os.fork()\nif first == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
        "        signal.signal(signal.SIGTERM, signal.SIG_IGN)\n        record(os.getpid())\n"
        "        time.sleep(600)\n    os._exit(0)\nos.waitpid(first, 0)\n"
        "while len(open(PIDS).read().split()) < 2:\n    time.sleep(0.01)\n\n"
        "app = Flask(__name__)\n\n\n"
        '@app.route("/")\ndef hello():\n    return "Hello, World!"\n',
    )


SESSIONS_VIEW = (
    "from django.contrib.sessions.models import Session\nfrom django.http import HttpResponse\n"
    "from django.urls import path\n\n\ndef index(request):\n"
    "    return HttpResponse(f'{Session.objects.count()} sessions')\n\n\n"
    "urlpatterns = [path('', index)]\n"
)


def unmigrated_site(root: Path) -> Path:
    """A startproject layout whose "/" reads a table that only `migrate` makes."""
    startproject("shop", root)
    (root / "shop" / "urls.py").write_text(SESSIONS_VIEW)
    return root
