"""What tf.print writes for structures under TF 1.14 (probe pg): each input laid out by
pprint.pformat (dicts sorted, long structures wrapped at 80 columns) with the tensors
formatted in, SparseTensors as 'SparseTensor(indices=..., values=..., shape=...)'.
tests/test_pg_train_io.py runs `printed` with flowgrad (writing to sys.stderr there;
TF's kernel writes to file descriptor 2, captured here)."""
import os
import sys
import tempfile


def printed(tf, run_and_capture):
    out = {}
    with tf.Graph().as_default():
        x = tf.constant([1.0, 2.0])
        i = tf.constant(3)
        sp = tf.SparseTensor([[0, 1], [1, 0]], [2.0, 3.5], [2, 2])
        ops = {
            "dict": tf.print({"b": x, "a": i}),
            "dict_mixed": tf.print({"zeta": 1, "alpha": "s", "m": x}),
            "list_mixed": tf.print(["a string in a list", x, 0.1, None, True]),
            "nested_tuple": tf.print((x, (i, "t"))),
            "long_list": tf.print(["long element number %d" % k for k in range(6)] + [x]),
            "long_dict": tf.print({"key%d" % k: x * k for k in range(5)}),
            "sparse": tf.print(sp),
            "sparse_in_list": tf.print("sp:", sp, [sp]),
            "scalars": tf.print("str", 5, 2.5, None),
            "braces": tf.print("x = {}", x, {"k": "{}"}, [x]),
        }
        with tf.Session() as sess:
            for name, op in sorted(ops.items()):
                out[name] = run_and_capture(lambda: sess.run(op))
    return out


def _fd_capture(fn):
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as f:
        os.dup2(f.fileno(), 2)
        try:
            fn()
            sys.stderr.flush()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        f.seek(0)
        return f.read().decode()


def cases(tf):
    return printed(tf, _fd_capture)
