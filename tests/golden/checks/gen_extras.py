"""TF 1.14's tensor_util (make_tensor_proto / make_ndarray / get_static_value) and small
functions built from other ops (trace, saturate_cast, arg_max/arg_min, to_complex64/128,
to_bfloat16, matrix_transpose, initialize_variables, convert_to_tensor_or_indexed_slices):
protos byte for byte, the ops built and their values (tests/test_tf_extras.py)."""
import numpy as np

PROTOS = {
    "floats": lambda tf: tf.make_tensor_proto([1.0, 2.0, 3.0]),
    "scalar_int": lambda tf: tf.make_tensor_proto(7),
    "broadcast_shape": lambda tf: tf.make_tensor_proto(1.5, shape=[2, 3]),
    "short_list": lambda tf: tf.make_tensor_proto([1, 2], shape=[4]),
    "int64": lambda tf: tf.make_tensor_proto(np.arange(6, dtype=np.int64).reshape(2, 3)),
    "dtype": lambda tf: tf.make_tensor_proto([1, 2], dtype=tf.float64),
    "bools": lambda tf: tf.make_tensor_proto([True, False, True]),
    "strings": lambda tf: tf.make_tensor_proto(["ab", b"c"]),
    "half": lambda tf: tf.make_tensor_proto(np.array([0.5, 2.0], np.float16)),
    "complex": lambda tf: tf.make_tensor_proto(np.array([1 + 2j, 3j], np.complex64)),
    "empty": lambda tf: tf.make_tensor_proto([], shape=[0, 2]),
    "allow_broadcast": lambda tf: tf.make_tensor_proto([3], shape=[2, 2], allow_broadcast=True),
    "verify_shape": lambda tf: tf.make_tensor_proto([1, 2], shape=[1, 2], verify_shape=True),
    "too_many": lambda tf: tf.make_tensor_proto([1, 2, 3], shape=[2]),
    "bad_broadcast": lambda tf: tf.make_tensor_proto([1, 2], shape=[3], allow_broadcast=True),
    "bad_dtype": lambda tf: tf.make_tensor_proto([1.5], dtype=tf.int32),
}


def _err(e):
    return [type(e).__name__, str(e)]


def case_protos(tf):
    out = {}
    for key, fn in PROTOS.items():
        try:
            p = fn(tf)
            arr = tf.make_ndarray(p)
            vals = [arr.real.tolist(), arr.imag.tolist()] if np.iscomplexobj(arr) else \
                arr.tolist()
            out[key] = {"bytes": p.SerializeToString(), "array": vals,
                        "dtype": str(arr.dtype), "shape": list(arr.shape)}
        except Exception as e:  # noqa: BLE001 - recorded as TF's error
            out[key] = _err(e)
    return out


def case_ops(tf):
    out = {}
    with tf.Graph().as_default() as g:
        tf.set_random_seed(3)
        m = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 2, 2) * 0.5)
        ts = {
            "trace": tf.trace(m),
            "trace_list": tf.trace([[1, 2], [3, 4]], name="tr"),
            "sat_u8": tf.saturate_cast(tf.constant([-5.0, 3.7, 300.0]), tf.uint8),
            "sat_f": tf.saturate_cast([1, 2], tf.float32),
            "sat_i8": tf.saturate_cast(tf.constant([-1000, 5, 1000], tf.int32), tf.int8),
            "arg_max": tf.arg_max([[1, 5, 2], [7, 0, 1]], 1),
            "arg_min": tf.arg_min(tf.constant([[1, 5], [0, 9]]), 0, output_type=tf.int32),
            "c64": tf.to_complex64(tf.constant([1.0, 2.0])),
            "c128": tf.to_complex128(tf.constant([1.0]), name="cc"),
            "bf16": tf.to_float(tf.to_bfloat16(tf.constant([1.5, 3.0]))),
            "mt": tf.matrix_transpose(m),
            "mt_conj": tf.matrix_transpose(tf.constant([[1 + 1j, 2j]]), conjugate=True),
        }
        v = tf.Variable(1.0, name="v")
        init = tf.initialize_variables([v])
        ts_ok = tf.convert_to_tensor_or_indexed_slices([1.0, 2.0], name="cti")
        out["ops"] = [[o.name, o.type] for o in g.get_operations()]
        out["names"] = {k: [t.name, t.dtype.name] for k, t in ts.items()}
        out["init"] = [init.name, init.type]
        out["cti"] = [ts_ok.name, ts_ok.dtype.name]
        r = tf.random_uniform([2])
        with tf.Session() as sess:
            vals = sess.run(ts)
            out["values"] = {k: (np.asarray(x).real.tolist(), np.asarray(x).imag.tolist())
                             if np.iscomplexobj(x) else np.asarray(x).tolist()
                             for k, x in vals.items()}
            out["random"] = sess.run(r).tolist()
        out["static"] = [tf.get_static_value(tf.constant([1, 2])).tolist(),
                         tf.get_static_value(tf.placeholder(tf.float32)) is None,
                         tf.get_static_value(3)]
    errs = {}
    for key, fn in {"trace_vec": lambda: tf.trace(tf.zeros([3])),
                    "mt_vec": lambda: tf.matrix_transpose(tf.zeros([3])),
                    "cti_dtype": lambda: tf.convert_to_tensor_or_indexed_slices(
                        tf.IndexedSlices(tf.zeros([1, 2]), tf.constant([0])), dtype=tf.int32)}.items():
        with tf.Graph().as_default():
            try:
                fn()
                errs[key] = None
            except Exception as e:  # noqa: BLE001 - recorded as TF's error
                errs[key] = type(e).__name__
    out["errors"] = errs
    return out


def cases(tf):
    return {"protos": case_protos(tf), "ops": case_ops(tf)}
