"""Open a report in a real headless Chromium, the system's, driven by Playwright.

For the browser tests and `bench/report.py`. Playwright's Python package is a development
extra and is imported only here; it drives Debian's `/usr/bin/chromium` (never a browser
it downloads itself), launched with a fresh profile and the flags that keep it from
calling home. Every request the page makes is recorded, and any that would leave the file
is refused, so a test can assert that none was made.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Route

# Playwright's `headless=True` adds --headless; the rest keep Chromium off the network.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
CANDIDATES = ("chromium", "chromium-browser")
# A safety net, not a measure: a machine shared with other jobs can be slow to lay out a page.
TIMEOUT_MS = 120_000
INSTALL_HINT = (
    "the browser tests need Chromium and Playwright's Python package: "
    "`apt-get install chromium` (Debian/Ubuntu; or set MPPCLAIMS_CHROMIUM to a Chromium "
    "executable) and `pip install -e '.[dev]'`"
)


class BrowserMissing(RuntimeError):
    """No Chromium executable, or no Playwright package."""


def find_chromium() -> str | None:
    """$MPPCLAIMS_CHROMIUM, else `chromium` or `chromium-browser` on PATH."""
    named = os.environ.get("MPPCLAIMS_CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why the browser cannot be started here (None: it can)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"Playwright is not installed; {INSTALL_HINT}"
    if find_chromium() is None:
        return f"no Chromium executable found; {INSTALL_HINT}"
    return None


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[BrowserContext]:
    """A browser context of the system's Chromium with a throw-away profile."""
    problem = missing()
    if problem is not None:
        raise BrowserMissing(problem)
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    with (
        tempfile.TemporaryDirectory(prefix="mppclaims-chromium-") as profile,
        sync_playwright() as driver,
    ):
        context = driver.chromium.launch_persistent_context(
            profile,
            executable_path=executable,
            headless=True,
            args=[arg for arg in CHROMIUM_ARGS if arg != "--headless"],
            viewport={"width": width, "height": height},
        )
        try:
            yield context
        finally:
            context.close()


@dataclass
class Visit:
    """A page opened from a file: what it logged, what it asked for, what failed in it."""

    page: Page
    url: str
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and requests beyond the file."""
        outside = [f"request: {url}" for url in self.requests if url != self.url]
        return [*self.console, *self.errors, *outside]


def visit(context: BrowserContext, path: Path) -> Visit:
    """Open `path` in a new page of `context`, recording console output and requests."""
    page = context.new_page()
    url = path.resolve().as_uri()
    seen = Visit(page, url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            seen.console.append(f"console {message.type}: {message.text}")

    def on_route(route: Route) -> None:
        seen.requests.append(route.request.url)
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    page.set_default_timeout(TIMEOUT_MS)
    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(f"page error: {error}"))
    page.route("**/*", on_route)
    page.goto(url, wait_until="load")
    return seen
