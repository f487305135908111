"""``python -m tracker.validate [DATA_DIR]``: check the data files without building the site.

Prints every problem as ``file:line:column: what is wrong`` and exits 1, or prints a count
of the records read and exits 0.
"""

from __future__ import annotations

import sys
import time

from .load import DataError, load


def main(argv: list[str]) -> int:
    data_dir = argv[0] if argv else "data"
    started = time.perf_counter()
    try:
        records = len(load(data_dir))
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"{data_dir}: {records} records, no problems ({elapsed:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
