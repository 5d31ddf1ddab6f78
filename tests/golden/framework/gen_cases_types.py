"""dtypes, TensorShape and Dimension cases."""
import numpy as np


def err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return [type(e).__name__, str(e)]
    return None


DTYPE_NAMES = ["float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
               "uint16", "bool", "string", "complex64", "complex128", "uint32", "uint64"]


def _val(fn):
    try:
        v = fn()
    except Exception as e:  # noqa: BLE001
        return ["raises", type(e).__name__]
    if isinstance(v, float) and v != v:
        return "nan"
    return v if isinstance(v, (bool, int, float, str)) else repr(v)


def case_dtype_properties(tf):
    out = {}
    for n in DTYPE_NAMES:
        d = tf.as_dtype(n)
        out[n] = {"name": d.name, "repr": repr(d), "str": str(d),
                  "np": np.dtype(d.as_numpy_dtype).name, "base": d.base_dtype.name,
                  "ref": d._as_ref.name if hasattr(d, "_as_ref") else None,
                  "ref_base": d._as_ref.base_dtype.name, "is_ref": d._is_ref_dtype,
                  "ref_is_ref": d._as_ref._is_ref_dtype,
                  "floating": d.is_floating, "integer": d.is_integer, "complex": d.is_complex,
                  "unsigned": d.is_unsigned, "bool": d.is_bool, "enum": d.as_datatype_enum,
                  "ref_enum": d._as_ref.as_datatype_enum, "size": d.size,
                  "real": d.real_dtype.name, "max": _val(lambda: d.max),
                  "min": _val(lambda: d.min), "ref_repr": repr(d._as_ref),
                  "compatible_ref": d.is_compatible_with(d._as_ref),
                  "ref_compatible": d._as_ref.is_compatible_with(d)}
    return out


def case_dtype_module_names(tf):
    return [tf.float32 is tf.as_dtype("float32"), tf.half is tf.float16, tf.double is tf.float64,
            tf.bool.name, tf.string.name, tf.float32 == "float32", tf.float32 == np.float32,
            tf.float32 != tf.float64, tf.float32 == None, tf.int32 == 3,
            tf.as_dtype(1).name, tf.as_dtype(9).name, tf.as_dtype(101).name,
            tf.dtypes.float32.name, tf.as_dtype(tf.float32) is tf.float32]


def case_as_dtype_inputs(tf):
    inputs = {"np.float32": np.float32, "np.float64": np.float64, "np.int64": np.int64,
              "np.dtype(int8)": np.dtype("int8"), "np.bool_": np.bool_, "np.uint16": np.uint16,
              "np.complex64": np.complex64, "float": float, "int": int, "bool": bool,
              "complex": complex, "np.object_": np.object_, "np.str_": np.str_,
              "np.bytes_": np.bytes_, "str": str, "bytes": bytes, "'float32_ref'": "float32_ref",
              "'half'": "half", "'double'": "double", "'uint32'": "uint32",
              "np.dtype('<U3')": np.dtype("<U3"), "np.dtype('S3')": np.dtype("S3")}
    out = {}
    for k, v in inputs.items():
        try:
            out[k] = tf.as_dtype(v).name
        except Exception as e:  # noqa: BLE001
            out[k] = [type(e).__name__, str(e)]
    for k, v in {"'floatx'": "floatx", "list": [1], "None": None, "99": 99}.items():
        out[k] = err(lambda v=v: tf.as_dtype(v))
    return out


def case_shape_str_repr(tf):
    shapes = [None, [], [None], [3], [None, 3], [2, 3], [None, None, 4], [0], [1, 1, 1]]
    out = []
    for s in shapes:
        ts = tf.TensorShape(s)
        out.append([str(ts), repr(ts), ts.ndims, ts.is_fully_defined(),
                    _val(lambda ts=ts: ts.as_list()), _val(lambda ts=ts: ts.num_elements()),
                    _val(lambda ts=ts: len(ts)), bool(ts) if ts.ndims is not None else None])
    d = tf.Dimension(3)
    u = tf.Dimension(None)
    out.append([str(d), repr(d), str(u), repr(u), d.value, u.value, int(d)])
    out.append(str(tf.TensorShape([tf.Dimension(2), tf.Dimension(None)])))
    return out


def case_shape_merge_compat(tf):
    T = tf.TensorShape
    pairs = [(None, [2, 3]), ([None, 3], [2, None]), ([2, 3], [2, 3]), ([2, 3], [3, 3]),
             ([2], [2, 3]), ([None], None), ([], []), ([], [1])]
    out = []
    for a, b in pairs:
        out.append([T(a).is_compatible_with(T(b)),
                    _val(lambda a=a, b=b: str(T(a).merge_with(T(b)))),
                    err(lambda a=a, b=b: T(a).merge_with(T(b))),
                    str(T(a).concatenate(T(b))),
                    str(T(a).most_specific_compatible_shape(T(b))),
                    err(lambda a=a, b=b: T(a).assert_is_compatible_with(T(b))),
                    err(lambda a=a, b=b: T(a).assert_same_rank(T(b))),
                    T(a) == T(b), _val(lambda a=a, b=b: T(a) != T(b))])
    return out


def case_shape_rank_methods(tf):
    T = tf.TensorShape
    out = [str(T(None).with_rank(2)), str(T([None, 3]).with_rank(2)),
           err(lambda: T([1, 2]).with_rank(3)), str(T([1, 2]).with_rank_at_least(1)),
           err(lambda: T([1, 2]).with_rank_at_least(3)),
           err(lambda: T([1, 2]).with_rank_at_most(1)), str(T([1, 2]).with_rank_at_most(2)),
           err(lambda: T(None).as_list()), err(lambda: len(T(None))),
           err(lambda: T([None, 2]).assert_is_fully_defined()),
           err(lambda: T([1]).assert_has_rank(2)),
           str(T([1, 2, 3])[1:]), str(T([1, 2, 3])[0]), repr(T([1, 2, 3])[-1]),
           str(T(None)[1:]), repr(T(None)[0]),
           err(lambda: tf.TensorShape([1]) + tf.TensorShape([2])), str(T([1, 2]).concatenate([3])),
           T([1, None]).as_list(), [repr(d) for d in T([1, None]).dims], T(None).dims,
           str(tf.TensorShape(3)) if False else str(T([3])),
           err(lambda: T([-1])), err(lambda: T(["a"])), err(lambda: T([1.5])),
           str(T([np.int64(2), tf.Dimension(4)])), T([1, 2]).rank,
           T([None, 3]) == [None, 3], T([2, 3]) == [2, 3], T([2, 3]) == (2, 3),
           T(None) == T(None)]
    return out


def case_dimension_ops(tf):
    D = tf.Dimension
    out = [repr(D(2) + D(3)), repr(D(2) + 3), repr(3 + D(2)), repr(D(None) + D(3)),
           repr(D(6) - D(2)), repr(D(3) * D(2)), repr(D(6) // D(4)), repr(D(7) % D(4)),
           D(2) == D(2), D(2) == D(3), D(None) == D(2), D(2) == 2, D(2) != D(3),
           D(None) != D(3), D(2) < D(3), D(None) < D(3), D(3) >= 3,
           D(2).is_compatible_with(D(None)), D(2).is_compatible_with(3),
           repr(D(None).merge_with(D(4))), err(lambda: D(2).merge_with(D(3))),
           err(lambda: D(2).assert_is_compatible_with(D(3))),
           err(lambda: D(-1)), err(lambda: D("a")), err(lambda: D(1.5)), err(lambda: int(D(None))),
           tf.dimension_value(D(3)), tf.dimension_value(None), tf.dimension_value(4),
           tf.dimension_value(D(None))]
    return out


def cases(tf):
    import harness  # this folder is on sys.path (the oracle runner, tests/framework_golden.py)
    return harness.run_all(tf, globals())
