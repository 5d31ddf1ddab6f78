"""What imdb and reuters share (TF 1.14 keras/datasets/imdb.py, reuters.py): the word-id
transforms and the arrays of sequences NumPy 1.16 made (object arrays of lists, or a 2-D
array when every sequence has the same length)."""
from __future__ import annotations

import json

import numpy as np

from ... import logging

__all__ = ["check_kwargs", "transform", "as_array", "load_json"]


def check_kwargs(num_words, kwargs):
    if "nb_words" in kwargs:
        logging.warning("The `nb_words` argument in `load_data` has been renamed "
                        "`num_words`.")
        num_words = kwargs.pop("nb_words")
    if kwargs:
        raise TypeError("Unrecognized keyword arguments: " + str(kwargs))
    return num_words


def _remove_long_seq(maxlen, seq, label):
    new_seq, new_label = [], []
    for x, y in zip(seq, label):
        if len(x) < maxlen:
            new_seq.append(x)
            new_label.append(y)
    return new_seq, new_label


def transform(xs, labels, num_words, skip_top, maxlen, start_char, oov_char, index_from,
              empty_error):
    if start_char is not None:
        xs = [[start_char] + [w + index_from for w in x] for x in xs]
    elif index_from:
        xs = [[w + index_from for w in x] for x in xs]
    if maxlen:
        xs, labels = _remove_long_seq(maxlen, xs, labels)
        if empty_error and not xs:
            raise ValueError("After filtering for sequences shorter than maxlen=" +
                             str(maxlen) + ", no sequence was kept. Increase maxlen.")
    if not num_words:
        num_words = max([max(x) for x in xs])
    if oov_char is not None:
        xs = [[w if (skip_top <= w < num_words) else oov_char for w in x] for x in xs]
    else:
        xs = [[w for w in x if skip_top <= w < num_words] for x in xs]
    return xs, labels


def as_array(seqs):
    """np.array of lists as NumPy 1.16 made it: 2-D when all have one length, else an
    object array of the lists."""
    if seqs and all(isinstance(s, list) for s in seqs) and \
            len({len(s) for s in seqs}) > 1:
        out = np.empty(len(seqs), dtype=object)
        for i, s in enumerate(seqs):
            out[i] = s
        return out
    return np.array(seqs)


def load_json(path):
    with open(path) as f:
        return json.load(f)
