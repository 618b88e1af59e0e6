"""Browser tests never skip silently in CI: with CI set and no Chromium they fail; locally
(CI unset) they skip. Runs pytest on each browser test file in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_browser_test(ci: bool, path: str = "tests/test_browser.py") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update({"BUDGETQA_CHROMIUM": "/nonexistent/chromium", "PYTHONPATH": str(ROOT / "src")})
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", path],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("path", ["tests/test_browser.py", "tests/test_browser_compare.py"])
@pytest.mark.parametrize("ci, outcome", [(True, "1 error"), (False, "1 skipped")])
def test_missing_chromium_fails_under_ci_and_skips_locally(ci, outcome, path):
    r = run_browser_test(ci, path)
    assert outcome in r.stdout, r.stdout[-2000:]
    assert (r.returncode not in (0, 5)) is ci  # 5: nothing ran (the module skipped)
    if ci:
        assert "CI is set: browser tests must run" in r.stdout
