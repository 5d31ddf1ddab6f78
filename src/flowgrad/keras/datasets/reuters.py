"""`tf.keras.datasets.reuters` (TF 1.14): the Reuters newswires from Keras's cache
(reuters.npz, md5 checked; its object arrays read without pickle), shuffled with
np.random.seed(seed), re-indexed as imdb, split at test_split; `get_word_index` reads
reuters_word_index.json. (TF 1.14 itself reads reuters.npz with np.load's default, which
refuses object arrays from NumPy 1.16.3 on; flowgrad loads it, as TF 1.15 does.)"""
from __future__ import annotations

import numpy as np

from ..data_utils import get_file
from ._safe_pickle import load_npz
from ._sequences import as_array, check_kwargs, load_json, transform

__all__ = ["load_data", "get_word_index"]

_FOLDER = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def load_data(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2,
              seed=113, start_char=1, oov_char=2, index_from=3, **kwargs):
    """`(x_train, y_train), (x_test, y_test)`: lists of word ids and topic labels."""
    num_words = check_kwargs(num_words, kwargs)
    path = get_file(path, origin=_FOLDER + "reuters.npz",
                    file_hash="87aedbeb0cb229e378797a632c1997b6")
    f = load_npz(path)
    xs, labels = f["x"], f["y"]
    np.random.seed(seed)
    indices = np.arange(len(xs))
    np.random.shuffle(indices)
    xs = xs[indices]
    labels = labels[indices]
    xs, labels = transform(xs, labels, num_words, skip_top, maxlen, start_char, oov_char,
                           index_from, False)
    idx = int(len(xs) * (1 - test_split))
    return (as_array(xs[:idx]), np.array(labels[:idx])), (as_array(xs[idx:]),
                                                          np.array(labels[idx:]))


def get_word_index(path="reuters_word_index.json"):
    """{word: index}."""
    path = get_file(path, origin=_FOLDER + "reuters_word_index.json",
                    file_hash="4d44cc38712099c9e383dc6e5f11a921")
    return load_json(path)
