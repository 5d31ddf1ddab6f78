"""TF 1.14's checkpoint readers on a checkpoint TF wrote (tests/test_ckpt_readers.py):
NewCheckpointReader, list_variables, inspect_checkpoint's printout,
init_from_checkpoint (every assignment_map form, and its errors), and RestoreV2
of slices of a partitioned variable. Paths under the temporary root read <ROOT>."""
import contextlib
import io
import os
import shutil
import tempfile

import numpy as np


def _model(tf):
    with tf.variable_scope("old"):
        tf.get_variable("w", initializer=np.arange(6, dtype=np.float32).reshape(2, 3))
        tf.get_variable("b", initializer=np.float32(5))
        tf.get_variable("names", initializer=np.array([b"a", b"bc"], dtype=object),
                        dtype=tf.string)
    with tf.variable_scope("other"):
        tf.get_variable("k", initializer=np.array([[1, 2]], np.int64))
    tf.get_variable("top", initializer=np.float64(-1.5))
    part = tf.get_variable("part", shape=[5, 2], dtype=tf.float32,
                           initializer=tf.ones_initializer(),
                           partitioner=tf.fixed_size_partitioner(2))
    full = np.arange(10, dtype=np.float32).reshape(5, 2)
    parts = list(part)
    fill = tf.group(tf.assign(parts[0], full[:3]), tf.assign(parts[1], full[3:]))
    return part, fill


def _printed(fn):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
    return buf.getvalue()


def _err(fn, root):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - recorded
        return [type(e).__name__, str(e).replace(root, "<ROOT>")]
    return None


def cases(tf):
    from tensorflow.python import pywrap_tensorflow
    from tensorflow.python.tools import inspect_checkpoint as ic
    out = {}
    root = tempfile.mkdtemp()
    try:
        d = os.path.join(root, "ck")
        with tf.Graph().as_default():
            part, fill = _model(tf)
            saver = tf.train.Saver()
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(fill)
                prefix = saver.save(sess, os.path.join(d, "m"), write_meta_graph=False)
            out["part/specs"] = [v._save_slice_info.spec for v in part]
        out["files"] = {n: open(os.path.join(d, n), "rb").read() for n in sorted(os.listdir(d))
                        if n != "checkpoint"}
        r = pywrap_tensorflow.NewCheckpointReader(prefix)
        out["debug_string"] = r.debug_string()
        out["shapes"] = r.get_variable_to_shape_map()
        out["dtypes"] = {k: v.name for k, v in r.get_variable_to_dtype_map().items()}
        out["has"] = [r.has_tensor("old/w"), r.has_tensor("nope")]
        out["get/part"] = r.get_tensor("part")
        out["get/old/b"] = np.asarray(r.get_tensor("old/b"))
        out["get/missing"] = _err(lambda: r.get_tensor("nope"), root)
        out["list_variables"] = [[n, list(s)] for n, s in tf.train.list_variables(prefix)]
        sub = lambda s: s.replace(root, "<ROOT>")  # noqa: E731
        out["print/default"] = sub(_printed(lambda: ic.print_tensors_in_checkpoint_file(
            prefix, "", False)))
        out["print/one"] = _printed(lambda: ic.print_tensors_in_checkpoint_file(
            prefix, "old/w", False))
        out["print/all"] = _printed(lambda: ic.print_tensors_in_checkpoint_file(
            prefix, "", True))
        out["print/names"] = _printed(lambda: ic.print_tensors_in_checkpoint_file(
            prefix, "", False, all_tensor_names=True, count_exclude_pattern="^old/"))
        out["print/missing"] = _printed(lambda: ic.print_tensors_in_checkpoint_file(
            prefix, "nope", False))
        # RestoreV2 of each partition's slice.
        with tf.Graph().as_default():
            from tensorflow.python.ops import gen_io_ops
            outs = gen_io_ops.restore_v2(prefix, ["part"] * 2, out["part/specs"],
                                         [tf.float32] * 2)
            bad = gen_io_ops.restore_v2(prefix, ["part"], ["4 2 0,2:-"], [tf.float32])
            with tf.Session() as sess:
                out["part/slices"] = sess.run(outs)
                out["part/bad_spec"] = _err(lambda: sess.run(bad), root)
        # init_from_checkpoint
        maps = {
            "scope": lambda v: {"old/": "new/"},
            "names": lambda v: {"old/w": "new/w", "top": "new/b"},
            "objects": lambda v: {"old/w": v["w"], "old/b": v["b"]},
            "root": lambda v: {"/": "fresh/"},
            "dir": None,
        }
        for case, make in sorted(maps.items()):
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
                if make is None:
                    tf.train.init_from_checkpoint(d, {"old/w": w})
                else:
                    tf.train.init_from_checkpoint(prefix, make({"w": w, "b": b}))
                out["init/%s/ops" % case] = [[o.name, o.type] for o in
                                             g.get_operations()[n0:]]
                # a RefVariable's initializer becomes the Assign's output Tensor
                out["init/%s/initializers" % case] = [
                    [v.op.name, type(v.initializer).__name__, v.initializer.name]
                    for v in tf.global_variables()]
                with tf.Session() as sess:
                    sess.run(tf.global_variables_initializer())
                    out["init/%s/values" % case] = {
                        v.op.name: np.asarray(sess.run(v)) for v in tf.global_variables()
                        if not np.all(sess.run(v) == 0) or case != "root"}
        errors = {
            "scope_to_name": {"old/w": "new/zz"},
            "missing": {"old/zz": "new/w"},
            "shape": {"old/w": "new/b"},
            "no_slash": {"old": "new/"},
            "missing_in_scope": {"zz/": "new/"},
        }
        for case, m in sorted(errors.items()):
            with tf.Graph().as_default():
                with tf.variable_scope("new"):
                    tf.get_variable("w", shape=[2, 3])
                    tf.get_variable("b", shape=[])
                e = _err(lambda: tf.train.init_from_checkpoint(prefix, m), root)
                if case == "missing":  # TF prints its variable map in an unspecified order
                    e = [e[0], e[1][:e[1].index(" checkpoint {") + 11]]
                out["init_error/" + case] = e
    finally:
        shutil.rmtree(root)
    return out
