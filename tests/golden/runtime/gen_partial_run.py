"""Session.partial_run_setup / partial_run under TF 1.14 (DirectSession's PRunSetup / PRun):
the handle strings (sorted or as given, the session's counter, failed setups counted), a
step fed in several calls, fetches computed once their inputs are fed, each op run at most
once per handle (seeded random ops, a counter), a SparseTensor feed, what runs at setup
(the ops that need no feed), variables read when their reader runs and writes between
calls, TF's errors (class and first line: a feed or fetch not in the setup, fed or
fetched twice, a fetch whose inputs are not fed yet, a target fetched, a tensor that may
not be fed, a kernel failure dropping the handle, a failure at setup reported by the next
call), nested fetches, names, tf.cond and tf.while_loop across calls, InteractiveSession
and closing. Each case is one program in its own graph and session; it records every
call's value or error. Made on an Intel Xeon (the case "host" records its vendor),
though no value here depends on it."""
import numpy as np

from goldenio import host_vendor


def _rec(v):
    if isinstance(v, dict):
        return {str(k): _rec(x) for k, x in sorted(v.items())}
    if isinstance(v, (list, tuple)):
        return [type(v).__name__] + [_rec(x) for x in v]
    if v is None or isinstance(v, str):
        return v
    return [type(v).__name__, np.asarray(v)]


def _call(out, f):
    try:
        out.append(_rec(f()))
    except Exception as e:  # noqa: BLE001 - the error is the record
        out.append(["error", type(e).__name__, str(e).split("\n")[0]])


def _chain(tf, out):
    a = tf.placeholder(tf.float32, [], name="a")
    b = tf.placeholder(tf.float32, [], name="b")
    c = tf.placeholder(tf.float32, [], name="c")
    x = tf.placeholder(tf.float32, [], name="x")
    r1 = a + 2
    r2 = r1 * b
    r3 = r2 - c
    s = tf.Session()
    h = s.partial_run_setup([r1, r2, r3], [a, b, c])
    out.append(h)
    _call(out, lambda: s.partial_run(h, r1, {a: 1.0}))
    _call(out, lambda: s.partial_run(h, r1, {b: 1.0}))       # fetched twice
    _call(out, lambda: s.partial_run(h, r2, {a: 1.0}))       # fed twice
    _call(out, lambda: s.partial_run(h, r3, {b: 1.0}))       # c still pending
    _call(out, lambda: s.partial_run(h, a + 1, {b: 1.0}))    # not a fetch of the setup
    _call(out, lambda: s.partial_run(h, r2, {x: 1.0}))       # not a feed of the setup
    _call(out, lambda: s.partial_run(h, [r2, r1.op], {b: 3.0}))   # a target
    _call(out, lambda: s.partial_run(h, [], {}))
    _call(out, lambda: s.partial_run(h, [r2], {b: 3.0}))
    _call(out, lambda: s.partial_run(h, (r3,), {c: 3.0}))
    _call(out, lambda: s.partial_run(h, r3, {c: 3.0}))       # done: the handle is gone
    _call(out, lambda: s.partial_run("bogus", r3, {c: 3.0}))
    h2 = s.partial_run_setup([r1, r2, r3], [a, b, c])
    out.append(h2)
    _call(out, lambda: s.partial_run(h2, [r3, r2], {a: 1.0, b: 2.0, c: 3.0}))
    _call(out, lambda: s.partial_run(h2, [], {c: 3.0}))
    _call(out, lambda: s.partial_run(h2, r1))
    _call(out, lambda: s.partial_run(h2, r1))
    # the walk of TF's CheckFetch goes on through fed tensors
    h3 = s.partial_run_setup([r2], [a, r1, b])
    _call(out, lambda: s.partial_run(h3, r2, {r1: 5.0, b: 2.0}))
    _call(out, lambda: s.partial_run(h3, r2, {a: 0.0}))
    # the first pending feed the walk meets is named
    abc = a * b + c
    h4 = s.partial_run_setup([abc], [c, b, a])
    _call(out, lambda: s.partial_run(h4, abc, {}))
    _call(out, lambda: s.partial_run(h4, abc.name, {"a:0": 1.0}))
    _call(out, lambda: s.partial_run(h4, abc.name, {"b:0": 2.0, c: 4.0}))
    _call(out, lambda: s.partial_run(h4, abc.name, {"b:0": 2.0, c: 4.0}))


def _handles(tf, out):
    p = tf.placeholder(tf.float32, [], name="p")
    q = tf.placeholder(tf.float32, [], name="q")
    w = tf.placeholder(tf.float32, [], name="w")
    z = p * q + w
    s = tf.Session()
    out.append(s.partial_run_setup([z], [p]))
    _call(out, lambda: s.partial_run_setup([], [p, p]))
    _call(out, lambda: s.partial_run_setup([]))
    _call(out, lambda: s.partial_run_setup([z], [p, p]))
    _call(out, lambda: s.partial_run_setup([z, z.op], [w, z]))
    out.append(s.partial_run_setup([z], [w, q, p]))
    out.append(s.partial_run_setup([z], [q, w, p]))
    out.append(s.partial_run_setup([z], [p, q, w]))
    out.append(s.partial_run_setup([z], [w, q, p]))
    out.append(s.partial_run_setup([z, z.op, p * 2], [q, w]))
    out.append(s.partial_run_setup({"k": z, "j": [z.op]}, p))
    _call(out, lambda: s.partial_run_setup([z], 3))
    _call(out, lambda: s.partial_run_setup([z], ["nope:0"]))
    _call(out, lambda: s.partial_run_setup([z], [z.op]))
    _call(out, lambda: s.partial_run_setup(None))
    out.append(s.partial_run_setup(z, ["p:0", q]))
    s.close()
    _call(out, lambda: s.partial_run_setup([z], [p]))
    with tf.Graph().as_default():
        s2 = tf.Session()
        _call(out, lambda: s2.partial_run_setup([]))


def _random(tf, out):
    tf.set_random_seed(5)
    b = tf.placeholder(tf.float32, [], name="b")
    rnd = tf.random_normal([3])
    ry = rnd * b
    uni = tf.random_uniform([2], seed=9)
    uy = uni + b
    s = tf.Session()
    _call(out, lambda: s.run(rnd))
    h = s.partial_run_setup([rnd, ry, uy], [b])
    _call(out, lambda: s.partial_run(h, ry, {b: 2.0}))    # rnd ran once, at setup
    _call(out, lambda: s.partial_run(h, rnd))
    _call(out, lambda: s.run([rnd, uni]))
    _call(out, lambda: s.partial_run(h, uy))
    _call(out, lambda: s.run([rnd, uni]))
    h = s.partial_run_setup([uy, uni], [b])
    _call(out, lambda: s.partial_run(h, uni))
    _call(out, lambda: s.run(uni))
    _call(out, lambda: s.partial_run(h, uy, {b: 10.0}))
    _call(out, lambda: s.run([rnd, uni]))


def _sparse_and_stateful(tf, out):
    # a SparseTensor feed (its three tensors), RandomShuffle and Multinomial run at setup
    tf.set_random_seed(1)
    sp = tf.sparse_placeholder(tf.float32, [3], name="sp")
    b = tf.placeholder(tf.float32, [], name="b")
    d = tf.sparse_tensor_to_dense(sp)
    sh = tf.random.shuffle(tf.range(6))
    mn = tf.multinomial([[0.1, 0.5, 0.4]], 5)
    y = d * b
    s = tf.Session()
    h = s.partial_run_setup([d, y, sh, mn], [sp, b])
    out.append(h)
    _call(out, lambda: s.partial_run(h, d, {sp: tf.SparseTensorValue([[1]], [2.0], [3])}))
    _call(out, lambda: s.partial_run(h, [y, sh], {b: 3.0}))
    _call(out, lambda: s.run([sh, mn]))
    _call(out, lambda: s.partial_run(h, mn))
    h = s.partial_run_setup([d, y], [sp, b])
    _call(out, lambda: s.partial_run(h, [d, y], {sp: ([[0]], [1.0], [3]), b: 2.0}))


def _variables(tf, out):
    a = tf.placeholder(tf.float32, [], name="a")
    v = tf.Variable(1.0, name="v")
    x = v * 1.0
    upd = v.assign_add(a)
    with tf.control_dependencies([upd]):
        after = v * 3.0
    z = v * a
    rv = tf.get_variable("rv", initializer=4.0, use_resource=True)
    t = rv.read_value()
    z2 = t * a
    c = tf.Variable(0.0, name="c")
    inc = c.assign_add(1.0)
    y = inc * a
    s = tf.Session()
    s.run(tf.global_variables_initializer())
    h = s.partial_run_setup([x, upd, after], [a])
    _call(out, lambda: s.partial_run(h, x))               # ran at setup
    _call(out, lambda: s.partial_run(h, upd, {a: 5.0}))
    _call(out, lambda: s.partial_run(h, after))
    _call(out, lambda: s.run(v))
    h = s.partial_run_setup([z], [a])
    _call(out, lambda: s.run(v.assign(100.0)))
    _call(out, lambda: s.partial_run(h, z, {a: 2.0}))     # v read when Mul runs
    h = s.partial_run_setup([t, z2], [a])
    _call(out, lambda: s.partial_run(h, t))
    _call(out, lambda: s.run(rv.assign(7.0)))
    _call(out, lambda: s.partial_run(h, z2, {a: 2.0}))    # t was read at setup
    h = s.partial_run_setup([inc, y], [a])
    _call(out, lambda: s.partial_run(h, y, {a: 3.0}))
    _call(out, lambda: s.partial_run(h, inc))
    _call(out, lambda: s.run(c))                          # the AssignAdd ran once


def _writes_between(tf, out):
    # a read of a variable at setup shares its buffer: runs writing the variable before
    # the call that feeds the reader are seen (Assign, AssignAdd, ScatterAdd), and so are
    # they through the reference an AssignAdd gives
    a = tf.placeholder(tf.float32, [], name="a")
    v = tf.Variable(1.0, name="v")
    z = v * a
    w = tf.Variable([1.0, 2.0], name="w")
    wz = w * a
    s = tf.Session()
    s.run(tf.global_variables_initializer())
    h = s.partial_run_setup([z], [a])
    _call(out, lambda: s.run(v.assign(5.0)))
    _call(out, lambda: s.partial_run(h, z, {a: 2.0}))
    h = s.partial_run_setup([z], [a])
    _call(out, lambda: s.run(v.assign_add(5.0)))
    _call(out, lambda: s.partial_run(h, z, {a: 2.0}))
    h = s.partial_run_setup([wz], [a])
    _call(out, lambda: s.run(tf.scatter_add(w, [0], [10.0])))
    _call(out, lambda: s.partial_run(h, wz, {a: 2.0}))
    c = tf.Variable(0.0, name="c")
    inc = c.assign_add(1.0)   # its reference, read by a later call
    y = inc * a
    s.run(c.initializer)
    h = s.partial_run_setup([y, inc.op], [a])
    _call(out, lambda: s.run(c.assign_add(10.0)))
    _call(out, lambda: s.partial_run(h, y, {a: 3.0}))
    h = s.partial_run_setup([y, inc.op], [a])
    _call(out, lambda: s.run(c.assign(100.0)))
    _call(out, lambda: s.partial_run(h, y, {a: 3.0}))
    _call(out, lambda: s.run(c))


def _failures(tf, out):
    a = tf.placeholder(tf.float32, [], name="a")
    q = tf.placeholder(tf.float32, [], name="q")
    cn = tf.debugging.check_numerics(a, "bad")
    r1 = a + 2
    s = tf.Session()
    h = s.partial_run_setup([cn, r1], [a])
    _call(out, lambda: s.partial_run(h, cn, {a: np.nan}))
    _call(out, lambda: s.partial_run(h, r1))
    h = s.partial_run_setup([r1 + q], [a])   # q is never fed: it fails at setup
    _call(out, lambda: s.partial_run(h, [], {}))
    _call(out, lambda: s.partial_run(h, "add_1:0", {"q:0": 1.0}))
    _call(out, lambda: s.partial_run(h, "add_1:0", {a: 1.0}))
    _call(out, lambda: s.partial_run(h, "add_1:0", {a: 1.0}))
    h = s.partial_run_setup([r1], [a])
    _call(out, lambda: s.partial_run(h, r1, {a: [1.0, 2.0]}))
    _call(out, lambda: s.partial_run(h, r1, {a: "x"}))
    _call(out, lambda: s.partial_run(h, r1, {"nope:0": 1.0}))
    _call(out, lambda: s.partial_run(h, r1, {a: 5}))
    r2 = r1 * 2.0
    tf.get_default_graph().prevent_feeding(r1)
    h = s.partial_run_setup([r2], [r1])
    _call(out, lambda: s.partial_run(h, r2, {r1: 1.0}))


def _control_flow(tf, out):
    a = tf.placeholder(tf.float32, [], name="a")
    p = tf.placeholder(tf.bool, [], name="p")
    b = tf.placeholder(tf.float32, [], name="b")
    x = tf.cond(p, lambda: a * 2.0, lambda: a * 3.0)
    y = x + b
    s = tf.Session()
    h = s.partial_run_setup([x, y], [a, p, b])
    _call(out, lambda: s.partial_run(h, [], {a: 1.0}))
    _call(out, lambda: s.partial_run(h, x, {p: False}))
    _call(out, lambda: s.partial_run(h, y, {b: 1.0}))
    h = s.partial_run_setup([x, y], [a, p, b])
    _call(out, lambda: s.partial_run(h, x, {p: True, a: 2.0}))
    _call(out, lambda: s.partial_run(h, y, {b: 1.0}))
    i = tf.while_loop(lambda i: i < 10.0, lambda i: i + a, [0.0])
    z = i * b
    h = s.partial_run_setup([i, z], [a, b])
    _call(out, lambda: s.partial_run(h, i, {a: 3.0}))
    _call(out, lambda: s.partial_run(h, z, {b: 2.0}))


def _structures(tf, out):
    a = tf.placeholder(tf.float32, [2], name="a")
    b = tf.placeholder(tf.int32, [], name="b")
    m = tf.reduce_sum(a)
    n = m * tf.cast(b, tf.float32)
    k = tf.stack([m, n])
    s = tf.Session()
    h = s.partial_run_setup({"m": m, "rest": (n, [k])}, [a, b])
    out.append(h)
    _call(out, lambda: s.partial_run(h, {"m": m, "again": "Sum:0"}, {"a:0": [1.5, 2.0]}))
    _call(out, lambda: s.partial_run(h, {"m": m}, {b: 2}))
    _call(out, lambda: s.partial_run(h, [n, (k,)], {b: 2}))
    h = s.partial_run_setup([k], [m, b])     # a tensor inside the graph fed
    _call(out, lambda: s.partial_run(h, k, {m: 10.0, b: 3}))
    h = s.partial_run_setup([n], [a, b])
    _call(out, lambda: s.partial_run(h, [], {a: np.ones(2, np.float32)}))
    s.close()
    _call(out, lambda: s.partial_run(h, n, {b: 1}))
    _call(out, lambda: s.partial_run_setup([n], [a, b]))


def _interactive(tf, out):
    # (InteractiveSession places the pruned graph: TF's CheckFetch then finds no node of
    # a feed still pending after the call, "not found")
    a = tf.placeholder(tf.float32, [], name="a")
    b = tf.placeholder(tf.float32, [], name="b")
    c = tf.placeholder(tf.float32, [], name="c")
    m = a * 2.0
    n = m + b + c
    s = tf.InteractiveSession()
    try:
        h = s.partial_run_setup([m, n], [a, b, c])
        out.append(h)
        _call(out, lambda: s.partial_run(h, m, {a: 1.0}))
        _call(out, lambda: s.partial_run(h, [], {b: 2.0}))
        _call(out, lambda: s.partial_run(h, m, {b: 2.0, c: 3.0}))
        _call(out, lambda: s.partial_run(h, [m, n], {b: 2.0, c: 3.0}))
        h = s.partial_run_setup([m, n], [a, b, c])
        _call(out, lambda: s.partial_run(h, [m, n], {c: 3.0, b: 2.0, a: 1.0}))
        _call(out, lambda: m.eval())
        for feeds in ([b, a], [a, c, b], [c, a, b], [b, c]):
            h = s.partial_run_setup([n], feeds)
            _call(out, lambda: s.partial_run(h, n, {a: 1.0}))
        h = s.partial_run_setup([m * 3.0], [b])
        _call(out, lambda: s.partial_run(h, "mul_1:0"))
        h = s.partial_run_setup([n], [a, b, c])
        s.close()
        _call(out, lambda: s.partial_run(h, n, {c: 3.0, b: 2.0, a: 1.0}))
    finally:   # (an InteractiveSession left open keeps its graph the default)
        s.close()


CASES = [_chain, _handles, _random, _sparse_and_stateful, _variables, _writes_between,
         _failures, _structures, _interactive, _control_flow]


def run_case(tf, build):
    out = []
    with tf.Graph().as_default():
        build(tf, out)
    return out


def cases(tf):
    got = {f.__name__[1:]: run_case(tf, f) for f in CASES}
    got["host"] = host_vendor()
    return got
