"""A graph built in a function is freed once nothing outside it refers to it.

Module-level side tables keyed by an op or a graph (a tf.cond's branches, a while loop's
plan, a layer's variables, a dataset's functions) used to be WeakKeyDictionaries whose
values reached the key's graph, so the graph lived for the process's life
(engine/framework/graph_records.py keeps them on the graph instead).
"""
import gc
import weakref

import numpy as np
import pytest

import flowgrad as tf


def _cond(x):
    tf.cond(tf.constant(True), lambda: x * 2, lambda: x)


def _cond_grad(x):
    tf.gradients(tf.cond(tf.constant(True), lambda: x * 2, lambda: x), x)


def _while(x):
    tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0])


def _while_grad(x):
    w = tf.Variable(tf.ones([1, 3]))
    _, y = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * w), [0, x])
    tf.gradients(y, w)


def _grad(x):
    tf.gradients(tf.reduce_sum(x * x), x)


def _minimize(x):
    w = tf.Variable(tf.ones([3, 2]))
    tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(tf.matmul(x, w)))


def _keras_dense(x):
    tf.keras.layers.Dense(2)(x)


def _layers_dense(x):
    tf.layers.dense(x, 2)


def _data(x):
    tf.data.Dataset.range(3).map(lambda i: i + 1).make_one_shot_iterator().get_next()


def _data_run(x):
    n = tf.data.Dataset.range(3).map(lambda i: i + 1).make_one_shot_iterator().get_next()
    with tf.Session() as s:
        assert s.run(n) == 1


def _graph_def(x):
    tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0])
    tf.cond(tf.constant(True), lambda: x * 2, lambda: x)
    tf.get_default_graph().as_graph_def()


def _session(x):
    r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0])
    with tf.Session() as s:
        np.testing.assert_array_equal(s.run([r, x * 3])[1], np.zeros([1, 3]))


def _variable_slice(x):
    v = tf.Variable(tf.zeros([3]))
    v[1:].assign([1., 2.])


def _function(x):
    f = tf.function(lambda a: a * 2)
    tf.gradients(f(x), x)
    tf.get_default_graph().as_graph_def()


def _switch_case(x):
    tf.switch_case(tf.constant(1), [lambda: x, lambda: x * 2])


CONSTRUCTS = [_cond, _cond_grad, _while, _while_grad, _grad, _minimize, _keras_dense,
              _layers_dense, _data, _data_run, _graph_def, _session, _variable_slice, _function,
              _switch_case]


def _build(construct):
    g = tf.Graph()
    with g.as_default():
        construct(tf.zeros([1, 3]))
    return weakref.ref(g)


@pytest.mark.parametrize("construct", CONSTRUCTS, ids=lambda f: f.__name__[1:])
def test_graph_freed(construct):
    refs = [_build(construct) for _ in range(2)]
    # another graph's op, so that op_traceback's one remembered frame is not the holder
    with tf.Graph().as_default():
        tf.zeros([1])
    gc.collect()
    assert [r() is None for r in refs] == [True, True]


def test_rnn_cell_names_per_graph():
    # graphs are freed now, so a new graph may take a freed one's id: the layer-name
    # counter is the graph's own (TF 1.14 names each graph's first cell basic_lstm_cell_1)
    names = set()
    for _ in range(4):
        with tf.Graph().as_default():
            cell = tf.nn.rnn_cell.BasicLSTMCell(2)
            cell(tf.zeros([1, 3]), (tf.zeros([1, 2]), tf.zeros([1, 2])))
            names.add(cell.name)
        gc.collect()
    assert names == {"basic_lstm_cell_1"}


def test_graph_records_mapping():
    from flowgrad.engine.framework.graph_records import GraphRecords
    records = GraphRecords("test")
    g1, g2 = tf.Graph(), tf.Graph()
    with g1.as_default():
        a = tf.zeros([1])
    assert records.get(a.op) is None and a.op not in records
    records[a.op] = [a]
    records[g2] = "g2"
    assert records[a.op] == [a] and a.op in records and records.get(g2) == "g2"
    assert records.setdefault(a.op, None) == [a] and records.setdefault(g1, 5) == 5
    assert records.pop(g1) == 5 and records.pop(g1, "none") == "none"
    with pytest.raises(KeyError):
        records.pop(g1)
    with pytest.raises(KeyError):
        records[g1]
    del records[a.op]
    assert a.op not in records
    records[a.op] = 1
    records.clear()
    assert a.op not in records and g2 not in records
    # keys with no room for the table (a type's mappingproxy, a slotted object without a
    # graph) go to a weak table of the registry's own
    records[_Slotted] = 2
    key = _Slotted()
    records[key] = 3
    assert records[key] == 3 and records[_Slotted] == 2
    held = weakref.ref(key)
    del key
    gc.collect()
    assert held() is None


class _Slotted:
    __slots__ = ("__weakref__",)
