"""tf.keras.preprocessing.sequence (TF 1.14): skipgrams and make_sampling_table of
keras_preprocessing, TimeseriesGenerator as a tf.keras.utils.Sequence, and pad_sequences
(flowgrad's: keras-preprocessing 1.1.2's uses np.unicode_, which NumPy 2 removed)."""
import numpy as np
from keras_preprocessing import sequence as _sequence

from .. import utils

__all__ = ["TimeseriesGenerator", "make_sampling_table", "pad_sequences", "skipgrams"]

make_sampling_table = _sequence.make_sampling_table
skipgrams = _sequence.skipgrams
_remove_long_seq = _sequence._remove_long_seq


class TimeseriesGenerator(_sequence.TimeseriesGenerator, utils.Sequence):
    """Batches of (windows of `data`, the `targets` that follow them) for fit_generator:
    windows of `length` steps taken every `sampling_rate` steps, a window every `stride`
    steps from `start_index` to `end_index`, optionally shuffled or reversed."""


def _asarray_wrapping(x, dtype):
    """np.asarray(x, dtype) as NumPy 1.16 made it: out-of-range Python ints wrap."""
    try:
        return np.asarray(x, dtype=dtype)
    except OverflowError:   # NumPy 2 refuses them; a cast of the int64 array wraps
        return np.asarray(x).astype(dtype)


def pad_sequences(sequences, maxlen=None, dtype="int32", padding="pre", truncating="pre",
                  value=0.):
    """The sequences as one array (n, maxlen) + sample shape, filled with `value`, each
    cut to its last (truncating='pre') or first ('post') `maxlen` steps and placed at
    the end (padding='pre') or the start ('post'); maxlen defaults to the longest."""
    if not hasattr(sequences, "__len__"):
        raise ValueError("`sequences` must be iterable.")
    lengths, sample_shape, found = [], (), False
    for s in sequences:
        try:
            lengths.append(len(s))
        except TypeError:
            raise ValueError("`sequences` must be a list of iterables. Found non-iterable: "
                             + str(s)) from None
        if not found and len(s):   # the first non-empty sequence gives the sample shape
            sample_shape, found = np.asarray(s).shape[1:], True
    if maxlen is None:
        maxlen = np.max(lengths)
    is_str = np.issubdtype(dtype, np.str_)
    if isinstance(value, str) and dtype != object and not is_str:  # noqa: E721 - "object" too
        raise ValueError("`dtype` {} is not compatible with `value`'s type: {}\nYou should "
                         "set `dtype=object` for variable length strings."
                         .format(dtype, type(value)))
    # as a NumPy scalar: NumPy 1.16 (TF 1.14's) casts an out-of-range int value (300 into
    # int8, -1 into uint8) by wrapping it, where NumPy 2 raises OverflowError on a Python int
    out = np.full((len(sequences), maxlen) + sample_shape, np.asarray(value), dtype=dtype)
    for i, s in enumerate(sequences):
        if not len(s):
            continue
        if truncating == "pre":
            kept = s[-maxlen:]
        elif truncating == "post":
            kept = s[:maxlen]
        else:
            raise ValueError('Truncating type "%s" not understood' % truncating)
        kept = _asarray_wrapping(kept, dtype)
        if kept.shape[1:] != sample_shape:
            raise ValueError("Shape of sample %s of sequence at position %s is different "
                             "from expected shape %s" % (kept.shape[1:], i, sample_shape))
        if padding == "post":
            out[i, :len(kept)] = kept
        elif padding == "pre":
            out[i, -len(kept):] = kept
        else:
            raise ValueError('Padding type "%s" not understood' % padding)
    return out
