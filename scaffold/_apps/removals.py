"""What frameworks and their libraries took out that older apps still use, and what
the code that used each does instead: read by the advice for an app written for
another version of a package, by the name it imports or uses."""

__all__ = ["GONE"]

_WERKZEUG_3 = "Werkzeug 3.0 took it out (2.3 warned of it): in code of your own, use "
GONE = {
    "flask.ext": "Flask 1.0 took flask.ext out: on a newer Flask, import each extension by "
    "its own name (flask_login for flask.ext.login).",
    "flask.Markup": "Flask 3.0 took Markup out: import it from markupsafe.",
    "flask.escape": "Flask 3.0 took escape out: import it from markupsafe.",
    "flask._app_ctx_stack": "Flask 3.0 took it out (2.3 warned of it): in code of your own, "
    "use flask.g or flask.current_app.",
    "flask._request_ctx_stack": "Flask 3.0 took it out (2.3 warned of it): in code of your "
    "own, use flask.request or flask.g.",
    "flask.Flask.before_first_request": "Flask 2.3 took it out: run that setup once as the "
    "app is made (after it, within `with app.app_context():`).",
    "flask.Blueprint.before_app_first_request": "Flask 2.3 took it out: run that setup once "
    "as the app is made (after it, within `with app.app_context():`).",
    "flask.Flask.json_encoder": "Flask 2.3 took it out: give the app a "
    "flask.json.provider.DefaultJSONProvider of your own (app.json).",
    "flask.Flask.env": "Flask 2.3 took it out: use app.debug, or a setting of the app's own.",
    "flask.json.JSONEncoder": "Flask 2.3 took it out: in code of your own, give the app a "
    "flask.json.provider.DefaultJSONProvider of your own.",
    "jinja2.Markup": "Jinja 3.1 took Markup out: import it from markupsafe.",
    "jinja2.escape": "Jinja 3.1 took escape out: import it from markupsafe.",
    "werkzeug.secure_filename": "Werkzeug 1.0 took it out of werkzeug: import it from "
    "werkzeug.utils.",
    "werkzeug.urls.url_quote": _WERKZEUG_3 + "urllib.parse.quote.",
    "werkzeug.urls.url_parse": _WERKZEUG_3 + "urllib.parse.urlsplit.",
    "werkzeug.urls.url_encode": _WERKZEUG_3 + "urllib.parse.urlencode.",
    "werkzeug.urls.url_decode": _WERKZEUG_3 + "urllib.parse.parse_qs.",
    "jinja2.ext.with_": "Jinja 3.0 took it out (2.9 made `with` built in): leave it out "
    "of the extensions.",
    "jinja2.ext.autoescape": "Jinja 3.0 took it out (2.9 made autoescaping built in): leave "
    "it out of the extensions.",
    "jinja2.contextfunction": "Jinja 3.1 took it out: use jinja2.pass_context.",
    "jinja2.contextfilter": "Jinja 3.1 took it out: use jinja2.pass_context.",
    "jinja2.environmentfilter": "Jinja 3.1 took it out: use jinja2.pass_environment.",
    "markupsafe.soft_unicode": "MarkupSafe 2.1 took it out: use soft_str.",
    "itsdangerous.json": "itsdangerous 2.1 took it out: use the json module.",
    "itsdangerous.TimedJSONWebSignatureSerializer": "itsdangerous 2.1 took it out: use "
    "URLSafeTimedSerializer (its tokens are not JWTs), or a JWT library.",
    "werkzeug.contrib": "Werkzeug 1.0 took werkzeug.contrib out: ProxyFix is in "
    "werkzeug.middleware.proxy_fix, the cache is the cachelib package.",
    "django.utils.six": "Django 3.0 took it out: use the six package (import six).",
    "django.conf.urls.url": "Django 4.0 took it out: use django.urls.re_path.",
    "django.utils.encoding.force_text": "Django 4.0 took it out: use force_str.",
    "django.utils.encoding.smart_text": "Django 4.0 took it out: use smart_str.",
    "django.utils.translation.ugettext": "Django 4.0 took it out: use gettext.",
    "django.utils.translation.ugettext_lazy": "Django 4.0 took it out: use gettext_lazy.",
    "wtforms.fields.html5": "WTForms 3.0 took it out: import its fields (EmailField, …) "
    "from wtforms.fields.",
    "wtforms.validators.Required": "WTForms 3.0 took it out: use DataRequired (or InputRequired).",
    "wtforms.validators.required": "WTForms 3.0 took it out: use data_required (or "
    "input_required).",
    "sqlalchemy.orm.util.join": "SQLAlchemy 2.0 took it out of sqlalchemy.orm.util: import "
    "it from sqlalchemy.orm.",
    "django.core.urlresolvers": "Django 2.0 took it out: import reverse and its kin from "
    "django.urls.",
    "django.shortcuts.render_to_response": "Django 3.0 took it out: use render(request, …).",
    "django.utils.encoding.python_2_unicode_compatible": "Django 3.0 took it out: drop the "
    "decorator (Python 3 needs none).",
}
