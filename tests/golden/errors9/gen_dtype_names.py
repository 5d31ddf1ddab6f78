"""TF 1.14's dtype names, aliases included ("float", "half_ref", ...), as as_dtype reads them."""

NAMES = ["float", "float_ref", "half", "half_ref", "double", "double_ref",
         "float16", "float16_ref", "float32", "float32_ref", "float64", "float64_ref",
         "bfloat16", "bfloat16_ref", "int8", "int8_ref", "int16", "int16_ref", "int32",
         "int32_ref", "int64", "int64_ref", "uint8", "uint8_ref", "uint16", "uint16_ref",
         "uint32", "uint32_ref", "uint64", "uint64_ref", "bool", "bool_ref", "string",
         "string_ref", "complex64", "complex64_ref", "complex128", "complex128_ref",
         "resource", "resource_ref", "variant", "variant_ref"]


def case_as_dtype(tf):
    return {n: [tf.as_dtype(n).name, tf.as_dtype(n)._is_ref_dtype] for n in NAMES}


def case_placeholder_float(tf):
    x = tf.placeholder("float", [None, 2])
    with tf.Session() as sess:
        v = sess.run(x * 2, {x: [[1.5, 2.0]]})
    return [x.dtype.name, v]


def case_unknown_name(tf):
    try:
        tf.as_dtype("floaty")
    except TypeError as e:
        return e
    return None


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
