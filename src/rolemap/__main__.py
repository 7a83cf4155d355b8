"""`python -m rolemap` runs the command line."""

from rolemap.cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    main()
