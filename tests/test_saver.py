"""tf.train.Saver and checkpoint files, against TF 1.14 goldens (tests/golden/saver/saver.json)."""
import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.framework import errors
from flowgrad.engine.framework import file_io
from flowgrad.train import checkpoint_io
from flowgrad.train import tensor_bundle as tb


@pytest.fixture(scope="module")
def golden():
    return goldens.load("saver", "saver")


def _model():
    w = tf.Variable([1., 2., 3.], name="w")
    b = tf.Variable(2, name="b")
    with tf.name_scope("layer"):
        k = tf.Variable([[1., 2.]], name="k")
    return w, b, k


def _sub(text, root):
    return text.replace(str(root), "<ROOT>")


# ---------------------------------------------------------------------------------------
# Graph structure and files, as TF 1.14
# ---------------------------------------------------------------------------------------
def test_save_ops_and_saver_def_match_tf(golden):
    w, b, k = _model()
    s = tf.train.Saver(max_to_keep=2)
    s2 = tf.train.Saver({"renamed": w}, name="mysaver", pad_step_number=True)
    ops = [[o.name, o.type, [i.name for i in o.inputs], [c.name for c in o.control_inputs]]
           for o in tf.get_default_graph().get_operations()
           if o.name.startswith(("save", "mysaver"))]
    assert ops == golden["ops"]
    assert str(s.as_saver_def()) == golden["saver_def"]
    assert str(s2.as_saver_def()) == golden["saver_def2"]


def test_files_state_and_retention_match_tf(golden, tmp_path):
    w, b, k = _model()
    s = tf.train.Saver(max_to_keep=2)
    s2 = tf.train.Saver({"renamed": w}, name="mysaver", pad_step_number=True)
    root = str(tmp_path)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        paths = [s.save(sess, root + "/model.ckpt", global_step=st) for st in [1, 2, 3]]
        assert [_sub(p, root) for p in paths] == golden["paths"]
        assert sorted(os.listdir(root)) == golden["files"]
        with open(root + "/checkpoint") as f:
            assert _sub(f.read(), root) == golden["state"]
        assert [_sub(p, root) for p in s.last_checkpoints] == golden["last"]
        p = s2.save(sess, root + "/other", global_step=7, latest_filename="other_state",
                    write_meta_graph=False)
        assert _sub(p, root) == golden["padded"]
        assert sorted(os.listdir(root)) == golden["files2"]
        with open(root + "/other_state") as f:
            assert _sub(f.read(), root) == golden["state2"]
        assert [[n, s_] for n, s_ in tf.train.list_variables(root)] == golden["list_variables"]
        st = tf.train.get_checkpoint_state(root)
        assert [_sub(st.model_checkpoint_path, root),
                [_sub(x, root) for x in st.all_model_checkpoint_paths]] == golden["ckstate"]
        ex = [tf.train.checkpoint_exists(root + "/model.ckpt-3"),
              tf.train.checkpoint_exists(root + "/model.ckpt-1"),
              tf.train.checkpoint_exists(root + "/model.ckpt")]
        assert ex == golden["exists"]


def test_relative_paths_match_tf(golden, tmp_path, monkeypatch):
    _model()
    monkeypatch.chdir(tmp_path)
    os.makedirs("relck")
    s3 = tf.train.Saver(max_to_keep=3)
    s4 = tf.train.Saver(save_relative_paths=True)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        s3.save(sess, "relck/m", global_step=1)
        s3.save(sess, "relck/m", global_step=2)
        with open("relck/checkpoint") as f:
            assert f.read() == golden["rel_state"]
        assert tf.train.latest_checkpoint("relck") == golden["rel_latest"]
        root = str(tmp_path)
        s4.save(sess, root + "/abs/m", global_step=5)  # creates abs/, as TF's SaveV2 does
        with open(root + "/abs/checkpoint") as f:
            assert _sub(f.read(), root) == golden["relpaths_state"]
        assert _sub(tf.train.latest_checkpoint(root + "/abs"), root) == golden["relpaths_latest"]


def _err(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001
        return [type(e).__name__, str(e).split("\n")[0]]
    return None


def test_usage_errors_match_tf(golden, tmp_path):
    w, b, k = _model()
    s = tf.train.Saver(max_to_keep=2)
    root = str(tmp_path)
    os.makedirs(root + "/emptydir")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        s.save(sess, root + "/model.ckpt", global_step=3)
        got = {
            "none": _err(lambda: s.restore(sess, None)),
            "missing": _err(lambda: s.restore(sess, root + "/nothing")),
            "nodir": _err(lambda: s.restore(sess, root + "/nodir/x")),
            "latest_collide": _err(lambda: s.save(sess, root + "/checkpoint")),
            "latest_path": _err(lambda: s.save(sess, root + "/x", latest_filename="a/b")),
            "reader_missing": _err(lambda: tf.train.load_checkpoint(root).get_tensor("zz")),
            "load_nodir": _err(lambda: tf.train.load_checkpoint(root + "/abs_nothing")),
            "list_empty_dir": _err(lambda: tf.train.list_variables(root + "/emptydir")),
            "no_vars": _err(lambda: tf.train.Saver(var_list=[])),
            "dup": _err(lambda: tf.train.Saver(var_list=[w, w])),
            "not_var": _err(lambda: tf.train.Saver(var_list=[tf.constant(1.0)])),
            "dict_not_var": _err(lambda: tf.train.Saver({"x": tf.constant(1.0)})),
            "dict_python_value": _err(lambda: tf.train.Saver({"x": 1})),
            "dict_two_names": _err(lambda: tf.train.Saver({"y": w, "x": w, "k": k})),
        }
        exp = {key: golden["errors"][key] for key in got}
        assert {key: v and [v[0], _sub(v[1], root)] for key, v in got.items()} == exp
        gen = goldens.generator("saver", "saver")
        assert golden["errors"]["dict_part_and_slice"] is not None
        assert gen._part_and_slice(tf) == golden["errors"]["dict_part_and_slice"]
        assert tf.train.latest_checkpoint(root + "/emptydir") is None
        assert tf.train.Saver(var_list=[], allow_empty=True).save(sess, root + "/e") is None


# ---------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------
_DTYPES = [np.float32, np.float64, np.float16, np.int32, np.int64, np.int8, np.uint8,
           np.uint16, np.bool_, np.complex64, np.complex128, object]
_SHAPES = [(), (0,), (3,), (2, 3, 4), (1, 1)]


def _value(dtype, shape, rs):
    if dtype is object:
        flat = np.array([("s%d" % i).encode() * (i % 3) for i in range(int(np.prod(shape)))],
                        dtype=object)
        return flat.reshape(shape)
    x = rs.randn(*shape) * 10
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rs.randn(*shape)
    return np.asarray(x).astype(dtype)


@pytest.mark.parametrize("dtype", _DTYPES, ids=lambda d: np.dtype(d).name)
def test_round_trip_every_dtype_and_shape(dtype, tmp_path):
    rs = np.random.RandomState(0)
    values = [_value(dtype, s, rs) for s in _SHAPES]
    vs = [tf.Variable(v, name=f"v{i}") for i, v in enumerate(values)]
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, str(tmp_path / "m"))
        for v, x in zip(vs, values):
            if x.size:
                sess.run(v.assign(np.zeros_like(x) if dtype is not object
                                  else np.full(x.shape, b"zz", dtype=object)))
        saver.restore(sess, path)
        for v, x in zip(vs, values):
            got = sess.run(v)
            if dtype is object:  # a 0-d string fetch is a bytes object, as in TF
                got = np.array(got, dtype=object)
            assert np.asarray(got).dtype == x.dtype and np.shape(got) == x.shape
            np.testing.assert_array_equal(got, x)
    reader = tf.train.load_checkpoint(path)
    assert reader.get_variable_to_shape_map() == {f"v{i}": list(s) for i, s in enumerate(_SHAPES)}
    assert set(reader.get_variable_to_dtype_map().values()) == {
        tf.string if dtype is object else tf.as_dtype(dtype)}


def test_files_are_tf_v2_and_export_to_plain_safetensors(tmp_path):
    w = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3), name="w")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(w.initializer)
        path = saver.save(sess, str(tmp_path / "m"))
    assert tf.train.load_checkpoint(path).format == "tf"
    assert tb.read_bundle(path)["w"].tolist() == [[0, 1, 2], [3, 4, 5]]
    st = pytest.importorskip("safetensors.numpy")
    exported = checkpoint_io.convert_checkpoint(path, str(tmp_path / "sf"), "safetensors")
    loaded = st.load_file(exported + ".data-00000-of-00001")
    np.testing.assert_array_equal(loaded["w"], np.arange(6, dtype=np.float32).reshape(2, 3))
    with open(exported + ".index") as f:
        index = json.load(f)
    assert index["tensors"]["w"] == {"dtype": "float32", "shape": [2, 3], "encoding": "raw"}
    # ...and the safetensors checkpoint restores, and converts back to TF's format.
    with tf.Session() as sess:
        saver.restore(sess, exported)
        assert sess.run(w).tolist() == [[0, 1, 2], [3, 4, 5]]
    back = checkpoint_io.convert_checkpoint(exported, str(tmp_path / "back"))
    assert open(back + ".index", "rb").read() == open(path + ".index", "rb").read()
    assert open(back + ".data-00000-of-00001", "rb").read() == \
        open(path + ".data-00000-of-00001", "rb").read()


def test_save_reads_current_values_not_later_ones(tmp_path):
    w = tf.Variable([1., 2.], name="w")
    step = w.assign_add([1., 1.])
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(w.initializer)
        sess.run(step)
        path = saver.save(sess, str(tmp_path / "m"))
        sess.run(step)
        np.testing.assert_array_equal(tf.train.load_variable(path, "w:0"), [2., 3.])
        saver.restore(sess, path)
        np.testing.assert_array_equal(sess.run(w), [2., 3.])


def test_var_list_dict_and_global_step_tensor(tmp_path):
    w = tf.Variable([1., 2.], name="w")
    gs = tf.Variable(42, name="global_step", trainable=False)
    saver = tf.train.Saver({"weights/renamed": w})
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, str(tmp_path / "m"), global_step=gs)
        assert path.endswith("m-42")
        assert tf.train.list_variables(path) == [("weights/renamed", [2])]
    tf.reset_default_graph()
    w2 = tf.Variable([0., 0.], name="other")
    saver2 = tf.train.Saver({"weights/renamed": w2})
    with tf.Session() as sess:
        saver2.restore(sess, path)  # restores an uninitialized variable
        np.testing.assert_array_equal(sess.run(w2), [1., 2.])


def test_reshape_restores_same_size(tmp_path):
    w = tf.Variable(np.arange(6, dtype=np.float32), name="w")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(w.initializer)
        path = saver.save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    w = tf.Variable(np.zeros((2, 3), np.float32), name="w")
    with tf.Session() as sess:
        sess.run(w.initializer)
        with pytest.raises(errors.InvalidArgumentError):
            tf.train.Saver().restore(sess, path)
        tf.train.Saver(reshape=True).restore(sess, path)
        np.testing.assert_array_equal(sess.run(w), np.arange(6).reshape(2, 3))


def test_saving_uninitialized_variable_fails(tmp_path):
    tf.Variable([1.], name="w")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(errors.FailedPreconditionError, match="uninitialized value w"):
            saver.save(sess, str(tmp_path / "m"))
    assert not os.path.exists(str(tmp_path / "m.index"))


def test_overwriting_a_prefix_keeps_one_data_file(tmp_path):
    w = tf.Variable([1.], name="w")
    saver = tf.train.Saver()
    prefix = str(tmp_path / "m")
    with tf.Session() as sess:
        sess.run(w.initializer)
        for i in range(3):
            sess.run(w.assign([float(i)]))
            saver.save(sess, prefix)
            assert tf.train.load_variable(prefix, "w") == [float(i)]
            data = [f for f in os.listdir(tmp_path) if ".data-" in f]
            assert len(data) == 1


# ---------------------------------------------------------------------------------------
# Retention
# ---------------------------------------------------------------------------------------
def test_max_to_keep_and_keep_every_n_hours(tmp_path):
    tf.Variable([1.], name="w")
    keep_all = tf.train.Saver(max_to_keep=1, keep_checkpoint_every_n_hours=1e-9)
    keep_one = tf.train.Saver(max_to_keep=1)
    keep_none = tf.train.Saver(max_to_keep=0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            time.sleep(0.002)
            keep_all.save(sess, str(tmp_path / "a" / "m"), global_step=i)
            keep_one.save(sess, str(tmp_path / "b" / "m"), global_step=i)
            keep_none.save(sess, str(tmp_path / "c" / "m"), global_step=i)
    idx = {d: sorted(f for f in os.listdir(tmp_path / d) if f.endswith(".index"))
           for d in "abc"}
    assert idx["a"] == ["m-0.index", "m-1.index", "m-2.index"]
    assert idx["b"] == ["m-2.index"]
    assert sorted(os.listdir(tmp_path / "b")) == ["checkpoint", "m-2.data-00000-of-00001",
                                                  "m-2.index", "m-2.meta"]
    assert idx["c"] == ["m-0.index", "m-1.index", "m-2.index"]
    assert keep_none.last_checkpoints == []


def test_recover_and_set_last_checkpoints(tmp_path):
    tf.Variable([1.], name="w")
    saver = tf.train.Saver(max_to_keep=2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        paths = [saver.save(sess, str(tmp_path / "m"), global_step=i) for i in range(2)]
        fresh = tf.train.Saver(max_to_keep=2)
        fresh.recover_last_checkpoints(paths)
        assert fresh.last_checkpoints == paths
        fresh.save(sess, str(tmp_path / "m"), global_step=2)
        assert fresh.last_checkpoints == paths[1:] + [str(tmp_path / "m-2")]
        assert not tf.train.checkpoint_exists(paths[0])
        fresh.set_last_checkpoints_with_time([(paths[1], 1.0)])
        assert fresh.last_checkpoints == [paths[1]]
        with pytest.raises(AssertionError):
            fresh.set_last_checkpoints_with_time("x")


def test_var_list_forms_as_tf():
    # TF 1.14's op_list_to_dict takes a dict, list, tuple or set; anything else (a
    # frozenset, one Variable, a name, an iterator) is its TypeError
    v = tf.Variable(1.0, name="v")
    w = tf.Variable(2.0, name="w")
    assert tf.train.Saver({v, w}).saver_def.save_tensor_name == "save/control_dependency:0"
    assert tf.train.Saver((w, v)).saver_def.save_tensor_name == "save_1/control_dependency:0"
    for bad in (frozenset([v]), "v", v, iter([v])):
        with pytest.raises(TypeError, match="^Variables to save should be passed in a dict "
                                            "or a list: "):
            tf.train.Saver(bad)


def test_recover_last_checkpoints_leaves_out_missing_ones(tmp_path):
    # TF 1.14 looks each path up on its own: a deleted one is dropped and the rest keep
    # their own mtimes (one get_checkpoint_mtimes over the list would shift the times
    # onto the wrong paths and keep a missing path in place of the newest)
    tf.Variable(1.0, name="v")
    saver = tf.train.Saver(max_to_keep=2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        paths = [saver.save(sess, str(tmp_path / "m"), global_step=i) for i in range(3)]
    assert not tf.train.checkpoint_exists(paths[0])
    os.utime(paths[1] + ".index", (100.0, 100.0))
    os.utime(paths[2] + ".index", (200.0, 200.0))
    fresh = tf.train.Saver(max_to_keep=3)
    fresh.recover_last_checkpoints(paths)
    assert fresh.last_checkpoints == paths[1:]
    assert [t for _, t in fresh._last_checkpoints] == [100.0, 200.0]


# ---------------------------------------------------------------------------------------
# Restore validates everything before changing anything
# ---------------------------------------------------------------------------------------
def _saved_ab(tmp_path, fmt="tf"):
    tf.Variable([1., 2., 3.], name="a")
    tf.Variable([4., 5., 6.], name="w")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    if fmt == "safetensors":  # the same checkpoint in flowgrad's safetensors format
        checkpoint_io.convert_checkpoint(path, str(tmp_path / "sf" / "m"), fmt)
        for f in os.listdir(tmp_path / "sf"):
            os.replace(tmp_path / "sf" / f, tmp_path / f)
        assert tf.train.load_checkpoint(path).format == "safetensors"
    return path


@pytest.mark.parametrize("case", ["missing", "shape", "dtype"])
def test_mismatch_errors_leave_session_unchanged(case, tmp_path):
    path = _saved_ab(tmp_path)
    a = tf.Variable([9., 9., 9.], name="a")
    if case == "missing":
        tf.Variable([9.], name="c")
    elif case == "shape":
        tf.Variable([9., 9.], name="w")
    else:
        tf.Variable([9, 9, 9], name="w")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if case == "missing":
            with pytest.raises(errors.NotFoundError) as e:
                saver.restore(sess, path)
            assert "Key c not found in checkpoint" in str(e.value)
            assert "Restoring from checkpoint failed" in str(e.value)
        elif case == "shape":
            with pytest.raises(errors.InvalidArgumentError) as e:
                saver.restore(sess, path)
            assert "Assign requires shapes of both tensors to match. lhs shape= [2] rhs " \
                "shape= [3]\n" in str(e.value)
            # TF 1.14 fails in w's Assign (its node and input sources), not in RestoreV2
            assert e.value.op.name == e.value.node_def.name == "save/Assign_1"
            assert "[[node save/Assign_1 (defined at " in str(e.value)
            assert "Input Source operations connected to node save/Assign_1:\n w (defined" \
                in str(e.value)
        else:
            with pytest.raises(errors.InvalidArgumentError) as e:
                saver.restore(sess, path)
            assert "tensor_name = w; expected dtype int32 does not equal original dtype float" \
                in str(e.value)
        np.testing.assert_array_equal(sess.run(a), [9., 9., 9.])


def _corrupt(path, how):
    if how == "flip_data":
        f = path + ".data-00000-of-00001"
        b = bytearray(open(f, "rb").read())
        b[-3] ^= 0xFF
        open(f, "wb").write(bytes(b))
    elif how == "truncate_data":
        f = path + ".data-00000-of-00001"
        b = open(f, "rb").read()
        open(f, "wb").write(b[:len(b) // 2])
    elif how == "truncate_index":
        f = path + ".index"
        b = open(f, "rb").read()
        open(f, "wb").write(b[:len(b) // 2])
    elif how == "garbage_index":
        open(path + ".index", "wb").write(b"\x00\x01binary")
    elif how == "bad_header":
        # A damaged safetensors header whose size and CRC the index agrees with:
        # only the safetensors parser can catch it.
        import zlib
        f = path + ".data-00000-of-00001"
        b = bytearray(open(f, "rb").read())
        b[9] = ord("#")
        open(f, "wb").write(bytes(b))
        doc = json.load(open(path + ".index"))
        doc.pop("index_crc32")
        doc["data_crc32"] = zlib.crc32(bytes(b))
        open(path + ".index", "wb").write(checkpoint_io._index_bytes(doc))
    elif how == "missing_data":
        os.unlink(path + ".data-00000-of-00001")


# As TF 1.14 (tests/golden/saver/faults.json has TF's answers to more damage, see
# test_checkpoint_faults.py): a short data file is OutOfRangeError, a missing one
# NotFoundError, the rest DataLossError.
@pytest.mark.parametrize("how,error", [
    ("flip_data", errors.DataLossError), ("truncate_data", errors.OutOfRangeError),
    ("truncate_index", errors.DataLossError), ("garbage_index", errors.DataLossError),
    ("bad_header", errors.DataLossError), ("missing_data", errors.NotFoundError)])
@pytest.mark.parametrize("fmt", ["tf", "safetensors"])
def test_damaged_checkpoint_raises_tf_error(how, error, fmt, tmp_path):
    if how == "bad_header" and fmt == "tf":
        pytest.skip("a safetensors header")
    if fmt == "safetensors":
        pytest.importorskip("safetensors")
    path = _saved_ab(tmp_path, fmt)
    _corrupt(path, how)
    a = tf.Variable([9., 9., 9.], name="a")
    tf.Variable([9., 9., 9.], name="w")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(error):
            saver.restore(sess, path)
        np.testing.assert_array_equal(sess.run(a), [9., 9., 9.])
    with pytest.raises(error):  # TF's format reads one tensor at a time: the damaged one
        [tf.train.load_variable(path, n) for n in ("a", "w")]


# ---------------------------------------------------------------------------------------
# A writer killed at any step leaves the previous checkpoint intact
# ---------------------------------------------------------------------------------------
_STEPS = ["data_tmp", "data", "index_tmp", "index", "meta_tmp", "meta", "state_tmp", "state"]


def _kill_during_save(prefix, global_step, value, kill_at):
    """Forks a child that saves and is SIGKILLed when it reaches step `kill_at`."""
    r, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.close(r)

            def hook(step):
                if step == kill_at:
                    os.write(wfd, b"x")
                    time.sleep(60)
            file_io._WRITE_HOOK = hook
            sess = tf.Session()
            w = tf.get_default_graph().get_tensor_by_name("w:0")
            sess.run(tf.get_default_graph().get_operation_by_name("w/Assign"),
                     {"w/initial_value:0": value})
            tf.get_collection("saver")[0].save(sess, prefix, global_step=global_step)
            _ = w
        finally:
            os._exit(3)
    os.close(wfd)
    got = os.read(r, 1)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(r)
    assert got == b"x" and os.WIFSIGNALED(status)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("same_prefix", [False, True], ids=["new_step", "same_prefix"])
def test_kill_during_save_keeps_previous_checkpoint(same_prefix, tmp_path):
    w = tf.Variable([1., 2., 3.], name="w")
    saver = tf.train.Saver()
    tf.add_to_collection("saver", saver)
    prefix = str(tmp_path / "m")
    with tf.Session() as sess:
        sess.run(w.initializer)
        first = saver.save(sess, prefix, global_step=None if same_prefix else 1)
    for kill_at in _STEPS:
        _kill_during_save(prefix, None if same_prefix else 2, np.array([7., 8., 9.], np.float32),
                          kill_at)
        latest = tf.train.latest_checkpoint(str(tmp_path))
        with tf.Session() as sess:
            sess.run(w.initializer)
            saver.restore(sess, latest)
            got = sess.run(w)
            if same_prefix:
                # Killed before the index rename: old values; after it: new ones.
                new = _STEPS.index(kill_at) >= _STEPS.index("index")
                exp = [7., 8., 9.] if new else [1., 2., 3.]
                np.testing.assert_array_equal(got, exp)
            else:
                assert latest == (first if kill_at != "state" else prefix + "-2")
                if latest == first:
                    np.testing.assert_array_equal(got, [1., 2., 3.])
                saver.restore(sess, first)
                np.testing.assert_array_equal(sess.run(w), [1., 2., 3.])
        if same_prefix:
            # Reset to the first values for the next kill point.
            with tf.Session() as sess:
                sess.run(w.initializer)
                saver.save(sess, prefix)


# ---------------------------------------------------------------------------------------
# The core without the optional packages
# ---------------------------------------------------------------------------------------
def test_core_imports_without_optional_packages():
    code = r"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('safetensors', 'tensorboard', 'google'):
            raise ImportError('blocked ' + name)
sys.meta_path.insert(0, Block())
import flowgrad as tf
from flowgrad.train import checkpoint_io
v = tf.Variable([1.0], name='v')
s = tf.train.Saver()
with tf.Session() as sess:
    sess.run(v.initializer)
    p = s.save(sess, sys.argv[1])  # TF's format: no optional package needed
    s.restore(sess, p)
    print('saved', tf.train.load_variable(p, 'v'))
    try:
        checkpoint_io.convert_checkpoint(p, sys.argv[1] + '_sf', 'safetensors')
    except ImportError as e:
        print('saver:', e)
try:
    tf.summary.scalar('x', 1.0)
except ImportError as e:
    print('summary:', e)
"""
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        out = subprocess.run([sys.executable, "-c", code, os.path.join(d, "m")],
                             capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "saved [1.]" in out.stdout
    assert "saver: tf.train.Saver needs the 'safetensors' package" in out.stdout
    assert "flowgrad[checkpoint]" in out.stdout
    assert "flowgrad[summary]" in out.stdout


# ---------------------------------------------------------------------------------------
# Checkpoint state file
# ---------------------------------------------------------------------------------------
def test_checkpoint_state_text_round_trip(tmp_path):
    paths = [str(tmp_path / 'we"ird\\na\tme'), str(tmp_path / "plain")]
    tf.train.update_checkpoint_state(str(tmp_path), paths[1], paths)
    st = tf.train.get_checkpoint_state(str(tmp_path))
    assert st.model_checkpoint_path == paths[1]
    assert st.all_model_checkpoint_paths == paths
    with open(tmp_path / "checkpoint", "w") as f:
        f.write("not a state file")
    assert tf.train.get_checkpoint_state(str(tmp_path)) is None
    with pytest.raises(RuntimeError, match="conflicts with path used for checkpoint state"):
        tf.train.update_checkpoint_state(str(tmp_path), str(tmp_path / "checkpoint"))


def test_defer_build_and_sharded_flag(tmp_path):
    w = tf.Variable([1.], name="w")
    with pytest.raises(ValueError, match="build cannot be deferred"):
        tf.train.Saver([w], defer_build=True)
    saver = tf.train.Saver(defer_build=True, sharded=True)
    with tf.Session() as sess:
        sess.run(w.initializer)
        with pytest.raises(RuntimeError, match="build"):
            saver.save(sess, str(tmp_path / "m"))
        saver.build()
        assert saver.as_saver_def().sharded
        path = saver.save(sess, str(tmp_path / "m"))
        assert sorted(os.listdir(tmp_path)) == ["checkpoint", "m.data-00000-of-00001",
                                                "m.index", "m.meta"]
        saver.restore(sess, path)


def test_unbuilt_saver_is_left_out_of_the_meta_graph(golden, caplog):
    gen = goldens.generator("saver", "saver")
    with caplog.at_level("WARNING"):
        got = gen.deferred_in_meta_graph(tf, gen.saver_count)   # (TF's MetaGraphDef proto)
    assert got == golden["deferred"]
    assert "Issue encountered" not in caplog.text
