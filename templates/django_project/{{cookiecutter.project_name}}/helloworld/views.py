{%- from "python.jinja" import assignment -%}
from django.http import HttpResponse
from django.utils.html import escape

{{ assignment("GREETING", cookiecutter.greeting) }}


def index(request):
    name = request.GET.get("name") or "World"
    return HttpResponse(f"{GREETING}, {escape(name)}!")
