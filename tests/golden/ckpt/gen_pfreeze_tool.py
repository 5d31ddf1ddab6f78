"""freeze_graph's input files as TF 1.14 reads them (tests/test_pfreeze_tool.py): a text
GraphDef read as binary fails with protobuf's DecodeError, a binary one read as text with
UnicodeDecodeError, bad text with text_format's ParseError, a missing file with IOError,
a SavedModel without the tag-set asked for with saved_model_utils' RuntimeError; the frozen
graph's nodes when the flags are right."""
import importlib
import os
import shutil
import tempfile


def _model(tf, root):
    """A graph with a variable: its .pbtxt, .pb, and a checkpoint (with .meta)."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 2], name="x")
        w = tf.Variable([[1.0], [2.0]], name="w")
        tf.identity(tf.matmul(x, w), name="y")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            saver.save(sess, os.path.join(root, "m"))
        tf.train.write_graph(g, root, "g.pbtxt")
        tf.train.write_graph(g, root, "g.pb", as_text=False)
        with tf.Session() as sess:   # (its save ops after the GraphDef files are written)
            saver.restore(sess, os.path.join(root, "m"))
            tf.saved_model.simple_save(sess, os.path.join(root, "sm"), {"x": x},
                                       {"y": g.get_tensor_by_name("y:0")})
    with open(os.path.join(root, "bad.pbtxt"), "w") as f:
        f.write('node {\n  name: "x"\n  op: Placeholder"\n}\n')


def _freeze(tf, root, **kw):
    fg = importlib.import_module("tensorflow.python.tools.freeze_graph"
                                 if tf.__name__ == "tensorflow" else
                                 tf.__name__ + ".tools.freeze_graph")
    args = dict(input_graph=os.path.join(root, "g.pbtxt"), input_saver="", input_binary=False,
                input_checkpoint=os.path.join(root, "m"), output_node_names="y",
                restore_op_name="save/restore_all", filename_tensor_name="save/Const:0",
                output_graph=os.path.join(root, "out.pb"), clear_devices=True,
                initializer_nodes="")
    args.update({k: os.path.join(root, v) if k.startswith("input_") and isinstance(v, str)
                 and v else v for k, v in kw.items()})
    try:
        with tf.Graph().as_default():
            gd = fg.freeze_graph(**args)
    except UnicodeDecodeError as e:
        # which byte fails, and where, depends on the bytes: TF writes a NodeDef's attrs
        # in its hash map's order (not the same from run to run), a .meta's
        # meta_info_def has TF's git version (flowgrad's GIT_VERSION is "flowgrad")
        return [type(e).__module__, type(e).__name__, f"{e.encoding} codec can't decode"]
    except Exception as e:  # noqa: BLE001 - recorded as TF's error
        return [type(e).__module__, type(e).__name__, str(e).replace(root, "D")]
    return [[n.name, n.op] for n in gd.node]


def cases(tf):
    root = tempfile.mkdtemp()
    try:
        _model(tf, root)
        return {
            "text": _freeze(tf, root),
            "binary": _freeze(tf, root, input_graph="g.pb", input_binary=True),
            "text_as_binary": _freeze(tf, root, input_binary=True),
            "binary_as_text": _freeze(tf, root, input_graph="g.pb"),
            "bad_text": _freeze(tf, root, input_graph="bad.pbtxt"),
            "meta_as_text": _freeze(tf, root, input_graph="", input_meta_graph="m.meta"),
            "meta_missing": _freeze(tf, root, input_graph="", input_meta_graph="no.meta",
                                    input_binary=True),
            "saver_missing": _freeze(tf, root, input_saver="no.saver"),
            "saved_model": _freeze(tf, root, input_graph="", input_checkpoint="",
                                   input_saved_model_dir="sm", saved_model_tags="serve"),
            "saved_model_wrong_tags": _freeze(tf, root, input_graph="", input_checkpoint="",
                                              input_saved_model_dir="sm",
                                              saved_model_tags="serve,gpu"),
        }
    finally:
        shutil.rmtree(root)
