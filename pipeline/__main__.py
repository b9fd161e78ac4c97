"""``python -m pipeline`` works like the ``newsgraph`` command."""

from .cli import main

if __name__ == "__main__":
    main()
