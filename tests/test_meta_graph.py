"""Meta graphs: export_meta_graph / import_meta_graph, restoring a model without its code."""
import json
import os

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework import meta_graph

X = np.random.RandomState(0).randn(8, 2).astype(np.float32)
Y = (X @ np.array([1.5, -2.0], np.float32) + 0.5).astype(np.float32)


def _build_model():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    y = tf.placeholder(tf.float32, [None], name="y")
    with tf.name_scope("layer"):
        w = tf.Variable(np.array([0.5, -0.3], np.float32), name="w")
        b = tf.Variable(0.1, name="b")
        pred = tf.reduce_sum(x * w, 1) + b
    loss = tf.reduce_mean(tf.square(pred - y), name="loss")
    gs = tf.Variable(0, name="global_step", trainable=False)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs, name="train")
    tf.add_to_collection("train_op", train)
    return x, y, loss, train


def test_restore_and_train_without_the_model_code(tmp_path):
    g = tf.Graph()
    with g.as_default():
        x, y, loss, train = _build_model()
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train, {x: X, y: Y})
            path = saver.save(sess, str(tmp_path / "model"), global_step=1)
            expected = []
            for _ in range(3):
                expected.append(sess.run(loss, {x: X, y: Y}))
                sess.run(train, {x: X, y: Y})
            expected_w = sess.run("layer/w:0")
    g2 = tf.Graph()
    with g2.as_default():
        saver2 = tf.train.import_meta_graph(path + ".meta")
        # every op comes back under its name, and nothing else: the gradients are TF's ops
        # (reductions' reduced_shape is DynamicStitch, not a flowgrad-only op to lower)
        names = [op.name for op in g2.get_operations()]
        assert names == [op.name for op in g.get_operations()]
        assert not [n for n in names if "ReducedShape" in n]
        with tf.Session() as sess:
            saver2.restore(sess, path)
            train_op = tf.get_collection("train_op")[0]
            assert train_op.name == "train"
            got = []
            for _ in range(3):
                got.append(sess.run("loss:0", {"x:0": X, "y:0": Y}))
                sess.run(train_op, {"x:0": X, "y:0": Y})
            assert got == expected  # bit-identical
            np.testing.assert_array_equal(sess.run("layer/w:0"), expected_w)
            assert sess.run("global_step:0") == 4
        assert [v.name for v in tf.trainable_variables()] == ["layer/w:0", "layer/b:0"]
        assert [v.name for v in tf.global_variables()] == ["layer/w:0", "layer/b:0",
                                                           "global_step:0"]
        # The same Variable object serves both collections.
        assert tf.trainable_variables()[0] is tf.global_variables()[0]
        # New ops get fresh names next to the imported ones.
        assert tf.constant(1.0, name="loss").name == "loss_1:0"


def test_ops_attrs_and_structure_round_trip():
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(np.arange(6, dtype=np.int64).reshape(2, 3), name="a")
        s = tf.constant(["x", "yy"], name="s")
        p = tf.placeholder(tf.float32, [None, 3], name="p")
        with tf.control_dependencies([s.op]):
            c = tf.identity(p, name="c")
        with g.device("/cpu:0"):
            d = tf.cast(a, tf.float32, name="d")
        e = tf.add(c, d, name="e")
    mg = tf.train.export_meta_graph(graph=g)
    g2 = tf.Graph()
    with g2.as_default():
        tf.train.import_meta_graph(mg)
    for op in g.get_operations():
        op2 = g2.get_operation_by_name(op.name)
        assert op2.type == op.type
        assert [t.name for t in op2.inputs] == [t.name for t in op.inputs]
        assert [c.name for c in op2.control_inputs] == [c.name for c in op.control_inputs]
        assert op2.device == op.device
        # (through TF's MetaGraphDef proto an op gains the attrs TF's OpDef defaults: Truncate)
        assert set(op2._attrs) >= set(op._attrs)
        for k, v in op._attrs.items():
            v2 = op2._attrs[k]
            if isinstance(v, np.ndarray):
                assert v2.dtype == v.dtype
                np.testing.assert_array_equal(v2, v)
            else:
                assert v2 == v and type(v2) is type(v)
        assert [(t.dtype, t.shape.as_list() if t.shape.ndims is not None else None)
                for t in op2.outputs] == \
            [(t.dtype, t.shape.as_list() if t.shape.ndims is not None else None)
             for t in op.outputs]
    with tf.Session(graph=g2) as sess:
        out = sess.run("e:0", {"p:0": np.ones((2, 3), np.float32)})
    np.testing.assert_array_equal(out, np.arange(6).reshape(2, 3) + 1.0)
    _ = e


_VALUES = [None, True, False, 0, -7, 2 ** 40, 1.5, float("inf"), float("nan"), "text", b"\x00b",
           1 + 2j, (1, None, 3), [1, [2, (3,)]], {"k": 1, 2: (3,)}, tf.float32, tf.string,
           tf.TensorShape([None, 2]), tf.TensorShape(None), np.float32(2.5), np.int64(-3),
           np.arange(5, dtype=np.float16), np.zeros((0, 3), np.int32), np.array(True),
           np.array([b"a", b"", b"\xff"], dtype=object), np.array(1 + 1j, np.complex64)]


@pytest.mark.parametrize("value", _VALUES, ids=lambda v: type(v).__name__)
def test_attr_value_encoding_round_trips(value):
    j = json.loads(json.dumps(meta_graph.encode_value(value)))
    back = meta_graph.decode_value(j)
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape
        np.testing.assert_array_equal(back, value)
    elif isinstance(value, float) and value != value:
        assert back != back
    elif isinstance(value, tf.TensorShape):  # unknown dims never compare equal, as in TF
        assert back.ndims == value.ndims and (value.ndims is None
                                              or back.as_list() == value.as_list())
    else:
        assert back == value


def test_unserializable_attr_names_the_op():
    g = tf.Graph()
    with g.as_default():
        c = tf.constant(1.0, name="c")
        c.op._attrs["fn"] = lambda: None
        with pytest.raises(ValueError, match="attr 'fn' of op 'c'"):
            tf.train.export_meta_graph()


def test_unknown_op_type_adds_nothing():
    g = tf.Graph()
    with g.as_default():
        tf.constant(1.0, name="c")
    mg = tf.train.export_meta_graph(graph=g)
    mg.graph_def.node.add(name="z", op="NoSuchOp")   # (TF's MetaGraphDef proto)
    g2 = tf.Graph()
    with g2.as_default(), pytest.raises(tf.errors.NotFoundError,
                                        match="Op type not registered 'NoSuchOp'"):
        tf.train.import_meta_graph(mg)
    assert g2.get_operations() == []


def test_files_text_scopes_and_collections(tmp_path):
    g = tf.Graph()
    with g.as_default():
        with tf.name_scope("net"):
            v = tf.Variable([1.0, 2.0], name="v")
            out = tf.multiply(v, 2.0, name="out")
        tf.add_to_collection("names", "hello")
        tf.add_to_collection("ints", 3)
        tf.add_to_collection("floats", 0.5)
        tf.add_to_collection("outputs", out)
        tf.add_to_collection("objects", object())  # skipped with a warning, as TF
        saver = tf.train.Saver()
        f = str(tmp_path / "g.meta")
        saver.export_meta_graph(f, as_text=True)
        with open(f) as fh:
            text = fh.read()
        # TF's MetaGraphDef in text format (the binary one without as_text).
        assert text.count("\n") > 10 and text.startswith("meta_info_def {")
        assert "graph_def {" in text and 'key: "outputs"' in text
        compact = tf.train.export_meta_graph(str(tmp_path / "c.meta"), export_scope="net")
        assert {n.name for n in compact.graph_def.node} >= {"v", "out", "v/read"}
    g2 = tf.Graph()
    with g2.as_default():
        s2 = tf.train.import_meta_graph(f, import_scope="copy")
        assert s2.as_saver_def().restore_op_name == "copy/save/restore_all"
        assert tf.get_collection("names") == [b"hello"]  # a bytes_list, as TF reads it back
        assert tf.get_collection("ints") == [3]
        assert tf.get_collection("floats") == [0.5]
        assert tf.get_collection("outputs")[0].name == "copy/net/out:0"
        assert tf.get_collection("objects") == []
        assert [x.name for x in tf.global_variables()] == ["copy/net/v:0"]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            np.testing.assert_array_equal(sess.run("copy/net/out:0"), [2.0, 4.0])
    g3 = tf.Graph()
    with g3.as_default():
        tf.train.import_meta_graph(str(tmp_path / "c.meta"), import_scope="again")
        assert g3.get_operation_by_name("again/out").type == "Mul"


def test_name_clash_and_clear_devices():
    g = tf.Graph()
    with g.as_default(), g.device("/cpu:0"):
        tf.constant(1.0, name="a")
        tf.constant(2.0, name="b")
    mg = tf.train.export_meta_graph(graph=g)
    g2 = tf.Graph()
    with g2.as_default():
        tf.constant(3.0, name="b")
        with pytest.raises(ValueError, match="already has an op"):
            tf.train.import_meta_graph(mg)
        assert [op.name for op in g2.get_operations()] == ["b"]
        tf.train.import_meta_graph(mg, import_scope="s")
        assert g2.get_operation_by_name("s/a").device == g.get_operation_by_name("a").device != ""
        tf.train.import_meta_graph(mg, clear_devices=True, import_scope="t")
        assert g2.get_operation_by_name("t/a").device == ""


def test_saver_choice_on_import(tmp_path):
    g = tf.Graph()
    with g.as_default():
        tf.Variable(1.0, name="v")
    mg = tf.train.export_meta_graph(graph=g)
    assert not mg.HasField("saver_def")
    with tf.Graph().as_default():
        s = tf.train.import_meta_graph(mg)
        assert isinstance(s, tf.train.Saver)
    g = tf.Graph()
    with g.as_default():
        tf.constant(1.0)
    with tf.Graph().as_default():
        assert tf.train.import_meta_graph(tf.train.export_meta_graph(graph=g)) is None


def test_missing_and_corrupt_meta_files(tmp_path):
    with pytest.raises(IOError, match="does not exist"):
        tf.train.import_meta_graph(str(tmp_path / "none.meta"))
    bad = tmp_path / "bad.meta"
    bad.write_bytes(b"\x08\x01garbage")
    with pytest.raises(IOError, match="Cannot parse file"):
        tf.train.import_meta_graph(str(bad))


def test_saver_save_writes_meta_graph_atomically(tmp_path):
    tf.Variable([1.0], name="v")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        p = saver.save(sess, str(tmp_path / "m"), global_step=3)
        assert os.path.exists(p + ".meta")
        saver.save(sess, str(tmp_path / "n"), write_meta_graph=False)
    assert not os.path.exists(str(tmp_path / "n.meta"))
    assert not [f for f in os.listdir(tmp_path) if "tempstate" in f]
    mg = meta_graph.read_meta_graph_file(p + ".meta")
    assert mg.saver_def == saver.as_saver_def()


@pytest.mark.parametrize("as_proto", [False, True])
def test_export_scope_is_a_name_prefix(as_proto):
    # TF 1.14's _should_include_node keeps every node whose name starts with export_scope
    # ("base" for "b", its name kept whole: strip_name_scope needs "b/"); a trailing "/"
    # keeps only "b/..." (the oracle printed these)
    with tf.Graph().as_default():
        base = tf.Variable(tf.ones([2]), name="base")
        with tf.name_scope("b"):
            s = tf.add(tf.constant([1.0, 2.0], name="c"), base, name="s")
        tf.identity(s, name="bx")
        for scope, want in [
                ("b", [("base", []), ("base/Assign", ["base", "$unbound_inputs_ones"]),
                       ("base/read", ["base"]), ("c", []), ("s", ["c", "base/read"]),
                       ("bx", ["s"])]),
                ("b/", [("c", []), ("s", ["c", "$unbound_inputs_base/read"])])]:
            mg = meta_graph.export_scoped_meta_graph(export_scope=scope, as_proto=as_proto)
            nodes = mg.graph_def.node
            got = [(n.name, list(n.input)) if as_proto else (n["name"], n["input"])
                   for n in nodes]
            assert got == want, scope
