"""tf.decode_csv and tf.decode_raw as TF 1.14's kernels read records: field splitting
(quotes, CR/LF, trailing delimiters, select_cols), number syntax (safe_strto32/64,
safe_strtof/d: signs, hex, inf/nan, 32-character limit), defaults, na_value, and the
errors (kernel messages, shape-function and dtype errors, op names taken).
tests/test_pqueue_parse.py runs the same `cases` with flowgrad."""
import numpy as np

INTS = ["+1", "1_0", " 7 ", "-0", "0x1f", "2147483647", "2147483648", "-2147483648", "1e2",
        "007", "1.0", "\t5", "99999999999", ""]
FLOATS = ["+1.5", "1_0", " 7 ", "inf", "-Inf", "NaN", "infinity", "1e40", "1e-50", "1.5abc",
          ".5", "5.", "0x10", "1" * 31, "1" * 32, "1.0f", "-0x1F"]
TEXTS = ["a,\r\nb", "\na,b", "a,\"\"", "\"\",b", "\"a\"\"b\",c", "\"a\"b\",c", "\"ab", "\"a\",",
         "a,b\r", "a\"b,c", ",", "\"a,b\"", "\"\"\"\",x", "", "a", "a,b,c", "\"a\" ,b"]


def _run(tf, sess, build):
    """build() -> fetches; the values, or the error's class and first line."""
    try:
        out = sess.run(build())
    except Exception as e:  # noqa: BLE001
        msg = getattr(e, "message", None) or str(e)
        return (type(e).__name__, msg.split("\n")[0])
    return out


def numbers(tf):
    out = {}
    with tf.Session() as sess:
        for s in INTS:
            for dt in (tf.int32, tf.int64):
                out["%s %r" % (dt.name, s)] = _run(
                    tf, sess, lambda: tf.decode_csv([s], [tf.constant([3], dt)], field_delim=";"))
        for s in FLOATS:
            for dt in (tf.float32, tf.float64):
                out["%s %r" % (dt.name, s)] = _run(
                    tf, sess, lambda: tf.decode_csv([s], [tf.constant([3], dt)], field_delim=";"))
    return out


def fields(tf):
    out = {}
    with tf.Session() as sess:
        for s in TEXTS:
            out["two %r" % s] = _run(tf, sess, lambda: tf.decode_csv([s], [[""], ["d"]]))
            out["col1 %r" % s] = _run(tf, sess, lambda: tf.decode_csv([s], [["d"]],
                                                                      select_cols=[1]))
            out["raw %r" % s] = _run(tf, sess, lambda: tf.decode_csv(
                [s], [[""], [""]], use_quote_delim=False))
    return out


def records(tf):
    out = {}
    with tf.Session() as sess:
        r = tf.constant(["1,2.5,hello,", "3,,x y,7", ",4,\"q,z\",8"])
        out["mixed"] = _run(tf, sess, lambda: tf.decode_csv(r, [[0], [0.0], [""], [-1]]))
        out["na"] = _run(tf, sess, lambda: tf.decode_csv(
            ["NA,2", "3,NA", "\"NA\",1"], [[0], [1.5]], na_value="NA"))
        out["na_string"] = _run(tf, sess, lambda: tf.decode_csv(["NA,1"], [["x"], [0]],
                                                                na_value="NA"))
        out["pipe"] = _run(tf, sess, lambda: tf.decode_csv(["1|2|3"], [[0], [0], [0]],
                                                           field_delim="|"))
        out["select"] = _run(tf, sess, lambda: tf.decode_csv(["1,2,3,4", "5,6,7,8"], [[0], [0]],
                                                             select_cols=[1, 3]))
        out["select_short"] = _run(tf, sess, lambda: tf.decode_csv(["1,2,3"], [[0], [0]],
                                                                   select_cols=[1, 5]))
        out["select_last_empty"] = _run(tf, sess, lambda: tf.decode_csv(
            ["1,2,"], [[0], [9]], select_cols=[1, 2]))
        out["select_stops"] = _run(tf, sess, lambda: tf.decode_csv(["1,2,a\"b"], [[0]],
                                                                   select_cols=[1]))
        out["required"] = _run(tf, sess, lambda: tf.decode_csv(
            ["1,", "2,3"], [[0], tf.constant([], tf.int32)]))
        out["count"] = _run(tf, sess, lambda: tf.decode_csv(["1,2", "1,2,3"], [[0], [0]]))
        out["delim2"] = _run(tf, sess, lambda: tf.decode_csv(["1,2"], [[0], [0]],
                                                             field_delim="ab"))
        out["matrix"] = _run(tf, sess, lambda: tf.decode_csv([["1,2"], ["3,4"]], [[0], [0.0]]))
        out["scalar"] = _run(tf, sess, lambda: tf.decode_csv("3,4", [[0], [np.float64(1)]]))
        out["bad_int"] = _run(tf, sess, lambda: tf.decode_csv(["1,2", "1,x"], [[0], [0]]))
    return out


def builds(tf):
    out = {}
    for name, build in [
            ("bool", lambda: tf.decode_csv(["1,2"], [[True], [0]])),
            ("int16", lambda: tf.decode_csv(["1"], [tf.constant([1], tf.int16)])),
            ("default2", lambda: tf.decode_csv([",1"], [[5, 6], [0]])),
            ("default_rank2", lambda: tf.decode_csv([",1"], [[[5]], [0]])),
            ("default_unknown", lambda: tf.decode_csv([",1"], [tf.placeholder(tf.int32), [0]])),
            ("records_shape", lambda: tf.decode_csv(tf.placeholder(tf.string, [2, None]),
                                                    [[0], [""]])),
            ("raw_string", lambda: [tf.decode_raw(tf.constant("ab"), tf.string)]),
            ("raw_shape", lambda: [tf.decode_raw(tf.placeholder(tf.string, [3, None]),
                                                 tf.uint8)])]:
        try:
            out[name] = [(t.name, str(t.shape), t.dtype.name) for t in build()]
        except (TypeError, ValueError) as e:
            out[name] = (type(e).__name__, str(e))
    out["ops"] = [(op.name, op.type) for op in tf.get_default_graph().get_operations()]
    return out


def raw(tf):
    out = {}
    with tf.Session() as sess:
        for name, build in [
                ("int16", lambda: tf.decode_raw([b"\x01\x00\x02\x00", b"\x03\x00\x04\xff"],
                                                tf.int16)),
                ("big_endian", lambda: tf.decode_raw([b"\x01\x00\x02\x00"], tf.int16,
                                                     little_endian=False)),
                ("sizes", lambda: tf.decode_raw([b"\x01\x00\x02", b"\x03\x00\x04\x00"],
                                                tf.int16)),
                ("odd", lambda: tf.decode_raw([b"\x01\x00\x02", b"\x01\x00\x03"], tf.int16)),
                ("float", lambda: tf.decode_raw(np.array([1.5, -2], np.float32).tobytes(),
                                                tf.float32)),
                ("empty", lambda: tf.decode_raw(["", ""], tf.int32)),
                ("bool", lambda: tf.decode_raw(["\x01\x00\x02"], tf.bool)),
                ("cifar", lambda: tf.cast(tf.reshape(tf.strided_slice(
                    tf.decode_raw(bytes(range(13)), tf.uint8), [1], [13]), [3, 2, 2]),
                    tf.float32))]:
            out[name] = _run(tf, sess, build)
    return out


CASES = [numbers, fields, records, builds, raw]


def cases(tf):
    out = {}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__] = fn(tf)
    return out
