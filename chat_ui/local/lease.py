"""Which processes writing a database are still alive.

Every process that stores turns holds a lock file while it lives; the kernel drops the lock when
the process dies, however it dies (``kill -9`` included). So a turn left open in the database
by a dead process can be told from one another live process is still writing, and only the
first is closed as interrupted. Several processes (Granian workers, a standalone local API) may
share one database; a PID would not do, as PIDs are reused.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no way to see a dead owner, so every other owner counts as alive
    fcntl = None  # type: ignore[assignment]


class Lease:
    """This process's claim, held from creation until :meth:`release` or death."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.token = secrets.token_hex(8)
        # Locked under a temporary name, then renamed: nobody ever sees the file unlocked.
        pending = folder / f"{self.token}.pending"
        self._fd: int | None = os.open(pending, os.O_CREAT | os.O_RDWR, 0o600)
        if fcntl is not None:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.replace(pending, self._path(folder, self.token))

    @staticmethod
    def _path(folder: Path, token: str) -> Path:
        return folder / f"{token}.lock"

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self._path(self.folder, self.token).unlink()
        os.close(self._fd)
        self._fd = None

    def alive(self, token: str) -> bool:
        """Whether the owner ``token`` still holds its lease (this process counts)."""
        if token == self.token:
            return self._fd is not None
        if fcntl is None:
            return True
        path = self._path(self.folder, token)
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False

    def sweep(self) -> None:
        """Delete the lock files of owners that are gone."""
        for path in self.folder.glob("*.lock"):
            token = path.stem
            if token != self.token and not self.alive(token):
                with contextlib.suppress(OSError):
                    path.unlink()
