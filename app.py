"""Start the budgetqa web server (chat at /, API at /api, widget at /widget.js): python app.py

Settings come from BUDGETQA_* environment variables; a fresh store ingests corpus/ first.
"""

from budgetqa.server import run
from budgetqa.settings import Settings

if __name__ == "__main__":
    settings = Settings()
    run(settings, settings.host, settings.port)
