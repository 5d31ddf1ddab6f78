"""Small MNIST-format IDX files (gzip'ed), the same bytes in the generator and the test."""
import gzip
import os
import struct

import numpy as np

SIZES = {"train": 30, "t10k": 7}


def write(directory, rows=4, cols=3):
    """Writes the four MNIST files (30 training, 7 test examples of rows x cols) into directory."""
    if not os.path.isdir(directory):
        os.makedirs(directory)
    rng = np.random.RandomState(0)
    for part, n in sorted(SIZES.items()):
        images = rng.randint(0, 256, (n, rows, cols)).astype(np.uint8)
        labels = rng.randint(0, 10, n).astype(np.uint8)
        _write(os.path.join(directory, part + "-images-idx3-ubyte.gz"), 2051, (n, rows, cols),
               images)
        _write(os.path.join(directory, part + "-labels-idx1-ubyte.gz"), 2049, (n,), labels)


def _write(path, magic, dims, data):
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims)
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
            f.write(header + data.tobytes())
