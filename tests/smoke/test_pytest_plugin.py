"""The `scaffold_app` fixture that the package registers with pytest."""

from __future__ import annotations

import pytest

from scaffold import generate

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.integration


def test_scaffold_app_serves_templates_and_paths_then_stops(pytester: pytest.Pytester) -> None:
    generate("django-single", "site1", output_dir=pytester.path, greeting="Hi")
    test_file = pytester.makepyfile(
        """
        import pytest
        import requests

        urls = []

        @pytest.mark.parametrize(
            "scaffold_app",
            ["flask-single", {"target": "flask-project", "server": "wsgi"}, "django-project"],
            indirect=True,
        )
        def test_a_template(scaffold_app):
            assert requests.get(scaffold_app.url + "/").text == "Hello, World!"
            urls.append(scaffold_app.url)

        @pytest.mark.parametrize("scaffold_app", ["site1"], indirect=True)
        def test_a_path_and_the_others_stopped(scaffold_app):
            assert scaffold_app.kind == "django-single"
            assert requests.get(scaffold_app.url + "/?name=Ada").text == "Hi, Ada!"
            for url in urls:
                with pytest.raises(requests.ConnectionError):
                    requests.get(url + "/", timeout=2)

        def test_without_a_target(scaffold_app):
            pass
        """
    )
    result = pytester.runpytest_subprocess(test_file, "-p", "no:xdist", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, errors=1)
    result.stdout.fnmatch_lines(["*scaffold_app needs a target*"])
