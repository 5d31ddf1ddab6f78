"""Variables, variable scopes, get_variable, initializers, Assert/Print and cond."""
import numpy as np
from gen_cases_graph import ops_of
from gen_cases_session import err, j


def case_variable_graph(tf):
    v = tf.Variable(1.0, name="v")
    w = tf.Variable([[1, 2]], name="w", trainable=False)
    u = tf.Variable(lambda: tf.zeros([2, 3]), name="u")
    d = tf.Variable(3.0)
    e = tf.Variable(np.ones(2), dtype=tf.float32)
    f = tf.Variable(1, dtype=tf.float64)
    with tf.name_scope("sc"):
        s = tf.Variable(1.0, name="s")
    return [ops_of(tf.get_default_graph()),
            [[x.name, x.dtype.name, str(x.shape), x.op.name, x.initializer.name,
              x.initial_value.name, x.value().name, x.trainable, repr(x), str(x.get_shape()),
              x.graph is tf.get_default_graph(), x._ref().dtype.name]
             for x in [v, w, u, d, e, f, s]],
            [x.name for x in tf.global_variables()], [x.name for x in tf.trainable_variables()],
            [x.name for x in tf.local_variables()],
            [x.name for x in tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="sc")]]


def case_variable_methods(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    a = v.assign([3.0, 4.0])
    b = v.assign_add([1.0, 1.0])
    c = v.assign_sub([0.5, 0.5])
    r = v.read_value()
    a2 = tf.assign(v, [0.0, 0.0], name="myassign")
    n = v.assign([9.0, 9.0], read_value=False)
    t = tf.convert_to_tensor(v)
    plus = v + 1.0
    iv = tf.Variable(v.initialized_value() * 2.0, name="iv")
    out = [[x.name, x.dtype.name, str(x.shape)] for x in [a, b, c, r, a2, t, plus]]
    out.append([n.name, n.type])
    out.append([op.name for op in tf.get_default_graph().get_operations()][-20:])
    with tf.Session() as sess:
        out.append(err(lambda: sess.run(iv.initializer)))
        sess.run(v.initializer)
        sess.run(iv.initializer)
        out.append(j(sess.run(iv)))
        out.append(j(sess.run(v)))
        out.append(j(sess.run(a)))
        out.append(j(sess.run(b)))
        out.append(j(sess.run(c)))
        out.append(j(sess.run(r)))
        out.append(j(v.eval(session=sess)))
        v.load([7.0, 8.0], sess)
        out.append(j(sess.run(v)))
        out.append(sess.run(n))
        out.append(j(sess.run(v)))
        out.append(j(sess.run(plus)))
    return out


def case_variable_errors(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    v = tf.Variable([1.0, 2.0], name="v")
    out = [err(lambda: tf.Variable()), err(lambda: tf.Variable(x)),
           err(lambda: tf.Variable(1.0, collections="abc")),
           err(lambda: v.assign([1.0, 2.0, 3.0])), err(lambda: v.assign(1)),
           err(lambda: tf.assign(tf.constant(1.0), 2.0)), err(lambda: v.assign_add([1.0, 2.0, 3.0])),
           err(lambda: tf.Variable(1.0, dtype=tf.int32)),
           err(lambda: tf.convert_to_tensor(v, dtype=tf.int32)),
           [op.name for op in tf.get_default_graph().get_operations()]]
    return out


def case_variable_validate_shape(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    v = tf.Variable(x, validate_shape=False, name="v")
    w = tf.Variable([1.0, 2.0], name="w")
    a = tf.assign(w, [1.0, 2.0, 3.0], validate_shape=False)
    with tf.Session() as sess:
        sess.run(v.initializer, {x: [1.0, 2.0, 3.0]})
        sess.run(w.initializer)
        return [str(v.shape), j(sess.run(v)), str(a.shape), j(sess.run(a)), j(sess.run(w))]


def case_initializers_and_reporting(tf):
    v = tf.Variable(1.0, name="v")
    w = tf.Variable(2.0, name="w")
    lv = tf.Variable(3.0, name="lv", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    init = tf.global_variables_initializer()
    linit = tf.local_variables_initializer()
    vinit = tf.variables_initializer([w])
    einit = tf.variables_initializer([])
    rep = tf.report_uninitialized_variables()
    isi = tf.is_variable_initialized(v)
    out = [[init.name, init.type, [c.name for c in init.control_inputs]],
           [linit.name, [c.name for c in linit.control_inputs]],
           [vinit.name, [c.name for c in vinit.control_inputs]], [einit.name, einit.type],
           [rep.name, rep.dtype.name, str(rep.shape)], [isi.name, isi.dtype.name, str(isi.shape)]]
    with tf.Session() as sess:
        out.append(j(sess.run(rep)))
        out.append(j(sess.run(isi)))
        out.append(err(lambda: sess.run(v)))
        sess.run(vinit)
        out.append(j(sess.run(rep)))
        sess.run(init)
        out.append(j(sess.run(rep)))
        out.append(j(sess.run(isi)))
        sess.run(linit)
        out.append(j(sess.run(rep)))
        out.append(j(sess.run([v, w, lv])))
    return out


def case_fetch_does_not_alias(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    inc = tf.assign_add(v, [1.0, 1.0])
    with tf.Session() as sess:
        sess.run(v.initializer)
        a = sess.run(v)
        r = sess.run(v.value())
        s = sess.run(inc)
        sess.run(inc)
        return [j(a), j(r), j(s), j(sess.run(v))]


def case_assign_ordering(tf):
    x = tf.Variable(2.0, name="x")
    y = x * 3.0
    upd = tf.assign(x, x + 1.0)
    with tf.control_dependencies([upd]):
        z = tf.identity(x) * 1.0
    with tf.Session() as sess:
        sess.run(x.initializer)
        out = [j(sess.run([upd, z])) for _ in range(3)]
        out.append(j(sess.run(y)))
        return out


def case_variable_scope_names(tf):
    out = []
    with tf.variable_scope("foo") as vs:
        out.append([vs.name, vs.original_name_scope, vs.reuse])
        v = tf.get_variable("v", [1])
        c = tf.constant(1.0, name="c")
        out.append([v.name, c.name, v.op.name])
        with tf.variable_scope("bar"):
            w = tf.get_variable("w", [2, 3])
            out.append([w.name, tf.constant(1).name])
    with tf.variable_scope("foo", reuse=True):
        v2 = tf.get_variable("v", [1])
        out.append([v2 is v, tf.constant(1).name])
    with tf.variable_scope(vs, reuse=True) as vs2:
        out.append([vs2.name, vs2.original_name_scope, tf.constant(1).name,
                    tf.get_variable("v") is v])
    with tf.variable_scope(vs, auxiliary_name_scope=False) as vs3:
        out.append([vs3.original_name_scope, tf.constant(1, name="aux").name])
    with tf.variable_scope(None, default_name="d"):
        out.append(tf.get_variable("x", [], dtype=tf.int32).name)
    with tf.variable_scope(None, default_name="d"):
        out.append(tf.get_variable("x", []).name)
    with tf.variable_scope("foo/bar", reuse=True):
        out.append(tf.get_variable("w") is w)
    with tf.name_scope("ns"), tf.variable_scope("vs"):
        u = tf.get_variable("u", [])
        out.append([u.name, tf.constant(1).name])
    with tf.variable_scope("vs", reuse=tf.AUTO_REUSE):
        a1 = tf.get_variable("a", [2])
    with tf.variable_scope("vs", reuse=tf.AUTO_REUSE):
        a2 = tf.get_variable("a", [2])
        out.append([a1 is a2, a1.name, tf.get_variable_scope().name,
                    tf.get_variable_scope().reuse == tf.AUTO_REUSE])
    out.append([x.name for x in tf.global_variables()])
    out.append(ops_of(tf.get_default_graph())[:14])
    return out


def case_get_variable_errors(tf):
    out = []
    with tf.variable_scope("s"):
        tf.get_variable("v", [2])
        out.append(err(lambda: tf.get_variable("v", [2])))
    with tf.variable_scope("s", reuse=True):
        out.append(err(lambda: tf.get_variable("nope", [2])))
        out.append(err(lambda: tf.get_variable("v", [3])))
        out.append(err(lambda: tf.get_variable("v", [2], dtype=tf.float64)))
    out.append(err(lambda: tf.get_variable("noshape")))
    out.append(err(lambda: tf.get_variable("partial", [None, 2])))
    out.append(err(lambda: tf.get_variable("strinit", [2], dtype=tf.string)))
    out.append(err(lambda: tf.get_variable("cinit", [3], initializer=tf.constant([1.0, 2.0]))))
    out.append(err(lambda: tf.variable_scope(3).__enter__()))
    out.append([v.name for v in tf.global_variables()])
    return out


def case_get_variable_options(tf):
    reg = []
    with tf.variable_scope("o", initializer=tf.constant_initializer(0.5)):
        a = tf.get_variable("a", [2])
        b = tf.get_variable("b", [2], initializer=tf.ones_initializer())
        c = tf.get_variable("c", initializer=tf.constant([1.0, 2.0, 3.0]))
        d = tf.get_variable("d", [2], dtype=tf.int32, initializer=tf.zeros_initializer())
        out0 = err(lambda: tf.get_variable("d2", [2], dtype=tf.int32))
        e = tf.get_variable("e", [2], trainable=False)
        f = tf.get_variable("f", [2], regularizer=lambda t: reg.append(t.name) or
                            tf.reduce_sum(t, name="myreg"))
        g = tf.get_variable("g", [2], collections=["mine"])
        h = tf.get_variable("h", initializer=np.array([1, 2], np.int64))
        k = tf.get_variable("k", [2], initializer=lambda shape, dtype, partition_info=None:
                            tf.fill(shape, 4.0))
    out = [[v.name, v.dtype.name, str(v.shape), v.trainable] for v in [a, b, c, d, e, f, g, h, k]]
    out.append(out0)
    out.append([t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)])
    out.append([v.name for v in tf.get_collection("mine")])
    out.append([v.name for v in tf.trainable_variables()])
    out.append(reg)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(g.initializer)
        out.append([j(sess.run(v)) for v in [a, b, c, d, g, h, k]])
    return out


def case_glorot_default_graph(tf):
    w = tf.get_variable("w", [3, 4])
    b = tf.get_variable("b", [4], dtype=tf.float64)
    return ops_of(tf.get_default_graph()) + [w.name, b.name]


def case_initializer_classes(tf):
    names = ["zeros_initializer", "ones_initializer", "constant_initializer",
             "random_normal_initializer", "truncated_normal_initializer",
             "random_uniform_initializer", "glorot_uniform_initializer",
             "glorot_normal_initializer", "variance_scaling_initializer",
             "orthogonal_initializer", "uniform_unit_scaling_initializer"]
    out = []
    for n in names:
        init = getattr(tf, n)()
        out.append([n, type(init).__name__, sorted(init.get_config().items())])
    inames = ["zeros", "ones", "constant", "random_normal", "truncated_normal", "random_uniform",
              "glorot_uniform", "glorot_normal", "variance_scaling", "orthogonal", "identity",
              "he_normal", "he_uniform", "lecun_normal", "lecun_uniform", "uniform_unit_scaling"]
    out.append([[n, type(getattr(tf.initializers, n)()).__name__ if n not in (
        "he_normal", "he_uniform", "lecun_normal", "lecun_uniform") else
        type(getattr(tf.initializers, n)()).__name__] for n in inames])
    out.append([type(tf.keras.initializers.Zeros()).__name__] if False else [])
    return out


def case_deterministic_initializer_values(tf):
    vals = [tf.zeros_initializer()([2, 3]), tf.ones_initializer(dtype=tf.int32)([2]),
            tf.constant_initializer(2.5)([2, 2]), tf.constant_initializer([1, 2, 3, 4])([2, 2]),
            tf.constant_initializer([1.0, 2.0])([2, 2]) if False else tf.zeros([1]),
            tf.initializers.identity()([2, 3]), tf.initializers.identity(gain=2.0)([2, 2]),
            tf.zeros_initializer()([2], dtype=tf.float64), tf.initializers.zeros()([0, 3]),
            tf.ones_initializer()([]), tf.constant_initializer(1)([2], dtype=tf.int64)]
    with tf.Session() as sess:
        return [j(v) for v in sess.run(vals)] + [[v.name, v.dtype.name] for v in vals]


def case_initializer_errors(tf):
    return [err(lambda: tf.constant_initializer([1, 2, 3])([2, 2])),
            err(lambda: tf.random_normal_initializer(dtype=tf.int32)),
            err(lambda: tf.glorot_uniform_initializer()([2, 2], dtype=tf.int32)),
            err(lambda: tf.variance_scaling_initializer(scale=-1.0)),
            err(lambda: tf.variance_scaling_initializer(mode="bad")),
            err(lambda: tf.variance_scaling_initializer(distribution="bad")),
            err(lambda: tf.orthogonal_initializer()([3])),
            err(lambda: tf.initializers.identity()([2, 2, 2])),
            err(lambda: tf.zeros_initializer(dtype=tf.string)([2]))]


def case_random_initializer_graph(tf):
    _ = [tf.random_normal_initializer(seed=1)([2, 3]),
         tf.truncated_normal_initializer(stddev=0.5, seed=1)([2, 3]),
         tf.random_uniform_initializer(-1, 1, seed=1)([4]),
         tf.glorot_normal_initializer(seed=1)([3, 4]),
         tf.variance_scaling_initializer(seed=1, mode="fan_avg", distribution="uniform")([3, 4]),
         tf.uniform_unit_scaling_initializer(seed=1)([4, 5])]
    return [[o[0], o[1], o[4]] for o in ops_of(tf.get_default_graph())]


def case_orthogonal_initializer_graph(tf):
    t = tf.orthogonal_initializer(seed=1, gain=2.0)([3, 4])
    return [t.name, t.dtype.name, str(t.shape)]


def case_assert_and_print(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    a = tf.Assert(tf.reduce_all(x > 0.0), [x, "must be positive"], name="myassert")
    p = tf.Print(x, [x, x * 2.0], message="vals: ", name="myprint")
    with tf.control_dependencies([a]):
        y = tf.identity(x, name="y")
    out = [[a.name, a.type], [p.name, p.dtype.name, str(p.shape)]]
    with tf.Session() as sess:
        out.append(j(sess.run(y, {x: [1.0, 2.0]})))
        out.append(err(lambda: sess.run(y, {x: [-1.0, 2.0]})))
        out.append(j(sess.run(p, {x: [1.0, 2.0]})))
    out.append(err(lambda: tf.Assert(tf.constant(False), [1]) and None))
    out.append(err(lambda: tf.Assert(tf.constant([1.0]), [1])))
    return out


def case_cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    v = tf.Variable(0.0, name="v")
    r = tf.cond(x > 0.0, lambda: tf.assign_add(v, 1.0), lambda: tf.assign_sub(v, 1.0))
    r2 = tf.cond(x > 0.0, lambda: (x * 2.0, x), lambda: (x * 3.0, -x))
    with tf.Session() as sess:
        sess.run(v.initializer)
        out = [j(sess.run(r, {x: 1.0})), j(sess.run(r, {x: 1.0})), j(sess.run(r, {x: -1.0})),
               j(sess.run(v)), j(sess.run(r2, {x: 2.0})), j(sess.run(r2, {x: -2.0}))]
    out.append([r.dtype.name, str(r.shape), r2[0].dtype.name])
    out.append(err(lambda: tf.cond(x > 0.0, lambda: x, lambda: tf.constant(1))))
    out.append(err(lambda: tf.cond(x, lambda: x, lambda: x)))
    return out


def case_cond_ops(tf):
    """Operations returned by branches: the cond's value is TF's pivot (a bool tensor of
    pred with a control dependency), and an op made outside the cond that a branch
    depends on runs whichever branch is taken."""
    v = tf.Variable(1.0, name="v")
    w = tf.Variable(0.0, name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    inc = tf.assign_add(v, 1.0)
    c1 = tf.cond(p, lambda: inc.op, lambda: tf.no_op())

    def tb():
        with tf.control_dependencies([tf.assign(w, 4.0)]):
            return tf.identity(v)
    c2 = tf.cond(p, tb, lambda: tf.constant(0.0))
    outer = tf.assign_add(v, 1.0)

    def t3():
        with tf.control_dependencies([outer]):
            return tf.identity(v)
    c3 = tf.cond(p, t3, lambda: tf.constant(-1.0))
    out = [[c1.name, c1.dtype.name, str(c1.shape)], [c2.name, c2.dtype.name]]
    with tf.Session() as sess:
        sess.run([v.initializer, w.initializer])
        for flag in [False, True]:
            out.append([j(sess.run(c1, {p: flag})), j(sess.run(v))])
        for flag in [False, True]:
            out.append([j(sess.run(c2, {p: flag})), j(sess.run([v, w]))])
        for flag in [True, False]:
            out.append([j(sess.run(c3, {p: flag})), j(sess.run(v))])
    return out


def case_case(tf):
    x = tf.placeholder(tf.int32, [], name="x")
    y = tf.case([(x < 0, lambda: -x), (x > 10, lambda: x - 10)], default=lambda: x * 2)
    z = tf.case([(x < 0, lambda: -x), (x > 10, lambda: x - 10)], exclusive=True)
    s = tf.case({x < 0: lambda: tf.constant(1), x >= 0: lambda: tf.constant(2)})
    out = [y.dtype.name, str(y.shape)]
    with tf.Session() as sess:
        out.append([j(sess.run(y, {x: v})) for v in [-3, 20, 5]])
        out.append([j(sess.run(z, {x: v})) for v in [-3, 20]])
        out.append(err(lambda: sess.run(z, {x: 5})))
        out.append([j(sess.run(s, {x: v})) for v in [-1, 1]])
    out.append(err(lambda: tf.case([(x, lambda: x)])))
    out.append(err(lambda: tf.case([])))
    return out


def case_make_template(tf):
    def dense(x, scale):
        w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
        return x * w * scale

    t = tf.make_template("dense", dense, scale=2.0)
    a = t(tf.constant([1.0, 2.0]))
    b = t(tf.constant([3.0, 4.0]))
    t2 = tf.make_template("dense", dense, scale=1.0)
    c = t2(tf.constant([1.0, 1.0]))

    def bad(x):
        return x * tf.Variable(1.0, name="fresh")

    tb = tf.make_template("bad", bad)
    tb(tf.constant(1.0))
    out = [[v.name for v in tf.global_variables()], t.variable_scope_name, t2.variable_scope_name,
           a.name, b.name, c.name, err(lambda: tb(tf.constant(2.0)))]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out.append(j(sess.run([a, b, c])))
    return out


def case_while_loop(tf):
    i = tf.constant(0, name="i")
    x = tf.constant(1.0, name="x")
    r = tf.while_loop(lambda i, x: i < 5, lambda i, x: (i + 1, x * 2.0), [i, x])
    v = tf.while_loop(lambda x: tf.reduce_sum(x) < 5, lambda x: tf.concat([x, x], 0),
                      [tf.constant([1.0])], shape_invariants=[tf.TensorShape([None])])
    m = tf.while_loop(lambda i: i < 5, lambda i: i + 1, [i], maximum_iterations=3)
    s = tf.while_loop(lambda i: i < 5, lambda i: i + 1, [i], return_same_structure=True)
    w = tf.placeholder(tf.float64, [2], name="w")
    y = tf.while_loop(lambda k, a: k < 3, lambda k, a: (k + 1, a * w + 1.0),
                      [tf.constant(0), tf.constant(np.ones(2))])[1]
    (g,) = tf.gradients(tf.reduce_sum(y), w)
    cnt = tf.Variable(0, name="cnt")
    z = tf.while_loop(lambda k: k < 4, lambda k: k + tf.assign_add(cnt, 1) * 0 + 1, [i])
    out = [[t.name, t.dtype.name, str(t.shape)] for t in [r[0], r[1], v, m, s[0], y]]
    out.append([type(r).__name__, type(s).__name__])
    with tf.Session() as sess:
        sess.run(cnt.initializer)
        out.append(j(sess.run([r, v, m, s])))
        out.append(j(sess.run([y, g], {w: [2.0, 3.0]})))
        out.append(j(sess.run(z)))
        out.append(j(sess.run(cnt)))
    out += [err(lambda: tf.while_loop(lambda x: tf.reduce_sum(x) < 5,
                                      lambda x: tf.concat([x, x], 0), [tf.constant([1.0])])),
            err(lambda: tf.while_loop(lambda i: i < 5, lambda i: (i, i), [i]))[0],
            err(lambda: tf.while_loop(lambda i: i, lambda i: i + 1, [i])),
            err(lambda: tf.while_loop(lambda i: i < 5, 3, [i]))]
    return out


def cases(tf):
    import harness  # this folder is on sys.path (the oracle runner, tests/framework_golden.py)
    return harness.run_all(tf, globals())
