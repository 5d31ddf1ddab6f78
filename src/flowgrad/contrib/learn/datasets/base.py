"""`tf.contrib.learn.datasets.base`: the `Dataset` pair and `Datasets` triple, the CSV
loaders (`load_csv_with_header`, `load_csv_without_header`, `shrink_csv`) and `maybe_download`.

`maybe_download` fetches a file into a directory unless it is there already,
showing a progress bar (tqdm's when installed), and checks the files it knows
(the four MNIST files) against their well-known sizes and MD5 digests before
keeping them. Offline, it raises one OSError that says what to do.
"""
from __future__ import annotations

import collections
import csv
import hashlib
import os
import sys
import tempfile
import urllib.error
import urllib.request

import numpy as np

__all__ = ["Dataset", "Datasets", "load_csv_with_header", "load_csv_without_header",
           "shrink_csv", "maybe_download", "KNOWN_FILES"]

Dataset = collections.namedtuple("Dataset", ["data", "target"])
Datasets = collections.namedtuple("Datasets", ["train", "validation", "test"])


def load_csv_with_header(filename, target_dtype, features_dtype, target_column=-1):
    """A Dataset from a CSV file whose first row holds the sample and feature counts."""
    from ....gfile import Open  # lazy: tf.gfile loads on first use
    with Open(filename) as csv_file:
        rows = csv.reader(csv_file)
        header = next(rows)
        n_samples, n_features = int(header[0]), int(header[1])
        data = np.zeros((n_samples, n_features), dtype=features_dtype)
        target = np.zeros((n_samples,), dtype=target_dtype)
        for i, row in enumerate(rows):
            target[i] = np.asarray(row.pop(target_column), dtype=target_dtype)
            data[i] = np.asarray(row, dtype=features_dtype)
    return Dataset(data=data, target=target)


def load_csv_without_header(filename, target_dtype, features_dtype, target_column=-1):
    """A Dataset from a CSV file of rows only."""
    from ....gfile import Open  # lazy: tf.gfile loads on first use
    with Open(filename) as csv_file:
        data, target = [], []
        for row in csv.reader(csv_file):
            target.append(row.pop(target_column))
            data.append(np.asarray(row, dtype=features_dtype))
    return Dataset(data=np.array(data), target=np.array(target, dtype=target_dtype))


def shrink_csv(filename, ratio):
    """Writes every `ratio`-th row of `filename` to its name with each "." made "_small."."""
    with open(filename.replace(".", "_small."), "w", newline="") as small, \
            open(filename, newline="") as csv_file:
        writer = csv.writer(small)
        for i, row in enumerate(csv.reader(csv_file)):
            if i % ratio == 0:
                writer.writerow(row)

# (size in bytes, MD5) of the files TF 1.14's MNIST loader downloads (the CVDF mirror's
# copies of Yann LeCun's files; the same digests torchvision checks).
KNOWN_FILES = {
    "train-images-idx3-ubyte.gz": (9912422, "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
    "train-labels-idx1-ubyte.gz": (28881, "d53e105ee54ea40749a09fcbcd1e9432"),
    "t10k-images-idx3-ubyte.gz": (1648877, "9fb629c4189551a2d022fa330f9573f3"),
    "t10k-labels-idx1-ubyte.gz": (4542, "ec29112dd5afa0611ce80d1b7f02629c"),
}

_CHUNK = 1 << 16


class _Progress:
    """tqdm's bar when tqdm is installed, else a one-line percentage on stderr."""

    def __init__(self, total, desc):
        self.total, self.desc, self.done = total, desc, 0
        try:
            import tqdm  # lazy: optional dependency, only for a progress bar
            self.bar = tqdm.tqdm(total=total, desc=desc, unit="B", unit_scale=True,
                                 file=sys.stderr)
        except ImportError:
            self.bar = None

    def update(self, n):
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.total:
            sys.stderr.write(f"\r{self.desc}: {100 * self.done // self.total}%")

    def close(self):
        if self.bar is not None:
            self.bar.close()
        elif self.total:
            sys.stderr.write("\n")


def _download(url, path, filename):
    """Streams `url` into a temporary file beside `path`; returns the temporary's name."""
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=filename + ".")
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=60) as resp:
            total = int(resp.headers.get("Content-Length") or 0)
            bar = _Progress(total, filename)
            try:
                while True:
                    chunk = resp.read(_CHUNK)
                    if not chunk:
                        break
                    out.write(chunk)
                    bar.update(len(chunk))
            finally:
                bar.close()
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _check(tmp, filename, url):
    known = KNOWN_FILES.get(filename)
    if known is None:
        return
    size, md5 = known
    got = os.path.getsize(tmp)
    digest = hashlib.md5()
    with open(tmp, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    if got != size or digest.hexdigest() != md5:
        os.unlink(tmp)
        raise OSError(f"The file downloaded from {url} is not the expected {filename}: "
                      f"{got} bytes with MD5 {digest.hexdigest()}, expected {size} bytes "
                      f"with MD5 {md5}. Nothing was kept; try again later.")


def maybe_download(filename, work_directory, source_url):
    """Downloads `source_url` to `work_directory/filename` unless that file exists.

    Returns the file's path. A known file (the MNIST files) is checked against its
    size and MD5 digest before it is kept.
    """
    os.makedirs(work_directory, exist_ok=True)
    filepath = os.path.join(work_directory, filename)
    if os.path.exists(filepath):
        return filepath
    try:
        tmp = _download(source_url, filepath, filename)
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", None) or e
        raise OSError(f"Could not download {filename} from {source_url} ({reason}). To work "
                      f"offline, put the file in {os.path.abspath(work_directory)!r}.") from None
    _check(tmp, filename, source_url)
    os.replace(tmp, filepath)
    print("Successfully downloaded", filename, os.path.getsize(filepath), "bytes.")
    return filepath
