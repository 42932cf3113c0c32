"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium; never `playwright install`)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 860}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


@pytest.fixture
def shot():
    """shot(page, name): save a screenshot people can look at (var/screenshots)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def _shot(page, name: str):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return _shot


def sign_in(page, base_url: str, username: str, password: str):
    page.goto(f"{base_url}/masuk/")
    page.get_by_label("NIP").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


@pytest.fixture
def axe():
    """axe(page): run axe-core in the page; fail on serious or critical accessibility violations."""

    def _axe(page, *, ignore: tuple[str, ...] = ()):
        # loaded from our own origin (node_modules is served under /static/vendor/) so the CSP allows it
        origin = "/".join(page.url.split("/")[:3])
        page.wait_for_load_state("load")
        try:
            page.add_script_tag(url=f"{origin}/static/vendor/axe-core/axe.min.js")
        except PlaywrightError as exc:
            # axe-core's optional message templates try `new Function`, which our CSP (rightly) refuses; Chromium
            # sometimes reports that refusal as the script's load error although axe itself is defined and runs.
            if "EvalError" not in str(exc) or page.evaluate("typeof axe") != "object":
                raise
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical") and v["id"] not in ignore]
        assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]

    return _axe
