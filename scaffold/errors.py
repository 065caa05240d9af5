"""Every failure scaffold reports to its user, each with the exit code it maps to.

Bad input from the user exits 2 (click's usage-error convention); anything else
that goes wrong exits 1.
"""

from __future__ import annotations

TYPE_CHECKING = False  # as typing's, without importing typing (errors load on every run)
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "CompareError",
    "DirtyProjectError",
    "FreshEnvError",
    "GenerationError",
    "InputError",
    "InvalidGreetingError",
    "InvalidNameError",
    "MergeToolError",
    "NewerProjectError",
    "OutputDirError",
    "PortTakenError",
    "ProcessError",
    "ReportError",
    "RequestTimeoutError",
    "ScaffoldError",
    "ServerError",
    "ServerExitedError",
    "ServerTimeoutError",
    "ShutDownError",
    "SignalError",
    "TargetExistsError",
    "UnknownProjectError",
    "UnknownTemplateError",
    "UpdateError",
    "env_option",
    "flag",
    "option",
    "option_name",
    "speak_to_command_line",
]

_COMMAND_LINE = [False]


def speak_to_command_line(on: bool) -> None:
    """Word what the user should give as the `scaffold` command's options (`on`), or,
    as by default, as the Python API's keyword arguments."""
    _COMMAND_LINE[0] = on


def option(name: str, cli_value: str = "", api_value: str = "") -> str:
    """How the user gives the setting `name`, a keyword argument of the Python API:
    `--env KEY=VALUE` to the command, `env={'KEY': 'VALUE'}` to the API; without values,
    `--python` and `python=` (a flag's `api_value` is 'True')."""
    if _COMMAND_LINE[0]:
        flag = "--" + name.replace("_", "-")
        return f"{flag} {cli_value}" if cli_value else flag
    return f"{name}={api_value}"


def env_option(values: Mapping[str, str]) -> str:
    """The settings `values` as the user gives them: `--env A=1 --env B=2` to the
    command, `env={'A': '1', 'B': '2'}` to the API."""
    given = " --env ".join(f"{name}={value}" for name, value in values.items())
    return option("env", given, repr(dict(values)))


def flag(name: str) -> str:
    """The yes-or-no setting `name`, turned on: `--fresh-env`, or `fresh_env=True`."""
    return option(name, "", "True")


def option_name(name: str) -> str:
    """The setting `name` as the user calls it: `--fresh-env` on the command line,
    `fresh_env` in the Python API."""
    return option(name).removesuffix("=")


class ScaffoldError(Exception):
    """Raised for any failure that scaffold reports as a one-line message."""

    exit_code = 1


class InputError(ScaffoldError):
    """Raised when the user's input is unusable; nothing has been written."""

    exit_code = 2

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter
        """The argument of the Python API that is unusable, if one is: the command line
        names its option."""


class UnknownTemplateError(InputError):
    """Raised when a template name is not one scaffold ships."""


class UnknownProjectError(InputError):
    """Raised when a folder holds no app that scaffold can recognise."""


class InvalidNameError(InputError):
    """Raised when a project name cannot be a Python package."""


class InvalidGreetingError(InputError):
    """Raised when a greeting is empty or holds a line break or control character."""


class OutputDirError(InputError):
    """Raised when the output folder is missing or is not a folder."""


class TargetExistsError(InputError):
    """Raised when the project folder to create already exists."""


class NewerProjectError(InputError):
    """Raised when a project was made by a newer scaffold than the one running."""


class DirtyProjectError(InputError):
    """Raised when `update` would touch a project with uncommitted changes in git."""


class MergeToolError(InputError):
    """Raised when a file changed on both sides and neither git nor merge3 can merge it."""


class GenerationError(ScaffoldError):
    """Raised when rendering or moving a generated project into place fails."""


class ProcessError(ScaffoldError):
    """Raised when a child process fails; `output` holds the last lines it printed."""

    def __init__(self, message: str, *, output: str = "", printed: str | None = None) -> None:
        super().__init__(message)
        self.output = output
        self.printed = output if printed is None else printed
        """All that is kept of what it printed (64 KiB), which its cause is read from: a
        chained traceback's first exception is often more than the last lines above."""


class ServerError(ProcessError):
    """Raised when a server fails to come up."""


class ServerExitedError(ServerError):
    """Raised when a server process ends before it answers over HTTP."""


class PortTakenError(ServerError):
    """Raised when another process, not the server's own, holds the server's port: it
    took the port before the server did (scaffold, which chose the port, tries another)."""


class ServerTimeoutError(ServerError):
    """Raised when a server does not answer over HTTP within the time allowed."""


class RequestTimeoutError(ServerTimeoutError):
    """Raised when a server took the first request and had not answered it in the time
    allowed: it listens, and the app is waiting on something."""


class FreshEnvError(ProcessError):
    """Raised when a throwaway virtualenv for a project cannot be built."""


class ReportError(ScaffoldError):
    """Raised when a report (--html, --junit-xml) cannot be written once the work is done."""


class ShutDownError(ScaffoldError):
    """Raised when a process would be started after scaffold began shutting down."""


class SignalError(ScaffoldError):
    """Raised when the process using scaffold ignores SIGCHLD: its children's exit
    statuses, which scaffold judges by, would be lost."""


class CompareError(ScaffoldError):
    """Raised when a figure for `scaffold compare` cannot be measured."""


class UpdateError(ScaffoldError):
    """Raised when a project cannot be compared with or brought to its templates."""
