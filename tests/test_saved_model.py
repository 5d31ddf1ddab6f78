"""SavedModels (issue 14 part 5): TF 1.14's load and serve in flowgrad, flowgrad's load in
TF 1.14 (tests/golden/saved_model/gen_saved_model.py), the builder API and bad files."""
import os
import re
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "saved_model")
sys.path.insert(0, HERE)

import linear_model  # noqa: E402
import make_flowgrad_saved_model  # noqa: E402

G = load("saved_model", "saved_model")


def _write(d, files):
    for rel, raw in files.items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(raw)
    return str(d)


def test_tf_simple_save_loads_and_serves(tmp_path):
    d = _write(tmp_path / "m", G["tf_simple/files"])
    assert tf.saved_model.loader.maybe_saved_model_directory(d)
    with tf.Graph().as_default():
        with tf.Session() as sess:
            mg = tf.saved_model.loader.load(sess, [tf.saved_model.tag_constants.SERVING], d)
            sig = mg.signature_def[tf.saved_model.DEFAULT_SERVING_SIGNATURE_DEF_KEY]
            assert sig.method_name == tf.saved_model.PREDICT_METHOD_NAME
            assert tf.saved_model.is_valid_signature(sig)
            x = tf.saved_model.utils.get_tensor_from_tensor_info(sig.inputs["x"])
            y = tf.saved_model.get_tensor_from_tensor_info(sig.outputs["y"], sess.graph)
            np.testing.assert_array_equal(sess.run(y, {x: linear_model.X}), G["tf_simple/y"])


def test_tf_text_saved_model_with_two_tags_and_import_scope(tmp_path):
    d = _write(tmp_path / "m", G["tf_text/files"])
    with tf.Graph().as_default():
        with tf.Session() as sess:
            mg = tf.saved_model.load(sess, ["train", "serve"], d, import_scope="imp")
            sig = mg.signature_def["scaled"]
            assert sig.method_name == "custom/m"
            out = sess.run("imp/" + sig.outputs["scaled"].name,
                           {"imp/" + sig.inputs["in"].name: linear_model.X})
            np.testing.assert_allclose(out, G["tf_text/scaled"])


def _no_uuid(raw):
    """The file with the uuid of the sharded saver's temporary directory (a new one per
    saver, as TF's "_temp_<uuid>/part") made constant."""
    return re.sub(rb"_temp_[0-9a-f]{32}/part", b"_temp_<uuid>/part", raw)


def test_flowgrad_saved_model_is_the_one_tf_loaded(tmp_path):
    d = str(tmp_path / "m")
    y = make_flowgrad_saved_model.write(tf, d)
    np.testing.assert_array_equal(y, G["flowgrad/y"])
    for rel in ("saved_model.pb", "variables/variables.index",
                "variables/variables.data-00000-of-00001"):
        with open(os.path.join(d, rel), "rb") as f, \
                open(os.path.join(HERE, "flowgrad_saved_model", rel), "rb") as g:
            assert _no_uuid(f.read()) == _no_uuid(g.read()), rel
    assert sorted(os.listdir(d)) == ["saved_model.pb", "variables"]
    # what TF 1.14 saw in the committed copy
    assert G["flowgrad/method"] == "tensorflow/serving/predict"
    assert G["flowgrad/inputs"] == {"x": ["x:0", 1, [-1, 3]]}
    assert G["flowgrad/outputs"] == {"y": ["y:0", 1, [-1, 1]]}
    with tf.Graph().as_default():
        with tf.Session() as sess:
            mg = tf.saved_model.load(sess, ["serve"], d)
            sig = mg.signature_def["serving_default"]
            np.testing.assert_array_equal(
                sess.run(sig.outputs["y"].name, {sig.inputs["x"].name: linear_model.X}),
                G["flowgrad/y"])


def test_builder_round_trip_as_text_with_main_op_and_second_meta_graph(tmp_path):
    d = str(tmp_path / "e")
    with tf.Graph().as_default():
        x, y = linear_model.build(tf)
        counter = tf.Variable(0, name="counter", collections=[tf.GraphKeys.LOCAL_VARIABLES])
        main = tf.group(tf.local_variables_initializer(), tf.assign(counter, 7))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            b = tf.saved_model.Builder(d)
            b.add_meta_graph_and_variables(sess, ["serve"], {
                "p": tf.saved_model.predict_signature_def({"x": x}, {"y": y})}, main_op=main)
            b.add_meta_graph(["train"])
            with pytest.raises(AssertionError, match="already been saved"):
                b.add_meta_graph_and_variables(sess, ["x"])
            assert b.save(as_text=True).endswith(b"saved_model.pbtxt")
    with tf.Graph().as_default():
        with tf.Session() as sess:
            mg = tf.saved_model.load(sess, ["serve"], d)
            assert list(mg.meta_info_def.tags) == ["serve"]
            assert sess.run("counter:0") == 7
            np.testing.assert_allclose(sess.run("y:0", {"x:0": linear_model.X}),
                                       [[14.5], [12.5]])
    with tf.Graph().as_default():
        with tf.Session() as sess:
            mg = tf.saved_model.load(sess, ["train"], d)
            assert not mg.signature_def


def test_tf_errors(tmp_path):
    d = str(tmp_path / "m")
    with tf.Graph().as_default():
        x, y = linear_model.build(tf)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            tf.saved_model.simple_save(sess, d, {"x": x}, {"y": y})
            with pytest.raises(AssertionError) as e:
                tf.saved_model.simple_save(sess, d, {"x": x}, {"y": y})
            assert str(e.value) == G["tf_errors/exists"].replace("EXPORT_DIR", d)
    with tf.Graph().as_default():
        with tf.Session() as sess:
            with pytest.raises(RuntimeError) as e:
                tf.saved_model.loader.load(sess, ["nope"], d)
            assert str(e.value) == G["tf_errors/tags"]
            with pytest.raises(OSError) as e:
                tf.saved_model.loader.load(sess, ["serve"], str(tmp_path / "none"))
            assert str(e.value) == G["tf_errors/missing"].replace("ROOT", str(tmp_path))
    assert not tf.saved_model.maybe_saved_model_directory(str(tmp_path))


@pytest.mark.parametrize("damage", ["truncate", "garbage", "text", "fifo"])
def test_bad_saved_model_file_names_it(tmp_path, damage):
    d = _write(tmp_path / "m", G["tf_simple/files"])
    pb = os.path.join(d, "saved_model.pb")
    raw = G["tf_simple/files"]["saved_model.pb"]
    if damage == "truncate":
        open(pb, "wb").write(raw[:len(raw) // 2])
    elif damage == "garbage":
        open(pb, "wb").write(b"\xff" * 64)
    elif damage == "text":
        os.remove(pb)
        pb = os.path.join(d, "saved_model.pbtxt")
        open(pb, "w").write("meta_graphs { nonsense: 1 }")
    else:
        os.remove(pb)
        os.mkfifo(pb)
    with tf.Graph().as_default(), tf.Session() as sess:
        with pytest.raises(OSError, match="Cannot parse file " + pb):
            tf.saved_model.load(sess, ["serve"], d)


def test_signature_def_utils():
    with tf.Graph().as_default():
        ex = tf.placeholder(tf.string, [None], name="ex")
        scores = tf.placeholder(tf.float32, [None, 2], name="scores")
        classes = tf.placeholder(tf.string, [None, 2], name="classes")
        sig = tf.saved_model.classification_signature_def(ex, classes, scores)
        assert sig.method_name == tf.saved_model.CLASSIFY_METHOD_NAME
        assert sorted(sig.outputs) == ["classes", "scores"]
        assert tf.saved_model.is_valid_signature(sig)
        reg = tf.saved_model.regression_signature_def(ex, tf.placeholder(tf.float32, [None]))
        assert tf.saved_model.is_valid_signature(reg)
        with pytest.raises(ValueError, match="Regression output must be a float Tensor."):
            tf.saved_model.regression_signature_def(ex, classes)
        with pytest.raises(ValueError, match="Prediction inputs cannot be None or empty."):
            tf.saved_model.predict_signature_def({}, {"s": scores})
        info = tf.saved_model.build_tensor_info(tf.placeholder(tf.float32, name="u"))
        assert info.name == "u:0" and info.tensor_shape.unknown_rank
        assert not tf.saved_model.is_valid_signature(
            tf.saved_model.build_signature_def({"a": info}, {"b": info}, "other"))
        sp = tf.SparseTensor([[0, 0]], [1.0], [2, 2])
        info = tf.saved_model.build_tensor_info(sp)
        assert info.WhichOneof("encoding") == "coo_sparse"
        back = tf.saved_model.get_tensor_from_tensor_info(info)
        assert back.values.name == sp.values.name


def test_tf_sharded_saver_graph_runs_after_load(tmp_path):
    """TF's SavedModel saver is sharded (StringJoin, ShardedFilename, MergeV2Checkpoints):
    its save op writes one checkpoint and removes the shards' temporary directory."""
    d = _write(tmp_path / "m", G["tf_simple/files"])
    out = tmp_path / "out"
    out.mkdir()
    with tf.Graph().as_default():
        with tf.Session() as sess:
            mg = tf.saved_model.load(sess, ["serve"], d)
            ops = {n.op for n in mg.graph_def.node}
            assert {"StringJoin", "ShardedFilename", "MergeV2Checkpoints"} <= ops
            path = sess.run(mg.saver_def.save_tensor_name,
                            {mg.saver_def.filename_tensor_name: str(out / "ck")})
            assert os.fsdecode(path) == str(out / "ck")
            want = sess.run(["w:0", "b:0"])
    assert sorted(os.listdir(out)) == ["ck.data-00000-of-00001", "ck.index"]
    reader = tf.train.load_checkpoint(str(out / "ck"))
    np.testing.assert_array_equal(reader.get_tensor("w"), want[0])
    np.testing.assert_array_equal(reader.get_tensor("b"), want[1])


@pytest.mark.parametrize("which", ["tf_simple", "tf_text"])
def test_inspect_shows_what_saved_model_cli_shows(tmp_path, capsys, which):
    from flowgrad.tools import inspect_checkpoint
    d = _write(tmp_path / "m", G[which + "/files"])
    assert inspect_checkpoint.main([d]) == 0
    assert capsys.readouterr().out == G[which + "/show_all"]
    open(os.path.join(d, "saved_model.pb" if which == "tf_simple" else "saved_model.pbtxt"),
         "wb").write(b"\x00\x01junk")
    assert inspect_checkpoint.main([d]) == 1
    assert "Cannot parse file" in capsys.readouterr().out
