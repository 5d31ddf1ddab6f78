"""tf.CriticalSection under TF 1.14 (critical_section.json) and flowgrad
(tests/test_critical_section.py): the ops execute builds (names, types, inputs, control
inputs, colocation), the collections, values, and the errors TF raises. Valid Python 3.7."""


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


def cases(tf):
    with tf.Graph().as_default():
        out = {"build": build(tf)}
    out["from_proto"] = from_proto(tf)
    return out
