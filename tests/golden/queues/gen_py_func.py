"""tf.py_func / numpy_function / py_function under TF 1.14: op types and names, values,
and the error class and first message line for each failure (tests/test_py_func.py)."""
import numpy as np


def _bad(kind):
    def f(v):
        raise kind("boom here")
    return f


FAILING = [
    ("ValueError", "py_func", lambda: _bad(ValueError), "float32"),
    ("TypeError", "py_func", lambda: _bad(TypeError), "float32"),
    ("RuntimeError", "py_func", lambda: _bad(RuntimeError), "float32"),
    ("StopIteration", "py_func", lambda: _bad(StopIteration), "float32"),
    ("IndexError", "py_func", lambda: _bad(IndexError), "float32"),
    ("NotImplementedError", "py_func", lambda: _bad(NotImplementedError), "float32"),
    ("MemoryError", "py_func", lambda: _bad(MemoryError), "float32"),
    ("KeyError", "py_func", lambda: _bad(KeyError), "float32"),
    ("wrong_dtype", "py_func", lambda: (lambda v: v.astype(np.float64)), "float32"),
    ("python_float", "py_func", lambda: (lambda v: 3.5), "float32"),
    ("too_many", "py_func", lambda: (lambda v: (v, v)), "float32"),
    ("too_few", "py_func", lambda: (lambda v: [v]), ["float32", "float32"]),
    ("eager_bad_cast", "py_function", lambda: (lambda v: 3.5), "int32"),
    ("eager_none", "py_function", lambda: (lambda v: None), "float32"),
    ("eager_ValueError", "py_function", lambda: _bad(ValueError), "float32"),
]

WORKING = [
    ("double", "py_func", lambda: (lambda v: v * 2), "float32"),
    ("int_scalar", "py_func", lambda: (lambda v: 3), "int64"),
    ("bytes_array", "py_func", lambda: (lambda v: np.array([b"a", b"bc"])), "string"),
    ("unicode", "py_func", lambda: (lambda v: u"h\u00e9llo"), "string"),
    ("list_of_bytes", "py_func", lambda: (lambda v: [b"a", b"bc"]), ["string", "string"]),
    ("two_outputs", "py_func", lambda: (lambda v: (v, v.astype(np.int32))), ["float32", "int32"]),
    ("numpy_function", "numpy_function", lambda: (lambda v: v + 1), "float32"),
    ("eager_float", "py_function", lambda: (lambda v: 3.5), "float32"),
    ("eager_numpy", "py_function", lambda: (lambda v: v.numpy() * 3), "float32"),
    ("eager_two", "py_function", lambda: (lambda v: (v, v * 2)), ["float32", "float32"]),
]


def _tout(tf, t):
    return [getattr(tf, d) for d in t] if isinstance(t, list) else getattr(tf, t)


def cases(tf):
    out = {}
    x = tf.constant([1.0, 2.0])
    sess = tf.Session()
    for label, api, make, tout in WORKING + FAILING:
        y = getattr(tf, api)(make(), [x], _tout(tf, tout))
        first = y[0] if isinstance(y, list) else y
        rec = {"type": first.op.type, "name": first.op.name, "n": len(first.op.outputs)}
        try:
            rec["value"] = sess.run(y)
        except tf.errors.OpError as e:
            rec["error"] = (type(e).__name__, e.message.split("\n")[0])
        out[label] = rec
    out["stateless"] = tf.py_func(lambda v: v, [x], tf.float32, stateful=False, name="pure").op.type
    out["no_outputs"] = str(tf.py_func(lambda v: None, [x], []).type)
    try:
        tf.py_func(lambda v: v, x, tf.float32)
    except TypeError as e:
        out["not_a_list"] = str(e).replace(x.name, "X")
    return out
