"""Files that someone else may have placed: regular files only, bounded reads, atomic writes.

Checkpoints, meta graphs and state files are read from directories that other
programs (or people) can write to. A reader here never follows a name out of
its directory by itself, never blocks on a FIFO, never reads a device, and
never reads more than it was told to expect:

- `open_regular` opens with O_NONBLOCK (a FIFO cannot block the open) and
  optionally O_NOFOLLOW, then checks the *opened descriptor* with fstat: what
  is read is what was checked (no check-then-open race).
- `read_fd` reads at most a given number of bytes and reports a short read.
- `check_basename` validates a file name found inside a file before it is
  joined to a directory: no directory parts, no absolute paths.

`atomic_write` writes through a fsync'ed temporary in the same directory and
renames it into place, so a reader (or a crash) sees the old file or the new
one, never a mix.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile

__all__ = ["NotRegularFileError", "atomic_write", "check_basename", "file_kind",
           "open_regular", "read_fd"]

# Test seam: called with the name of each step of an atomic write ("<step>_tmp" once the
# temporary is durable, "<step>" once it is renamed into place), so a test can kill the
# writer between steps.
_WRITE_HOOK = None

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _hook(step):
    if _WRITE_HOOK is not None:
        _WRITE_HOOK(step)


class NotRegularFileError(OSError):
    """The path names something other than a regular file (`kind` says what)."""

    def __init__(self, path, kind):
        super().__init__(f"{path} is a {kind}, not a regular file")
        self.path = path
        self.kind = kind


def file_kind(mode):
    """'directory', 'FIFO', 'symbolic link', ... for an st_mode."""
    for test, name in ((stat.S_ISDIR, "directory"), (stat.S_ISFIFO, "FIFO"),
                       (stat.S_ISLNK, "symbolic link"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return name
    return "special file"


def open_regular(path, follow_symlinks=True):
    """Opens `path` read-only; returns (fd, os.stat_result) of a regular file.

    Raises:
      FileNotFoundError: nothing at `path`.
      NotRegularFileError: a directory, FIFO, device, socket, or (with
        follow_symlinks=False) a symbolic link.
      OSError: other failures to open.
    """
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY
    if not follow_symlinks:
        flags |= _NOFOLLOW
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if not follow_symlinks and e.errno == errno.ELOOP:  # O_NOFOLLOW met a link
            raise NotRegularFileError(path, "symbolic link") from None
        if isinstance(e, IsADirectoryError):
            raise NotRegularFileError(path, "directory") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFileError(path, file_kind(st.st_mode))
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_fd(fd, n):
    """Up to `n` bytes from `fd` (fewer only at end of file), as one bytes object."""
    data = os.read(fd, n)  # one read and no copy in the usual case
    if len(data) == n or not data:
        return data
    parts = [data]
    got = len(data)
    while got < n:
        chunk = os.read(fd, min(n - got, 1 << 30))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def check_basename(name):
    """Returns `name` if it is a plain file name (ValueError saying why if not).

    Refused: non-strings, "", ".", "..", names with a directory separator or NUL,
    absolute paths.
    """
    if not isinstance(name, str):
        raise ValueError(f"file name {name!r} is not a string")
    seps = [os.sep] + ([os.altsep] if os.altsep else [])
    if (name in ("", ".", "..") or "\x00" in name or any(s in name for s in seps)
            or os.path.isabs(name) or os.path.basename(name) != name):
        raise ValueError(f"file name {name!r} is not a plain file name (it must not be empty, "
                         "absolute, or contain directory parts)")
    return name


# ---------------------------------------------------------------------------------------
# Atomic writes
# ---------------------------------------------------------------------------------------
def _fsync_dir(path):
    try:
        fd = os.open(path or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def default_mode(fd):
    """Gives a mkstemp file the mode an ordinary open() would (0666 less the umask), as the
    files TF writes have, instead of mkstemp's 0600."""
    if os.name != "posix":
        return
    umask = None
    try:  # Linux says it without changing it (os.umask would, for a moment, for every thread)
        with open("/proc/self/status", "rb") as f:
            for line in f:
                if line.startswith(b"Umask:"):
                    umask = int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    if umask is None:
        umask = os.umask(0o022)
        os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)
    except OSError:
        pass


def atomic_write(path, data: bytes, step=None):
    """Writes `data` to `path` through a fsync'ed temporary in the same directory.

    `step` names the write for the test hook (`<step>_tmp`, then `<step>`).
    """
    d = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".tempstate", dir=d)
    try:
        default_mode(fd)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if step:
            _hook(step + "_tmp")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(d)
    if step:
        _hook(step)
