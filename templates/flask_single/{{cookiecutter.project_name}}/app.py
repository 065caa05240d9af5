{%- from "python.jinja" import assignment -%}
"""A single-file Flask app that greets whoever asks."""

import os

from flask import Flask, request
from markupsafe import escape

{{ assignment("GREETING", cookiecutter.greeting) }}

app = Flask(__name__)
# Other hosts get 400; settings come from FLASK_-prefixed variables, e.g.
# FLASK_TRUSTED_HOSTS='["example.com"]' (JSON) or FLASK_SECRET_KEY.
app.config["TRUSTED_HOSTS"] = ["localhost", "127.0.0.1"]
app.config.from_prefixed_env()


@app.route("/")
def hello():
    name = request.args.get("name") or "World"
    return f"{GREETING}, {escape(name)}!"


if __name__ == "__main__":
    # Flask's debugger stays off unless FLASK_DEBUG=1 asks for it.
    app.run(port=int(os.environ.get("PORT", "5000")))
