"""ExperimentalLMDBDataset (tf.contrib.data.LMDBDataset, TF 1.14): the (key, value)
records of LMDB files in LMDB's key order (byte order), file after file, read with the
`lmdb` package (the `lmdb` extra: pip install 'flowgrad[lmdb]').

Each file is opened read-only, without a lock file and never created (`readonly=True,
lock=False, create=False`): flowgrad writes nothing next to it. A directory is read as
LMDB reads one (its data.mdb), as TF does. Records are pulled from a cursor as the
iterator asks for them. As TF's kernel, a file that cannot be opened is an
InvalidArgumentError with LMDB's message, raised again on every later get_next (the
iterator stays on that file). A database with no records is skipped (TF 1.14 loops
forever on one).
"""
from __future__ import annotations

import os

import numpy as np

from ..framework import errors
from .dataset_core import DatasetValue, register_dataset_op

__all__ = ["LMDB_EXTRA_HINT", "lmdb_module", "open_lmdb"]

LMDB_EXTRA_HINT = "LMDBDataset needs the lmdb package: pip install 'flowgrad[lmdb]'"


def lmdb_module():
    """The `lmdb` package, or ImportError naming the extra."""
    try:
        import lmdb  # lazy: an optional extra, needed only by LMDBDataset
    except ImportError:
        raise ImportError(LMDB_EXTRA_HINT) from None
    return lmdb


def open_lmdb(path):
    """(env, txn, cursor) of the LMDB file or directory `path`, read-only without a lock
    file; LMDB's error as an InvalidArgumentError (its message without the path)."""
    lmdb = lmdb_module()
    try:
        env = lmdb.open(path, subdir=os.path.isdir(path), readonly=True, lock=False,
                        create=False, max_dbs=0)
    except lmdb.Error as e:
        msg = str(e)
        if msg.startswith(path + ": "):
            msg = msg[len(path) + 2:]
        raise errors.InvalidArgumentError(None, None, msg) from None
    txn = env.begin(buffers=False)
    return env, txn, txn.cursor()


def _scalar_string(x):
    a = np.empty((), dtype=object)
    a[()] = x
    return a


class _LMDBIter:
    __slots__ = ("files", "i", "env", "txn", "cursor", "lmdb")

    def __init__(self, files, lmdb):
        self.files, self.i, self.lmdb = files, 0, lmdb
        self.env = self.txn = self.cursor = None

    def __iter__(self):
        return self

    def _open(self, path):
        self.env, self.txn, self.cursor = open_lmdb(path)
        if not self.cursor.first():
            self._close()
            self.i += 1
            return False
        return True

    def _close(self):
        for o in (self.cursor, self.txn):
            if o is not None:
                try:
                    o.close() if o is self.cursor else o.abort()
                except self.lmdb.Error:
                    pass
        if self.env is not None:
            self.env.close()
        self.env = self.txn = self.cursor = None

    def __next__(self):
        while True:
            if self.cursor is None:
                if self.i >= len(self.files):
                    raise StopIteration
                if not self._open(self.files[self.i]):
                    continue
                key, value = self.cursor.item()
            else:
                if not self.cursor.next():
                    self._close()
                    self.i += 1
                    continue
                key, value = self.cursor.item()
            return _scalar_string(bytes(key)), _scalar_string(bytes(value))

    def __del__(self):
        try:
            self._close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


def _lmdb(args, attrs, fns):
    names = np.asarray(args[0], dtype=object)
    if names.ndim > 1:
        raise errors.InvalidArgumentError(None, None,
                                          "`filenames` must be a scalar or a vector.")
    files = [f.decode("utf-8", "surrogateescape") if isinstance(f, bytes) else str(f)
             for f in names.reshape(-1)]
    try:
        lmdb = lmdb_module()
    except ImportError as e:
        raise errors.UnimplementedError(None, None, str(e)) from None
    return DatasetValue(lambda: _LMDBIter(files, lmdb))


register_dataset_op("ExperimentalLMDBDataset", _lmdb)
