"""tf.strings.unicode_script under TF 1.14 (unicode_script.json) and flowgrad
(tests/test_unicode_script.py): the ICU script code of every code point 0..0x10FFFF (kept
as runs: the first code point of each run and its code), values outside that range,
shapes, the ops built (list input, a name, a RaggedTensor) and dtype errors."""
import numpy as np


def _error(f):
    try:
        f()
        return "no error"
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, e)


def all_code_points(tf):
    """[run starts, run codes] of unicode_script over 0..0x10FFFF."""
    cps = np.arange(0x110000, dtype=np.int32)
    with tf.Session() as sess:
        codes = sess.run(tf.strings.unicode_script(tf.constant(cps)))
    starts = np.concatenate([[0], np.nonzero(np.diff(codes))[0] + 1]).astype(np.int32)
    return [starts, codes[starts].astype(np.int32)]


def build(tf):
    out = {}
    edges = [-2 ** 31, -1, 0, 0x10FFFF, 0x110000, 2 ** 31 - 1, 0xD800, 0xDFFF, 0xE000,
             0xF8FF, 0xFFFE, 0xFFFF, 0x1F600, 0xE0001, 0xF0000]
    rt = tf.ragged.constant([[72, 0x416], [0x3042]])
    n = len(tf.get_default_graph().get_operations())
    r1 = tf.strings.unicode_script(rt)
    r2 = tf.strings.unicode_script(rt, name="nm")
    c = tf.strings.unicode_script([1, 2])
    out["ops"] = [[o.name, o.type] for o in tf.get_default_graph().get_operations()[n:]]
    m = tf.strings.unicode_script(tf.constant([[65, 0x5D0, 0x627], [0x915, 0x10A0, 0x1200]]))
    s = tf.strings.unicode_script(0x41)
    out["shapes"] = [str(t.shape) for t in (r1.flat_values, c, m, s)]
    with tf.Session() as sess:
        out["edges"] = sess.run(tf.strings.unicode_script(tf.constant(edges, tf.int32)))
        out["matrix"] = sess.run(m)
        out["scalar"] = int(sess.run(s))
        out["ragged"] = [sess.run(r1).to_list(), sess.run(r2).to_list()]
    out["errors"] = [_error(lambda: tf.strings.unicode_script(x)) for x in (
        tf.constant([1.0]), tf.constant([1], tf.int64), tf.constant(["a"]), [1.5])]
    return out


def cases(tf):
    with tf.Graph().as_default():
        out = {"unicode_script": build(tf)}
    with tf.Graph().as_default():
        out["all_code_points"] = all_code_points(tf)
    return out
