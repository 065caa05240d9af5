"""ASGI entry point, e.g. `uvicorn {{ cookiecutter.project_name }}.asgi:application`."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE",
    "{{ cookiecutter.project_name }}.settings",
)

application = get_asgi_application()
