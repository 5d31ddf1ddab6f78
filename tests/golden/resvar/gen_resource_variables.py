"""ResourceVariables under TF 1.14 (use_resource=True): the ops they create, their
properties, values after initializer/assign/scatter, gradients, and error messages
(tests/test_resource_variables.py runs the same case functions with flowgrad)."""
import numpy as np


def L(a):
    return np.asarray(a).tolist()


def _err(e):
    lines = [ln for ln in str(getattr(e, "message", e)).splitlines() if ln.strip()]
    return "%s: %s" % (type(e).__name__, lines[0].split("\t [[")[0].strip() if lines else "")


def _ops(g, start=0):
    return [[op.name, op.type, [t.name for t in op.inputs],
             sorted(c.name for c in op.control_inputs)] for op in g.get_operations()[start:]]


def creation(tf):
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable([1.0, 2.0], name="v", use_resource=True)
        made = _ops(g)
        n = len(g.get_operations())
        t = [v.value().name, v.read_value().name, tf.convert_to_tensor(v).name]
        a = v.assign([3.0, 4.0])
        b = v.assign_add([1.0, 1.0], read_value=False)
        c = tf.assign_sub(v, [1.0, 1.0])
        s = v.sparse_read([1, 0])
        tf.gather(v, [1])
        y = v * 2.0
        props = {
            "type": type(v).__name__, "is_variable": isinstance(v, tf.Variable),
            "name": v.name, "dtype": v.dtype.name, "shape": v.shape.as_list(),
            "op": [v.op.name, v.op.type], "handle": [v.handle.name, v.handle.dtype.name],
            "initializer": v.initializer.name, "initial_value": v.initial_value.name,
            "graph_element": v._as_graph_element().name, "trainable": v.trainable,
            "global": [x.name for x in tf.global_variables()],
            "trainable_vars": [x.name for x in tf.trainable_variables()],
            "assign": [type(a).__name__, a.name, a.op.name, a.dtype.name, a.shape.as_list()],
            "assign_add_op": [b.type, b.name], "assign_sub": [type(c).__name__, c.name],
            "sparse_read": [s.name, s.shape.as_list()], "mul": y.name, "reads": t,
            "repr": repr(v),
        }
        return {"made": made, "later": _ops(g, n), "props": props}


def get_variable_scopes(tf):
    g = tf.Graph()
    with g.as_default():
        with tf.variable_scope("outer", use_resource=True) as outer:
            with tf.variable_scope("inner"):
                w = tf.get_variable("w", [2, 3], initializer=tf.zeros_initializer())
            inner_flag = outer.use_resource
        u = tf.get_variable("u", [2], use_resource=True, initializer=tf.ones_initializer())
        r = tf.get_variable("r", [2], initializer=tf.ones_initializer())
        with tf.variable_scope("outer", reuse=True):
            with tf.variable_scope("inner"):
                w2 = tf.get_variable("w", [2, 3])
        with tf.variable_scope("plain", use_resource=True):
            p = tf.Variable(1.0, name="p")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            vals = sess.run([w, u])
        return {"types": [type(x).__name__ for x in (w, u, r, p)],
                "names": [x.name for x in (w, u, r, p)], "reuse_same": w2 is w,
                "flag": inner_flag, "ops": _ops(g), "values": [L(x) for x in vals]}


def enable_flag(tf):
    g = tf.Graph()
    with g.as_default():
        before = tf.resource_variables_enabled()
        tf.enable_resource_variables()
        try:
            during = tf.resource_variables_enabled()
            a = tf.Variable(1.0, name="a")
            b = tf.get_variable("b", [1])
            c = tf.Variable(1.0, name="c", use_resource=False)
        finally:
            tf.disable_resource_variables()
        d = tf.Variable(1.0, name="d")
        return {"flags": [before, during, tf.resource_variables_enabled()],
                "types": [type(x).__name__ for x in (a, b, c, d)]}


def values(tf):
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="v", use_resource=True)
        w = tf.Variable(v.initialized_value() * 2.0, name="w", use_resource=True)
        k = tf.Variable(0, name="k", use_resource=True)
        before = v.value()
        with tf.control_dependencies([before]):
            add = v.assign_add(tf.ones([3, 2]))
        with tf.control_dependencies([add.op]):
            after = v.read_value()
        sub = v.assign_sub(tf.ones([3, 2]) * 0.5)
        sadd = v.scatter_add(tf.IndexedSlices(tf.constant([[10.0, 10.0], [1.0, 1.0]]),
                                              tf.constant([2, 2])))
        supd = v.scatter_update(tf.IndexedSlices(tf.constant([[7.0, 8.0]]), tf.constant([0])))
        smul = v.scatter_sub(tf.IndexedSlices(tf.constant([[2.0, 3.0]]), tf.constant([1])))
        gat = v.sparse_read([2, 0, 2])
        cnt = k.count_up_to(2)
        init_flags = tf.is_variable_initialized(v)
        report = tf.report_uninitialized_variables()
        out = {}
        with tf.Session() as sess:
            out["flags0"] = [bool(sess.run(init_flags)), L(sess.run(report))]
            sess.run(tf.global_variables_initializer())
            out["flags1"] = [bool(sess.run(init_flags)), L(sess.run(report))]
            out["init"] = L(sess.run(v))
            out["w"] = L(sess.run(w))
            out["before_after"] = [L(x) for x in sess.run([before, after])]
            out["sub"] = L(sess.run(sub))
            out["scatter_add"] = L(sess.run(sadd))
            out["scatter_update"] = L(sess.run(supd))
            out["scatter_sub"] = L(sess.run(smul))
            out["gather"] = L(sess.run(gat))
            out["count"] = [L(sess.run(cnt)), L(sess.run(cnt))]
            try:
                sess.run(cnt)
            except Exception as e:  # noqa: BLE001
                out["count_error"] = _err(e)
            v.load([[0.5, 0.5], [1.5, 1.5], [2.5, 2.5]], sess)
            out["load"] = L(v.eval(sess))
            out["initialized_value"] = L(sess.run(v.initialized_value()))
        return out


def gradients(tf):
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="v", use_resource=True)
        y = tf.reduce_sum(v * v) + tf.reduce_sum(tf.matmul(v, v, transpose_b=True))
        gv = tf.gradients(y, v)[0]
        gh = tf.gradients(y, v.handle)[0]
        s = v.sparse_read([2, 0, 2])
        gs = tf.gradients(tf.reduce_sum(s * s), v)[0]
        gg = tf.gradients(tf.reduce_sum(tf.gather(v, [1, 1])), v)[0]
        mix = tf.gradients(tf.reduce_sum(s) + tf.reduce_sum(v), v)[0]
        out = {"kinds": [type(x).__name__ for x in (gv, gh, gs, gg, mix)],
               "names": [gv.name, gh.name]}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["dense"] = [L(x) for x in sess.run([gv, gh])]
            vals, idx, shape = sess.run([gs.values, gs.indices, gs.dense_shape])
            out["sparse"] = [L(vals), L(idx), L(shape)]
            out["gather"] = L(sess.run(tf.convert_to_tensor(gg)))
            out["mix"] = L(sess.run(tf.convert_to_tensor(mix)))
        return out


def errors(tf):
    out = {}
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable([1.0, 2.0], name="v", use_resource=True)
        w = tf.Variable([1.0, 2.0], name="w", use_resource=True)
        p = tf.placeholder(tf.float32)
        try:
            from tensorflow.python.ops import gen_resource_variable_ops as rvo
        except ImportError:   # flowgrad
            from flowgrad.ops import resource_variable_ops as rvo
        aa = tf.assign_add(v, [1.0, 1.0])
        big = rvo.assign_variable_op(v.handle, p)
        gat = v.sparse_read([5])
        try:
            v.assign([1.0, 2.0, 3.0])
        except Exception as e:  # noqa: BLE001
            out["assign_shape"] = _err(e)
        try:
            v.set_shape([2])
        except Exception as e:  # noqa: BLE001
            out["set_shape"] = _err(e)
        try:
            v += 1.0
        except Exception as e:  # noqa: BLE001
            out["iadd"] = _err(e)
        try:
            tf.scatter_mul(v, [0], [2.0])
        except Exception as e:  # noqa: BLE001
            out["scatter_mul"] = _err(e)
        with tf.Session() as sess:
            for key, fetch in (("read_empty", v.value()), ("assign_add_empty", aa)):
                try:
                    sess.run(fetch)
                except Exception as e:  # noqa: BLE001
                    out[key] = _err(e)
            sess.run(w.initializer)
            for key, fetch in (("read", v.value()), ("assign_add", aa)):
                try:
                    sess.run(fetch)
                except Exception as e:  # noqa: BLE001
                    out[key] = _err(e)
            sess.run(v.initializer)
            sess.run(big, {p: [1.0, 2.0, 3.0]})
            out["reshaped"] = L(sess.run(v.value()))
            try:
                sess.run(aa)
            except Exception as e:  # noqa: BLE001
                out["update_shape"] = _err(e)
            try:
                sess.run(gat)
            except Exception as e:  # noqa: BLE001
                out["gather_range"] = _err(e)
    return out


def ema_and_saver(tf):
    import os
    import shutil
    import tempfile
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable([1.0, 2.0], name="v", use_resource=True)
        w = tf.Variable([[0.5], [0.25]], name="w")
        ema = tf.train.ExponentialMovingAverage(0.9)
        up = ema.apply([v, w])
        avg = ema.average(v)
        inc = v.assign_add([1.0, 1.0], read_value=False)
        saver = tf.train.Saver()
        out = {"avg": [type(avg).__name__, avg.name],
               "ema_ops": sorted(set(op.type for op in g.get_operations()
                                     if op.name.startswith("ExponentialMovingAverage"))),
               "moving_average_variables": [x.name for x in tf.moving_average_variables()],
               "saved": sorted(op.type for op in g.get_operations()
                               if op.name.startswith("save/") and "Variable" in op.type)}
        d = tempfile.mkdtemp()
        try:
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                steps = []
                for _ in range(3):
                    sess.run(inc)
                    sess.run(up)
                    steps.append([L(x) for x in sess.run([v, avg, ema.average(w)])])
                out["steps"] = steps
                path = saver.save(sess, os.path.join(d, "model"))
                sess.run(v.assign([9.0, 9.0]))
                sess.run(avg.assign([7.0, 7.0]))
                saver.restore(sess, path)
                out["restored"] = [L(x) for x in sess.run([v, avg])]
        finally:
            shutil.rmtree(d)
    return out


def enabled_training(tf):
    g = tf.Graph()
    with g.as_default():
        tf.enable_resource_variables()
        try:
            w = tf.get_variable("w", [3], initializer=tf.ones_initializer())
            gs = tf.train.get_or_create_global_step()
            train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w)),
                                                         global_step=gs)
        finally:
            tf.disable_resource_variables()
        out = {"types": [type(x).__name__ for x in tf.global_variables()],
               "train": [type(train).__name__, train.name, train.type],
               "update_types": sorted(set(op.type for op in g.get_operations()
                                          if op.name.startswith("Adam/")))}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["run"] = [sess.run(train) for _ in range(3)]
            out["values"] = [L(x) for x in sess.run([w, gs])]
        return out


def assign_moving_average(tf):
    """keras.backend.moving_average_update's call on a resource variable (zero_debias)."""
    try:
        from tensorflow.python.training import moving_averages
    except ImportError:   # flowgrad
        from flowgrad.train import moving_averages
    g = tf.Graph()
    with g.as_default():
        x = tf.Variable([0.0, 0.0], name="mean", use_resource=True, trainable=False)
        val = tf.placeholder(tf.float32, [2])
        up = moving_averages.assign_moving_average(x, val, 0.9, zero_debias=True)
        up2 = moving_averages.assign_moving_average(x, val, 0.9, zero_debias=False)
        out = {"vars": [[v.name, type(v).__name__] for v in tf.global_variables()],
               "types": [type(up).__name__, type(up2).__name__]}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["debiased"] = [L(sess.run(up, {val: [1.0 + i, 2.0]})) for i in range(3)]
            out["plain"] = L(sess.run(up2, {val: [5.0, 5.0]}))
        return out


def cases(tf):
    return {f.__name__: f(tf) for f in (creation, get_variable_scopes, enable_flag, values,
                                         gradients, errors, ema_and_saver, enabled_training,
                                         assign_moving_average)}
