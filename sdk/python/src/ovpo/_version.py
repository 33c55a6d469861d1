"""Package version (kept in one place so the User-Agent and pyproject agree)."""

__version__ = "0.8.0"
