"""Real-browser tests: Debian's Chromium, driven by Playwright, with axe-core injected."""
