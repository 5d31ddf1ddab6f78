"""Shape tensors read by TF 1.14's MakeShapeFromShapeTensor: the refiner's "Invalid value in
tensor used for shape" (ConstantPartialShape: a Pack's negative scalar is an unknown dim, a
Concat's constant part is checked) and the partial shapes it gives, for Reshape, Fill,
zeros, ones, Tile, BroadcastTo, random ops, Slice and ScatterNd
(tests/golden/array/gen_shape_tensor_reads.py)."""
import threading

import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("array", "shape_tensor_reads")
GEN = generator("array", "shape_tensor_reads")

@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("group", sorted({k.rsplit("/", 1)[0] for k in GOLD}))
def test_shape_tensor_read_as_tf(results, group):
    keys = [k for k in GOLD if k.rsplit("/", 1)[0] == group]
    got = {k: results[k] for k in keys}
    want = {k: GOLD[k] for k in keys}
    assert got == want


def test_golden_holds_the_rules():
    # a Pack's negative scalar is an unknown dim, even a constant one
    assert GOLD["int32/cat_pack_am5_4/reshape"] == ["ok", [None, None, 4]]
    assert GOLD["int32/pack_2m5/reshape"] == ["ok", [2, None]]
    # a Concat's constant part, or an evaluated one, is checked: no op context
    for case in ("cat_pack_a3_m5", "cat_arith_m5", "cat_m5_pack_a", "cat_cat_pack_a_m5_4"):
        assert GOLD[f"int32/{case}/reshape"] == [
            "ValueError", "Invalid value in tensor used for shape: -5"]
    # a part of unknown rank ends the read: later parts are not checked
    assert GOLD["int32/cat_shape_unknown_rank_m5/reshape"][0] == "ok"
    assert GOLD["int32/cat_m5_shape_unknown_rank/reshape"][0] == "ValueError"
    # a read of unknown rank leaves the value to the shape function's whole read: its
    # error names the op and the computed value (Fill its own message)
    assert GOLD["int32/cat_ellipsis_const_m5_4/reshape"] == [
        "ValueError", "Invalid value in tensor used for shape: -5 for 'Reshape' (op: "
        "'Reshape') with input shapes: ?, [3] and with computed input tensors: "
        "input[1] = <2 -5 4>."]
    assert GOLD["int32/cat_ellipsis_const_m5_4/fill"][1].startswith(
        "Fill dimensions must be >= 0 for 'Fill'")


def test_the_refine_memo_is_per_thread():
    # one op's build keeps its values (refine_scope) and reads strictly; another thread
    # building an op meanwhile neither sees nor clears them
    from flowgrad.engine.ops import _array_util as au
    g = tf.Graph()
    with g.as_default():
        s = tf.shape(tf.zeros([2, 3])) * 2
    seen = {}
    inside, done = threading.Event(), threading.Event()

    def other():
        inside.wait(30)
        seen["memo"], seen["strict"] = list(au._LOCAL.memo), au._LOCAL.strict
        with g.as_default():
            seen["shape"] = tf.reshape(tf.zeros([12]), tf.stack([s[0], s[1] // 2])).shape
        seen["after"] = list(au._LOCAL.memo)
        done.set()

    th = threading.Thread(target=other)
    th.start()
    with au.refine_scope(g):
        memo = au._LOCAL.memo[0]
        assert au._refined_value(s).tolist() == [4, 6]
        inside.set()
        assert done.wait(30)
        assert au._LOCAL.memo and au._LOCAL.memo[0] is memo and au._LOCAL.strict
    th.join()
    assert seen == {"memo": [], "strict": False, "shape": tf.TensorShape([4, 3]),
                    "after": []}
    assert au._LOCAL.memo == [] and not au._LOCAL.strict


def test_the_tracking_of_shape_reads_is_per_thread():
    # graph.py's replay of a failing op's shape runs tracks which of ITS inputs the infer
    # reads (and masks the ones TF's run does not know yet); another thread building or
    # replaying an op meanwhile neither notes its reads there nor gets its values masked
    from flowgrad.engine.framework import constant_op, shape_reads
    g = tf.Graph()
    with g.as_default():
        s = tf.shape(tf.zeros([2, 3])) * 2
        dims = tf.stack([s[0], s[1] // 2])
        c = tf.constant([5, 7])
    seen = {}
    inside, read, done = threading.Event(), threading.Event(), threading.Event()

    def other():
        inside.wait(30)
        with shape_reads.tracking([c], {0}) as mine:
            with g.as_default():
                seen["shape"] = tf.reshape(tf.zeros([12]), dims).shape
            seen["c"] = constant_op.const_value(c).tolist()
            read.set()
            done.wait(30)
        seen["mine"] = set(mine.read)

    th = threading.Thread(target=other)
    th.start()
    with shape_reads.tracking([dims], set()) as reads:
        inside.set()
        assert read.wait(30)
        assert reads.read == set()
        assert constant_op.const_value(dims) is None   # (masked: this run knows no values)
        assert reads.read == {0}
        done.set()
        th.join(30)
    assert seen == {"shape": tf.TensorShape([4, 3]), "c": [5, 7], "mine": {0}}
    assert shape_reads._LOCAL.stack == []


def test_the_check_of_a_shape_input_reuses_the_shape_functions_read(monkeypatch):
    # graph.py's check of Fill's dims (ConstantPartialShape's ints) takes the pieces the
    # shape function's read noted (a slice of a Shape, a Const): no value is read again
    from flowgrad.engine.framework import graph as graph_mod
    from flowgrad.engine.ops import _array_util as au
    during = {"check": False, "reads": 0}
    refined, check = au._refined_value, graph_mod.VALUE_READERS["shape_ints"]

    def counting(*a, **k):
        during["reads"] += during["check"]
        return refined(*a, **k)

    def checking(t):
        during["check"] = True
        try:
            return check(t)
        finally:
            during["check"] = False
    monkeypatch.setattr(au, "_refined_value", counting)
    monkeypatch.setitem(graph_mod.VALUE_READERS, "shape_ints", checking)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3, 4])
        assert tf.fill(tf.concat([tf.shape(x)[1:], [2]], 0), 1.0).shape.as_list() == [3, 4, 2]
        assert during["reads"] == 0
        with pytest.raises(ValueError, match="^Invalid value in tensor used for shape: -2$"):
            tf.fill(tf.concat([tf.shape(x)[1:], [-2]], 0), 1.0)
        # a piece the shape function did not note is read by the check
        assert tf.zeros(tf.concat([tf.shape(x)[1:2], tf.stack([2])], 0)).shape.as_list() \
            == [3, 2]
