#!/usr/bin/env python
"""Same as the `kinerja` console script, for those who type manage.py out of habit."""

from kinerja.__main__ import main

if __name__ == "__main__":
    main()
