"""The probe programs of tests/pprobe75_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe75_scripts.py): whole seeded TF1 programs of graph neural
networks as tkipf/gcn, PetarV/GAT and GraphSAGE write them: sparse placeholders and sparse
dropout in a two-layer GCN (gcn_kipf.py), dense GAT heads with a bias matrix
(gat_dense.py), sparse GAT heads of sparse_add / sparse_softmax / sparse_reshape
(sp_gat.py), GraphSAGE sampling and segment aggregations (graphsage_mean.py), a batch of
graphs by sparse_concat and segment readouts (graph_batch_sparse.py).

gcn_kipf.py, gat_dense.py, graphsage_mean.py and graph_batch_sparse.py matched TF on the
base commit: they stay as regression guards. sp_gat.py, fed its adjacency with the
entries out of row-major order (as an edge list arrives), found two faults, each with a
focused test below:

- SparseSoftmax: TF's kernel reorders a copy of the entries row-major, takes each row's
  softmax in that order and writes the values out in that order, so for an unordered
  input the i-th output value is the i-th entry in row-major order (which sparse_softmax
  pairs with the input's i-th index); flowgrad gave each entry its own softmax value.
- SparseAddGrad: TF's kernel walks a, b and sum together as its merge did (a sum row
  advances when neither a nor b is behind it); flowgrad looked each row up in the sum by
  binary search, which for unordered rows missed and gave zeros.
- (found beside the probes, feeding gcn_kipf's features as an (indices, values) pair)
  a SparseTensor fed a value of fewer than three items: TF's Session.run zips the three
  parts with it and leaves the rest unfed, so a sparse_placeholder with a whole shape
  (a Const dense_shape) runs and an unfed placeholder part is TF's "You must feed a
  value"; flowgrad raised a TypeError of its own (runtime/session._short_sparse_feeds)."""

import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe75_scripts")
GOLD = load("seeded", "pprobe75_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul, Conv2D) follow the host's Eigen kernels (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]


_UNORDERED = np.array([[2, 1], [1, 2], [1, 0], [0, 2], [0, 0]], np.int64)


def test_sparse_softmax_writes_its_values_in_row_major_order():
    # TF 1.14 (checked with the oracle): the values come out in the order of the entries
    # sorted row-major, the indices stay the input's; the gradient (built of ops) follows
    with tf.Graph().as_default():
        vals = tf.constant([1., 2., 3., 4., 5.])
        out = tf.sparse_softmax(tf.SparseTensor(_UNORDERED, vals, [3, 3]))
        grad = tf.gradients(out.values * tf.constant([1., 2., 3., 4., 5.]), vals)[0]
        idx3 = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 0], [0, 0, 2], [0, 0, 0]], np.int64)
        out3 = tf.sparse_softmax(tf.SparseTensor(
            idx3, tf.constant([0.5, -1., 2., 1.5, 0.25], tf.float64), [2, 2, 3]))
        with tf.Session() as sess:
            ind, got, g, got3 = sess.run([out.indices, out.values, grad, out3.values])
    np.testing.assert_array_equal(ind, _UNORDERED)
    f32 = np.float32
    np.testing.assert_array_equal(got, np.array([0.7310585975646973, 0.2689414322376251,
                                                 0.7310585975646973, 0.2689414322376251, 1.0],
                                                f32))
    np.testing.assert_array_equal(g, np.array([0.1966119259595871, -0.1966119408607483,
                                               0.1966119259595871, -0.5582593679428101,
                                               -1.075765609741211], f32))
    np.testing.assert_array_equal(got3, [0.2227001388253088, 0.7772998611746911, 1.0,
                                         0.8175744761936437, 0.18242552380635632])


_SORTED = np.array([[0, 1], [1, 1], [1, 2], [2, 2]], np.int64)
_REPEATED = np.array([[0, 0], [0, 0], [1, 2], [0, 1]], np.int64)


@pytest.mark.parametrize("a, b, want_a, want_b", [
    ("unordered", "unordered", [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]),
    ("unordered", "sorted", [4, 5, 6, 7, 8], [1, 2, 3, 9]),
    ("sorted", "unordered", [1, 2, 3, 9], [4, 5, 6, 7, 8]),
    ("repeated", "sorted", [1, 2, 5, 6], [3, 4, 5, 7]),
    ("unordered", "repeated", [5, 6, 7, 8, 9], [1, 2, 3, 4]),
    ("sorted", "repeated", [3, 4, 5, 7], [1, 2, 5, 6]),
])
def test_sparse_add_gradient_walks_unordered_rows_as_tf(a, b, want_a, want_b):
    # TF 1.14 (checked with the oracle): SparseAddGrad's loop over a, b and sum, each
    # summed value weighted by its place (1, 2, ...) in the sum
    rows = {"unordered": (_UNORDERED, [1., 2., 3., 4., 5.]),
            "sorted": (_SORTED, [10., 20., 30., 40.]),
            "repeated": (_REPEATED, [-1., -2., -3., -4.])}
    with tf.Graph().as_default():
        va, vb = tf.constant(rows[a][1]), tf.constant(rows[b][1])
        total = tf.sparse_add(tf.SparseTensor(rows[a][0], va, [3, 3]),
                              tf.SparseTensor(rows[b][0], vb, [3, 3]))
        w = tf.range(1., tf.cast(tf.size(total.values), tf.float32) + 1.)
        ga, gb = tf.gradients(tf.reduce_sum(total.values * w), [va, vb])
        with tf.Session() as sess:
            got_a, got_b = sess.run([ga, gb])
    np.testing.assert_array_equal(got_a, np.array(want_a, np.float32))
    np.testing.assert_array_equal(got_b, np.array(want_b, np.float32))


@pytest.mark.parametrize("shape, feed, want", [
    # a sparse_placeholder given a whole shape has a Const dense_shape: two parts run
    ("const", "two", 3.0),
    ("const", "list", 5.0),
    ("const", "four", 1.0),
    ("const", "one", "You must feed a value for placeholder tensor 'sp/values' with dtype "
                     "float and shape [?]"),
    ("unknown", "two", "You must feed a value for placeholder tensor 'sp/shape' with dtype "
                       "int64 and shape [?]"),
    ("partial", "two", "You must feed a value for placeholder tensor 'sp/shape' with dtype "
                       "int64 and shape [2]"),
    ("partial", "list", "You must feed a value for placeholder tensor 'sp/shape' with dtype "
                        "int64 and shape [2]"),
])
def test_short_sparse_feed_leaves_the_other_parts_unfed(shape, feed, want):
    # TF 1.14 (checked with the oracle): Session.run zips (indices, values, dense_shape)
    # with the fed value, feeding as many parts as it has items
    shapes = {"const": np.array([2, 3], np.int64), "unknown": None, "partial": [None, 3]}
    feeds = {"two": (np.array([[0, 0], [1, 2]]), np.array([1., 2.])),
             "list": [[[0, 1]], [5.0]],
             "four": (np.array([[0, 0]]), np.array([1.]), np.array([2, 3]), 7),
             "one": (np.array([[0, 0], [1, 2]]),)}
    with tf.Graph().as_default():
        sp = tf.sparse_placeholder(tf.float32, shape=shapes[shape], name="sp")
        total = tf.sparse_reduce_sum(sp)
        with tf.Session() as sess:
            if isinstance(want, str):
                with pytest.raises(tf.errors.InvalidArgumentError) as info:
                    sess.run(total, {sp: feeds[feed]})
                assert info.value.message.splitlines()[0] == want
            else:
                assert sess.run(total, {sp: feeds[feed]}) == np.float32(want)
                if feed == "two":   # the constant dense_shape, fetched
                    np.testing.assert_array_equal(sess.run(sp.dense_shape, {sp: feeds[feed]}),
                                                  [2, 3])
