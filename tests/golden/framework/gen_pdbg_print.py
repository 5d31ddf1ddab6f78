"""What tf.print and tf.strings.format print for scalar strings, empty tensors,
summarize=0, complex and float32 denormal elements, and the file:// and tf.logging
output streams (TF 1.14 golden).

    python tools/goldens.py regen framework/pdbg_print

The C++ kernels write to file descriptors 1 and 2, so the generator captures those; a
C++ log line's time stamp is cut off.
"""
import os
import re
import sys
import tempfile

import numpy as np

SHAPES = [(0,), (2, 0), (0, 2), (3, 0, 2), (1, 2, 0), (7, 0)]


def _clean(text):
    return re.sub(r"(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}: ", "", text)


def formats(tf, capture):
    """case name -> (stdout, stderr) text, the value tf.strings.format makes, or the error."""
    out = {}
    with tf.Graph().as_default():
        hi = tf.constant("hi")
        ops = {
            "scalar_string_among": tf.print("A", hi, output_stream=sys.stdout),
            "scalar_string_alone": tf.print(tf.constant('hi\n"q\\')),
            "scalar_string_struct": tf.print({"k": hi, "n": [hi, 2]}),
            "string_vec_alone": tf.print(tf.constant(["a", "b\tc"])),
            "summarize0_vec": tf.print(tf.range(5), summarize=0),
            "summarize0_scalar": tf.print(tf.constant(2.5), summarize=0),
            "summarize0_matrix": tf.print(tf.ones([2, 3]), summarize=0),
            "log_info": tf.print("x:", tf.constant([1, 2]), output_stream=tf.logging.info),
            "log_warning": tf.print(tf.constant([1.5]), output_stream=tf.logging.warning),
            "log_warn": tf.print(tf.constant([1.5]), output_stream=tf.logging.warn),
            "log_error": tf.print(hi, output_stream=tf.logging.error),
            "log_level_info": tf.print("lvl", output_stream=tf.logging.INFO),
            "log_level_error": tf.print(tf.constant(7), output_stream=tf.logging.ERROR,
                                        end="!\n"),
        }
        fmts = {"format_scalar_string": tf.strings.format("<{}>", hi),
                "format_summarize0": tf.strings.format("{}", tf.range(4), summarize=0)}
        complexes = {"c64_scalar": tf.constant(1 + 2j, tf.complex64),
                     "c64_empty": tf.zeros([0], tf.complex64),
                     "c128_vec": tf.constant([1j, 2], tf.complex128),
                     "c64_mat": tf.complex(tf.zeros([2, 3]), tf.ones([2, 3]))}
        for key, c in sorted(complexes.items()):
            for sm in (None, -1, 0, 1):
                kw = {} if sm is None else {"summarize": sm}
                case = "%s_s%s" % (key, sm)
                ops["Print_" + case] = tf.Print(tf.constant(1), [c, c], **kw)
                ops["print_" + case] = tf.print("c:", c, **kw)
                fmts["format_" + case] = tf.strings.format("<{}>", c, **kw)
            ops["Assert_" + key] = tf.Assert(False, [c])
        den32 = tf.constant(np.float32([-1e-40, 1e-40, 1e-38, 1.2e-38]))
        den64 = tf.constant(np.float64([1e-310, -1e-310]))
        ops["denormal_print"] = tf.print(den32, den64, tf.constant(np.float16([1e-7])))
        ops["denormal_Print"] = tf.Print(tf.constant(1), [den32, den64])
        ops["Assert_denormal"] = tf.Assert(False, [den32])
        fmts["format_denormal"] = tf.strings.format("{} {}", [den32, den64])
        for shape in SHAPES:
            key = "x".join(str(d) for d in shape)
            z = tf.zeros(shape)
            ops["empty_" + key] = tf.print("A", z)
            ops["empty_" + key + "_s1"] = tf.print(z, summarize=1)
            fmts["format_empty_" + key] = tf.strings.format("<{}>", z)
        with tf.Session() as sess:
            for name, op in ops.items():
                try:
                    out[name] = tuple(_clean(t) for t in capture(lambda: sess.run(op)))
                except tf.errors.InvalidArgumentError as e:   # the Asserts
                    out[name] = e.message.split("\n")[0]
            for name, t in fmts.items():
                out[name] = sess.run(t)
            with tempfile.TemporaryDirectory() as d:
                path = os.path.join(d, "printed.txt")
                with open(path, "w") as f:
                    f.write("before\n")
                p = tf.print("to file", tf.constant([3, 4]), output_stream="file://" + path)
                sess.run(p)
                sess.run(p)
                with open(path) as f:
                    out["file_stream"] = f.read()
    for bad in ("bogus", 12, None):
        try:
            tf.print("x", output_stream=bad)
            out["bad_stream_" + str(bad)] = None
        except ValueError as e:
            out["bad_stream_" + str(bad)] = str(e)
    return out


def _fd_capture(fn):
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    files = [tempfile.TemporaryFile(), tempfile.TemporaryFile()]
    try:
        os.dup2(files[0].fileno(), 1)
        os.dup2(files[1].fileno(), 2)
        try:
            fn()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
        texts = []
        for f in files:
            f.seek(0)
            texts.append(f.read().decode())
        return texts
    finally:
        for f in files:
            f.close()
        for s in saved:
            os.close(s)


def cases(tf):
    return formats(tf, _fd_capture)
