"""TF 1.14's numbers from what is built on the random ops: initializers, dropout,
variables and layers, with op seeds and with a graph seed only (where the op count at
each random op's creation decides its seed2). Format as in gen_streams.py."""
from __future__ import absolute_import

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_streams import Lazy, _program, _random_attrs, _record  # noqa: E402


def _variables(tf, make, graph_seed=None):
    """A Lazy case: builds variables with `make(tf)` in a fresh graph, initializes them in
    two sessions and records their values, the random ops' seeds and the op count."""
    return Lazy(_run_variables, tf, make, graph_seed)


def _run_variables(tf, make, graph_seed):
    g = tf.Graph()
    with g.as_default():
        if graph_seed is not None:
            tf.set_random_seed(graph_seed)
        make(tf)
        variables = tf.global_variables()
        init = tf.global_variables_initializer()
    out = {"attrs": _random_attrs(g), "ops": ["%s %s" % (op.type, op.name) for op in g.get_operations()],
           "names": [v.op.name for v in variables]}
    for s in range(2):
        with tf.Session(graph=g) as sess:
            sess.run(init)
            out["s%d" % s] = [_record(v) for v in sess.run(variables)]
    return out


INITIALIZERS = [
    ("glorot_uniform", lambda tf, seed: tf.glorot_uniform_initializer(seed=seed)),
    ("glorot_normal", lambda tf, seed: tf.glorot_normal_initializer(seed=seed)),
    ("he_normal", lambda tf, seed: tf.initializers.he_normal(seed=seed)),
    ("he_uniform", lambda tf, seed: tf.initializers.he_uniform(seed=seed)),
    ("lecun_normal", lambda tf, seed: tf.initializers.lecun_normal(seed=seed)),
    ("lecun_uniform", lambda tf, seed: tf.initializers.lecun_uniform(seed=seed)),
    ("variance_scaling", lambda tf, seed: tf.variance_scaling_initializer(seed=seed)),
    ("variance_scaling_untruncated", lambda tf, seed: tf.variance_scaling_initializer(
        2.0, "fan_avg", "untruncated_normal", seed=seed)),
    ("variance_scaling_uniform", lambda tf, seed: tf.variance_scaling_initializer(
        1.0, "fan_out", "uniform", seed=seed)),
    ("truncated_normal", lambda tf, seed: tf.truncated_normal_initializer(0.0, 0.1,
                                                                          seed=seed)),
    ("random_normal", lambda tf, seed: tf.random_normal_initializer(1.0, 2.0, seed=seed)),
    ("random_uniform", lambda tf, seed: tf.random_uniform_initializer(-0.5, 0.5,
                                                                      seed=seed)),
    ("orthogonal", lambda tf, seed: tf.orthogonal_initializer(seed=seed)),
    ("orthogonal_wide", lambda tf, seed: tf.orthogonal_initializer(gain=2.0, seed=seed)),
]


def _initializer_cases(tf):
    cases = {}
    for name, make_init in INITIALIZERS:
        shape = [5, 3] if name != "orthogonal_wide" else [3, 6]
        cases["init/%s/op_seed" % name] = _variables(
            tf, lambda tf, m=make_init, shape=shape: tf.get_variable(
                "w", shape, initializer=m(tf, 17)))
        cases["init/%s/graph_seed" % name] = _variables(
            tf, lambda tf, m=make_init, shape=shape: [
                tf.get_variable("a", shape, initializer=m(tf, None)),
                tf.get_variable("b", [2, 2, 3, 4], initializer=m(tf, None))], graph_seed=5)
    return cases


def _dropout(tf, **kwargs):
    x = tf.ones([6, 7])
    return tf.nn.dropout(x, **kwargs)


def _program_cases(tf):
    cases = {
        "dropout/keep_prob_seed": _program(tf, lambda tf: _dropout(tf, keep_prob=0.5,
                                                                   seed=1)),
        "dropout/rate_graph_seed": _program(tf, lambda tf: _dropout(tf, rate=0.3),
                                            graph_seed=4),
        "dropout/noise_shape": _program(tf, lambda tf: _dropout(
            tf, keep_prob=0.7, noise_shape=[6, 1], seed=2)),
    }
    cases["variable/random_normal"] = _variables(
        tf, lambda tf: tf.Variable(tf.random_normal([2, 3]), name="v"), graph_seed=1)
    cases["variable/truncated_mnist"] = _variables(
        tf, lambda tf: tf.Variable(tf.truncated_normal([5, 5, 1, 4], stddev=0.1,
                                                       seed=66478)))
    cases["layers/dense"] = _variables(
        tf, lambda tf: tf.layers.dense(tf.ones([2, 4]), 3), graph_seed=11)
    cases["layers/dense_two"] = _variables(
        tf, lambda tf: tf.layers.dense(tf.layers.dense(tf.ones([2, 4]), 3), 2,
                                       kernel_initializer=tf.initializers.he_normal()),
        graph_seed=12)
    cases["layers/conv2d"] = _variables(
        tf, lambda tf: tf.layers.conv2d(tf.ones([1, 5, 5, 2]), 3, 3), graph_seed=13)
    return cases


def builders(tf):
    """{case name: Lazy case}."""
    out = _initializer_cases(tf)
    out.update(_program_cases(tf))
    return out


def cases(tf):
    return dict((name, case()) for name, case in builders(tf).items())
