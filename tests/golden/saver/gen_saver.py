"""tf.train.Saver under TF 1.14: save ops and SaverDef, checkpoint files and state,
retention, relative paths and usage errors (tests/test_saver.py builds the same model).
Paths under the temporary root are written as <ROOT>."""
import os
import shutil
import tempfile


def _model(tf):
    w = tf.Variable([1., 2., 3.], name="w")
    b = tf.Variable(2, name="b")
    with tf.name_scope("layer"):
        k = tf.Variable([[1., 2.]], name="k")
    return w, b, k


def _part_and_slice(tf):
    """A part of a partitioned variable alone and, under another name, the partitioned
    variable: TF accepts it (a slice's saveable is the part, a lone variable's its ref
    tensor); the partitioned variable twice fails."""
    with tf.Graph().as_default():
        p = tf.get_variable("p", [4, 2], partitioner=tf.fixed_size_partitioner(2))
        tf.train.Saver({"a": p, "b": list(p)[0]})
        try:
            tf.train.Saver({"a": p, "b": list(p)})
        except ValueError as e:
            return str(e)
    return None


def _err(f, root):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - recorded
        return [type(e).__name__, str(e).split("\n")[0].replace(root, "<ROOT>")]
    return None


def cases(tf):
    tmp = tempfile.mkdtemp()
    cwd = os.getcwd()
    try:
        return _cases(tf, tmp)
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp)


def _cases(tf, tmp):
    out = {}

    def sub(text):
        return text.replace(root, "<ROOT>")

    # save ops, SaverDefs, files, state and retention
    tf.reset_default_graph()
    w, b, k = _model(tf)
    s = tf.train.Saver(max_to_keep=2)
    s2 = tf.train.Saver({"renamed": w}, name="mysaver", pad_step_number=True)
    out["ops"] = [[o.name, o.type, [i.name for i in o.inputs], [c.name for c in o.control_inputs]]
                  for o in tf.get_default_graph().get_operations()
                  if o.name.startswith(("save", "mysaver"))]
    out["saver_def"] = str(s.as_saver_def())
    out["saver_def2"] = str(s2.as_saver_def())
    root = os.path.join(tmp, "files")
    os.makedirs(root)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        paths = [s.save(sess, root + "/model.ckpt", global_step=st) for st in [1, 2, 3]]
        out["paths"] = [sub(p) for p in paths]
        out["files"] = sorted(os.listdir(root))
        with open(root + "/checkpoint") as f:
            out["state"] = sub(f.read())
        out["last"] = [sub(p) for p in s.last_checkpoints]
        p = s2.save(sess, root + "/other", global_step=7, latest_filename="other_state",
                    write_meta_graph=False)
        out["padded"] = sub(p)
        out["files2"] = sorted(os.listdir(root))
        with open(root + "/other_state") as f:
            out["state2"] = sub(f.read())
        out["list_variables"] = [[n, list(s_)] for n, s_ in tf.train.list_variables(root)]
        st = tf.train.get_checkpoint_state(root)
        out["ckstate"] = [sub(st.model_checkpoint_path),
                          [sub(x) for x in st.all_model_checkpoint_paths]]
        out["exists"] = [tf.train.checkpoint_exists(root + "/model.ckpt-3"),
                         tf.train.checkpoint_exists(root + "/model.ckpt-1"),
                         tf.train.checkpoint_exists(root + "/model.ckpt")]

    # relative paths
    tf.reset_default_graph()
    _model(tf)
    root = os.path.join(tmp, "rel")
    os.makedirs(root)
    os.chdir(root)
    os.makedirs("relck")
    s3 = tf.train.Saver(max_to_keep=3)
    s4 = tf.train.Saver(save_relative_paths=True)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        s3.save(sess, "relck/m", global_step=1)
        s3.save(sess, "relck/m", global_step=2)
        with open("relck/checkpoint") as f:
            out["rel_state"] = f.read()
        out["rel_latest"] = tf.train.latest_checkpoint("relck")
        s4.save(sess, root + "/abs/m", global_step=5)
        with open(root + "/abs/checkpoint") as f:
            out["relpaths_state"] = sub(f.read())
        out["relpaths_latest"] = sub(tf.train.latest_checkpoint(root + "/abs"))

    # usage errors
    tf.reset_default_graph()
    w, b, k = _model(tf)
    s = tf.train.Saver(max_to_keep=2)
    root = os.path.join(tmp, "errors")
    os.makedirs(root + "/emptydir")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        s.save(sess, root + "/model.ckpt", global_step=3)
        out["errors"] = {
            "none": _err(lambda: s.restore(sess, None), root),
            "missing": _err(lambda: s.restore(sess, root + "/nothing"), root),
            "nodir": _err(lambda: s.restore(sess, root + "/nodir/x"), root),
            "latest_collide": _err(lambda: s.save(sess, root + "/checkpoint"), root),
            "latest_path": _err(lambda: s.save(sess, root + "/x", latest_filename="a/b"), root),
            "parent": _err(lambda: s.save(sess, root + "/parent/x"), root),
            "reader_missing": _err(lambda: tf.train.load_checkpoint(root).get_tensor("zz"),
                                   root),
            "load_nodir": _err(lambda: tf.train.load_checkpoint(root + "/abs_nothing"), root),
            "list_empty_dir": _err(lambda: tf.train.list_variables(root + "/emptydir"), root),
            "no_vars": _err(lambda: tf.train.Saver(var_list=[]), root),
            "dup": _err(lambda: tf.train.Saver(var_list=[w, w]), root),
            "not_var": _err(lambda: tf.train.Saver(var_list=[tf.constant(1.0)]), root),
            # a dict: another message, a Python value converted to a Const first
            "dict_not_var": _err(lambda: tf.train.Saver({"x": tf.constant(1.0)}), root),
            "dict_python_value": _err(lambda: tf.train.Saver({"x": 1}), root),
            # one variable under two names: the second in name order is named
            "dict_two_names": _err(lambda: tf.train.Saver({"y": w, "x": w, "k": k}), root),
            "dict_part_and_slice": _part_and_slice(tf),
        }
        out["latest_none"] = tf.train.latest_checkpoint(root + "/emptydir")
        out["empty_allowed"] = tf.train.Saver(var_list=[], allow_empty=True).save(sess,
                                                                                 root + "/e")
    out["deferred"] = deferred_in_meta_graph(tf, saver_count)
    return out


def saver_count(mg):
    """How many SaverDefs a TF MetaGraphDef's "savers" collection holds."""
    return len(mg.collection_def["savers"].bytes_list.value)


def deferred_in_meta_graph(tf, count):
    """A Saver not built yet (defer_build, as Estimator's Scaffold makes one) in the SAVERS
    collection: its to_proto is None and the meta graph leaves it out, with no warning;
    once built, it is there. `count(meta_graph_def)` reads the collection's size."""
    tf.reset_default_graph()
    tf.Variable([1.0], name="v")
    with tf.name_scope("inner"):
        s = tf.train.Saver(defer_build=True)
    tf.add_to_collection(tf.GraphKeys.SAVERS, s)
    out = {"unbuilt_proto": s.to_proto() is None,
           "unbuilt": count(tf.train.export_meta_graph())}
    s.build()
    out["built"] = count(tf.train.export_meta_graph())
    out["other_scope_proto"] = s.to_proto(export_scope="elsewhere") is None
    out["save_tensor"] = s.to_proto().save_tensor_name
    out["own_scope"] = s.to_proto(export_scope="save").save_tensor_name
    return out
