"""{{ cookiecutter.project_name }}: a Flask app made by an application factory."""

from flask import Flask

from . import greeting


def create_app(test_config=None):
    """Create the app, configured from FLASK_-prefixed environment variables."""
    app = Flask(__name__)
    # Requests for other hosts get 400.
    app.config.from_mapping(TRUSTED_HOSTS=["localhost", "127.0.0.1"])
    # FLASK_SECRET_KEY becomes SECRET_KEY, FLASK_DEBUG=1 turns on debug mode, and
    # so on for any setting; values are parsed as JSON where they can be.
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.register_blueprint(greeting.bp)
    return app
