"""TF 1.14's answer to a name= that is not a string (an int, a float, another object): the
TypeError of its name_scope's regex match ("expected string or bytes-like object"), or for
tf.constant / convert_to_tensor that of create_op's `name[-1]`; raised before any op is
made (tf.reduce_sum makes its axis first). A bytes name is read as its str."""

CALLS = [
    ("constant", lambda tf, a, n: tf.constant(1, name=n)),
    ("add", lambda tf, a, n: tf.add(a, a, name=n)),
    ("add_n", lambda tf, a, n: tf.math.add_n([a, a], name=n)),
    ("Variable", lambda tf, a, n: tf.Variable(1.0, name=n)),
    ("placeholder", lambda tf, a, n: tf.placeholder(tf.float32, name=n)),
    ("identity", lambda tf, a, n: tf.identity(a, name=n)),
    ("reduce_sum", lambda tf, a, n: tf.reduce_sum(a, name=n)),
    ("matmul", lambda tf, a, n: tf.matmul([[1.0]], [[2.0]], name=n)),
    ("zeros", lambda tf, a, n: tf.zeros([2], name=n)),
    ("get_variable", lambda tf, a, n: tf.get_variable(n, [1])),
    ("name_scope", lambda tf, a, n: tf.name_scope(n).__enter__()),
    ("random_uniform", lambda tf, a, n: tf.random_uniform([2], name=n)),
    ("no_op", lambda tf, a, n: tf.no_op(name=n)),
    ("group", lambda tf, a, n: tf.group(a.op, name=n)),
    ("cast", lambda tf, a, n: tf.cast(a, tf.int32, name=n)),
    ("convert_to_tensor", lambda tf, a, n: tf.convert_to_tensor(3.0, name=n)),
]


def _each(tf, name):
    out = {}
    for label, fn in CALLS:
        g = tf.Graph()
        with g.as_default():
            a = tf.constant(1.0, name="a")
            try:
                r = fn(tf, a, name)
                got = str(getattr(r, "name", r))
            except Exception as e:  # noqa: BLE001 - the error is the answer
                got = e
            out[label] = [got, len(g.get_operations()) - 1]
    return out


def case_int(tf):
    return _each(tf, 3)


def case_float(tf):
    return _each(tf, 1.5)


def case_object(tf):
    return _each(tf, frozenset([1]))


def case_bytes_once(tf):
    return _each(tf, b"bb")


def cases(tf):
    out = {}
    for name, fn in sorted(globals().items()):
        if name.startswith("case_"):
            tf.reset_default_graph()
            out[name[5:]] = fn(tf)
    return out
