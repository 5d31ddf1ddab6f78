"""`tf.gfile`: TF 1.x's file API, with TF's errors.

Local paths use the operating system. Other schemes (gs://, s3://, hdfs://, memory://,
...) go to fsspec when it is installed (`pip install 'flowgrad[fsspec]'`, plus the
scheme's own package, e.g. gcsfs or s3fs), with its errors mapped to TF's classes;
without it they raise UnimplementedError naming the extra.

Failures raise `tf.errors.*` as TF 1.14 does (NotFoundError for a missing
file, AlreadyExistsError when Copy/Rename would overwrite, ...), with TF's
messages. `GFile` opens lazily: a missing file fails at the first read.

    with tf.gfile.GFile("/tmp/x.txt", "w") as f:
        f.write("hello\\n")
    tf.gfile.Exists("/tmp/x.txt")            # True
"""
from __future__ import annotations

import errno
import glob as _glob
import os
import re
import shutil

from .engine.framework import errors

__all__ = [
    "Copy",
    "DeleteRecursively",
    "Exists",
    "FastGFile",
    "FileStatistics",
    "GFile",
    "Glob",
    "IsDirectory",
    "ListDirectory",
    "MakeDirs",
    "MkDir",
    "Open",
    "Remove",
    "Rename",
    "Stat",
    "Walk",
]

_MODES = ("r", "w", "a", "rb", "wb", "ab", "r+", "w+", "a+", "r+b", "w+b", "a+b")

_BY_ERRNO = {
    errno.ENOENT: errors.NotFoundError,
    errno.EEXIST: errors.AlreadyExistsError,
    errno.EACCES: errors.PermissionDeniedError,
    errno.EPERM: errors.PermissionDeniedError,
    errno.EISDIR: errors.FailedPreconditionError,
    errno.ENOTDIR: errors.FailedPreconditionError,
    errno.ENOTEMPTY: errors.FailedPreconditionError,
}


def _path(p):
    p = os.fspath(p)
    return p.decode("utf-8") if isinstance(p, bytes) else p


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def _remote(path):
    """(fsspec filesystem, its path) for a path with a non-local scheme; None for a local
    path. Raises UnimplementedError (TF's class for an unknown scheme) if fsspec or the
    scheme's package is missing."""
    m = _SCHEME.match(path)
    if m is None or m.group(1) == "file":
        return None
    scheme = m.group(1)
    try:
        import fsspec  # lazy: optional extra, only for non-local schemes
    except ImportError:
        raise errors.UnimplementedError(
            None, None, f"File system scheme '{scheme}' not implemented (file: '{path}'): "
                        "flowgrad reads non-local paths through fsspec: pip install "
                        "'flowgrad[fsspec]'") from None
    try:
        fs, stripped = fsspec.core.url_to_fs(path)
    except (ImportError, ValueError) as e:
        raise errors.UnimplementedError(
            None, None, f"File system scheme '{scheme}' not implemented (file: '{path}'): "
                        f"{e}") from None
    return fs, stripped


def _full(path, like):
    """A path fsspec returned (without its scheme), written as the user wrote `like`:
    `memory://a/x` for memory's `/a/x`, `gs://bucket/x` for `bucket/x`."""
    scheme, rest = like.split("://", 1)
    if path.startswith("/") and not rest.startswith("/"):
        path = path[1:]
    return f"{scheme}://{path}"


def _fs_error(e: OSError, path):
    """TF's error class for an fsspec OSError."""
    if isinstance(e, FileNotFoundError):
        return errors.NotFoundError(None, None, f"{path}; No such file or directory")
    if isinstance(e, FileExistsError):
        return errors.AlreadyExistsError(None, None, f"{path}; File exists")
    if isinstance(e, PermissionError):
        return errors.PermissionDeniedError(None, None, f"{path}; Permission denied")
    if isinstance(e, (IsADirectoryError, NotADirectoryError)):
        return errors.FailedPreconditionError(None, None, f"{path}; {e}")
    return errors.UnknownError(None, None, f"{path}; {e}")


def _os_error(e: OSError, path):
    """TF's error class and message (`<path>; <reason>`) for an OSError."""
    cls = _BY_ERRNO.get(e.errno, errors.UnknownError)
    return cls(None, None, f"{path}; {e.strerror}")


class FileStatistics:
    """`tf.gfile.Stat`'s result: length (bytes), mtime_nsec, is_directory."""

    def __init__(self, length, mtime_nsec, is_directory):
        self.length = length
        self.mtime_nsec = mtime_nsec
        self.is_directory = is_directory


class GFile:
    """A file, opened on first use (TF 1.x `tf.gfile.GFile`, also `Open`, `FastGFile`).

    Text modes read and return str; binary modes ("rb", "wb", ...) bytes.
    `write` takes either.

    Args:
        name: the file's path.
        mode: one of r, w, a, r+, w+, a+, each optionally with b.

    Raises:
        InvalidArgumentError: an unknown mode (at construction).
        NotFoundError: reading a file that does not exist (at first use).
        PermissionDeniedError: reading a file opened for writing, or the reverse.

    Example:
        >>> with tf.gfile.GFile("/tmp/a.txt", "w") as f:
        ...     f.write("x")
        >>> tf.gfile.GFile("/tmp/a.txt").read()
        'x'
    """

    def __init__(self, name, mode="r"):
        if mode not in _MODES:
            raise errors.InvalidArgumentError(
                None, None, "mode is not 'r' or 'w' or 'a' or 'r+' or 'w+' or 'a+'")
        self.name = _path(name)
        self.mode = mode
        self._binary = "b" in mode
        self._readable = "r" in mode or "+" in mode
        self._writable = mode[0] in "wa" or "+" in mode
        self._f = None

    def _file(self):
        if self._f is None:
            mode = self.mode.replace("b", "") + "b"
            remote = _remote(self.name)
            try:
                if remote is None:
                    self._f = open(self.name, mode)  # noqa: SIM115 - held until close()
                else:
                    self._f = remote[0].open(remote[1], mode)
            except OSError as e:
                raise (_os_error(e, self.name) if remote is None
                       else _fs_error(e, self.name)) from None
        return self._f

    def _for_reading(self):
        if not self._readable:
            raise errors.PermissionDeniedError(None, None, "File isn't open for reading")
        return self._file()

    def _out(self, data: bytes):
        return data if self._binary else data.decode("utf-8")

    def read(self, n=-1):
        """Reads n bytes (all that remain if n < 0)."""
        return self._out(self._for_reading().read(-1 if n is None else n))

    def readline(self):
        return self._out(self._for_reading().readline())

    def readlines(self):
        return [self._out(line) for line in self._for_reading().readlines()]

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    next = __next__

    def write(self, file_content):
        """Writes str (as UTF-8) or bytes."""
        if not self._writable:
            raise errors.PermissionDeniedError(None, None, "File isn't open for writing")
        if isinstance(file_content, str):
            file_content = file_content.encode("utf-8")
        self._file().write(bytes(file_content))

    def tell(self):
        return self._file().tell()

    def seek(self, offset=None, whence=0, position=None):
        """Moves to `offset` (or TF's older keyword `position`) relative to `whence`."""
        if position is not None:
            offset = position
        self._file().seek(offset, whence)

    def seekable(self):
        return True

    def size(self):
        if self._f is not None and self._writable:
            self._f.flush()
        if _remote(self.name) is not None:
            return Stat(self.name).length
        try:
            return os.stat(self.name).st_size
        except OSError as e:
            raise _os_error(e, self.name) from None

    def flush(self):
        if self._f is not None:
            self._f.flush()

    def close(self):
        if self._f is not None:
            self._f.close()
            self._f = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


Open = GFile
FastGFile = GFile


def Exists(filename):
    """True if `filename` (a file or directory) exists."""
    filename = _path(filename)
    remote = _remote(filename)
    if remote is not None:
        return remote[0].exists(remote[1])
    return os.path.exists(filename)


def IsDirectory(dirname):
    """True if `dirname` exists and is a directory."""
    dirname = _path(dirname)
    remote = _remote(dirname)
    if remote is not None:
        return remote[0].isdir(remote[1])
    return os.path.isdir(dirname)


def MkDir(dirname):
    """Creates one directory; an existing one is left as it is (as TF 1.14 does).

    Raises:
        NotFoundError: the parent directory does not exist.
    """
    dirname = _path(dirname)
    remote = _remote(dirname)
    if remote is not None:
        return _remote_call(dirname, remote[0].makedirs, remote[1], exist_ok=True)
    try:
        os.mkdir(dirname)
    except FileExistsError:
        pass
    except OSError as e:
        raise _os_error(e, dirname) from None


def MakeDirs(dirname):
    """Creates a directory and its missing parents; no error if it exists.

    Raises:
        FailedPreconditionError: a component of the path is a file.
    """
    dirname = _path(dirname)
    if not dirname:   # TF's RecursivelyCreateDir: no component to create, OK
        return None
    remote = _remote(dirname)
    if remote is not None:
        return _remote_call(dirname, remote[0].makedirs, remote[1], exist_ok=True)
    try:
        os.makedirs(dirname, exist_ok=True)
    except FileExistsError:
        pass
    except OSError as e:
        raise _os_error(e, dirname) from None


def ListDirectory(dirname):
    """The names in a directory (sorted), without '.' and '..'.

    Raises:
        NotFoundError: `dirname` is not a directory.
    """
    dirname = _path(dirname)
    remote = _remote(dirname)
    if remote is not None:
        fs, path = remote
        if not fs.isdir(path):
            raise errors.NotFoundError(None, None, f"Could not find directory {dirname}")
        names = _remote_call(dirname, fs.ls, path, detail=False)
        return sorted(n.rstrip("/").rsplit("/", 1)[-1] for n in names)
    if not os.path.isdir(dirname):
        raise errors.NotFoundError(None, None, f"Could not find directory {dirname}")
    return sorted(os.listdir(dirname))


def Glob(filename):
    """The paths matching a pattern (or any of a list of patterns), sorted."""
    patterns = [filename] if isinstance(filename, (str, bytes, os.PathLike)) else filename
    out = []
    for pattern in patterns:
        pattern = _path(pattern)
        remote = _remote(pattern)
        if remote is not None:
            fs, path = remote
            out.extend(_full(p, pattern) for p in fs.glob(path))
        else:
            _check_glob_dir(pattern)
            out.extend(_glob.glob(pattern))
    return sorted(out)


def _check_glob_dir(pattern):
    """TF's GetMatchingPaths lists the directory of the pattern's fixed prefix (up to its
    first `*?[\\`; `.` when it has none) and fails as that listing does."""
    cut = min([pattern.find(c) for c in "*?[\\" if c in pattern] or [len(pattern)])
    fixed = pattern[:cut]
    slash = fixed.rfind("/")
    d = "" if slash < 0 else ("/" if slash == 0 else fixed[:slash])
    if not d:
        return
    if not os.path.exists(d):
        raise errors.NotFoundError(None, None, f"{d}; No such file or directory")
    if not os.path.isdir(d):
        raise errors.FailedPreconditionError(None, None, f"{d}; Not a directory")


def Remove(filename):
    """Deletes a file.

    Raises:
        NotFoundError: it does not exist. FailedPreconditionError: it is a directory.
    """
    filename = _path(filename)
    remote = _remote(filename)
    if remote is not None:
        fs, path = remote
        if fs.isdir(path):
            raise errors.FailedPreconditionError(None, None, f"{filename}; Is a directory")
        return _remote_call(filename, fs.rm_file, path)
    try:
        os.remove(filename)
    except OSError as e:
        raise _os_error(e, filename) from None


def DeleteRecursively(dirname):
    """Deletes a directory and everything under it.

    Raises:
        NotFoundError: it does not exist. FailedPreconditionError: it is a file.
    """
    dirname = _path(dirname)
    remote = _remote(dirname)
    if remote is not None:
        fs, path = remote
        if not fs.exists(path):
            raise errors.NotFoundError(None, None, f"{dirname} not found")
        if not fs.isdir(path):
            raise errors.FailedPreconditionError(None, None, f"{dirname}; Not a directory")
        return _remote_call(dirname, fs.rm, path, recursive=True)
    if not os.path.lexists(dirname):
        raise errors.NotFoundError(None, None, f"{dirname} not found")
    if not os.path.isdir(dirname):
        raise errors.FailedPreconditionError(None, None, f"{dirname}; Not a directory")
    shutil.rmtree(dirname)


def Copy(oldpath, newpath, overwrite=False):
    """Copies a file.

    Raises:
        AlreadyExistsError: `newpath` exists and overwrite is False.
        NotFoundError: `oldpath` does not exist.
    """
    oldpath, newpath = _path(oldpath), _path(newpath)
    if not overwrite and Exists(newpath):
        raise errors.AlreadyExistsError(None, None, "file already exists")
    if _remote(oldpath) is not None or _remote(newpath) is not None:
        with GFile(oldpath, "rb") as src, GFile(newpath, "wb") as dst:
            dst.write(src.read())
        return
    try:
        shutil.copyfile(oldpath, newpath)
    except OSError as e:
        raise _os_error(e, oldpath if not os.path.exists(oldpath) else newpath) from None


def Rename(oldname, newname, overwrite=False):
    """Renames (moves) a file or directory.

    Raises:
        AlreadyExistsError: `newname` exists and overwrite is False.
        NotFoundError: `oldname` does not exist.
    """
    oldname, newname = _path(oldname), _path(newname)
    if not overwrite and Exists(newname):
        raise errors.AlreadyExistsError(None, None, "file already exists")
    old_remote, new_remote = _remote(oldname), _remote(newname)
    if old_remote is not None or new_remote is not None:
        if old_remote is not None and new_remote is not None and old_remote[0] is new_remote[0]:
            return _remote_call(oldname, old_remote[0].mv, old_remote[1], new_remote[1])
        Copy(oldname, newname, overwrite=True)
        Remove(oldname)
        return
    try:
        os.replace(oldname, newname)
    except OSError as e:
        raise _os_error(e, oldname if not os.path.lexists(oldname) else newname) from None


def _remote_call(path, fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except OSError as e:
        raise _fs_error(e, path) from None


def _join(top, name):
    return f"{top.rstrip('/')}/{name}" if _SCHEME.match(top) else os.path.join(top, name)


def Walk(top, in_order=True):
    """Yields (dirname, subdirs, files) for `top` and each directory under it.

    Parents come before their subdirectories when in_order is True, after them
    otherwise. A `top` that does not exist yields nothing.
    """
    top = _path(top)
    try:
        names = ListDirectory(top)
    except errors.NotFoundError:
        return
    subdirs = [n for n in names if IsDirectory(_join(top, n))]
    files = [n for n in names if n not in subdirs]
    if in_order:
        yield top, subdirs, files
    for sub in subdirs:
        yield from Walk(_join(top, sub), in_order)
    if not in_order:
        yield top, subdirs, files


def Stat(filename):
    """Length, modification time (ns) and kind of a file.

    Raises:
        NotFoundError: it does not exist.
    """
    filename = _path(filename)
    remote = _remote(filename)
    if remote is not None:
        info = _remote_call(filename, remote[0].info, remote[1])
        mtime = info.get("mtime") or info.get("created") or 0
        if hasattr(mtime, "timestamp"):
            mtime = mtime.timestamp()
        return FileStatistics(int(info.get("size") or 0), int(float(mtime) * 1e9),
                              info.get("type") == "directory")
    try:
        st = os.stat(filename)
    except OSError as e:
        raise _os_error(e, filename) from None
    return FileStatistics(st.st_size, st.st_mtime_ns, os.path.isdir(filename))


# -- tf.io.gfile: the same functions under TF 1.14's lowercase names ----------------------

def copy(src, dst, overwrite=False):
    """`tf.io.gfile.copy`: see Copy."""
    Copy(src, dst, overwrite)


def exists(path):
    """`tf.io.gfile.exists`: see Exists."""
    return Exists(path)


def glob(pattern):
    """`tf.io.gfile.glob`: see Glob."""
    return Glob(pattern)


def isdir(path):
    """`tf.io.gfile.isdir`: see IsDirectory."""
    return IsDirectory(path)


def listdir(path):
    """`tf.io.gfile.listdir`: see ListDirectory."""
    return ListDirectory(path)


def makedirs(path):
    """`tf.io.gfile.makedirs`: see MakeDirs."""
    MakeDirs(path)


def mkdir(path):
    """`tf.io.gfile.mkdir`: see MkDir."""
    MkDir(path)


def remove(path):
    """`tf.io.gfile.remove`: see Remove."""
    Remove(path)


def rename(src, dst, overwrite=False):
    """`tf.io.gfile.rename`: see Rename."""
    Rename(src, dst, overwrite)


def rmtree(path):
    """`tf.io.gfile.rmtree`: see DeleteRecursively."""
    DeleteRecursively(path)


def stat(path):
    """`tf.io.gfile.stat`: see Stat."""
    return Stat(path)


def walk(top, topdown=True, onerror=None):
    """`tf.io.gfile.walk`: see Walk; `onerror(err)` is called if `top` cannot be listed."""
    top = _path(top)
    try:
        ListDirectory(top)
    except errors.NotFoundError as err:
        if onerror is not None:
            onerror(err)
        return
    yield from Walk(top, in_order=topdown)
