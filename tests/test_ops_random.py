"""Random ops: TF 1.x seed rules, per-session determinism, distributions, shapes, errors."""
import subprocess
import sys

import numpy as np
import pytest

import flowgrad as tf
import goldens


def _two_sessions(t, runs=2):
    out = []
    for _ in range(2):
        with tf.Session() as s:
            out.append([s.run(t) for _ in range(runs)])
    return out


SAMPLERS = [  # name, build(seed) -> tensor
    ("normal", lambda seed: tf.random_normal([50], seed=seed)),
    ("uniform", lambda seed: tf.random_uniform([50], seed=seed)),
    ("uniform_int", lambda seed: tf.random_uniform([50], 0, 1000, dtype=tf.int64, seed=seed)),
    ("truncated", lambda seed: tf.truncated_normal([50], seed=seed)),
    ("shuffle", lambda seed: tf.random_shuffle(np.arange(50), seed=seed)),
    ("multinomial", lambda seed: tf.multinomial(np.zeros((2, 10), np.float32), 25, seed=seed)),
    ("categorical", lambda seed: tf.random.categorical(np.zeros((2, 10), np.float32), 25,
                                                       seed=seed)),
]


@pytest.mark.parametrize("name,build", SAMPLERS, ids=[s[0] for s in SAMPLERS])
def test_op_seed_same_sequence_in_every_session_new_numbers_each_run(name, build):
    t = build(7)
    (a1, a2), (b1, b2) = _two_sessions(t)
    np.testing.assert_array_equal(a1, b1)
    np.testing.assert_array_equal(a2, b2)
    assert not np.array_equal(a1, a2)


@pytest.mark.parametrize("name,build", SAMPLERS, ids=[s[0] for s in SAMPLERS])
def test_unseeded_ops_differ_between_sessions(name, build):
    t = build(None)
    (a1, _), (b1, _) = _two_sessions(t)
    assert not np.array_equal(a1, b1)


def test_graph_seed_rules():
    tf.set_random_seed(1234)
    assert tf.get_default_graph().seed == 1234
    a = tf.random_uniform([20])
    b = tf.random_uniform([20])
    assert a.op.inputs[0].op.inputs[0].op.get_attr("seed") == 1234
    (a1, _), (a2, _) = _two_sessions(a)
    np.testing.assert_array_equal(a1, a2)        # graph seed alone: deterministic
    with tf.Session() as s:
        av, bv = s.run([a, b])
    assert not np.array_equal(av, bv)            # ...and two ops get different op seeds
    assert tf.random.get_seed(5) == (1234, 5)


def test_op_seed_without_graph_seed_uses_default_graph_seed():
    assert tf.get_default_graph().seed is None
    assert tf.random.get_seed(None) == (None, None)
    assert tf.random.get_seed(3) == (87654321, 3)
    x = tf.random_normal([10], seed=3)
    rnd = x.op.inputs[0].op.inputs[0].op
    assert rnd.type == "RandomStandardNormal"
    assert (rnd.get_attr("seed"), rnd.get_attr("seed2")) == (87654321, 3)
    tf.set_random_seed(0)
    assert tf.random.get_seed(0) == (0, 2 ** 31 - 1)     # (0, 0) is reserved


def test_same_seeds_same_numbers_across_graphs_and_plans():
    def build():
        g = tf.Graph()
        with g.as_default():
            tf.set_random_seed(42)
            x = tf.random_normal([5])
            y = x * 2.0
        return g, x, y
    g1, x1, y1 = build()
    g2, x2, _ = build()
    with tf.Session(graph=g1) as s:
        first = s.run(x1)
        second = s.run(y1)              # a different plan shares the op's generator
    with tf.Session(graph=g2) as s:
        np.testing.assert_array_equal(s.run(x2), first)
        np.testing.assert_array_equal(s.run(x2) * 2, second)
    assert not np.allclose(second, first * 2)


def test_same_numbers_in_a_new_process():
    code = ("import flowgrad as tf\ntf.set_random_seed(3)\nx = tf.random_uniform([4], seed=9)\n"
            "with tf.Session() as s:\n    print(repr(s.run(x).tolist()))\n")
    outs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout for _ in range(2)]
    assert outs[0] == outs[1] and outs[0].startswith("[")


# -- shapes, dtypes, distributions ------------------------------------------------------------
@pytest.mark.parametrize("dtype", [tf.float16, tf.float32, tf.float64])
@pytest.mark.parametrize("shape", [[], [0], [3], [2, 0, 3], [4, 1, 2]])
def test_float_shapes_and_dtypes(shape, dtype):
    for t in (tf.random_normal(shape, dtype=dtype, seed=1),
              tf.random_uniform(shape, dtype=dtype, seed=1),
              tf.truncated_normal(shape, dtype=dtype, seed=1)):
        assert t.dtype == dtype
        assert t.shape.as_list() == shape
        with tf.Session() as s:
            v = s.run(t)
        assert np.shape(v) == tuple(shape) and v.dtype == dtype.as_numpy_dtype


def test_shape_from_a_tensor():
    n = tf.placeholder(tf.int32, [2])
    t = tf.random_uniform(n, seed=1)
    assert t.shape.as_list() == [None, None]
    with tf.Session() as s:
        assert s.run(t, {n: [3, 2]}).shape == (3, 2)


def test_normal_and_truncated_normal_moments():
    x = tf.random_normal([200000], mean=3.0, stddev=2.0, dtype=tf.float64, seed=1)
    t = tf.truncated_normal([200000], mean=-1.0, stddev=0.5, dtype=tf.float64, seed=2)
    with tf.Session() as s:
        xv, tv = s.run([x, t])
    assert abs(xv.mean() - 3.0) < 0.02 and abs(xv.std() - 2.0) < 0.02
    assert tv.min() >= -2.0 and tv.max() <= 0.0           # within two stddevs
    assert abs(tv.mean() + 1.0) < 0.01
    assert abs(tv.std() - 0.5 * 0.8796) < 0.005           # std of N(0,1) cut at +-2


def test_uniform_range_and_moments():
    x = tf.random_uniform([100000], -2.0, 6.0, seed=1)
    i = tf.random_uniform([100000], -3, 5, dtype=tf.int32, seed=2)
    with tf.Session() as s:
        xv, iv = s.run([x, i])
    assert xv.min() >= -2.0 and xv.max() < 6.0
    assert abs(xv.mean() - 2.0) < 0.05 and abs(xv.var() - 64 / 12) < 0.1
    assert iv.dtype == np.int32 and set(np.unique(iv).tolist()) == set(range(-3, 5))
    assert abs(np.bincount(iv + 3).std() / 12500) < 0.05


def test_shuffle_is_a_permutation_of_rows():
    x = np.arange(30).reshape(10, 3)
    with tf.Session() as s:
        v = s.run(tf.random_shuffle(x, seed=4))
    assert sorted(v[:, 0].tolist()) == list(range(0, 30, 3))
    np.testing.assert_array_equal(v[:, 1:] - v[:, :1], np.tile([1, 2], (10, 1)))
    with tf.Session() as s:
        assert s.run(tf.random_shuffle(5)) == 5


def test_multinomial_frequencies_and_dtypes():
    p = np.array([[0.1, 0.2, 0.7], [0.5, 0.5, 0.0]])
    logp = np.log(np.maximum(p, 1e-300))
    logp[1, 2] = -np.inf                       # a class that is never drawn
    m = tf.multinomial(logp, 50000, seed=3)
    c = tf.random.categorical(logp.astype(np.float32), 10, dtype=tf.int32, seed=3)
    assert m.dtype == tf.int64 and c.dtype == tf.int32
    assert m.shape.as_list() == [2, 50000]
    with tf.Session() as s:
        mv, cv = s.run([m, c])
    for row, probs in zip(mv, p):
        np.testing.assert_allclose(np.bincount(row, minlength=3) / row.size, probs, atol=0.01)
    assert cv.shape == (2, 10) and cv.dtype == np.int32


def test_random_ops_are_stateful_and_not_differentiable():
    x = tf.random_normal([3], seed=1)
    rnd = x.op.inputs[0].op.inputs[0].op
    assert rnd._def.stateful
    v = tf.constant([1.0, 2.0])
    # TF 1.14 registers no gradient for RandomShuffle: tf.gradients raises its LookupError
    with pytest.raises(LookupError, match="No gradient defined for operation 'RandomShuffle'"):
        tf.gradients(tf.random_shuffle(v), v)


def test_errors():
    with pytest.raises(ValueError, match="Must specify maxval for integer dtype"):
        tf.random_uniform([2], dtype=tf.int32)
    with pytest.raises(TypeError):
        tf.random_normal([2], dtype=tf.int32)
    with pytest.raises(ValueError, match="rank 2"):
        tf.multinomial(tf.zeros([3]), 2)
    bad = tf.random_uniform([2], 5, 5, dtype=tf.int32)
    with tf.Session() as s, pytest.raises(tf.errors.InvalidArgumentError,
                                          match="Need minval < maxval"):
        s.run(bad)


def test_namespace():
    for name in ("normal", "uniform", "truncated_normal", "shuffle", "categorical",
                 "set_random_seed", "multinomial"):
        assert callable(getattr(tf.random, name))
    assert tf.random.normal is tf.random_normal


# -- stateless ops ----------------------------------------------------------------------------
STATELESS = [
    ("uniform", lambda seed: tf.random.stateless_uniform([3, 4], seed=seed)),
    ("uniform_int", lambda seed: tf.random.stateless_uniform([40], seed=seed, minval=-5,
                                                             maxval=5, dtype=tf.int64)),
    ("normal", lambda seed: tf.random.stateless_normal([5], seed=seed, dtype=tf.float64)),
    ("truncated", lambda seed: tf.random.stateless_truncated_normal([500], seed=seed)),
    ("categorical", lambda seed: tf.random.stateless_categorical([[0.0, 1.0, 2.0]], 30,
                                                                 seed=seed)),
]


@pytest.mark.parametrize("name,build", STATELESS, ids=[s[0] for s in STATELESS])
def test_stateless_ops_are_functions_of_the_seed(name, build):
    a, b, c = build([1, 2]), build([1, 2]), build([2, 1])
    seed = tf.placeholder(tf.int64, [2])
    d = build(seed)
    with tf.Session() as s:
        av, av2, bv, cv = s.run(a), s.run(a), s.run(b), s.run(c)
        dv = s.run(d, {seed: [1, 2]})
    np.testing.assert_array_equal(av, av2)
    np.testing.assert_array_equal(av, bv)
    np.testing.assert_array_equal(av, dv)
    assert not np.array_equal(av, cv)
    assert not a.op._def.stateful


@pytest.mark.parametrize("name,build", STATELESS, ids=[s[0] for s in STATELESS])
def test_stateless_seed_list_holding_variables_is_packed(name, build):
    # TF converts `seed` with int64 preferred (Tseed's default): [int64 Variable, 2] packs
    # into a Pack named "seed" beside the op; an int32 element is cast to int64 first
    with tf.Graph().as_default() as g:
        step = tf.Variable(10, dtype=tf.int64, name="step")
        s32 = tf.Variable(3, name="s32")
        a, b, ref = build([step, 2]), build([s32, step]), build([10, 2])
        packs = [op for op in g.get_operations() if op.type == "Pack"]
        assert [op.name.rsplit("/", 1)[1] for op in packs] == ["seed", "seed"]
        assert [i.name for i in packs[0].inputs][0] == "step/read:0"
        assert packs[0].inputs[1].op.name == packs[0].name + "/1"
        cast = packs[1].inputs[0].op
        assert cast.type == "Cast" and cast.inputs[0].name == "s32/read:0"
        assert packs[1].inputs[1].name == "step/read:0"
        assert all(p.outputs[0].dtype == tf.int64 for p in packs)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            av, refv = s.run([a, ref])
            s.run(tf.assign(step, 3))
            s.run(tf.assign(s32, 1))
            bv, ref2 = s.run([b, build([1, 3])])
    np.testing.assert_array_equal(av, refv)
    np.testing.assert_array_equal(bv, ref2)


def test_stateless_ranges_and_errors():
    with tf.Session() as s:
        i = s.run(tf.random.stateless_uniform([400], [3, 4], -5, 5, tf.int32))
        t = s.run(tf.random.stateless_truncated_normal([1000], [3, 4], 1.0, 0.5))
    assert i.min() == -5 and i.max() == 4
    assert t.min() >= 0.0 and t.max() <= 2.0
    with pytest.raises(ValueError, match=r"Dimension must be 2 but is 3 for "
                                         r"'stateless_random_uniform_\d/StatelessRandomUniform'"):
        tf.random.stateless_uniform([2], seed=[1, 2, 3])
    with pytest.raises(ValueError, match="Must specify maxval"):
        tf.random.stateless_uniform([2], seed=[1, 2], dtype=tf.int32)


def test_poisson():
    x = tf.random_poisson([1.5, 20.0], [50000], seed=2)
    assert x.shape.as_list() == [50000, 2] and x.dtype == tf.float32
    i = tf.random.poisson(3.0, [4, 5], dtype=tf.int64, seed=3)
    with tf.Session() as s:
        xv, iv = s.run([x, i])
    np.testing.assert_allclose(xv.mean(0), [1.5, 20.0], rtol=0.02)
    np.testing.assert_allclose(xv.var(0), [1.5, 20.0], rtol=0.05)
    assert iv.shape == (4, 5) and iv.dtype == np.int64 and iv.min() >= 0
    (a, _), (b, _) = _two_sessions(i)
    np.testing.assert_array_equal(a, b)


# -- gamma ----------------------------------------------------------------------------------
GOLD = goldens.load("nn", "nn")


def test_random_gamma_grad_matches_tf():
    from flowgrad.ops.random_ops import _random_gamma_grad_kernel
    got = _random_gamma_grad_kernel(GOLD["gamma_alpha"], GOLD["gamma_sample"])
    np.testing.assert_allclose(got, GOLD["gamma_grad"], rtol=1e-6)


def test_random_gamma_moments_and_pathwise_gradients():
    alpha = tf.constant([0.5, 3.0], tf.float64)
    beta = tf.constant([2.0, 0.5], tf.float64)
    x = tf.random_gamma([40000], alpha, beta, dtype=tf.float64, seed=5)
    assert x.shape.as_list() == [40000, 2]
    da, db = tf.gradients(tf.reduce_mean(x, 0), [alpha, beta])
    with tf.Session() as s:
        xv, dav, dbv = s.run([x, da, db])
    np.testing.assert_allclose(xv.mean(0), [0.25, 6.0], rtol=0.03)
    np.testing.assert_allclose(xv.var(0), [0.125, 12.0], rtol=0.06)
    # d E[x] / d alpha = 1 / beta and d E[x] / d beta = -alpha / beta^2, pathwise.
    np.testing.assert_allclose(dav, [0.5, 2.0], rtol=0.03)
    np.testing.assert_allclose(dbv, [-0.125, -12.0], rtol=0.03)
    y = tf.random.gamma([3], 2.0, seed=1)
    assert y.dtype == tf.float32 and y.shape.as_list() == [3]
    (a, _), (b, _) = _two_sessions(y)
    np.testing.assert_array_equal(a, b)


# -- the generator itself ---------------------------------------------------------------------
def test_philox_known_answers():
    """Philox-4x32-10 known-answer vectors of Random123 (the counter's word 0 is lowest)."""
    from flowgrad.engine.ops import philox

    def block(counter_words, key_words):
        counter = sum(w << (32 * i) for i, w in enumerate(counter_words))
        key = key_words[0] | key_words[1] << 32
        return [int(v) for v in philox.philox_blocks(key, counter, 1)[0]]
    assert block([0, 0, 0, 0], [0, 0]) == [0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8]
    assert block([0xFFFFFFFF] * 4, [0xFFFFFFFF] * 2) == \
        [0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD]
    assert block([0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344], [0xA4093822, 0x299F31D0]) \
        == [0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1]


def test_philox_counter_carries_and_streams_reserve():
    from flowgrad.engine.ops import philox
    lo = (1 << 64) - 2                                  # crosses into the upper 64 bits
    blocks = philox.philox_blocks(5, lo, 4)
    for i in range(4):
        np.testing.assert_array_equal(blocks[i], philox.philox_blocks(5, lo + i, 1)[0])
    s = philox.Stream(3, 4)
    assert (s.key, s.counter) == (3, 4 << 64)
    assert s.reserve_outputs(10) == 4 << 64 and s.counter == (4 << 64) + 2560
    assert s.reserve_32(5) == (4 << 64) + 2560 and s.counter == (4 << 64) + 2562


def test_glibc_float_functions_are_within_an_ulp_of_float64():
    from flowgrad.engine.ops import philox
    x = np.random.default_rng(0).uniform(1e-7, 1, 100000).astype(np.float32)
    ref = np.log(x.astype(np.float64))
    err = np.abs(philox.logf(x) - ref) / np.spacing(np.abs(ref).astype(np.float32))
    assert err.max() < 0.82                       # glibc's bound for logf
    p = -x
    for got, want in ((philox.log1pf(p), np.log1p(p.astype(np.float64))),
                      (philox.expm1f(p * 30), np.expm1((p * 30).astype(np.float64)))):
        assert (np.abs(got - want) <= np.spacing(np.abs(want).astype(np.float32))).all()
    v = (x * np.float32(6.28)).astype(np.float32)
    s, c = philox.sincosf(v)
    for got, want in ((s, np.sin(v.astype(np.float64))), (c, np.cos(v.astype(np.float64)))):
        assert (np.abs(got - want) <= np.spacing(np.abs(want).astype(np.float32))).all()


@pytest.mark.parametrize("n,cost,threads,starts", [
    (4, 100, 2, [0]),                             # too cheap to split
    (64, 99828, 2, list(range(0, 64, 8))),        # 4 blocks per thread
    (8, 1000000, 2, list(range(8))),
    (1000, 2660, 2, list(range(0, 1000, 125))),
    (64, 99828, 1, [0]),
])
def test_eigen_shards(n, cost, threads, starts):
    from flowgrad.engine.ops import philox
    assert philox.eigen_shards(n, cost, threads) == starts
