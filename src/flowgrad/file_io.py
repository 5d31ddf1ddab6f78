"""TF 1.14's tensorflow.python.lib.io.file_io, the functions behind tf.gfile and
tf.io.gfile, under the names TF1 programs import them by (`file_io.file_exists(path)`,
`file_io.read_file_to_string(path)`, `file_io.recursive_create_dir(d)`).

Each name is the flowgrad.gfile function TF 1.14 exports it as (TF's `tf.gfile.Exists` is
`file_io.file_exists`, `tf.io.gfile.exists` is `file_io.file_exists_v2`, ...);
read_file_to_string, write_string_to_file and atomic_write_string_to_file are built on
them as TF builds them on FileIO (flowgrad's GFile). FileIO itself, file_crc32 and
filecmp are absent.
"""
from __future__ import annotations

import uuid

from . import gfile as _g
from .engine.framework import errors

__all__ = ["atomic_write_string_to_file", "copy", "copy_v2", "create_dir", "create_dir_v2",
           "delete_file", "delete_file_v2", "delete_recursively", "delete_recursively_v2",
           "file_exists", "file_exists_v2", "get_matching_files", "get_matching_files_v2",
           "is_directory", "is_directory_v2", "list_directory", "list_directory_v2",
           "read_file_to_string", "recursive_create_dir", "recursive_create_dir_v2", "rename",
           "rename_v2", "stat", "stat_v2", "walk", "walk_v2", "write_string_to_file"]

# tf.gfile's names (the v1 functions) and tf.io.gfile's (the _v2 ones)
copy, copy_v2 = _g.Copy, _g.copy
create_dir, create_dir_v2 = _g.MkDir, _g.mkdir
delete_file, delete_file_v2 = _g.Remove, _g.remove
delete_recursively, delete_recursively_v2 = _g.DeleteRecursively, _g.rmtree
file_exists, file_exists_v2 = _g.Exists, _g.exists
get_matching_files, get_matching_files_v2 = _g.Glob, _g.glob
is_directory, is_directory_v2 = _g.IsDirectory, _g.isdir
list_directory, list_directory_v2 = _g.ListDirectory, _g.listdir
recursive_create_dir, recursive_create_dir_v2 = _g.MakeDirs, _g.makedirs
rename, rename_v2 = _g.Rename, _g.rename
stat, stat_v2 = _g.Stat, _g.stat
walk, walk_v2 = _g.Walk, _g.walk


def read_file_to_string(filename, binary_mode=False):
    """The file's contents: str, or bytes when `binary_mode` (NotFoundError if missing)."""
    return _g.GFile(filename, mode="rb" if binary_mode else "r").read()


def write_string_to_file(filename, file_content):
    """Writes `file_content` (str or bytes) to `filename`, replacing what was there."""
    with _g.GFile(filename, mode="w") as f:
        f.write(file_content)


def atomic_write_string_to_file(filename, contents, overwrite=True):
    """Writes `contents` to a temporary file beside `filename`, then renames it there (an
    AlreadyExistsError when `filename` exists and not `overwrite`; the temporary file is
    deleted then)."""
    temp_pathname = filename + ".tmp" + uuid.uuid4().hex
    write_string_to_file(temp_pathname, contents)
    try:
        rename(temp_pathname, filename, overwrite)
    except errors.OpError:
        delete_file(temp_pathname)
        raise
