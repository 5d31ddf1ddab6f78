"""tf.contrib.text: skip-gram pairs from a token tensor (TF 1.14's contrib/text
skip_gram_ops), with frequency filtering and subsampling through a vocabulary frequency
table (or a CSV vocabulary file of tokens and counts), built from ops as TF builds them."""
from __future__ import annotations

import csv

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import Tensor, _graph_of, name_scope
from ..engine.ops._base import apply, op_input, typed_input
from ..engine.ops.comparison import greater_equal, logical_and
from ..ops import array_ops, math_ops, random_ops
from ..ops import skip_gram_ops  # noqa: F401 - registers SkipGramGenerateCandidates
from ..gfile import GFile
from ..ops.lookup_ops import HashTable, InitializableLookupTableBase, TextFileInitializer
from ..train.input import batch

__all__ = ["skip_gram_sample", "skip_gram_sample_with_text_vocab"]


def skip_gram_sample(input_tensor, min_skips=1, max_skips=5, start=0, limit=-1,
                     emit_self_as_target=False, vocab_freq_table=None, vocab_min_count=None,
                     vocab_subsampling=None, corpus_size=None, batch_size=None,
                     batch_capacity=None, seed=None, name=None):
    """(tokens, labels): for each token of the 1-D `input_tensor` in [start, start+limit),
    a window size drawn uniformly from [min_skips, max_skips] and one pair per neighbour
    within it (and the token itself with `emit_self_as_target`). With `vocab_freq_table`
    (a HashTable of counts, default -1), tokens not in it or under `vocab_min_count` are
    dropped first, and with `vocab_subsampling` and `corpus_size` frequent tokens are kept
    with word2vec's probability. With `batch_size`, the pairs go through tf.train.batch
    (enqueue_many)."""
    if vocab_freq_table is None and (vocab_min_count is not None or
                                     vocab_subsampling is not None or
                                     corpus_size is not None):
        raise ValueError(
            "vocab_freq_table is not provided, but vocab_min_count={}, vocab_subsampling={}, "
            "or corpus_size={} is not None. These settings are useless without a "
            "vocab_freq_table.".format(vocab_min_count, vocab_subsampling, corpus_size))
    if (vocab_subsampling is None) != (corpus_size is None):
        raise ValueError(
            "vocab_subsampling is {} while corpus_size is {} - both must be provided in "
            "order for subsampling to work.".format(vocab_subsampling, corpus_size))
    with name_scope(name, "skip_gram_sample",
                    [input_tensor, min_skips, max_skips, start, limit]):
        input_tensor = _filter_input(input_tensor, vocab_freq_table, vocab_min_count,
                                     vocab_subsampling, corpus_size, seed)
        seed1, seed2 = random_ops.get_seed(seed)
        tokens, labels = _generate(input_tensor, min_skips, max_skips, start, limit,
                                   emit_self_as_target, seed1 or 0, seed2 or 0)
        if batch_size is not None and batch_size > 0:
            capacity = batch_capacity if (batch_capacity is not None and
                                          batch_capacity > 0) else 100 * batch_size
            return batch([tokens, labels], batch_size, capacity=capacity, enqueue_many=True)
        return tokens, labels


def skip_gram_sample_with_text_vocab(input_tensor, vocab_freq_file, vocab_token_index=0,
                                     vocab_token_dtype=_dt.string, vocab_freq_index=1,
                                     vocab_freq_dtype=_dt.float64, vocab_delimiter=",",
                                     vocab_min_count=0, vocab_subsampling=None,
                                     corpus_size=None, min_skips=1, max_skips=5, start=0,
                                     limit=-1, emit_self_as_target=False, batch_size=None,
                                     batch_capacity=None, seed=None, name=None):
    """skip_gram_sample with its frequency table read from `vocab_freq_file` (a CSV of
    token and count columns): the file is read once here for its size and the corpus
    size (the sum of the counts, unless `corpus_size` is given, which must not be less),
    then by a HashTable's TextFileInitializer (default -1)."""
    if vocab_token_index < 0 or vocab_freq_index < 0:
        raise ValueError("vocab_token_index={} and vocab_freq_index={} must both be >= 0."
                         .format(vocab_token_index, vocab_freq_index))
    if vocab_token_index == vocab_freq_index:
        raise ValueError("vocab_token_index and vocab_freq_index should be different, but "
                         "are both {}.".format(vocab_token_index))
    calculated, vocab_size = 0.0, 0
    with GFile(vocab_freq_file, mode="r") as f:
        for row in csv.reader(f, delimiter=vocab_delimiter):
            if vocab_token_index >= len(row) or vocab_freq_index >= len(row):
                raise ValueError(
                    "Row in vocab file only has {} columns, so vocab_token_index={} or "
                    "vocab_freq_index={} is out of bounds. Row content: {}".format(
                        len(row), vocab_token_index, vocab_freq_index, row))
            vocab_size += 1
            freq = vocab_freq_dtype.as_numpy_dtype(row[vocab_freq_index])
            if freq < 0:
                raise ValueError("Row in vocab file has negative frequency of {}. Row "
                                 "content: {}".format(freq, row))
            calculated += freq       # (counts under vocab_min_count included)
    if not corpus_size:
        corpus_size = calculated
    elif calculated - corpus_size > 1e-6:
        raise ValueError(
            "`corpus_size`={} must be greater than or equal to the sum of all the frequency "
            "counts ({}) of `vocab_freq_file` ({}).".format(corpus_size, calculated,
                                                            vocab_freq_file))
    table = HashTable(TextFileInitializer(
        filename=vocab_freq_file, key_dtype=vocab_token_dtype, key_index=vocab_token_index,
        value_dtype=vocab_freq_dtype, value_index=vocab_freq_index, vocab_size=vocab_size,
        delimiter=vocab_delimiter), default_value=-1)
    return skip_gram_sample(
        input_tensor, min_skips=min_skips, max_skips=max_skips, start=start, limit=limit,
        emit_self_as_target=emit_self_as_target, vocab_freq_table=table,
        vocab_min_count=vocab_min_count, vocab_subsampling=vocab_subsampling,
        corpus_size=None if vocab_subsampling is None else corpus_size,
        batch_size=batch_size, batch_capacity=batch_capacity, seed=seed, name=name)


def _generate(input_tensor, min_skips, max_skips, start, limit, emit_self, seed, seed2):
    """The SkipGramGenerateCandidates op as TF's generated wrapper makes it: in the op's
    name scope, the tokens converted as they come, the scalars as int32 / bool Consts named
    after their args (TF's TypeError for a value of another type)."""
    op = "SkipGramGenerateCandidates"
    args = [("min_skips", min_skips, _dt.int32), ("max_skips", max_skips, _dt.int32),
            ("start", start, _dt.int32), ("limit", limit, _dt.int32),
            ("emit_self_as_target", emit_self, _dt.bool_)]
    g = _graph_of([v for v in [input_tensor] + [a[1] for a in args] if isinstance(v, Tensor)])
    with g.as_default(), g.name_scope(op) as scope:
        xs = [op_input(input_tensor, "input_tensor")] + [
            typed_input(v, dt, op, arg) for arg, v, dt in args]
        return apply(op, xs, {"seed": seed, "seed2": seed2}, scope)


def _filter_input(input_tensor, vocab_freq_table, vocab_min_count, vocab_subsampling,
                  corpus_size, seed):
    """TF's _filter_input: drops the tokens not in the table or under the minimum count,
    then subsamples by frequency (a float64 random_uniform against word2vec's keep
    probability)."""
    if vocab_freq_table is None:
        return input_tensor
    if not isinstance(vocab_freq_table, InitializableLookupTableBase):
        raise ValueError(
            "vocab_freq_table must be a subclass of InitializableLookupTableBase (such as "
            "HashTable) instead of type {}.".format(type(vocab_freq_table)))
    with name_scope("filter_vocab", values=[vocab_freq_table, input_tensor,
                                            vocab_min_count]):
        freq = vocab_freq_table.lookup(input_tensor)
        mask = math_ops.not_equal(freq, vocab_freq_table.default_value)
        if vocab_min_count is not None:
            threshold = math_ops.cast(vocab_min_count, freq.dtype)
            mask = logical_and(mask, greater_equal(freq, threshold))
        input_tensor = array_ops.boolean_mask(input_tensor, mask)
        freq = array_ops.boolean_mask(freq, mask)
    if not vocab_subsampling:
        return input_tensor
    if vocab_subsampling < 0 or vocab_subsampling > 1:
        raise ValueError("Invalid vocab_subsampling={} - it should be within range "
                         "[0, 1].".format(vocab_subsampling))
    with name_scope("subsample_vocab", values=[input_tensor, freq, vocab_subsampling]):
        corpus_size = math_ops.cast(corpus_size, _dt.float64)
        freq = math_ops.cast(freq, _dt.float64)
        vocab_subsampling = math_ops.cast(vocab_subsampling, _dt.float64)
        keep_prob = ((math_ops.sqrt(freq / (vocab_subsampling * corpus_size)) + 1.0) *
                     (vocab_subsampling * corpus_size / freq))
        random_prob = random_ops.random_uniform(array_ops.shape(freq), minval=0, maxval=1,
                                                dtype=_dt.float64, seed=seed)
        mask = math_ops.less_equal(random_prob, keep_prob)
        return array_ops.boolean_mask(input_tensor, mask)
