"""The W3C Nu Html Checker (vnu.jar, from the npm package vnu-jar in tools/html-checker)
over a batch of pages: every error it reports, named by the page's address.

The checker is a Java program that takes seconds to start, so a crawl collects the HTML of
every page it visits and checks them all in one run at the end. `make html-checker`
installs it (npm) and Java (Debian's default-jre-headless) when they are missing.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from pcplan.tests.processes import require

VNU_JAR = Path(__file__).resolve().parents[2] / "tools/html-checker/node_modules/vnu-jar/build/dist/vnu.jar"


def html_checker_available() -> bool:
    return VNU_JAR.is_file() and shutil.which("java") is not None


def html_errors(pages: dict[str, str]) -> list[str]:
    """Every error the checker finds in `pages` (address -> HTML as served), one line each:
    "address line N: message (extract)". Skips, or fails where CI requires the checker,
    when it is not installed."""
    require(html_checker_available(), "The W3C Nu Html Checker (make html-checker: vnu-jar and Java)")
    if not pages:
        return []
    with tempfile.TemporaryDirectory(prefix="pcplan-vnu-") as folder:
        address_of, paths = {}, []
        for number, (address, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{number}.html"
            path.write_text(html, encoding="utf-8")
            paths.append(str(path))
            address_of[path.name] = address
        java = shutil.which("java") or "java"
        result = subprocess.run(  # noqa: S603 - our own command line, no shell
            [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *paths],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        return [f"The HTML checker failed (exit {result.returncode}): {result.stderr[-2000:]}"]
    return [
        f"{address_of.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url', ''))} line {m.get('lastLine', '?')}: "
        f"{m.get('message', '')} ({m.get('extract', '').strip()!r})"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
