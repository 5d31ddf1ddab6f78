"""The unigram and "all" candidate samplers (TF 1.14's candidate_sampling_ops), with TF's
numbers for a seed.

Each run reserves 2048 * num_sampled words of the op's Philox stream (as TF's
BaseCandidateSamplerOp) and samples from them as TF's range_sampler.cc does:

- fixed_unigram: Walker's alias table of the (distorted) unigram weights; a draw is
  RandFloat (one word) and Uniform(n) (words until one is not rejected), then the bucket
  or its alias.
- learned_unigram: a picker whose weights start at 1 and count every true class seen
  (in this session, after each run's sampling); a draw is an unbiased uniform integer
  below the total weight, mapped to the class whose cumulative range holds it.
- all_candidate_sampler: the classes 0..num_sampled-1, expected count 1.

With unique=True draws repeat until num_sampled distinct classes appeared; expected
counts use the number of tries (TF's ExpectedCountHelper in float).
"""
from __future__ import annotations

import os

import numpy as np

from ..engine.framework import errors
from ..engine.framework import file_io
from ..engine.framework.registry import register_op
from ..engine.ops import philox
from .random_ops import _candidate_sampler, _sampler_infer, _stream

__all__ = ["all_candidate_sampler", "fixed_unigram_candidate_sampler",
           "learned_unigram_candidate_sampler"]

_INT32_MAX = 2 ** 31 - 1
_VOCAB_LIMIT = 1 << 30        # bytes read from a vocab_file at most


class _Words:
    """TF's SimplePhilox over a reserved range: uint32 words one at a time."""

    __slots__ = ("key", "counter", "pos", "buf", "at")

    def __init__(self, key, counter):
        self.key, self.counter, self.pos = key, counter, 0
        self.buf, self.at = np.empty(0, np.uint32), 0

    def next32(self):
        if self.at >= self.buf.size:
            n = 256
            self.buf = philox.words_from(self.key, self.counter, self.pos, n)
            self.pos += n
            self.at = 0
        w = int(self.buf[self.at])
        self.at += 1
        return w

    def rand_float(self):
        return philox._float_from_bits(np.array([self.next32()], np.uint32), np.float32)[0]

    def uniform(self, n):
        """ExactUniformInt<uint32>(n)."""
        if n == 0:
            self.next32()
            return 0
        if n & (n - 1) == 0:
            return self.next32() & (n - 1)
        rem = (0xFFFFFFFF % n) + 1
        while True:
            r = self.next32()
            if r >= rem:
                return r % n


def _batch(draw, num_sampled, unique):
    """RangeSampler::SampleBatchGetExpectedCountAvoid's loop: (values, num_tries)."""
    if not unique:
        return np.array([draw() for _ in range(num_sampled)], np.int64), num_sampled
    used, out, tries = set(), [], 0
    while len(out) < num_sampled:
        tries += 1
        v = draw()
        if v not in used:
            used.add(v)
            out.append(v)
    return np.array(out, np.int64), tries


def _check(true_classes, num_true, range_max):
    tc = np.asarray(true_classes)
    if tc.ndim != 2:
        raise errors.InvalidArgumentError(None, None, "true_classes must be a matrix")
    if tc.shape[1] != num_true:
        raise errors.InvalidArgumentError(
            None, None, f"true_classes must have num_true columns, expected: {tc.shape[1]} "
            f"was: {num_true}")
    return tc


def _outputs(sampled, tries, prob, true_classes, n):
    true_p = prob(true_classes.reshape(-1)).reshape(true_classes.shape)
    return (sampled, philox.expected_count(true_p, n, tries),
            philox.expected_count(prob(sampled), n, tries))


# -- fixed unigram ---------------------------------------------------------------------------
def _read_vocab(path, num_reserved, num_shards, shard, distortion):
    weights = _reserved(num_reserved, num_shards, shard)
    try:
        fd, _ = file_io.open_regular(path)
    except OSError as e:
        raise errors.NotFoundError(None, None, f"{path}; {e.strerror or e}") from None
    try:
        data = file_io.read_fd(fd, _VOCAB_LIMIT + 1)
    finally:
        os.close(fd)
    if len(data) > _VOCAB_LIMIT:
        raise errors.InvalidArgumentError(None, None, f"vocab_file {path} is too large")
    word_id = len(weights)
    for line in data.decode("utf-8", "replace").splitlines():
        cols = line.split(",")
        if word_id % num_shards == shard:
            try:
                w = np.float32(float(cols[-1]))
            except ValueError:
                raise errors.InvalidArgumentError(
                    None, None, f"Wrong vocabulary format at line: {line}") from None
            weights.append(_powf(w, distortion))
        word_id += 1
    return weights


def _powf(w, e):
    """std::pow on floats as glibc's powf (correctly rounded: the double result, rounded);
    NumPy's float32 power differs from it in the last bit."""
    return np.float32(float(np.float32(w)) ** float(np.float32(e)))


def _reserved(num_reserved, num_shards, shard):
    return [np.float32(0)] * sum(1 for i in range(num_reserved) if i % num_shards == shard)


def _alias_table(weights):
    """DistributionSampler: (prob float32[n], alt int[n]) of Walker's aliases."""
    n = len(weights)
    total = 0.0
    for w in weights:
        total += float(w)
    pr = [(float(w) * n) / total for w in weights]
    alt = [-1] * n
    low = [i for i in range(n) if pr[i] < 1.0]
    high = [i for i in range(n) if pr[i] >= 1.0]
    while high and low:
        lo, hi = low.pop(), high.pop()
        alt[lo] = hi
        pr[hi] = pr[hi] - (1.0 - pr[lo])
        (low if pr[hi] < 1.0 else high).append(hi)
    prob = np.array(pr, np.float32)
    for i in high + low:
        prob[i] = 1.0
        alt[i] = i
    return prob, alt


def _fixed_bind(node, ctx):
    a = node.attrs
    n, unique, range_max = a["num_sampled"], a["unique"], a["range_max"]
    stream = _stream(node, ctx)
    if a["vocab_file"]:
        weights = _read_vocab(a["vocab_file"], a["num_reserved_ids"], a["num_shards"],
                              a["shard"], a["distortion"])
    else:
        weights = _reserved(a["num_reserved_ids"], a["num_shards"], a["shard"])
        word_id = len(weights)
        for w in a["unigrams"]:
            if word_id % a["num_shards"] == a["shard"]:
                weights.append(_powf(w, a["distortion"]))
            word_id += 1
    if len(weights) != range_max:
        raise errors.InvalidArgumentError(
            None, None, f"range is {range_max} must be equal to weights size  {len(weights)}")
    total = np.float32(0)  # TF's total_weight_ is a float, summed in order
    for w in weights:
        total = np.float32(total + w)
    wts = np.array(weights, np.float32)
    prob_tab, alt = _alias_table(weights)

    def prob(values):
        v = np.asarray(values, np.int64)
        ok = (v >= 0) & (v < len(wts))
        out = np.zeros(v.shape, np.float32)
        out[ok] = wts[v[ok]] / total
        return out

    def kernel(true_classes):
        tc = _check(true_classes, a["num_true"], range_max)
        if unique and n > range_max:
            raise errors.InvalidArgumentError(None, None, "Sampler's range is too small.")
        words = _Words(stream.key, stream.reserve_32(2048 * n))

        def draw():
            r = words.rand_float()
            idx = words.uniform(len(wts))
            return idx if r < prob_tab[idx] else alt[idx]
        sampled, tries = _batch(draw, n, unique)
        return _outputs(sampled, tries, prob, tc, n)
    return kernel


# -- learned unigram -------------------------------------------------------------------------
def _learned_bind(node, ctx):
    a = node.attrs
    n, unique, range_max = a["num_sampled"], a["unique"], a["range_max"]
    stream = _stream(node, ctx)
    # the picker's weights live with the session's kernel: they keep learning across runs
    state = ctx.rngs.get(("unigram", node.name))
    if state is None:
        state = ctx.rngs[("unigram", node.name)] = {"w": np.ones(range_max, np.int64)}

    def kernel(true_classes):
        tc = _check(true_classes, a["num_true"], range_max)
        if unique and n > range_max:
            raise errors.InvalidArgumentError(None, None, "Sampler's range is too small.")
        flat = tc.reshape(-1)
        if flat.size and (flat.min() < 0 or flat.max() >= range_max):
            bad = flat[(flat < 0) | (flat >= range_max)][0]
            raise errors.InvalidArgumentError(
                None, None, f"`true_candidate` out of range [0, {range_max}), received {bad}")
        w = state["w"]
        cum = np.cumsum(w)
        total = int(cum[-1])
        words = _Words(stream.key, stream.reserve_32(2048 * n))

        def draw():
            return int(np.searchsorted(cum, words.uniform(total), side="right"))

        def prob(values):
            return (w[np.asarray(values, np.int64)].astype(np.float32) / np.float32(total))
        sampled, tries = _batch(draw, n, unique)
        out = _outputs(sampled, tries, prob, tc, n)
        k = min(flat.size, _INT32_MAX - total)
        np.add.at(w, flat[:k], 1)
        return out
    return kernel


# -- all -------------------------------------------------------------------------------------
def _all_bind(node, ctx):
    a = node.attrs
    n = a["num_sampled"]
    stream = _stream(node, ctx)

    def kernel(true_classes):
        tc = _check(true_classes, a["num_true"], n)
        stream.reserve_32(2048 * n)
        return (np.arange(n, dtype=np.int64), np.ones(tc.shape, np.float32),
                np.ones(n, np.float32))
    return kernel


register_op("FixedUnigramCandidateSampler", infer=_sampler_infer, bind=_fixed_bind, grad=None,
            stateful=True)
register_op("LearnedUnigramCandidateSampler", infer=_sampler_infer, bind=_learned_bind,
            grad=None, stateful=True)
register_op("AllCandidateSampler", infer=_sampler_infer, bind=_all_bind, grad=None,
            stateful=True)


def fixed_unigram_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                    vocab_file="", distortion=1.0, num_reserved_ids=0,
                                    num_shards=1, shard=0, unigrams=(), seed=None, name=None):
    """Samples classes from a fixed unigram distribution (`unigrams` or a csv `vocab_file`
    whose last column is the weight), each weight raised to `distortion`.

    Returns:
      (sampled_candidates int64 [num_sampled], true_expected_count float32
      [batch, num_true], sampled_expected_count float32 [num_sampled]).

    >>> s, _, _ = tf.nn.fixed_unigram_candidate_sampler([[1]], 1, 3, True, 4,
    ...                                                 unigrams=[1., 2., 3., 4.], seed=1)
    """
    if not vocab_file and not len(unigrams):
        raise ValueError("Must provide either vocab_file or unigrams.")
    if vocab_file and len(unigrams):
        raise ValueError("Must only provide one of vocab_file and unigrams.")
    extra = {"vocab_file": str(vocab_file), "distortion": float(distortion),
             "num_reserved_ids": int(num_reserved_ids), "num_shards": int(num_shards),
             "shard": int(shard), "unigrams": [float(u) for u in unigrams]}
    return _candidate_sampler("FixedUnigramCandidateSampler", true_classes, num_true,
                              num_sampled, unique, range_max, seed, name, extra)


def learned_unigram_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                      seed=None, name=None):
    """Samples classes from the unigram distribution of the true classes seen so far in this
    session (every class starts with weight 1)."""
    if int(range_max) >= _INT32_MAX:
        raise ValueError(f"range_max must be less than {_INT32_MAX} for unigram samplers, "
                         f"got {range_max}")
    return _candidate_sampler("LearnedUnigramCandidateSampler", true_classes, num_true,
                              num_sampled, unique, range_max, seed, name)


def all_candidate_sampler(true_classes, num_true, num_sampled, unique, seed=None, name=None):
    """Returns every class 0..num_sampled-1, each with expected count 1 (for testing)."""
    return _candidate_sampler("AllCandidateSampler", true_classes, num_true, num_sampled,
                              unique, None, seed, name)

