"""Smoke results as people and CI systems read them: lines, JSON, JUnit XML."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict
from functools import cache

from scaffold._smoke.check import SmokeResult

__all__ = ["junit_xml", "line", "summary", "to_json"]

_SHOWN_BODY_CHARS = 80


def line(result: SmokeResult) -> str:
    """One line for a finished target, followed by the reason and server output if it failed."""
    verdict = "PASS" if result.passed else "FAIL"
    text = f"{verdict}  {result.target}  ({result.kind}, {result.server})  {result.elapsed_s:.2f} s"
    if result.passed:
        body = result.body or ""
        shown = repr(body[:_SHOWN_BODY_CHARS]) + ("…" if len(body) > _SHOWN_BODY_CHARS else "")
        return f"{text}  GET {result.request} -> {result.status} {shown}"
    details = [f"      {result.error}"]
    details += [f"      | {out}" for out in result.output.splitlines()]
    return "\n".join([text, *details])


def summary(results: Sequence[SmokeResult], elapsed_s: float) -> str:
    failed = sum(not r.passed for r in results)
    return f"{len(results) - failed} passed, {failed} failed in {elapsed_s:.2f} s"


def to_json(results: Sequence[SmokeResult]) -> str:
    return json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False)


def junit_xml(
    results: Sequence[SmokeResult], elapsed_s: float, shard: tuple[int, int] | None = None
) -> str:
    """A JUnit XML report: one testcase per target, a failure element for each that failed.

    A shard's report says which shard it is, in its name and as a property.
    """
    from xml.etree import ElementTree  # here: only --junit-xml pays for it

    shown = f"{shard[0]}/{shard[1]}" if shard else None
    suite = ElementTree.Element(
        "testsuite",
        name=f"scaffold smoke (shard {shown})" if shown else "scaffold smoke",
        tests=str(len(results)),
        failures=str(sum(not r.passed for r in results)),
        errors="0",
        time=f"{elapsed_s:.3f}",
    )
    if shown:
        properties = ElementTree.SubElement(suite, "properties")
        ElementTree.SubElement(properties, "property", name="shard", value=shown)
    for result in results:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=f"scaffold.smoke.{result.kind}",
            name=_xml_text(f"{result.target} ({result.server})"),
            time=f"{result.elapsed_s:.3f}",
        )
        if not result.passed:
            message = _xml_text(result.error or "failed")
            failure = ElementTree.SubElement(case, "failure", message=message)
            failure.text = _xml_text(result.output)
    ElementTree.indent(suite)
    return ElementTree.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def _xml_text(text: str) -> str:
    """`text` with each character XML cannot hold replaced by U+FFFD."""
    return _not_xml().sub("\ufffd", text)


@cache
def _not_xml() -> re.Pattern[str]:
    """What XML 1.0 cannot hold, even escaped: control characters, surrogates, U+FFFE/U+FFFF.

    Compiled on first use: its ranges take milliseconds that smoke without JUnit need not pay.
    """
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
