"""The shape of the package: small modules and functions, and stages that import only the
layers beneath them (a contributor can read one room without the house)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "pipeline"
MODULES = sorted(PACKAGE.rglob("*.py"))
#: what each subpackage may import from the rest of the package (nothing imports upward)
ALLOWED = {
    "lexicon": {"errors"},
    "identity": {"lexicon", "types"},
    "store": {"errors", "types"},
    "ingest": {"config", "errors", "lexicon", "types"},
    "nlp": {"config", "identity", "lexicon", "settings", "types"},
    "normalize": {"identity", "lexicon", "types"},
    "events": {"identity", "lexicon", "types"},
    "corpus": {"config", "identity", "lexicon", "store", "types"},
    "output": {"config", "corpus", "errors", "events", "normalize", "store", "types"},
}


def _imports(path: Path) -> set[str]:
    """The top-level parts of the package a module imports (relative imports)."""
    rel = path.relative_to(PACKAGE)
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(rel.parts[:-1])
            base = base[:len(base) - (node.level - 1)]
            target = [*base, *(node.module or "").split(".")]
            out.add(target[0] if target[0] else node.names[0].name)
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layout_module_and_function_sizes(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 500
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > 60]
    assert not long


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_layout_stages_import_only_beneath_them(package: str) -> None:
    found = {t for p in (PACKAGE / package).rglob("*.py") for t in _imports(p)} - {package}
    assert found <= ALLOWED[package], sorted(found - ALLOWED[package])
