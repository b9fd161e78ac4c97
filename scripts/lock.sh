#!/usr/bin/env bash
# Regenerate requirements/py3XX.lock, the exact versions `make` installs, for each Python
# given (default: python3 and pyenv's 3.12 and 3.13 when present). Run after editing the
# dependency ranges in pyproject.toml; commit the lock files.
set -euo pipefail
cd "$(dirname "$0")/.."
pythons=("$@")
if [ ${#pythons[@]} -eq 0 ]; then
  pythons=(python3)
  if command -v pyenv >/dev/null; then
    for v in 3.12 3.13; do
      p=$(ls -d "$(pyenv root)"/versions/$v.*/bin/python 2>/dev/null | tail -1 || true)
      [ -n "$p" ] && pythons+=("$p")
    done
  fi
fi
for py in "${pythons[@]}"; do
  ver=$("$py" -c 'import sys; print("%d%d" % sys.version_info[:2])')
  tmp=$(mktemp -d)
  "$py" -m venv "$tmp"
  "$tmp/bin/pip" install -q pip-tools
  "$tmp/bin/pip-compile" -q --extra dask --extra test --strip-extras --no-emit-index-url \
      --no-emit-find-links --no-emit-trusted-host --output-file "requirements/py$ver.lock" \
      pyproject.toml
  rm -rf "$tmp"
  echo "requirements/py$ver.lock"
done
