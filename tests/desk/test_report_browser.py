"""The review page in a real headless browser (Debian's chromium): it renders, shows the claims, runs nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from attribution.conflicts import Conflict
from attribution.io.report_html import render_report
from attribution.types import Document

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
BROWSER_TIMEOUT_S = 90
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

ARTICLE = Document(
    "troops-report",
    'U.S. Defense Secretary Lloyd Austin said "North Korean troops are in Russia." '
    "<script>document.title='pwned'</script>\n"
    "Moscow denied that North Korean soldiers had been sent to Russia.",
    "troops-report.txt",
)


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless chromium installed (apt-get install -y chromium); the browser check is skipped")


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}", *args,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, timeout=BROWSER_TIMEOUT_S, check=False)


@pytest.fixture
def page(tmp_path, make_row) -> Path:
    a = make_row(ARTICLE, "q001", "North Korean troops are in Russia.", "Lloyd Austin", "assertion", speaker_role="U.S. Defense Secretary")
    b = make_row(ARTICLE, "q002", "North Korean soldiers had been sent to Russia", "Moscow", "denial")
    path = tmp_path / "review.html"
    path.write_text(render_report([ARTICLE], [a, b], [Conflict("c01", "North Korean troops are in Russia", a, b, 0.8)]), encoding="utf-8")
    return path


@pytest.mark.slow
def test_report_browser_shows_the_claims_and_runs_no_script(page, tmp_path):
    browser = _browser()
    result = _run(browser, tmp_path / "profile", "--dump-dom", page.as_uri())
    dom = result.stdout.decode("utf-8", "replace")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    assert "Lloyd Austin" in dom and "Moscow" in dom and "U.S. Defense Secretary" in dom
    assert '<mark class="denial"' in dom and "c01: North Korean troops are in Russia" in dom
    assert "pwned" not in dom.split("<title>")[1].split("</title>")[0]
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom  # shown as text, never run


@pytest.mark.slow
def test_report_browser_renders_a_screenshot(page, tmp_path):
    browser = _browser()
    shot = tmp_path / "review.png"
    result = _run(browser, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000  # a blank page compresses to a few hundred bytes
