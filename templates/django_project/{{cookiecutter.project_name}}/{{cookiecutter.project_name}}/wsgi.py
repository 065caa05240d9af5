"""WSGI entry point: `gunicorn {{ cookiecutter.project_name }}.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE",
    "{{ cookiecutter.project_name }}.settings",
)

application = get_wsgi_application()
