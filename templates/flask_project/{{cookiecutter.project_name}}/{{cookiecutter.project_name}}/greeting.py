{%- from "python.jinja" import assignment -%}
"""The greeting blueprint: "/" greets the world, or whoever `?name=` names."""

from flask import Blueprint, request
from markupsafe import escape

{{ assignment("GREETING", cookiecutter.greeting) }}

bp = Blueprint("greeting", __name__)


@bp.route("/")
def hello():
    name = request.args.get("name") or "World"
    return f"{GREETING}, {escape(name)}!"
