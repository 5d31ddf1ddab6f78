"""What tf.Print, tf.print and tf.Assert print for a table of values (TF 1.14 golden).

    python tools/goldens.py regen framework/print_cases

The C++ kernels write to file descriptors 1 and 2, so the generator captures those.
"""
import os
import sys
import tempfile

import numpy as np

def values():
    return {
        "f32_scalar": np.float32(1 / 3), "f32_vec": np.array([1.0, 2.5, -3.0], np.float32),
        "i32_range7": np.arange(7, dtype=np.int32),
        "f64_mat": np.arange(6, dtype=np.float64).reshape(2, 3) / 7,
        "bool_vec": np.array([True, False]), "str_vec": np.array([b"ab", b"c"], dtype=object),
        "empty": np.zeros((0, 3), np.float32), "big": np.float32(1e10),
        "small": np.float32(1e-5), "i64": np.int64(2 ** 40),
        "i64_cube": np.arange(24, dtype=np.int64).reshape(2, 3, 4),
        "str_scalar": np.array(b"hello", dtype=object),
        "f16": np.float16(0.1), "f32_odd": np.array([1e-7, 123456789.0], np.float32),
        "i32_8x5": np.arange(40, dtype=np.int32).reshape(8, 5),
        "specials": np.array([np.inf, -np.inf, np.nan, 0.0, -0.0], np.float32),
        "u8": np.array([0, 255], np.uint8),
    }


def formats(tf, run_and_capture):
    """name -> printed text for every value and printing mode."""
    out = {}
    for name, v in sorted(values().items()):
        with tf.Graph().as_default():
            t = tf.constant(v)
            one = tf.constant(1)
            ops = {
                "Print": tf.Print(one, [t]),
                "Print_msg_all": tf.Print(one, [t, t], message="m: ", summarize=100),
                "print": tf.print(t),
                "print_2": tf.print(t, summarize=2),
                "print_all": tf.print(t, summarize=-1),
            }
            with tf.Session() as sess:
                for mode, op in ops.items():
                    out[f"{name}/{mode}"] = run_and_capture(lambda: sess.run(op))
                cond = tf.constant(False)
                a = tf.Assert(cond, [t, "msg"])
                try:
                    sess.run(a)
                    out[f"{name}/Assert"] = None
                except tf.errors.InvalidArgumentError as e:
                    out[f"{name}/Assert"] = e.message.split("\n")[0]
    with tf.Graph().as_default():
        x = tf.constant([1.0, 2.0])
        ops = {"structures": tf.print("a", x, 3, {"k": x}, [x, 5], sep="|", end="!\n"),
               "no_inputs": tf.print(), "two_strings": tf.print("hello", "world")}
        with tf.Session() as sess:
            for mode, op in ops.items():
                out[f"misc/{mode}"] = run_and_capture(lambda: sess.run(op))
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
    return formats(tf, _fd_capture)
