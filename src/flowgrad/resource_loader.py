"""`tf.resource_loader` (TF 1.14's python/platform/resource_loader.py).

As in TF, `get_data_files_path` and `get_path_to_datafile` are relative to the file of
their caller, and `readahead_file_path` returns its path. Where TF's paths are relative
to TensorFlow's own install, flowgrad's are relative to flowgrad's: `load_resource(path)`
reads `path` under the flowgrad package directory (TF: under tensorflow/), and
`get_root_dir_with_all_resources()` looks up from this module's directory (TF: from
tensorflow/python/platform/) for a bazel `.runfiles` directory and otherwise returns
this module's directory.
"""
from __future__ import annotations

import inspect as _inspect
import os as _os
import sys as _sys

__all__ = ["get_data_files_path", "get_path_to_datafile", "get_root_dir_with_all_resources",
           "load_resource", "readahead_file_path"]

_ROOT = _os.path.dirname(_os.path.abspath(__file__))   # TF: tensorflow/


def load_resource(path):
    """The bytes of the resource at `path`, relative to the flowgrad package (TF: relative
    to tensorflow/). IOError (FileNotFoundError, ...) when it cannot be read."""
    path = _os.path.abspath(_os.path.join(_ROOT, path))
    with open(path, "rb") as f:
        return f.read()


def get_data_files_path():
    """The directory of the caller's file (where a py_test's data files are)."""
    return _os.path.dirname(_inspect.getfile(_sys._getframe(1)))


def get_root_dir_with_all_resources():
    """The directory under a bazel `.runfiles` directory above this module's, or, without
    one, this module's directory (TF calls get_data_files_path from inside its module)."""
    script_dir = get_data_files_path()
    directories = [script_dir]
    data_files_dir = ""
    while True:
        candidate = directories[-1]
        if ".runfiles" in _os.path.basename(candidate):
            if len(directories) > 1:
                data_files_dir = directories[-2]
            break
        parent = _os.path.dirname(candidate)
        if parent == candidate:
            break
        directories.append(parent)
    return data_files_dir or script_dir


def get_path_to_datafile(path):
    """`path` joined to the directory of the caller's file."""
    data_files_path = _os.path.dirname(_inspect.getfile(_sys._getframe(1)))
    return _os.path.join(data_files_path, path)


def readahead_file_path(path, readahead="128M"):
    """`path` itself (TF 1.14 reads no file ahead)."""
    return path
