"""Converting a variable to a tensor of another dtype under TF 1.14: the conversion checks
the requested dtype before it reads, so an op whose input is a resource or ref variable of
the wrong dtype (a float16 loss times a float32 loss scale variable, as in
MixedPrecisionLossScaleOptimizer with a float16 loss) raises TypeError with one read of the
variable in the graph (op_def_library's retry without the dtype), and tf.convert_to_tensor
with a dtype raises ValueError adding no op (tests/test_variable_dtype_conversion.py runs the
same case functions with flowgrad)."""
import numpy as np


def _err(e):
    return "%s: %s" % (type(e).__name__, str(e).splitlines()[0])


def _ops(g, start):
    return [[op.name, op.type] for op in g.get_operations()[start:]]


def mismatch(tf):
    out = {}
    for kind in ("resource", "ref"):
        g = tf.Graph()
        with g.as_default():
            v = tf.Variable(2.0, name="scale", use_resource=kind == "resource")
            x = tf.constant(np.float16(1.0), name="x")
            for key, fn in (("mul", lambda: tf.multiply(x, v)),
                            ("add_n", lambda: tf.add_n([x, v])),
                            ("convert", lambda: tf.convert_to_tensor(v, dtype=tf.float16)),
                            ("named", lambda: tf.convert_to_tensor(v, dtype=tf.float64,
                                                                    name="r")),
                            ("same", lambda: tf.convert_to_tensor(v, dtype=tf.float32).name)):
                n = len(g.get_operations())
                try:
                    got = fn()
                    got = got if isinstance(got, str) else got.name
                except Exception as e:  # noqa: BLE001
                    got = _err(e)
                out[kind + "_" + key] = [got, _ops(g, n)]
    return out


def cases(tf):
    return {f.__name__: f(tf) for f in (mismatch,)}
