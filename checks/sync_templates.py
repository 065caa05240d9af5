"""Write the files cookiecutter makes every template keep a copy of, from one source each.

cookiecutter cannot share files across templates, so each template carries its own
`hooks/pre_gen_project.py` (scaffold's name and greeting rules, scaffold/_project/names.py
verbatim, then the template's own lines), `templates/python.jinja` (the macro in
checks/template_sources/) and the project's `.github/workflows/ci.yml` (from the same
folder). Run it after changing either source; `--check` changes
nothing and exits 1 naming each copy that differs, as the tests run it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scaffold import frameworks  # noqa: E402
from scaffold.kinds import KINDS, Kind  # noqa: E402

RULES = REPO / "scaffold" / "_project" / "names.py"
MACRO = REPO / "checks" / "template_sources" / "python.jinja"
WORKFLOW = REPO / "checks" / "template_sources" / "ci.yml"
HOOK_TAIL = """

# What follows is this template's own: the lines above are scaffold's rules
# (scaffold/_project/names.py), copied verbatim by checks/sync_templates.py.

TEMPLATE = {template!r}
RESERVED = {reserved}
FRAMEWORK_MODULES = {modules}

if __name__ == "__main__":
    # cookiecutter fills in the answers; %r makes each a Python literal of itself.
    problem = name_problem(
        {{{{ "%r" | format(cookiecutter.project_name) }}}},
        template=TEMPLATE,
        reserved=RESERVED,
        shadowed=FRAMEWORK_MODULES,
    ) or greeting_problem({{{{ "%r" | format(cookiecutter.greeting) }}}})
    if problem:
        print(f"Error: {{problem}}", file=sys.stderr)
        sys.exit(1)
"""


def _frozenset(names: frozenset[str]) -> str:
    return f"frozenset({{{', '.join(map(repr, sorted(names)))}}})" if names else "frozenset()"


def copies(kind: Kind) -> dict[Path, str]:
    """Each file of `kind`'s template that is a copy, with what it must hold."""
    hook = RULES.read_text(encoding="utf-8") + HOOK_TAIL.format(
        template=kind.name,
        reserved=_frozenset(kind.reserved),
        modules=_frozenset(frameworks.modules()),
    )
    return {
        kind.path / "hooks" / "pre_gen_project.py": hook,
        kind.path / "templates" / "python.jinja": MACRO.read_text(encoding="utf-8"),
        kind.path / "{{cookiecutter.project_name}}" / ".github" / "workflows" / "ci.yml": (
            WORKFLOW.read_text(encoding="utf-8")
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 on a drift")
    check = parser.parse_args().check
    drifted = []
    for kind in KINDS:
        for path, text in copies(kind).items():
            if path.is_file() and path.read_text(encoding="utf-8") == text:
                continue
            drifted.append(path.relative_to(REPO))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in drifted:
        print(f"{'differs' if check else 'wrote'}: {path}")
    if check and drifted:
        print("run: python checks/sync_templates.py", file=sys.stderr)
    return 1 if check and drifted else 0


if __name__ == "__main__":
    sys.exit(main())
