"""Reading the tracebacks a server printed: which of the project's own files a frame
names (and its line), found below the project from the path its served copy printed."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from scaffold._project.tree import packages_above

__all__ = [
    "FRAME",
    "as_projects",
    "error_page",
    "frame_at",
    "frame_file",
    "last_error_logged",
    "last_exception",
    "last_traceback",
    "with_modules_named",
]

FRAME = re.compile(r'File "(?P<path>[^"\n]{1,1000})", line (?P<line>\d{1,9})')
"""A frame of a traceback, as Python prints it: its file and line."""
# A traceback's frames, to the exception they end with: the first line after them that
# is not indented (`django.core.exceptions.ImproperlyConfigured: Specified …`). From a
# frame, not the header: a server's output is kept by its last lines. Its name alone
# when it said nothing (a failed `assert`); its words on the lines below when they start
# with a line break (plotly 4's `ImportError: \nThe plotly.plotly module is deprecated…`).
_RAISED = re.compile(
    r'^  File "[^\n]{1,1000}\n(?:[ \t][^\n]{0,1000}\n){0,400}?'
    r"(?P<exception>[A-Za-z_][\w.]{0,200}(?:: [^\n]{0,300})?)$"
    r"(?P<below>(?:\n\S[^\n]{0,300}){0,5})",
    re.MULTILINE,
)
# A line logged at ERROR or CRITICAL, in logging's usual formats, its logger's name
# dropped: "2026-12-04 14:18:14,589 ERROR:searx.webapp: server.secret_key is not
# changed…", "ERROR:root:…", "[2026-12-04 …] [ERROR] …".
_LOGGED_ERROR = re.compile(
    r"^[^\n]{0,80}?\b(?:ERROR|CRITICAL)\b(?:\]|:(?:[\w.]{1,100}:)?)?[ \t]{0,5}"
    r"(?:\[[\w.]{1,100}\][ \t]{1,5})?(?P<said>\S[^\n]{0,299})$",
    re.MULTILINE,
)
# Django's debug error page (DEBUG on): the exception in its title, its words below.
_ERROR_PAGE = re.compile(
    r"<title>(?P<type>[\w.]{1,200})\s{0,200}at /[^<]{0,2000}</title>"
    r'.{0,200000}?<pre class="exception_value">(?P<value>[^<]{0,1000})</pre>',
    re.DOTALL,
)
# A `from werkzeug import MultiDict` failing, as Pythons before 3.7 said it: the name
# alone (Python 2 without its quotes), not the module it was not in. Its frame may be
# indented, as an installer quotes a build's output.
_NAME_ALONE = re.compile(
    r'^[ \t]{0,40}File "(?P<file>[^"\n]{1,1000})", line \d{1,9}[^\n]{0,300}\n'
    r"[ \t]{0,40}from (?P<module>[A-Za-z_][\w.]{0,200}) import [^\n]{1,1000}\n"
    r"[ \t]{0,40}ImportError: cannot import name '?(?P<name>\w{1,200})'?$",
    re.MULTILINE,
)
_INSTALLED = re.compile(r"(?P<packages>.{0,1000}/site-packages/)(?P<importer>\w{1,200})")
_MAX_FRAMES = 50
"""The most frames of a traceback looked at, from its end: a server's output is not
to be trusted to be a traceback at all."""


def frame_file(output: str, end: int, root: Path, *, last: bool = False) -> Path | None:
    """The project's own file the traceback in `output` was in last before offset `end`
    (with `last`, only if it is the last frame of all), found below `root` from the path
    the served copy of it printed (its tail that follows a folder named as the project's,
    outside site-packages); None if there is none."""
    found = frame_at(output, end, root, last=last)
    return found[0] if found else None


def frame_at(output: str, end: int, root: Path, *, last: bool = False) -> tuple[Path, int] | None:
    """`frame_file`, and the line of it the traceback names."""
    frames = list(FRAME.finditer(output, 0, end))[-_MAX_FRAMES:]
    for frame in reversed(frames[-1:] if last else frames):
        path = frame["path"]
        if "/site-packages/" in path or not path.endswith(".py"):
            continue
        parts = PurePosixPath(path).parts
        for at in range(len(parts) - 1):
            tail = parts[at + 1 :]
            if parts[at] != root.name or ".." in tail:
                continue
            candidate = root.joinpath(*tail)
            if candidate.is_file():
                return candidate, int(frame["line"])
    return None


def with_modules_named(output: str) -> str:
    """`output`, with a failed import of a name from a module said as Python 3.7 and newer
    say it, where an older Python named the name alone: "cannot import name 'MultiDict'
    from 'werkzeug' (…/site-packages/werkzeug)" when an installed package imported it
    from another, "(unknown location)" when other code did (a build's setup.py)."""

    def named(found: re.Match[str]) -> str:
        module = found["module"]
        installed = _INSTALLED.match(found["file"])
        if installed and module.split(".")[0] == installed["importer"]:  # its own module
            return found.group(0)
        where = installed["packages"] + module.replace(".", "/") if installed else None
        frame, error = found.group(0).rsplit("\n", 1)
        said = (
            f"cannot import name '{found['name']}' from '{module}' ({where or 'unknown location'})"
        )
        return f"{frame}\n{error.partition('ImportError')[0]}ImportError: {said}"

    return _NAME_ALONE.sub(named, output)


def last_exception(output: str) -> str | None:
    """The exception the last traceback in `output` ends with, as Python printed it
    (its name and message, at most 300 characters of it); None without a traceback."""
    tracebacks = list(_RAISED.finditer(output))
    if not tracebacks:
        return None
    found = tracebacks[-1]
    said = found["exception"].strip()
    if said.endswith(":"):  # its words start on the next line
        return f"{said} {' '.join(found['below'].split())}"[:300].strip()
    frames = list(FRAME.finditer(found.group(0)))
    code = found.group(0)[frames[-1].end() :].split("\n")[1] if frames else ""
    if ":" not in said and code[:1].isspace():  # the statement says what it checked
        return f"{said} (in {frames[-1]['path']}, line {frames[-1]['line']}: {code.strip()})"[:300]
    return said


def last_traceback(output: str) -> str:
    """The last traceback in `output`, its frames to the exception they end with (its
    header may have been cut from a server's output); '' without one."""
    tracebacks = list(_RAISED.finditer(output))
    return output[tracebacks[-1].start() : tracebacks[-1].end("exception")] if tracebacks else ""


def error_page(body: str) -> str:
    """The exception a 500's `body`, Django's debug error page, says the view raised, as
    Python prints it ("DoesNotExist: GymConfig matching query does not exist."); '' if
    it is no such page."""
    import html

    found = _ERROR_PAGE.search(body)
    return f"{found['type']}: {html.unescape(found['value'].strip())}" if found else ""


def last_error_logged(output: str) -> str | None:
    """What the last line of `output` logged at ERROR or CRITICAL says (at most 300
    characters of it): why a server that printed no traceback exited; None if none."""
    logged = list(_LOGGED_ERROR.finditer(output))
    return logged[-1]["said"].strip() if logged else None


# The folder a served copy of a project sits in: scaffold's run folder, then the server's.
_COPY_FOLDER = re.compile(
    r"(?:/[^/\s'\"]{1,255}){0,40}/scaffold-run-[^/\s'\"]{1,64}/server-[^/\s'\"]{1,64}/"
)


def as_projects(said: str, root: Path) -> str:
    """`said` of the served copy, with the copy's paths made the project's own (below
    `root`'s folder), where the user finds the files it names."""
    # The copy's folder stands for the one above the packages the project sits in.
    above = root.parents[len(packages_above(root))]
    return _COPY_FOLDER.sub(lambda _: f"{above}/", said)
