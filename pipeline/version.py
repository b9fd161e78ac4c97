"""The one version string of newsgraph: the installed package's metadata (pyproject.toml)."""

from __future__ import annotations

from importlib import metadata


def package_version() -> str:
    """The installed version of newsgraph (``0+unknown`` from a bare source tree).

    >>> package_version() == metadata.version("newsgraph")
    True
    """
    try:
        return metadata.version("newsgraph")
    except metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = package_version()
