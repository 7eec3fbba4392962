"""Debian's Chromium as every browser test and benchmark launches it (Playwright's own download is
never used; the flags keep it off this machine's closed network)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
