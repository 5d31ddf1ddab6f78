"""tf.CriticalSection under TF 1.14 (critical_section.json) and flowgrad
(tests/test_critical_section.py): the ops execute builds (names, types, inputs, control
inputs, colocation), the collections, values, and the errors TF raises. Valid Python 3.7."""
import threading
import time


def _ops(g, n0=0):
    return [[o.name, o.type, [i.name for i in o.inputs], [c.name for c in o.control_inputs],
             o.colocation_groups()] for o in g.get_operations()[n0:]]


def _err(fn):
    try:
        fn()
        return "no error"
    except (ValueError, TypeError, NotImplementedError) as e:
        return [type(e).__name__, str(e)]


def build(tf):
    out = {}
    g = tf.get_default_graph()
    v = tf.get_variable("v", initializer=0.0, use_resource=True)
    w = tf.get_variable("w", initializer=5.0, use_resource=True)
    n0 = len(g.get_operations())
    cs = tf.CriticalSection()
    out["name"] = [cs.name, cs._handle.name, cs._handle.op.type, str(cs._handle.dtype)]

    def count():
        value = v.read_value()
        with tf.control_dependencies([value]):
            with tf.control_dependencies([v.assign_add(1.0, read_value=False)]):
                return tf.identity(value)
    f1 = cs.execute(count)
    f2 = cs.execute(count, name="second")
    out["outputs"] = [f1.name, f2.name]
    pair = cs.execute(lambda: (w.read_value(), {"k": tf.constant(2)}),
                      exclusive_resource_access=False, name="nested")
    out["structure"] = [pair[0].name, pair[1]["k"].name]
    out["collections"] = [len(g.get_collection("critical_sections")),
                          [[s.op.name, s.handle.name, [r.name for r in s.resources],
                            s.exclusive_resource_access]
                           for s in g.get_collection("critical_section_executions")]]
    with tf.Session() as s:
        s.run([v.initializer, w.initializer])
        out["values"] = [sorted(s.run([f1, f2])), s.run(v)]
        out["structure_values"] = s.run(pair)
    cs2 = tf.CriticalSection(name="other", shared_name="shr")
    shared = cs2._handle.op.get_attr("shared_name")   # (flowgrad keeps string attrs as str)
    out["other"] = [cs2.name, shared.decode() if isinstance(shared, bytes) else shared]
    out["exclusive"] = _err(lambda: cs2.execute(count))
    out["shared_ok"] = cs2.execute(lambda: w.read_value() * 2.0,
                                   exclusive_resource_access=False).name
    out["nested_self"] = _err(lambda: cs.execute(lambda: cs.execute(count)))
    out["def_and_name"] = _err(lambda: tf.CriticalSection(name="x", critical_section_def=1))
    cs3 = tf.CriticalSection(name="ops")
    res = cs3.execute(lambda: [tf.no_op(name="nop"), tf.constant(1.5)])
    out["op_result"] = [[type(x).__name__, x.name] for x in res]
    with tf.Session() as s:
        out["op_result_run"] = s.run(res)
    out["ops"] = _ops(g, n0)
    return out


def from_proto(tf):
    """TF 1.14 has no CriticalSection from a CriticalSectionDef: its own
    NotImplementedError."""
    with tf.Graph().as_default():
        try:
            tf.CriticalSection(critical_section_def=object())
            return "no error"
        except NotImplementedError as e:
            return "NotImplementedError: %s" % e


def more(tf):
    """TF's critical_section_test cases as TF 1.14 has them: recursive access through a
    section of the same shared_name, executions capturing another execution's result, a
    section inside a while_loop body, resources requested by two sections."""
    out = {}
    with tf.Graph().as_default():
        cs = tf.CriticalSection(shared_name="cs")
        cs_same = tf.CriticalSection(shared_name="cs")
        out["same_shared_name"] = _err(
            lambda: cs.execute(lambda: cs_same.execute(lambda: tf.constant(1.0) + 1)))
    with tf.Graph().as_default():
        cs = tf.CriticalSection(shared_name="cs")
        to_capture = cs.execute(lambda: tf.identity(1.0))
        to_capture_too = tf.identity(to_capture)
        ex_0 = cs.execute(lambda: 1.0 + to_capture)
        with tf.control_dependencies([to_capture]):
            ex_1 = cs.execute(lambda: 1.0 + to_capture)
        dependency = tf.identity(to_capture)
        ex_2 = cs.execute(lambda: 1.0 + dependency)
        with tf.control_dependencies([to_capture_too]):
            ex_3 = cs.execute(lambda: 1.0 + dependency)
        lock = ex_0.graph.get_operation_by_name("critical_section_execute_1/MutexLock")
        out["captured_lock_deps"] = [c.name for c in lock.control_inputs]
        with tf.Session() as s:
            out["captured"] = [float(x) for x in s.run([ex_0, ex_1, ex_2, ex_3])]
    with tf.Graph().as_default():
        cs0 = tf.CriticalSection()
        cs1 = tf.CriticalSection()
        v = tf.Variable(0.0, name="v", use_resource=True)
        cs0.execute(lambda: v + 1)
        cs0.execute(lambda: v - 1)
        r = []
        r.append(_err(lambda: cs1.execute(lambda: v + 1)))
        r.append(_err(lambda: cs1.execute(lambda: v + 1, exclusive_resource_access=False)))
        v2 = tf.Variable(0.0, name="v2", use_resource=True)
        cs0.execute(lambda: v2 + 1, exclusive_resource_access=False)
        r.append(_err(lambda: cs1.execute(lambda: v2 + 1, exclusive_resource_access=False)))
        r.append(_err(lambda: cs1.execute(lambda: v2 + 1)))
        out["two_sections"] = r
    with tf.Graph().as_default():
        cs = tf.CriticalSection()
        v = tf.Variable(0, name="v", use_resource=True)

        def body(i):
            return cs.execute(lambda: v + i + 1)
        loop = tf.while_loop(lambda i: i < 10, body, [0])
        with tf.Session() as s:
            s.run(v.initializer)
            out["while_loop"] = int(s.run(loop))
    with tf.Graph().as_default():
        cs = tf.CriticalSection()
        res = cs.execute(lambda: tf.no_op(name="only"))
        out["op_only"] = [type(res).__name__, res.name]
        out["no_result"] = _err(lambda: cs.execute(lambda: None))
    return out

def returns(tf):
    """What execute builds and returns for fn results of each kind: a Python number, a
    resource variable, an assign_add's unread value, a reference variable, a mix, two
    outputs of one op (one gate)."""
    out = {}
    fns = [("float", lambda v, rv: 1.0), ("resource_variable", lambda v, rv: v),
           ("assign_add", lambda v, rv: v.assign_add(1.0)), ("ref_variable", lambda v, rv: rv),
           ("ref_assign_add", lambda v, rv: rv.assign_add(1.0)),
           ("mixed", lambda v, rv: [v.assign_add(1.0), 2]),
           ("unique", lambda v, rv: tf.unique([1, 2, 1]))]
    for label, fn in fns:
        with tf.Graph().as_default() as g:
            v = tf.get_variable("v", initializer=0.0, use_resource=True)
            rv = tf.Variable(0.0, name="rv")
            cs = tf.CriticalSection()
            n0 = len(g.get_operations())
            r = cs.execute(lambda: fn(v, rv))
            ops = _ops(g, n0)
            with tf.Session() as s:
                s.run([v.initializer, rv.initializer])
                out[label] = [ops, s.run(r)]
    return out

def close_while_waiting(tf, until_waiting):
    """Session.close while one run holds the section (its fn in a py_func that blocks
    until released) and a second run waits for the lock: what the waiting run raises.
    `until_waiting(sess)` returns once the second run waits (TF: a pause)."""
    release, entered = threading.Event(), threading.Event()

    def block(x):
        entered.set()
        release.wait(30)
        return x
    res = {}
    with tf.Graph().as_default():
        cs = tf.CriticalSection()
        v = tf.get_variable("v", initializer=1.0, use_resource=True)
        hold = cs.execute(lambda: tf.py_func(block, [v.read_value()], tf.float32),
                          exclusive_resource_access=False)
        other = cs.execute(lambda: v.read_value() * 2.0, exclusive_resource_access=False)
        sess = tf.Session()
        sess.run(v.initializer)
        sess.run(other)

        def run(key, fetch):
            try:
                res[key] = float(sess.run(fetch))
            except tf.errors.OpError as e:
                res[key] = [type(e).__name__, str(e).split("\n")[0]]
        a = threading.Thread(target=run, args=("a", hold))
        a.start()
        entered.wait(30)
        b = threading.Thread(target=run, args=("b", other))
        b.start()
        until_waiting(sess)
        sess.close()
        b.join(30)
        out = {"b": res.get("b"), "b_ended": not b.is_alive()}
        release.set()
        a.join(30)
        out["a_ended"] = not a.is_alive()
        return out


def cases(tf):
    with tf.Graph().as_default():
        out = {"build": build(tf)}
    out["from_proto"] = from_proto(tf)
    out["more"] = more(tf)
    out["returns"] = returns(tf)
    out["close_while_waiting"] = close_while_waiting(tf, lambda sess: time.sleep(1.0))
    return out
