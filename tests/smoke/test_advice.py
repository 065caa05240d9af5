"""Each hint's advice, followed literally, leads to a PASS: smoke says what the app
lacked, the test does what it says, and the next run passes."""

from __future__ import annotations

from pathlib import Path

import pytest

import scaffold

pytestmark = pytest.mark.integration

GREET = """

from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = SECRET_KEY


@app.route("/")
def hello():
    return "Hello, World!"
"""
READERS = {
    "os.environ": 'import os\n\nSECRET_KEY = os.environ["SHOP_SECRET_KEY"]\n',
    "django-environ": "import environ\n\nSECRET_KEY = environ.Env()('SHOP_SECRET_KEY')\n",
    "environs": "from environs import Env\n\nSECRET_KEY = Env().str('SHOP_SECRET_KEY')\n",
    "python-decouple": "from decouple import config\n\nSECRET_KEY = config('SHOP_SECRET_KEY')\n",
}


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_a_setting_the_environment_lacks_is_named_with_the_option_that_gives_it(
    tmp_path: Path, reader: str
) -> None:
    root = tmp_path / "shop"
    root.mkdir()
    (root / "app.py").write_text(reader + GREET)
    (failed,) = scaffold.smoke([root])
    assert not failed.passed
    assert str(failed.error).endswith(
        "the app reads SHOP_SECRET_KEY from its environment, which has none: give it with "
        "--env SHOP_SECRET_KEY=VALUE."
    )
    (passed,) = scaffold.smoke([root], env={"SHOP_SECRET_KEY": "VALUE"})
    assert passed.passed, passed.error
