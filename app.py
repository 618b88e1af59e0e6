"""Start the budgetqa web server (chat at /, API at /api, widget at /widget.js): python app.py

Settings come from BUDGETQA_* environment variables; a fresh store ingests corpus/ first.
A malformed setting is one line on stderr and exit code 2; so is a Chroma server
(BUDGETQA_CHROMA_URL) that does not answer, with exit code 3.
"""

import sys

from budgetqa.errors import BudgetQAError
from budgetqa.server import run
from budgetqa.settings import load_settings

if __name__ == "__main__":
    try:
        settings = load_settings()
        run(settings, settings.host, settings.port)
    except BudgetQAError as e:  # a bad setting, a store, index or model that cannot be opened: one line
        print(f"错误: {e}", file=sys.stderr)
        sys.exit(e.exit_code)
