"""`mkdocs build` writes into a staging folder beside the site folder, which replaces the site
folder only once the whole build has succeeded: a failed, stopped or killed build leaves the
last good site exactly as it was.

Each staging folder holds a lock for as long as its build runs (``flock``, which the system
releases when the process ends, however it ends). A build first removes the staging folders
whose lock it can take: those of builds that were killed before they could clean up.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

LOCK = ".lock"


class StagedSite:
    def __init__(self) -> None:
        self.staging: Path | None = None  # where this build writes
        self.target: Path | None = None  # the site folder it replaces
        self._lock: int | None = None  # the open lock file while the build runs

    def stage(self, site_dir: str) -> str:
        """A new staging folder for the site folder ``site_dir``; returns where to build."""
        self.discard()
        target = Path(site_dir).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
        self._lock = _hold(staging / LOCK)
        self.staging, self.target = staging, target
        return str(staging)

    def publish(self) -> None:
        """The staged build takes the site folder's place (a rename each way)."""
        if self.staging is None or self.target is None:
            return
        (self.staging / LOCK).unlink(missing_ok=True)
        old = self.target.with_name(f".{self.target.name}-old-{os.getpid()}")
        if self.target.exists():
            os.replace(self.target, old)
        os.replace(self.staging, self.target)
        self.staging = None
        self._release()
        shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the staging and replaced folders of ``target`` that no running build holds."""
    removed = []
    for folder in sorted(target.parent.glob(f".{target.name}-building-*")) + sorted(
        target.parent.glob(f".{target.name}-old-*")
    ):
        if folder.is_dir() and not folder.is_symlink() and _unheld(folder / LOCK):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _hold(path: Path) -> int:
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _unheld(path: Path) -> bool:
    """No process holds the lock (or there is none: a replaced site folder never has one)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True
