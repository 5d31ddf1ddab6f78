"""TF 1.14's EvaluateConstantTensor gives up when one Shape/Size/Rank leaf of a known shape
is fed twice (read through two edges of the evaluated subgraph), walks a shared non-leaf
once, feeds the values its refiner evaluated before, and TF_TryEvaluateConstant keeps no
such cache: static shapes and op counts (tests/golden/array/gen_evaldup.py)."""
import gc
import weakref

import pytest

import flowgrad as tf
from flowgrad.engine.ops import _array_util
from goldens import generator, load

GOLD = load("array", "evaldup")
GEN = generator("array", "evaldup")


@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_as_tf(results, case):
    assert results[case] == GOLD[case]


def test_a_leaf_fed_twice_is_unknown_and_a_shared_non_leaf_is_not():
    with tf.Graph().as_default():
        e = tf.raw_ops.Size(input=tf.zeros([2]))
        assert _array_util.refined_ints(tf.stack([e, e - 1]), partial=False) is None
        f = e * 1
        assert _array_util.refined_ints(tf.stack([f, f + 1]), partial=False).tolist() == [2, 3]
        # each Pack element is its own evaluation
        assert _array_util.shape_value(tf.stack([e, e + 1])) == [2, 3]


def test_smart_constant_value_keeps_no_cache():
    with tf.Graph().as_default():
        e = tf.raw_ops.Size(input=tf.zeros([2]))
        x = e * 1
        tf.range(x)   # the refiner's evaluation caches x
        assert _array_util.refined_ints(tf.stack([x, e]), partial=False).tolist() == [2, 2]
        assert _array_util.smart_constant_value(tf.equal(x + e, 4)) is None
        assert _array_util.smart_constant_value(tf.equal(x * 2, 4)).item() is True


def test_the_refiner_cache_lets_its_graph_go():
    # the cache is per graph and holds its ops weakly: a graph whose evaluations were
    # cached is collected once the program drops it
    g = tf.Graph()
    with g.as_default():
        e = tf.raw_ops.Size(input=tf.zeros([2]))
        x = e * 1
        tf.range(x)
        assert tf.zeros(tf.stack([x, e])).shape.as_list() == [2, 2]
    assert g in _array_util._REFINER_CACHE
    ref = weakref.ref(g)
    del g, e, x
    gc.collect()
    assert ref() is None
