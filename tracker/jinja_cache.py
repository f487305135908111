"""Compiled Jinja templates kept in memory across rebuilds of ``mkdocs serve``.

MkDocs and mkdocs-macros make new Jinja environments for every build, so each rebuild would
compile Material's templates and ours again: a sixth of a rebuild of the real site. Jinja
checks each entry against its template's source, so an edited template is compiled anew.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


CACHE = MemoryBytecodeCache()
