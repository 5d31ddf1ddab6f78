"""TF 1.14's answers to damaged checkpoints, meta graphs and state files (tests/test_checkpoint_faults.py).

Each case damages a freshly saved checkpoint (variables a=[1,2,3], w=[4,5,6]) in one way and
records what Saver.restore and a CheckpointReader do: the error (class and first line, the
temporary directory written as <ROOT>) or the restored values. TF's on-disk format is not
flowgrad's, so the cases are the analogous damage: a missing, truncated, empty, longer,
bit-flipped or garbage file, a directory where a file should be.
"""
import os
import shutil
import tempfile

import numpy as np


def _err(fn, root):
    """fn()'s result, or the error it raised with its first line (root written as <ROOT>)."""
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the class and message are the answer
        msg = str(e).split("\n")[0].replace(root, "<ROOT>")
        if hasattr(e, "error_code"):  # a tf.errors.OpError
            return type(e)(None, None, msg)
        return type(e)(msg)


def _flip(path, pos):
    b = bytearray(open(path, "rb").read())
    b[pos] ^= 0x04
    open(path, "wb").write(bytes(b))


def _truncate(path, n):
    b = open(path, "rb").read()
    open(path, "wb").write(b[:n])


def _checkpoint_cases(tf, root):
    d = os.path.join(root, "ck")
    os.makedirs(d)
    g = tf.Graph()
    with g.as_default():
        tf.Variable([1., 2., 3.], name="a")
        tf.Variable([4., 5., 6.], name="w")
        saver = tf.train.Saver()
        sess = tf.Session(graph=g)
        sess.run(tf.global_variables_initializer())
        prefix = saver.save(sess, os.path.join(d, "m"), write_meta_graph=False)
        orig = {f: open(os.path.join(d, f), "rb").read() for f in os.listdir(d)}
        data = prefix + ".data-00000-of-00001"
        index = prefix + ".index"

        def replace_with_dir(path):
            os.unlink(path)
            os.mkdir(path)

        damage = {
            "missing_data": lambda: os.unlink(data),
            "truncated_data": lambda: _truncate(data, 10),
            "empty_data": lambda: _truncate(data, 0),
            "longer_data": lambda: open(data, "ab").write(b"extra"),
            "flipped_data": lambda: _flip(data, 3),
            "data_is_dir": lambda: replace_with_dir(data),
            "truncated_index": lambda: _truncate(index, 20),
            "empty_index": lambda: _truncate(index, 0),
            "garbage_index": lambda: open(index, "wb").write(b"\x00\x01binary"),
            "flipped_index": lambda: _flip(index, 30),
            "index_is_dir": lambda: replace_with_dir(index),
            "missing_index": lambda: os.unlink(index),
            # no index, and the prefix itself a file or directory: TF opens it as a V1 table
            "prefix_garbage_file": lambda: (os.unlink(index),
                                            open(prefix, "wb").write(b"x" * 100)),
            "prefix_short_file": lambda: (os.unlink(index), open(prefix, "wb").write(b"x")),
            "prefix_is_dir": lambda: (os.unlink(index), os.mkdir(prefix)),
        }
        out = {}
        for name in sorted(damage):
            damage[name]()

            def restore():
                sess.run(tf.global_variables_initializer())
                saver.restore(sess, prefix)
                return [sess.run("a:0"), sess.run("w:0")]

            def read():
                r = tf.train.load_checkpoint(prefix)
                return [r.get_tensor("a"), r.get_tensor("w")]

            out["restore/" + name] = _err(restore, root)
            out["reader/" + name] = _err(read, root)
            for f in os.listdir(d):
                p = os.path.join(d, f)
                if os.path.isdir(p):
                    os.rmdir(p)
                elif f not in orig:
                    os.unlink(p)
            for f, b in orig.items():
                open(os.path.join(d, f), "wb").write(b)
        sess.close()
    return out


def _meta_cases(tf, root):
    from tensorflow.core.protobuf import meta_graph_pb2
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
        tf.identity(a, name="b")
        mg = tf.train.export_meta_graph()

    def edited(edit):
        m = meta_graph_pb2.MetaGraphDef()
        m.CopyFrom(mg)
        edit(m)
        return m

    def set_input(value):
        def edit(m):
            m.graph_def.node[1].input[0] = value
        return edit

    def imp(m):
        with tf.Graph().as_default() as g2:
            tf.train.import_meta_graph(m)
            return sorted(op.name for op in g2.get_operations())

    def set_op(m):
        m.graph_def.node[1].op = "NoSuchOp"

    def add_ctrl(m):
        m.graph_def.node[1].input.append("^zz")

    def dup(m):
        m.graph_def.node[1].name = "a"

    garbage = os.path.join(root, "garbage.meta")
    open(garbage, "wb").write(b"\x08\x01garbage")
    os.mkdir(os.path.join(root, "dir.meta"))
    cases = {
        "unknown_op": lambda: imp(edited(set_op)),
        "dangling_input": lambda: imp(edited(set_input("zz"))),
        "bad_output_index": lambda: imp(edited(set_input("a:5"))),
        "bad_index_text": lambda: imp(edited(set_input("a:x"))),
        "dangling_control": lambda: imp(edited(add_ctrl)),
        "duplicate_name": lambda: imp(edited(dup)),
        "self_cycle": lambda: imp(edited(set_input("b"))),
        "intact": lambda: imp(mg),
        "garbage_file": lambda: imp(garbage),
        "missing_file": lambda: imp(os.path.join(root, "nothing.meta")),
        "directory": lambda: imp(os.path.join(root, "dir.meta")),
    }
    return {"meta/" + k: _err(fn, root) for k, fn in sorted(cases.items())}


def _state_cases(tf, root):
    d = os.path.join(root, "st")
    os.makedirs(d)
    texts = {
        "garbage": "garbage garbage",
        "empty": "",
        "timestamps": 'model_checkpoint_path: "m-2"\nall_model_checkpoint_paths: "m-1"\n'
                      'all_model_checkpoint_paths: "m-2"\nall_model_checkpoint_timestamps: 1.5\n'
                      'all_model_checkpoint_timestamps: 2.5\nlast_preserved_timestamp: 0.5\n',
        "list_syntax": 'model_checkpoint_path: "m-2" all_model_checkpoint_paths: ["m-1", "m-2"]',
        "concatenated": "model_checkpoint_path: 'm' \"-2\"",
        "missing_colon": 'model_checkpoint_path "m-2"',
        "unknown_field": 'model_checkpoint_path: "m-2"\nnot_a_field: 1\n',
        "unterminated": 'model_checkpoint_path: "m-2',
        "number_for_path": "model_checkpoint_path: 12",
    }
    out = {}
    for name, text in sorted(texts.items()):
        open(os.path.join(d, "checkpoint"), "w").write(text)

        def state():
            st = tf.train.get_checkpoint_state(d)
            if st is None:
                return None
            return [st.model_checkpoint_path.replace(root, "<ROOT>"),
                    [p.replace(root, "<ROOT>") for p in st.all_model_checkpoint_paths],
                    list(st.all_model_checkpoint_timestamps), st.last_preserved_timestamp]

        out["state/" + name] = _err(state, root)
    return out


def cases(tf):
    root = tempfile.mkdtemp()
    try:
        out = {}
        out.update(_checkpoint_cases(tf, root))
        out.update(_meta_cases(tf, root))
        out.update(_state_cases(tf, root))
    finally:
        shutil.rmtree(root)
    for k, v in out.items():
        if isinstance(v, list):
            out[k] = [np.asarray(x) if isinstance(x, np.ndarray) else x for x in v]
    return out
