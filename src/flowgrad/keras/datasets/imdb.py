"""`tf.keras.datasets.imdb` (TF 1.14): the IMDB reviews from Keras's cache (imdb.npz, md5
checked; its object arrays read without pickle), shuffled with np.random.seed(seed) and
re-indexed (start_char, index_from, num_words, skip_top, oov_char, maxlen) as TF does;
`get_word_index` reads imdb_word_index.json."""
from __future__ import annotations

import numpy as np

from ..data_utils import get_file
from ._safe_pickle import load_npz
from ._sequences import as_array, check_kwargs, load_json, transform

__all__ = ["load_data", "get_word_index"]

_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113,
              start_char=1, oov_char=2, index_from=3, **kwargs):
    """`(x_train, y_train), (x_test, y_test)`: lists of word ids and 0/1 labels."""
    num_words = check_kwargs(num_words, kwargs)
    path = get_file(path, origin=_FOLDER + "imdb.npz",
                    file_hash="599dadb1135973df5b59232a0e9a887c")
    f = load_npz(path)
    x_train, labels_train = f["x_train"], f["y_train"]
    x_test, labels_test = f["x_test"], f["y_test"]
    np.random.seed(seed)
    indices = np.arange(len(x_train))
    np.random.shuffle(indices)
    x_train = x_train[indices]
    labels_train = labels_train[indices]
    indices = np.arange(len(x_test))
    np.random.shuffle(indices)
    x_test = x_test[indices]
    labels_test = labels_test[indices]
    xs = np.concatenate([x_train, x_test])
    labels = np.concatenate([labels_train, labels_test])
    xs, labels = transform(xs, labels, num_words, skip_top, maxlen, start_char, oov_char,
                           index_from, True)
    idx = len(x_train)
    return (as_array(xs[:idx]), np.array(labels[:idx])), (as_array(xs[idx:]),
                                                          np.array(labels[idx:]))


def get_word_index(path="imdb_word_index.json"):
    """{word: index} (index 1 is the most frequent word)."""
    path = get_file(path, origin=_FOLDER + "imdb_word_index.json",
                    file_hash="bfafd718b763782e994055a2d397834f")
    return load_json(path)
