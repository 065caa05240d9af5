"""Why an install failed, in a line: what pip and uv printed, read for its cause."""

from __future__ import annotations

import re

from scaffold._smoke.build_errors import not_built
from scaffold.errors import option

__all__ = ["build_failure"]

_NOT_FOUND = re.compile(
    r"No matching distribution found for (?P<pip>\S{1,200})|"
    r"Because (?P<uv>\S{1,200}) was not found in the package registry"
)
# The first of the releases pip saw of a requirement none of which fits ("none" for no
# such package), and uv's words for a pin no release has, said alone (nothing else in it).
_PIP_VERSIONS = re.compile(
    r"satisfies the requirement \S{1,200} \(from versions: (?P<versions>\w{1,100})"
)
_UV_NO_VERSION = re.compile(
    r"Because there is no version of (?P<name>[\w.-]{1,200}?)(?P<spec>[=<>!~][^\s,]{1,100}) and "
    r"you require (?P=name)(?P=spec), we can conclude"
)
# A fetch that failed: uv's (the URL, then a cause a line); pip's last retry of a
# connection, just before it gives up on the requirement whose page it was.
_UV_FETCH_FAILED = re.compile(
    r"Failed to fetch: `?(?P<url>https?://[^\s`]{1,300}?)`?$(?P<causes>(?:\n\s{0,20}cause: "
    r"[^\n]{1,300}){1,12})",
    re.MULTILINE,
)
_PIP_GAVE_UP = re.compile(
    r"Failed to establish a new connection: (?P<why>[^'\n]{1,200})'[^\n]{0,400}\n"
    r"ERROR: Could not find a version that satisfies the requirement"
)
_PIP_INDEX = re.compile(r"^Looking in indexes: (?P<index>[^\s,]{1,300})", re.MULTILINE)
# What uv and pip say of a requirement whose releases need another Python: uv names
# the one required, or the one that depends on that Python.
# A Poetry project (Poetry's table, poetry-core's build) with no module of its name: one
# made for its dependencies alone, which `poetry install` installs with a warning.
_POETRY_NO_PACKAGE = re.compile(r"No file/folder found for package ([\w.-]{1,200})")
_UV_OTHER_PYTHON = re.compile(
    r"the current Python version \((?P<have>[\d.]{1,20})\) does not satisfy Python"
    r"(?P<wanted>[^ \n]{1,50}) and (?:you require (?P<required>[^ \n,]{1,200})|"
    r"(?P<package>[^ \n]{1,200}) depends on)"
)
# pip's, of a requirement whose Requires-Python refuses the environment's Python, read
# as pip chose it (a local project; a release an index lists without its
# Requires-Python): pip 19 and newer, then the pip of Python 3.6 (18.1).
_PIP_REFUSED_PYTHON = re.compile(
    r"Package '(?P<package>[^'\n]{1,200})' requires a different Python: (?P<have>[\d.]{1,20}) "
    r"not in '(?P<wanted>[^'\n]{1,50})'|"
    r"(?<![\w.-])(?P<old_package>[\w.-]{1,200}) requires Python '(?P<old_wanted>[^'\n]{1,50})' "
    r"but the running Python is (?P<old_have>[\d.]{1,20})"
)
# uv sync's, of a uv.lock locked for other Pythons (a project with no requires-python
# is locked for the one uv ran on).
_UV_LOCKED_PYTHON = re.compile(
    r"The current Python version \((?P<have>[\d.]{1,20})\) is not compatible with the locked "
    r"Python requirement: `(?P<wanted>[^`\n]{1,50})`"
)
_PIP_OTHER_PYTHON = re.compile(
    r"require a different python version: [^;\n]{0,100}?Requires-Python (?P<wanted>[^;\n]{1,50})"
)
# Requirements no versions satisfy together, as uv and pip say it.
_CONFLICT = re.compile(
    r"cause: (?P<uv>Because [^\n]{1,400}(?:\n[ \t]{1,30}[^\n]{1,400}){0,8}?)"
    r" (?:your requirements are unsatisfiable|are incompatible)|"
    r"Cannot install (?P<pip>[^\n]{1,300}?) because these package versions have conflicting"
)
# uv's words for a release whose only file is a source distribution named otherwise than
# PEP 625 says (an old .tar.bz2, .zip), which it refuses to build.
_NOT_PEP_625 = re.compile(
    r"Because (?P<name>[^\s=]{1,200})==\S{1,100} has a non-PEP 625-compliant source distribution"
)
# Each step of uv's reasoning: "Because A, we can conclude that B. And because C, …".
_PREMISE = re.compile(r"[Bb]ecause (.{1,400}?), we can conclude")
# An option pip takes on a requirement's line and uv does not (cookiecutter-django's
# `psycopg2 --no-binary psycopg2`), as uv refuses it, in the file it is in.
_PIP_OPTION = re.compile(
    r'Expected `--hash`, found `"(?P<option>--?[\w-]{1,40})"`: '
    r"(?P<file>[^\n]{1,300}?):(?P<line>\d{1,9}):\d{1,9}$",
    re.MULTILINE,
)
# An editable requirement of a git repository (`-e git+https://…#egg=faker`, as
# pip-compile wrote them), which pip installs from a clone and uv refuses.
_EDITABLE_GIT = re.compile(
    r"Unsupported editable requirement in `(?P<file>[^`\n]{1,300})` at line (?P<line>\d{1,9}): "
    r"`(?P<url>git\+[^`\n]{1,400})`"
)
# A requirement the installer cannot parse: uv's words (and why), pip's.
_UNREADABLE = re.compile(
    r"Couldn't parse requirement in `(?P<file>[^`\n]{1,300})` at position \d{1,9}\n"
    r"\s{0,20}cause: (?P<uv>[^\n]{1,400})|ERROR: Invalid requirement: (?P<pip>[^\n]{1,400})"
)
# pip's clone of a git requirement that failed, and uv's fetch of one, and git's reason;
# the pip of Python 3.6 (18.1) says git's reason first.
_GIT_FAILED = re.compile(
    r"git clone [^\n]{0,300}?(?P<url>(?:git|https?|ssh)://[^\s]{1,300}) [^\n]{0,600}did not run "
    r"successfully\.(?:\n[^\n]{0,300}){0,6}?\n\s{0,20}fatal: (?P<why>[^\n]{1,300})|"
    r"fatal: (?P<old_why>[^\n]{1,300})\n(?:[^\n]{0,300}\n){0,3}?Command \"git clone "
    r"[^\n]{0,300}?(?P<old_url>(?:git|https?|ssh)://[^\s\"]{1,300})|"
    r"Failed to download and build `[^`@\n]{1,200} @ git\+(?P<uv>[^`\s]{1,300})`"
    r"(?:\n[^\n]{0,600}){0,12}?\n\s{0,20}fatal: (?P<uv_why>[^\n]{1,300})"
)


def build_failure(output: str) -> str:
    """': NAME did not build: ERROR', ': NAME needs Python …' or ': NAME was not found'
    from what an install printed, so that the cause is named whatever noise came after
    it; '' if none."""
    if refused := _other_python(output):
        package, wanted, have = refused
        return (
            f": {package} needs Python {wanted}, and the environment's is {have}: "
            f"{_fitting(wanted)}"
        )
    if found := _UV_LOCKED_PYTHON.search(output):
        return (
            f": uv.lock is locked for Python {found['wanted']}, and the environment's is "
            f"{found['have']}: {_fitting(found['wanted'])}"
        )
    if unreachable := _fetch_failed(output):
        return unreachable
    if found := _POETRY_NO_PACKAGE.search(output):  # poetry-core finds nothing to build
        return (
            f": the project, {found[1]}, is no package Poetry can build (no module has its "
            "name): it is Poetry's, for its dependencies alone, which only Poetry reads: "
            "export them (poetry export -f requirements.txt -o requirements.txt), or give a "
            f"requirements file with {option('requirements')}"
        )
    if found := _NOT_FOUND.search(output):
        requirement = found.group("pip") or found.group("uv")
        name = re.split(r"[=<>!~;\[ ]", requirement)[0]
        pinned = requirement.partition("==")[2]
        other = _PIP_OTHER_PYTHON.search(output)
        if other and (not pinned or f"{pinned} Requires-Python" in output):
            return (
                f": {name} has no release for this Python (pip passed over those that need "
                f"Python {other['wanted']}): {_fitting(other['wanted'])}"
            )
        if (versions := _PIP_VERSIONS.search(output)) and versions["versions"] != "none":
            wanted = requirement[len(name) :]  # it has releases, none of them that
            return f": no release of {name} is {wanted} in the package index: require one it has"
        return f": {name} was not found in the package index"
    if found := _UV_NO_VERSION.search(output):  # Pillow==3.2.1, which was never released
        return (
            f": no release of {found['name']} is {found['spec']} in the package index: "
            "require one it has"
        )
    if found := _PIP_OPTION.search(output):
        return (
            f": {found['file']}, line {found['line']}, gives a requirement pip's option "
            f"{found['option']}, which uv does not read: install with pip "
            "(SCAFFOLD_INSTALLER=pip)"
        )
    if found := _EDITABLE_GIT.search(output):
        return (
            f": {found['file']}, line {found['line']}, gives an editable git requirement "
            f"(-e {found['url']}), which pip installs from a clone and uv does not: install "
            "with pip (SCAFFOLD_INSTALLER=pip)"
        )
    if found := _UNREADABLE.search(output):
        said = found["uv"] or found["pip"]
        where = f" in {found['file']}" if found["file"] else ""
        return f": a requirement{where} cannot be read: {said.strip()}"
    if found := _GIT_FAILED.search(output):
        url = found["url"] or found["uv"] or found["old_url"]
        why = found["why"] or found["uv_why"] or found["old_why"]
        return f": git could not fetch {url}: {why.strip()}"
    if found := _NOT_PEP_625.search(output):  # Twisted 20.3's .tar.bz2, which uv refuses
        return (
            f": {found['name']}'s only source distribution has a name uv refuses (not PEP "
            "625's), which pip installs: install with pip (SCAFFOLD_INSTALLER=pip), or pin "
            "a newer release of it"
        )
    if found := _CONFLICT.search(output):  # uv says "not found" in the same words
        chain = " ".join(found["uv"].split()) if found["uv"] else ""
        why = (
            "; and ".join(_PREMISE.findall(chain)) or f"{found['pip']} cannot be installed together"
        )
        return f": the requirements conflict: {why}"
    return not_built(output)


def _other_python(output: str) -> tuple[str, str, str] | None:
    """(the requirement, the Pythons it needs, the environment's) where uv or pip refused
    a requirement for the environment's Python; None otherwise."""
    if found := _UV_OTHER_PYTHON.search(output):
        return found["package"] or found["required"], found["wanted"], found["have"]
    if found := _PIP_REFUSED_PYTHON.search(output):
        if found["package"]:
            return found["package"], found["wanted"], found["have"]
        return found["old_package"], found["old_wanted"], found["old_have"]
    return None


def _fitting(wanted: str) -> str:
    """'serve the app with a Python that fits (--python)', naming the oldest installed
    here that the specifier `wanted` admits, if one is."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    from scaffold._apps.interpreter import python_that_fits

    try:
        fits = SpecifierSet(wanted)
    except InvalidSpecifier:
        fits = SpecifierSet("<0")
    fitting = python_that_fits(lambda version: fits.contains(version, prereleases=True))
    return f"serve the app with a Python that fits {fitting}"


def _fetch_failed(output: str) -> str:
    """': URL could not be fetched (WHY): …' when uv could not fetch a URL, or ': the
    package index could not be reached (WHY): …' when pip gave up on a requirement as
    its connections failed; else ''."""
    todo = "check the network, and the index or URL the requirements name"
    if found := _UV_FETCH_FAILED.search(output):
        why = found["causes"].strip().splitlines()[-1].strip().removeprefix("cause: ")
        return f": {found['url']} could not be fetched ({why}): {todo}"
    if found := _PIP_GAVE_UP.search(output):
        index = _PIP_INDEX.search(output)
        named = f" ({index['index']})" if index else ""
        return f": the package index{named} could not be reached ({found['why'].strip()}): {todo}"
    return ""
