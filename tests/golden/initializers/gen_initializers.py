"""TF 1.14 goldens for initializers: seeded values (op seed, graph seed, both; float16/32/64)
of every tf.*_initializer, tf.initializers.* and tf.keras.initializers.*, the ops each
creates, get_config, keras get/serialize/deserialize, and TF's errors. Output:
initializers.json, read by tests/test_initializer_goldens.py, which runs these same case
functions with flowgrad (CASES: name -> function(tf) -> value).
"""
import numpy as np

INITS = {
    "zeros": lambda tf, s: tf.zeros_initializer(),
    "ones": lambda tf, s: tf.ones_initializer(),
    "constant": lambda tf, s: tf.constant_initializer(0.25),
    "constant_list": lambda tf, s: tf.constant_initializer([1, 2, 3, 4, 5]),
    "random_uniform": lambda tf, s: tf.random_uniform_initializer(-0.3, 0.7, seed=s),
    "random_uniform_default": lambda tf, s: tf.random_uniform_initializer(seed=s),
    "random_normal": lambda tf, s: tf.random_normal_initializer(0.5, 2.0, seed=s),
    "truncated_normal": lambda tf, s: tf.truncated_normal_initializer(0.1, 0.5, seed=s),
    "uniform_unit_scaling": lambda tf, s: tf.uniform_unit_scaling_initializer(1.5, seed=s),
    "glorot_uniform": lambda tf, s: tf.glorot_uniform_initializer(seed=s),
    "glorot_normal": lambda tf, s: tf.glorot_normal_initializer(seed=s),
    "orthogonal": lambda tf, s: tf.orthogonal_initializer(1.3, seed=s),
    "identity": lambda tf, s: tf.initializers.identity(0.5),
    "he_normal": lambda tf, s: tf.initializers.he_normal(seed=s),
    "he_uniform": lambda tf, s: tf.initializers.he_uniform(seed=s),
    "lecun_normal": lambda tf, s: tf.initializers.lecun_normal(seed=s),
    "lecun_uniform": lambda tf, s: tf.initializers.lecun_uniform(seed=s),
    "vs_fan_in_trunc": lambda tf, s: tf.variance_scaling_initializer(2.0, seed=s),
    "vs_fan_out_untrunc": lambda tf, s: tf.variance_scaling_initializer(
        0.5, "fan_out", "untruncated_normal", seed=s),
    "vs_fan_avg_uniform": lambda tf, s: tf.variance_scaling_initializer(
        3.0, "fan_avg", "uniform", seed=s),
    "vs_normal": lambda tf, s: tf.variance_scaling_initializer(1.0, "fan_avg", "normal",
                                                               seed=s),
    "keras_random_normal": lambda tf, s: tf.keras.initializers.RandomNormal(seed=s),
    "keras_random_uniform": lambda tf, s: tf.keras.initializers.RandomUniform(seed=s),
    "keras_truncated_normal": lambda tf, s: tf.keras.initializers.TruncatedNormal(seed=s),
    "keras_glorot_uniform": lambda tf, s: tf.keras.initializers.glorot_uniform(seed=s),
}

SHAPES = {"identity": (4, 5), "constant_list": (5,)}
DEFAULT_SHAPE = (3, 2, 4, 5)
MATRIX = {"orthogonal": [(4, 5), (6, 3), (2, 3, 4)]}


def _values(name, dtype, mode):
    def case(tf):
        if mode in ("graph", "both"):
            tf.set_random_seed(5)
            tf.constant(1.0)  # the op count before the initializer sets seed2
        init = INITS[name](tf, 3 if mode in ("op", "both") else None)
        shapes = MATRIX.get(name, [SHAPES.get(name, DEFAULT_SHAPE)])
        n0 = len(tf.get_default_graph().get_operations())
        ts = [init(shape, dtype=getattr(tf, dtype)) for shape in shapes]
        ops = tf.get_default_graph().get_operations()[n0:]
        with tf.Session() as s:
            vals = s.run(ts)
        return {"values": vals, "op_types": [op.type for op in ops],
                "dtype": [t.dtype.name for t in ts]}
    return case


CASES = {}
for _n in INITS:
    for _dt in ("float16", "float32", "float64"):
        if _n.startswith(("zeros", "ones", "constant", "identity")):
            if _dt == "float32":
                CASES["values/%s/%s" % (_n, _dt)] = _values(_n, _dt, "none")
            continue
        for _m in ("op", "graph", "both"):
            if _dt != "float32" and _m != "op":
                continue
            CASES["values/%s/%s/%s" % (_n, _dt, _m)] = _values(_n, _dt, _m)


def _configs(tf):
    out = {}
    for name, make in sorted(INITS.items()):
        init = make(tf, 7)
        out[name] = [type(init).__name__, init.get_config()]
    return out


CASES["configs"] = _configs


def _roundtrip(tf):
    out = {}
    for name, make in sorted(INITS.items()):
        init = make(tf, 7)
        again = type(init).from_config(init.get_config())
        out[name] = [type(again).__name__, again.get_config()]
    return out


CASES["from_config"] = _roundtrip


def _keras(tf):
    K = tf.keras.initializers
    out = {}
    for ident in ["glorot_uniform", "he_normal", "lecun_uniform", "zeros", "ones",
                  "orthogonal", "identity", "uniform", "normal", "truncated_normal",
                  "random_uniform", "Zeros", "GlorotNormal", "VarianceScaling", "Constant"]:
        init = K.get(ident)
        out["get/" + ident] = [type(init).__name__, init.get_config()]
    for init in [K.glorot_uniform(seed=2), K.RandomNormal(0.5, 3.0, seed=1),
                 K.VarianceScaling(2.0, "fan_out", "uniform"), K.he_uniform(4),
                 K.Constant(3.0), K.Orthogonal(gain=2.0)]:
        ser = K.serialize(init)
        back = K.deserialize(ser)
        again = K.get(ser)
        out["serialize/" + type(init).__name__ + "/" + str(init.get_config().get("seed"))] = [
            ser, type(back).__name__, back.get_config(), type(again).__name__]
    fn = lambda shape, dtype=None, partition_info=None: tf.zeros(shape)  # noqa: E731
    out["get/callable"] = K.get(fn) is fn
    out["get/None"] = K.get(None) is None
    for bad in ["no_such_init", 42]:
        try:
            K.get(bad)
            out["get_error/" + str(bad)] = "no error"
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            out["get_error/" + str(bad)] = e
    try:
        K.deserialize({"class_name": "Nope", "config": {}})
    except Exception as e:  # noqa: BLE001
        out["deserialize_error"] = e
    return out


CASES["keras"] = _keras


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return e
        return "no error"
    return case


CASES["error/vs_scale"] = _error(lambda tf: tf.variance_scaling_initializer(0.0))
CASES["error/vs_mode"] = _error(lambda tf: tf.variance_scaling_initializer(1.0, "fan_x"))
CASES["error/vs_dist"] = _error(
    lambda tf: tf.variance_scaling_initializer(1.0, "fan_in", "gamma"))
CASES["error/normal_int"] = _error(lambda tf: tf.random_normal_initializer(dtype=tf.int32))
CASES["error/orthogonal_rank"] = _error(lambda tf: tf.orthogonal_initializer()([3]))
CASES["error/identity_rank"] = _error(lambda tf: tf.initializers.identity()([2, 2, 2]))
CASES["error/constant_type"] = _error(lambda tf: tf.constant_initializer({"a": 1}))
CASES["error/constant_verify"] = _error(
    lambda tf: tf.constant_initializer([1, 2, 3], verify_shape=True)([2, 2]))


def _constant_verify_ok(tf):
    with tf.Session() as s:
        return s.run(tf.constant_initializer([[1, 2], [3, 4]], verify_shape=True)([2, 2]))


CASES["constant_verify_ok"] = _constant_verify_ok


def _get_variable(tf):
    tf.set_random_seed(1)
    a = tf.get_variable("a", [3, 4], initializer=tf.glorot_uniform_initializer())
    b = tf.get_variable("b", [4, 4], initializer=tf.orthogonal_initializer())
    c = tf.get_variable("c", [5], initializer=tf.keras.initializers.he_normal())
    d = tf.get_variable("d", [2, 3], initializer=tf.initializers.variance_scaling(
        distribution="untruncated_normal"))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        return s.run([a, b, c, d])


CASES["get_variable"] = _get_variable


def _int_dtypes(tf):
    ts = [tf.zeros_initializer(tf.int32)([2, 3]), tf.ones_initializer()([3], dtype=tf.int64),
          tf.constant_initializer(7, dtype=tf.int32)([2, 2]),
          tf.random_uniform_initializer(0, 10, seed=4, dtype=tf.int32)([3, 4]),
          tf.random_uniform_initializer(-5, 5, seed=4)([6], dtype=tf.int64),
          tf.zeros_initializer()([2], dtype=tf.bool), tf.ones_initializer(tf.float64)([2])]
    with tf.Session() as s:
        return [[t.dtype.name for t in ts], s.run(ts)]


CASES["int_dtypes"] = _int_dtypes
CASES["error/uniform_int_no_maxval"] = _error(
    lambda tf: tf.random_uniform_initializer(seed=1)([2], dtype=tf.int32))
CASES["error/trunc_int"] = _error(lambda tf: tf.truncated_normal_initializer(dtype=tf.int64))
CASES["error/vs_int"] = _error(lambda tf: tf.variance_scaling_initializer(dtype=tf.int32))
CASES["error/glorot_int"] = _error(lambda tf: tf.glorot_uniform_initializer(dtype=tf.int32))


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
