"""Checkpoint readers against TF 1.14 on a checkpoint TF wrote (tests/golden/ckpt/
gen_readers.py): NewCheckpointReader, list_variables, inspect_checkpoint's printout
and `flowgrad inspect`, init_from_checkpoint in every assignment_map form, RestoreV2
of a partitioned variable's slices."""
import contextlib
import io
import os

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework import errors
from flowgrad.tools import inspect_checkpoint as ic
from flowgrad.train import checkpoint_io
from flowgrad.train.saver import restore_v2
from goldens import load

G = load("ckpt", "readers")


@pytest.fixture(params=["tf", "safetensors"])
def prefix(request, tmp_path):
    d = tmp_path / "ck"
    d.mkdir()
    for name, raw in G["files"].items():
        (d / name).write_bytes(raw)
    p = str(d / "m")
    if request.param == "safetensors":
        pytest.importorskip("safetensors")
        checkpoint_io.convert_checkpoint(p, str(tmp_path / "sf" / "m"), "safetensors")
        p = str(tmp_path / "sf" / "m")
    tf.train.update_checkpoint_state(os.path.dirname(p), p)
    return p


def _printed(fn):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
    return buf.getvalue()


def test_checkpoint_reader(prefix):
    r = tf.train.NewCheckpointReader(prefix)
    if r.format == "tf":
        assert r.debug_string() == G["debug_string"]
    assert r.get_variable_to_shape_map() == G["shapes"]
    assert {k: v.name for k, v in r.get_variable_to_dtype_map().items()} == G["dtypes"]
    assert [r.has_tensor("old/w"), r.has_tensor("nope")] == G["has"]
    np.testing.assert_array_equal(r.get_tensor("part"), G["get/part"])
    b = r.get_tensor("old/b")
    assert isinstance(b, np.float32) and b == G["get/old/b"]
    with pytest.raises(errors.NotFoundError) as e:
        r.get_tensor("nope")
    assert [type(e.value).__name__, str(e.value)] == G["get/missing"]
    assert [[n, s] for n, s in tf.train.list_variables(prefix)] == G["list_variables"]
    assert [[n, s] for n, s in tf.train.list_variables(os.path.dirname(prefix))] == \
        G["list_variables"]


def test_print_tensors_in_checkpoint_file(prefix):
    if checkpoint_io.open_checkpoint(prefix).format == "tf":
        # TF's own printout fails on the partitioned variable's slice keys; so does this.
        assert _printed(lambda: ic.print_tensors_in_checkpoint_file(prefix, "", False)) == \
            G["print/default"]
    assert _printed(lambda: ic.print_tensors_in_checkpoint_file(prefix, "old/w", False)) == \
        G["print/one"]
    assert _printed(lambda: ic.print_tensors_in_checkpoint_file(prefix, "", True)) == \
        G["print/all"]
    assert _printed(lambda: ic.print_tensors_in_checkpoint_file(
        prefix, "", False, all_tensor_names=True, count_exclude_pattern="^old/")) == \
        G["print/names"]
    assert _printed(lambda: ic.print_tensors_in_checkpoint_file(prefix, "nope", False)) == \
        G["print/missing"]


def test_flowgrad_inspect_command(prefix, tmp_path):
    out = _printed(lambda: ic.main([prefix, "--tensor_name=old/w"]))
    assert out == G["print/one"]
    out = _printed(lambda: ic.main([os.path.dirname(prefix), "--all_tensors"]))
    assert out == G["print/all"]
    out = _printed(lambda: ic.main(["--file_name=" + prefix + ".index"]))
    assert "It's likely that this is a V2 checkpoint" in out and prefix in out
    assert _printed(lambda: ic.main([str(tmp_path / "empty_dir_none")])) .startswith("Unsucc")
    assert _printed(lambda: ic.main([])).startswith("Usage: inspect_checkpoint")


def test_restore_v2_reads_slices_of_a_partitioned_variable(prefix):
    with tf.Graph().as_default():
        outs = restore_v2(prefix, ["part"] * 2, G["part/specs"], [tf.float32] * 2)
        bad = restore_v2(prefix, ["part"], ["4 2 0,2:-"], [tf.float32])
        with tf.Session() as sess:
            got = sess.run(outs)
            with pytest.raises(errors.InvalidArgumentError) as e:
                sess.run(bad)
    for g, w in zip(got, G["part/slices"]):
        np.testing.assert_array_equal(g, w)
    cls, msg = G["part/bad_spec"]
    assert type(e.value).__name__ == cls
    assert str(e.value).split("\n")[0] == msg.split("\n")[0]


_RESTORED = {"scope": ["new/w", "new/b"], "names": ["new/w", "new/b"],
             "objects": ["new/w", "new/b"], "root": ["fresh/old/b", "fresh/top"],
             "dir": ["new/w"]}


@pytest.mark.parametrize("case", sorted(_RESTORED))
def test_init_from_checkpoint(case, prefix):
    d = os.path.dirname(prefix)
    maps = {"scope": lambda v: {"old/": "new/"},
            "names": lambda v: {"old/w": "new/w", "top": "new/b"},
            "objects": lambda v: {"old/w": v["w"], "old/b": v["b"]},
            "root": lambda v: {"/": "fresh/"},
            "dir": lambda v: {"old/w": v["w"]}}
    with tf.Graph().as_default() as g:
        with tf.variable_scope("new"):
            w = tf.get_variable("w", shape=[2, 3])
            b = tf.get_variable("b", shape=[], dtype=tf.float64 if case == "names"
                                else tf.float32)
        with tf.variable_scope("fresh"):
            tf.get_variable("top", shape=[], dtype=tf.float64)
            with tf.variable_scope("old"):
                tf.get_variable("b", shape=[])
        n0 = len(g.get_operations())
        tf.train.init_from_checkpoint(d if case == "dir" else prefix, maps[case]({"w": w, "b": b}))
        assert [[o.name, o.type] for o in g.get_operations()[n0:]] == G[f"init/{case}/ops"]
        assert [[v.op.name, type(v.initializer).__name__, v.initializer.name]
                for v in tf.global_variables()] == G[f"init/{case}/initializers"]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = {v.op.name: sess.run(v) for v in tf.global_variables()}
    want = G[f"init/{case}/values"]
    for name in _RESTORED[case]:
        np.testing.assert_array_equal(got[name], want[name])
        assert np.asarray(got[name]).dtype == want[name].dtype


@pytest.mark.parametrize("case", ["scope_to_name", "missing", "shape", "no_slash",
                                  "missing_in_scope"])
def test_init_from_checkpoint_errors(case, prefix):
    m = {"scope_to_name": {"old/w": "new/zz"}, "missing": {"old/zz": "new/w"},
         "shape": {"old/w": "new/b"}, "no_slash": {"old": "new/"},
         "missing_in_scope": {"zz/": "new/"}}[case]
    with tf.Graph().as_default():
        with tf.variable_scope("new"):
            tf.get_variable("w", shape=[2, 3])
            tf.get_variable("b", shape=[])
        with pytest.raises(ValueError) as e:
            tf.train.init_from_checkpoint(prefix, m)
    cls, msg = G[f"init_error/{case}"]
    got = str(e.value).replace(os.path.dirname(os.path.dirname(prefix)), "<ROOT>")
    if "/sf/" in prefix:
        got = got.replace("<ROOT>/sf/", "<ROOT>/ck/")
    assert got.startswith(msg)


def test_flowgrad_inspect_is_a_cli_command(prefix, capsys):
    from flowgrad import cli
    assert cli.main(["inspect", prefix, "--tensor_name", "old/w"]) == 0
    assert capsys.readouterr().out == G["print/one"]


def test_tf_module_paths_reach_the_readers():
    """`from tensorflow.python import pywrap_tensorflow` & co under `flowgrad run`."""
    from flowgrad.compat import tf_alias
    internal = tf_alias._INTERNAL
    assert "flowgrad.train.checkpoint_io" in internal["tensorflow.python.pywrap_tensorflow"]
    assert internal["tensorflow.python.tools.inspect_checkpoint"] == [
        "flowgrad.tools.inspect_checkpoint"]
    assert checkpoint_io.NewCheckpointReader is tf.train.NewCheckpointReader
    reader = tf.train.NewCheckpointReader(filepattern=os.path.join(
        os.path.dirname(__file__), "golden", "ckpt", "flowgrad_run", "m-3"))
    assert isinstance(reader, checkpoint_io.CheckpointReader)
