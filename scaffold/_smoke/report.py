"""Smoke results as people and CI systems read them: lines, JSON, JUnit XML."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from xml.etree import ElementTree

from scaffold._smoke.check import SmokeResult

__all__ = ["junit_xml", "line", "summary", "to_json"]


def line(result: SmokeResult) -> str:
    """One line for a finished target, followed by the reason and server output if it failed."""
    verdict = "PASS" if result.passed else "FAIL"
    text = f"{verdict}  {result.target}  ({result.kind}, {result.server})  {result.elapsed_s:.2f} s"
    if result.passed:
        return f"{text}  GET / -> {result.status} {result.body!r}"
    details = [f"      {result.error}"]
    details += [f"      | {out}" for out in result.output.splitlines()]
    return "\n".join([text, *details])


def summary(results: Sequence[SmokeResult], elapsed_s: float) -> str:
    failed = sum(not r.passed for r in results)
    return f"{len(results) - failed} passed, {failed} failed in {elapsed_s:.2f} s"


def to_json(results: Sequence[SmokeResult]) -> str:
    return json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False)


def junit_xml(results: Sequence[SmokeResult], elapsed_s: float) -> str:
    """A JUnit XML report: one testcase per target, a failure element for each that failed."""
    suite = ElementTree.Element(
        "testsuite",
        name="scaffold smoke",
        tests=str(len(results)),
        failures=str(sum(not r.passed for r in results)),
        errors="0",
        time=f"{elapsed_s:.3f}",
    )
    for result in results:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=f"scaffold.smoke.{result.kind}",
            name=f"{result.target} ({result.server})",
            time=f"{result.elapsed_s:.3f}",
        )
        if not result.passed:
            failure = ElementTree.SubElement(case, "failure", message=result.error or "failed")
            failure.text = result.output
    ElementTree.indent(suite)
    return ElementTree.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
