"""A project's own secrets (its Django secret key): made once by `new`, recognised later."""

from __future__ import annotations

import re
import string

__all__ = ["new_secret", "secret_in", "secret_pattern"]

# The letters and length of cookiecutter's random_ascii_string(50), which the
# templates use, so that plain cookiecutter makes secrets of the same form.
_ALPHABET = string.ascii_letters + string.digits
_LENGTH = 50


def new_secret(prefix: str) -> str:
    """A new secret: `prefix` and 50 random letters or digits."""
    import secrets  # here: smoke and check read secrets, only new makes them

    return prefix + "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))


def secret_pattern(prefix: str) -> re.Pattern[str]:
    """What a secret that starts with `prefix` looks like."""
    return re.compile(re.escape(prefix) + f"[A-Za-z0-9]{{{_LENGTH}}}(?![A-Za-z0-9])")


def secret_in(text: str, prefix: str) -> str | None:
    """The first secret that starts with `prefix` in `text`, if there is one."""
    match = secret_pattern(prefix).search(text)
    return match.group(0) if match else None
