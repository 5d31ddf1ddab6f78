"""TF 1.14's random streams: every stateful random op over dtypes, shapes, seed rules,
several runs and two sessions.

`cases(tf)` runs the same programs with any module that has TF 1.x's API: the oracle
writes streams.json from it, and tests/test_random_streams.py runs it with flowgrad and
compares bit for bit. Arrays above 64 elements are recorded as (dtype, shape, sha256 of
the bytes, first 8 values), so a large golden stays small and still exact.
"""
from __future__ import absolute_import

import hashlib

import numpy as np

MAXINT32 = 2 ** 31 - 1


def _record(value):
    arr = np.asarray(value)
    if arr.dtype.name == "bfloat16":
        arr = arr.astype(np.float32)
    if arr.size <= 64:
        return arr
    arr = np.ascontiguousarray(arr)
    return (arr.dtype.str, list(arr.shape), hashlib.sha256(arr.tobytes()).hexdigest(),
            arr.reshape(-1)[:8].copy())


def _random_attrs(graph):
    """(type, seed, seed2) of every random op, in creation order."""
    out = []
    for op in graph.get_operations():
        if op.type in RANDOM_TYPES:
            out.append((op.type, int(op.get_attr("seed")), int(op.get_attr("seed2"))))
    return out


RANDOM_TYPES = ("RandomUniform", "RandomStandardNormal", "TruncatedNormal",
                "RandomUniformInt", "RandomShuffle", "Multinomial", "RandomGamma",
                "RandomPoissonV2")


class Lazy(object):
    """A case computed when called (so one case's failure does not hide the others)."""

    def __init__(self, fn, *args, **kwargs):
        self.fn, self.args, self.kwargs = fn, args, kwargs

    def __call__(self):
        return self.fn(*self.args, **self.kwargs)


def _program(tf, build, graph_seed=None, runs=2, sessions=2, threads=None):
    """A Lazy case: builds `build(tf)` (a tensor or a list) in a fresh graph and runs it
    `runs` times in each of `sessions` sessions -> {"attrs", "ops", "s0r0", ...}."""
    return Lazy(_run_program, tf, build, graph_seed, runs, sessions, threads)


def _run_program(tf, build, graph_seed, runs, sessions, threads):
    g = tf.Graph()
    with g.as_default():
        if graph_seed is not None:
            tf.set_random_seed(graph_seed)
        fetch = build(tf)
    out = {"attrs": _random_attrs(g), "ops": ["%s %s" % (op.type, op.name) for op in g.get_operations()]}
    for s in range(sessions):
        config = None if threads is None else tf.ConfigProto(
            intra_op_parallelism_threads=threads)
        with tf.Session(graph=g, config=config) as sess:
            for r in range(runs):
                vals = sess.run(fetch)
                if isinstance(vals, list):
                    out["s%dr%d" % (s, r)] = [_record(v) for v in vals]
                else:
                    out["s%dr%d" % (s, r)] = _record(vals)
    return out


def _uniform_cases(tf):
    cases = {}
    shapes = [[0], [1], [3], [5], [2, 3], [7, 3], [1000], [100003]]
    for dt in ("float16", "float32", "float64", "bfloat16"):
        for shape in shapes:
            name = "uniform/%s/%s" % (dt, "x".join(map(str, shape)))
            cases[name] = _program(tf, lambda tf, shape=shape, dt=dt: tf.random_uniform(
                shape, dtype=getattr(tf, dt), seed=7))
    for dt, lo, hi in (("int32", 0, 10), ("int32", -5, 1000), ("int32", -2 ** 31, 2 ** 31 - 1),
                       ("int64", 0, 7), ("int64", -10 ** 12, 10 ** 15),
                       ("int64", -2 ** 63, 2 ** 63 - 1)):
        for shape in ([5], [7, 3], [4097]):
            name = "uniform_int/%s/%d_%d/%s" % (dt, lo, hi, "x".join(map(str, shape)))
            cases[name] = _program(tf, lambda tf, shape=shape, dt=dt, lo=lo, hi=hi:
                                   tf.random_uniform(shape, lo, hi, dtype=getattr(tf, dt),
                                                     seed=3))
    cases["uniform/range"] = _program(tf, lambda tf: tf.random_uniform([9], -3.0, 5.0,
                                                                        seed=11))
    return cases


def _normal_cases(tf):
    cases = {}
    for dt in ("float16", "float32", "float64", "bfloat16"):
        for shape in ([1], [3], [6], [7, 3], [100001]):
            key = "%s/%s" % (dt, "x".join(map(str, shape)))
            cases["normal/" + key] = _program(tf, lambda tf, shape=shape, dt=dt:
                                              tf.random_normal(shape, dtype=getattr(tf, dt),
                                                               seed=5))
            cases["truncated/" + key] = _program(tf, lambda tf, shape=shape, dt=dt:
                                                 tf.truncated_normal(
                                                     shape, dtype=getattr(tf, dt), seed=5))
    cases["normal/mean_stddev"] = _program(tf, lambda tf: tf.random_normal(
        [10], mean=3.0, stddev=0.5, seed=2))
    cases["truncated/mean_stddev"] = _program(tf, lambda tf: tf.truncated_normal(
        [10], mean=-1.0, stddev=0.1, seed=66478))
    return cases


def _seed_rule_cases(tf):
    cases = {}

    def several(tf):
        a = tf.random_uniform([5])
        b = tf.random_normal([5])
        c = tf.constant(1.0) + tf.truncated_normal([3])
        d = tf.random_uniform([4], 0, 100, dtype=tf.int32)
        return [a, b, c, d]
    cases["rule/graph_seed_only"] = _program(tf, several, graph_seed=1234)
    cases["rule/graph_seed_only_other"] = _program(tf, several, graph_seed=2 ** 40 + 5)
    cases["rule/op_seed_only"] = _program(tf, lambda tf: [
        tf.random_uniform([5], seed=1), tf.random_normal([5], seed=2 ** 33 + 1)])
    cases["rule/both"] = _program(tf, lambda tf: [
        tf.random_uniform([5], seed=1), tf.random_normal([5], seed=1)], graph_seed=99)
    cases["rule/seed_reused"] = _program(tf, lambda tf: [
        tf.random_uniform([6], seed=4), tf.random_uniform([6], seed=4),
        tf.random_normal([6], seed=4)], graph_seed=3)
    cases["rule/zero_zero"] = _program(tf, lambda tf: tf.random_uniform([5], seed=0),
                                       graph_seed=0)

    def set_after(tf):
        a = tf.random_uniform([4], seed=8)        # before the graph seed: default graph seed
        tf.set_random_seed(21)
        b = tf.random_uniform([4])                # after: graph seed, op count
        tf.random.set_random_seed(22)
        c = tf.random_uniform([4], seed=8)
        return [a, b, c]
    cases["rule/set_seed_after_ops"] = _program(tf, set_after)
    cases["rule/many_runs"] = _program(tf, lambda tf: tf.random_normal([7], seed=9),
                                       runs=4, sessions=2)
    cases["rule/get_seed"] = Lazy(_get_seeds, tf)
    return cases


def _get_seeds(tf):
    g = tf.Graph()
    with g.as_default():
        out = [tf.random.get_seed(5), tf.random.get_seed(2 ** 31 + 3)]
        tf.set_random_seed(7)
        out.append(tf.random.get_seed(None))
        tf.constant(1)
        out.append(tf.random.get_seed(None))
        out.append(tf.random.get_seed(0))
        tf.set_random_seed(0)
        out.append(tf.random.get_seed(0))
    return [tuple(int(v) for v in s) for s in out]  # (None, None) never occurs here


def _other_cases(tf):
    cases = {}
    for shape in ([0], [1], [2], [10], [7, 3], [1000]):
        name = "shuffle/%s" % "x".join(map(str, shape))
        cases[name] = _program(tf, lambda tf, shape=shape: tf.random_shuffle(
            np.arange(int(np.prod(shape))).reshape(shape), seed=12))
    cases["shuffle/graph_seed"] = _program(tf, lambda tf: tf.random_shuffle(
        [1, 2, 3, 4, 5, 6]), graph_seed=5)
    logits = np.log(np.array([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]], np.float32))
    cases["multinomial/small"] = _program(tf, lambda tf: tf.multinomial(logits, 9, seed=2))
    cases["multinomial/int32"] = _program(tf, lambda tf: tf.multinomial(
        logits.astype(np.float64), 5, seed=2, output_dtype=tf.int32))
    cases["multinomial/inf"] = _program(tf, lambda tf: tf.multinomial(
        np.array([[-np.inf, 0.0, 1.0, -np.inf]], np.float32), 20, seed=3))
    cases["multinomial/graph_seed"] = _program(tf, lambda tf: tf.multinomial(
        [[1.0, 2.0, 3.0]], 7), graph_seed=77)
    # Large batches: TF's thread pool splits the rows, and the numbers follow the split.
    # TF sizes its pool once per process (the oracle's: 2 threads, its CPU count), so
    # these cases ask for 2 threads, which flowgrad honors in every session.
    big = np.random.RandomState(0).randn(64, 1000).astype(np.float32)
    cases["multinomial/sharded/64x1000"] = _program(
        tf, lambda tf: tf.multinomial(big, 100, seed=4), threads=2)
    cases["multinomial/sharded/8x1000"] = _program(
        tf, lambda tf: tf.multinomial(big[:8], 2000, seed=4), threads=2)
    cases["multinomial/sharded/1000x20"] = _program(tf, lambda tf: tf.multinomial(
        np.random.RandomState(1).randn(1000, 20), 20, seed=5), threads=2)
    cases["categorical"] = _program(tf, lambda tf: tf.random.categorical(
        np.zeros((3, 10), np.float32), 13, seed=6))
    return cases


def _sampler_cases(tf):
    cases = {}
    true = np.array([[1, 7], [3, 0], [50, 2]], np.int64)
    for kind in ("log_uniform", "uniform"):
        fn = getattr(tf.nn, kind + "_candidate_sampler")
        for unique in (True, False):
            for num_sampled, range_max in ((5, 10), (20, 1000), (64, 100)):
                name = "sampler/%s/%s/%d_%d" % (kind, "unique" if unique else "repeat",
                                                num_sampled, range_max)
                cases[name] = _program(tf, lambda tf, fn=fn, u=unique, n=num_sampled,
                                       r=range_max: list(fn(true, 2, n, u, r, seed=3)))
                cases[name + "/candidates"] = _program(
                    tf, lambda tf, fn=fn, u=unique, n=num_sampled, r=range_max:
                    fn(true, 2, n, u, r, seed=3)[0])
        cases["sampler/%s/graph_seed" % kind] = _program(
            tf, lambda tf, fn=fn: list(fn(true, 2, 4, True, 7)), graph_seed=2)
        cases["sampler/%s/graph_seed/candidates" % kind] = _program(
            tf, lambda tf, fn=fn: fn(true, 2, 4, True, 7)[0], graph_seed=2)
    cases["sampler/uniform/pow2"] = _program(tf, lambda tf: list(
        tf.nn.uniform_candidate_sampler(true, 2, 6, False, 64, seed=1)))
    uni = [1.0, 2.0, 0.5, 7.0, 3.0, 0.0, 1.5, 9.0, 4.0, 2.5] * 6
    for unique in (True, False):
        tag = "unique" if unique else "repeat"
        for n, r in ((5, 60), (40, 60)):
            cases["sampler/fixed_unigram/%s/%d" % (tag, n)] = _program(
                tf, lambda tf, u=unique, n=n, r=r: list(tf.nn.fixed_unigram_candidate_sampler(
                    true, 2, n, u, r, unigrams=uni, seed=5)), runs=3)
            cases["sampler/learned_unigram/%s/%d" % (tag, n)] = _program(
                tf, lambda tf, u=unique, n=n, r=r: list(
                    tf.nn.learned_unigram_candidate_sampler(true, 2, n, u, r, seed=6)), runs=3)
    cases["sampler/fixed_unigram/distorted_shards"] = _program(
        tf, lambda tf: list(tf.nn.fixed_unigram_candidate_sampler(
            true % 13, 2, 6, True, 13, distortion=0.75, num_reserved_ids=3, num_shards=2,
            shard=1, unigrams=uni[:23], seed=4)))
    cases["sampler/fixed_unigram/graph_seed"] = _program(
        tf, lambda tf: list(tf.random.fixed_unigram_candidate_sampler(
            true, 2, 4, True, 60, unigrams=uni)), graph_seed=3)
    cases["sampler/learned_unigram/graph_seed"] = _program(
        tf, lambda tf: list(tf.random.learned_unigram_candidate_sampler(true, 2, 4, False, 60)),
        graph_seed=3)
    cases["sampler/all"] = _program(
        tf, lambda tf: list(tf.nn.all_candidate_sampler(true, 2, 7, True, seed=1)))
    cases["sampler/accidental_hits"] = _program(tf, lambda tf: list(
        tf.nn.compute_accidental_hits(true, tf.nn.log_uniform_candidate_sampler(
            true, 2, 30, True, 60, seed=8)[0], 2)))
    return cases


def _stateless_cases(tf):
    cases = {}
    for seed in ([1, 2], [-5, 2 ** 31 - 1], np.array([2 ** 40 + 3, -(2 ** 50)], np.int64)):
        key = "_".join(str(int(v)) for v in seed)
        for dt in ("float16", "float32", "float64"):
            for shape in ([7], [3, 5], [40001]):
                tag = "%s/%s/%s" % (key, dt, "x".join(map(str, shape)))
                cases["stateless/uniform/" + tag] = _program(
                    tf, lambda tf, s=seed, d=dt, sh=shape: tf.random.stateless_uniform(
                        sh, s, dtype=getattr(tf, d)), sessions=1)
                cases["stateless/normal/" + tag] = _program(
                    tf, lambda tf, s=seed, d=dt, sh=shape: tf.random.stateless_normal(
                        sh, s, dtype=getattr(tf, d)), sessions=1)
                cases["stateless/truncated/" + tag] = _program(
                    tf, lambda tf, s=seed, d=dt, sh=shape:
                    tf.random.stateless_truncated_normal(sh, s, dtype=getattr(tf, d)),
                    sessions=1)
        cases["stateless/categorical/" + key] = _program(
            tf, lambda tf, s=seed: tf.random.stateless_categorical(
                np.log([[0.2, 0.3, 0.5], [0.9, 0.05, 0.05]]), 11, s), sessions=1)
    return cases


def builders(tf):
    """{case name: Lazy case}."""
    out = {}
    for group in (_uniform_cases, _normal_cases, _seed_rule_cases, _other_cases,
                  _sampler_cases, _stateless_cases):
        out.update(group(tf))
    return out


def cases(tf):
    return dict((name, case()) for name, case in builders(tf).items())
