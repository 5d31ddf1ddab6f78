"""MNIST as TF 1.14's tutorials load it (`input_data.read_data_sets`, `DataSet.next_batch`).

The IDX files (gzip'ed) are read from `train_dir`, downloaded first when absent
(base.maybe_download: the CVDF mirror TF 1.14 uses, sizes and MD5 checked).
`DataSet` seeds NumPy's global generator as TF does (`numpy.random.seed` with
the graph/op seed pair of `get_seed(seed)`) and shuffles with it, so a script
sees the same batches as under TF for the same seeds.
"""
from __future__ import annotations

import gzip

import numpy as np

from ....engine.framework import dtypes
from ....ops.random_ops import get_seed
from . import base

__all__ = ["DataSet", "read_data_sets", "load_mnist", "extract_images", "extract_labels",
           "dense_to_one_hot", "DEFAULT_SOURCE_URL"]

# CVDF mirror of http://yann.lecun.com/exdb/mnist/ (TF 1.14's default)
DEFAULT_SOURCE_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"


def _read32(stream):
    return int(np.frombuffer(stream.read(4), dtype=">u4")[0])


def extract_images(f):
    """The images of an IDX3 gzip file object as a uint8 array [index, y, x, depth]."""
    print("Extracting", f.name)
    with gzip.GzipFile(fileobj=f) as stream:
        magic = _read32(stream)
        if magic != 2051:
            raise ValueError("Invalid magic number %d in MNIST image file: %s" % (magic, f.name))
        num, rows, cols = _read32(stream), _read32(stream), _read32(stream)
        data = np.frombuffer(stream.read(rows * cols * num), dtype=np.uint8)
        return data.reshape(num, rows, cols, 1)


def dense_to_one_hot(labels_dense, num_classes):
    """Class labels as one-hot float64 rows."""
    out = np.zeros((labels_dense.shape[0], num_classes))
    out[np.arange(labels_dense.shape[0]), labels_dense.ravel()] = 1
    return out


def extract_labels(f, one_hot=False, num_classes=10):
    """The labels of an IDX1 gzip file object: uint8, or one-hot float64 rows."""
    print("Extracting", f.name)
    with gzip.GzipFile(fileobj=f) as stream:
        magic = _read32(stream)
        if magic != 2049:
            raise ValueError("Invalid magic number %d in MNIST label file: %s" % (magic, f.name))
        num = _read32(stream)
        labels = np.frombuffer(stream.read(num), dtype=np.uint8)
        return dense_to_one_hot(labels, num_classes) if one_hot else labels


class DataSet:
    """Images and labels served in (shuffled) mini-batches, epoch after epoch.

    `dtype` uint8 keeps pixels in [0, 255]; float32 scales them into [0, 1].
    `reshape` flattens [N, rows, cols, 1] images to [N, rows * cols].
    """

    def __init__(self, images, labels, fake_data=False, one_hot=False, dtype=dtypes.float32,
                 reshape=True, seed=None):
        seed1, seed2 = get_seed(seed)
        # as TF: the graph-level seed when no seed is given, else the op-level one
        np.random.seed(seed1 if seed is None else seed2)
        dtype = dtypes.as_dtype(dtype).base_dtype
        if dtype not in (dtypes.uint8, dtypes.float32):
            raise TypeError("Invalid image dtype %r, expected uint8 or float32" % dtype)
        if fake_data:
            self._num_examples = 10000
            self.one_hot = one_hot
        else:
            assert images.shape[0] == labels.shape[0], (
                "images.shape: %s labels.shape: %s" % (images.shape, labels.shape))
            self._num_examples = images.shape[0]
            if reshape:
                assert images.shape[3] == 1
                images = images.reshape(images.shape[0], images.shape[1] * images.shape[2])
            if dtype == dtypes.float32:
                images = np.multiply(images.astype(np.float32), 1.0 / 255.0)
        self._images = images
        self._labels = labels
        self._epochs_completed = 0
        self._index_in_epoch = 0

    @property
    def images(self):
        return self._images

    @property
    def labels(self):
        return self._labels

    @property
    def num_examples(self):
        return self._num_examples

    @property
    def epochs_completed(self):
        return self._epochs_completed

    def _shuffle(self):
        perm = np.arange(self._num_examples)
        np.random.shuffle(perm)
        self._images = self._images[perm]
        self._labels = self._labels[perm]

    def next_batch(self, batch_size, fake_data=False, shuffle=True):
        """The next `batch_size` examples; an epoch's tail is completed from the next one."""
        if fake_data:
            image = [1] * 784
            label = [1] + [0] * 9 if self.one_hot else 0
            return [image for _ in range(batch_size)], [label for _ in range(batch_size)]
        start = self._index_in_epoch
        if self._epochs_completed == 0 and start == 0 and shuffle:
            self._shuffle()
        if start + batch_size <= self._num_examples:
            self._index_in_epoch += batch_size
            end = self._index_in_epoch
            return self._images[start:end], self._labels[start:end]
        self._epochs_completed += 1
        rest = self._num_examples - start
        images_rest = self._images[start:self._num_examples]
        labels_rest = self._labels[start:self._num_examples]
        if shuffle:
            self._shuffle()
        self._index_in_epoch = end = batch_size - rest
        return (np.concatenate((images_rest, self._images[:end]), axis=0),
                np.concatenate((labels_rest, self._labels[:end]), axis=0))


_FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")


def read_data_sets(train_dir, fake_data=False, one_hot=False, dtype=dtypes.float32,
                   reshape=True, validation_size=5000, seed=None,
                   source_url=DEFAULT_SOURCE_URL):
    """MNIST's train/validation/test DataSets from the IDX files in `train_dir`.

    Missing files are downloaded from `source_url`. The first `validation_size`
    training examples form the validation set.
    """
    if fake_data:
        def fake():
            return DataSet([], [], fake_data=True, one_hot=one_hot, dtype=dtype, seed=seed)
        return base.Datasets(train=fake(), validation=fake(), test=fake())
    if not source_url:
        source_url = DEFAULT_SOURCE_URL
    arrays = []
    for i, name in enumerate(_FILES):
        path = base.maybe_download(name, train_dir, source_url + name)
        with open(path, "rb") as f:
            arrays.append(extract_images(f) if i % 2 == 0 else
                          extract_labels(f, one_hot=one_hot))
    train_images, train_labels, test_images, test_labels = arrays
    if not 0 <= validation_size <= len(train_images):
        raise ValueError("Validation size should be between 0 and {}. Received: {}."
                         .format(len(train_images), validation_size))
    options = dict(dtype=dtype, reshape=reshape, seed=seed)
    train = DataSet(train_images[validation_size:], train_labels[validation_size:], **options)
    validation = DataSet(train_images[:validation_size], train_labels[:validation_size],
                         **options)
    test = DataSet(test_images, test_labels, **options)
    return base.Datasets(train=train, validation=validation, test=test)


def load_mnist(train_dir="MNIST-data"):
    """`read_data_sets(train_dir)` with the default options."""
    return read_data_sets(train_dir)
