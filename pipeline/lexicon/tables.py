"""Where the data files under ``models/`` live (patterns, alias tables, taxonomy).

``$NEWSGRAPH_MODELS`` overrides the location; by default it is the ``models/`` folder of the
repository this package is installed from.
"""

from __future__ import annotations

import os
from pathlib import Path


def models_dir() -> Path:
    """The folder holding newsgraph's data files."""
    env = os.environ.get("NEWSGRAPH_MODELS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"
