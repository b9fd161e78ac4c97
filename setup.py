"""The package list: everything setuptools finds under ``pipeline/`` (pyproject.toml), plus the
data files under ``models/``, which ship inside the package as ``pipeline.models``."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["pipeline", "pipeline.*"]), "pipeline.models"])
