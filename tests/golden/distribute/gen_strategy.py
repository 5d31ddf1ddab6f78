"""TF 1.14's tf.distribute on a CPU-only machine: the default strategy and its replica
context, OneDeviceStrategy("/cpu:0") and MirroredStrategy() (one device, /cpu:0): their
devices, the variables made in scope() (class, name, device, ops), experimental_run_v2 and
reduce (values and the ops they build), merge_call / all_reduce, update, dataset
iterators feeding an optimizer's minimize in a session loop, ReduceOp, InputContext and
the errors TF raises.

    python tools/goldens.py regen distribute/strategy
"""
import re

import numpy as np

STRATEGIES = ("one_device", "mirrored")


def _make(tf, kind):
    if kind == "one_device":
        return tf.distribute.OneDeviceStrategy("/cpu:0")
    return tf.distribute.MirroredStrategy()


_OBJECT = re.compile(r"<(?:\w+\.)+(\w+) object at 0x[0-9a-f]+>")


def _err(f):
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the class and message are the golden
        # an object's repr in a message: its class alone (no module path, no address)
        return [type(e).__name__, _OBJECT.sub(r"<\1 object>", str(e).split("\n")[0])]
    return None


def _err_or(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001 - the class and message are the golden
        return [type(e).__name__, str(e).split("\n")[0]]


def _ops(g, start=0):
    return [[op.name, op.type, op.device] for op in g.get_operations()[start:]]


def default_strategy(tf):
    ds = tf.distribute
    s = ds.get_strategy()
    rc = ds.get_replica_context()
    out = {"class": type(s).__name__, "has": ds.has_strategy(),
           "cross": ds.in_cross_replica_context(), "rc_class": type(rc).__name__,
           "num": s.num_replicas_in_sync, "rc_num": rc.num_replicas_in_sync,
           "rc_id": rc.replica_id_in_sync_group, "rc_strategy": rc.strategy is s,
           "rc_devices": list(rc.devices), "loss_reduction": str(ds.get_loss_reduction()),
           "worker_devices": _err(lambda: s.extended.worker_devices),
           "parameter_devices": _err(lambda: s.extended.parameter_devices)}
    with tf.Graph().as_default() as g:
        with s.scope():
            out["scope"] = [ds.has_strategy(), ds.in_cross_replica_context(),
                            ds.get_replica_context() is None]
            v = tf.Variable(1.0, name="dv")
            out["var"] = [type(v).__name__, v.name, v.device]
        r = s.experimental_run_v2(lambda x: x + 1, args=(tf.constant(1.0),))
        out["run"] = [r.name, s.reduce("SUM", r, None).name,
                      [t.name for t in s.experimental_local_results(r)]]
        m = rc.merge_call(lambda st, x: (type(st).__name__, x, ds.in_cross_replica_context()),
                          args=(3,))
        out["merge"] = list(m)
        a = rc.all_reduce(ds.ReduceOp.SUM, tf.constant([1.0, 2.0]))
        out["all_reduce"] = [a.name, a.op.type]
        out["ops"] = _ops(g)
        with tf.Session() as sess:
            out["values"] = sess.run([r, a])
    return out


def enums(tf):
    ds = tf.distribute
    ic = ds.InputContext(2, 1, 4)
    return {"reduce_ops": [str(x) for x in ds.ReduceOp],
            "values": [x.value for x in ds.ReduceOp],
            "from_str": str(ds.ReduceOp("MEAN")),
            "bad": _err(lambda: ds.ReduceOp("MAX")),
            "from_agg": str(ds.ReduceOp.from_variable_aggregation(
                tf.VariableAggregation.MEAN)),
            "from_agg_bad": [_err(lambda: ds.ReduceOp.from_variable_aggregation(a)) for a in (
                tf.VariableAggregation.NONE, tf.VariableAggregation.ONLY_FIRST_REPLICA)],
            "modes": [str(x) for x in ds.InputReplicationMode],
            "ic_default": [ds.InputContext().num_input_pipelines,
                           ds.InputContext().input_pipeline_id,
                           ds.InputContext().num_replicas_in_sync],
            "ic": [ic.num_input_pipelines, ic.input_pipeline_id, ic.num_replicas_in_sync,
                   ic.get_per_replica_batch_size(8)],
            "ic_bad": _err(lambda: ic.get_per_replica_batch_size(7))}


def construction(tf):
    ds = tf.distribute
    return {
        "mirrored_2gpu": _err(lambda: ds.MirroredStrategy(devices=["/gpu:0", "/gpu:1"])),
        "mirrored_2gpu_num": ds.MirroredStrategy(
            devices=["/gpu:0", "/gpu:1"]).num_replicas_in_sync,
        "mirrored_gpu": list(ds.MirroredStrategy(devices=["/gpu:0"]).extended.worker_devices),
        "mirrored_empty": _err(lambda: ds.MirroredStrategy(devices=[])),
        "mirrored_dup": _err(lambda: ds.MirroredStrategy(devices=["/cpu:0", "/cpu:0"])),
        "one_gpu": list(ds.OneDeviceStrategy("/gpu:0").extended.worker_devices),
        "one_cpu": list(ds.OneDeviceStrategy("cpu:0").extended.worker_devices),
        "mirrored_cdo": ds.MirroredStrategy(
            cross_device_ops=ds.ReductionToOneDevice()).num_replicas_in_sync,
        "hier_packs": ds.HierarchicalCopyAllReduce(2)._num_packs,
        "nccl_packs": ds.NcclAllReduce()._num_packs,
    }


def scope_and_run(tf, kind):
    ds = tf.distribute
    out = {}
    with tf.Graph().as_default() as g:
        st = _make(tf, kind)
        ext = st.extended
        out["class"] = [type(st).__name__, type(ext).__name__, st.num_replicas_in_sync]
        out["devices"] = [list(ext.worker_devices), list(ext.parameter_devices)]
        out["flags"] = [_err_or(lambda: getattr(ext, name)) for name in (
            "experimental_between_graph", "experimental_should_init", "should_checkpoint",
            "should_save_summary", "experimental_require_static_shapes")]
        out["outside"] = [ds.has_strategy(), ds.get_strategy() is st]
        default = ds.get_strategy()
        with st.scope():
            out["inside"] = [ds.has_strategy(), ds.get_strategy() is st,
                             ds.in_cross_replica_context(), ds.get_replica_context() is None]
            v = tf.Variable(1.0, name="v")
            w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
            out["vars"] = [[type(x).__name__, x.name, x.device, x.op.type] for x in (v, w)]
            out["var_ops"] = _ops(g)
            out["collections"] = [[x.name for x in tf.global_variables()],
                                  [x.name for x in tf.trainable_variables()]]
            n0 = len(g.get_operations())

            def fn(x):
                ctx = ds.get_replica_context()
                out["replica"] = [type(ctx).__name__, ds.in_cross_replica_context(),
                                  ctx.num_replicas_in_sync]
                return x * 2.0 + v
            r = st.experimental_run_v2(fn, args=(tf.constant([1.0, 2.0]),))
            red = st.reduce(ds.ReduceOp.SUM, r, axis=None)
            red0 = st.reduce(ds.ReduceOp.SUM, r, axis=0)
            redm = st.reduce(ds.ReduceOp.MEAN, r, axis=0)
            redm_none = st.reduce("mean", r, None)
            out["run_names"] = [t.name for t in (r, red, red0, redm, redm_none)]
            out["local"] = [t.name for t in st.experimental_local_results(r)]
            out["run_ops"] = _ops(g, n0)
            out["errors"] = {
                "nested_run": _err(lambda: st.experimental_run_v2(
                    lambda: st.experimental_run_v2(lambda: 1))),
                "reduce_in_replica": _err(lambda: st.experimental_run_v2(
                    lambda: st.reduce("SUM", 1.0, None))),
                "bad_op": _err(lambda: st.reduce("MAX", tf.constant([1.0]), None)),
                "bad_op_axis": _err(lambda: st.reduce(3, tf.constant([1.0]), 0)),
                "axis_range": _err(lambda: st.reduce("MEAN", tf.constant([1.0]), 1)),
                "update_in_replica": _err(lambda: st.experimental_run_v2(
                    lambda: ext.update(v, lambda x: x.assign(1.0)))),
                "nested_scope": _err(lambda: _nested(tf, st)),
                "scope_in_replica": _err(lambda: st.experimental_run_v2(
                    lambda: st.scope().__enter__())),
                "default_scope_inside": _err(lambda: default.scope()),
            }
            with st.scope() as again:
                out["again"] = [again is st, ds.in_cross_replica_context()]
            out["after_again"] = [ds.has_strategy(), ds.in_cross_replica_context()]
            kw = st.experimental_run_v2(lambda a, b=1: a + b, args=(tf.constant(1),),
                                        kwargs={"b": tf.constant(5)})

            def rfn():
                ctx = ds.get_replica_context()
                a = ctx.all_reduce(ds.ReduceOp.SUM, tf.constant([1.0, 2.0]))
                b = ctx.merge_call(lambda s, y: (type(s).__name__,
                                                 ds.in_cross_replica_context(), y), args=(5,))
                return a, b
            ar, merged = st.experimental_run_v2(rfn)
            out["merge"] = list(merged)
            n1 = len(g.get_operations())
            up = ext.update(v, lambda x, d: x.assign_add(d), args=(2.0,))
            out["update_ops"] = _ops(g, n1)
            rv = ext.read_var(w)
            out["misc"] = [ext.value_container(w) is w, [x.name for x in st.unwrap(w)],
                           list(ext.non_slot_devices([w])), ext.variable_created_in_scope(w)]
        out["run_outside_scope"] = st.experimental_run_v2(lambda: tf.constant(1.0) + 1).name
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["values"] = sess.run([r, red, red0, redm, redm_none, kw, ar])
            sess.run(up)
            out["after_update"] = sess.run([v, rv])
        out["init_ops"] = _ops(g, len(g.get_operations()) - 4)
    return out


def _nested(tf, st):
    other = tf.distribute.OneDeviceStrategy("/cpu:0")
    with st.scope():
        with other.scope():
            pass


def training(tf, kind):
    ds = tf.distribute
    out = {}
    with tf.Graph().as_default() as g:
        st = _make(tf, kind)
        data = np.arange(12, dtype=np.float32).reshape(6, 2)
        with st.scope():
            dataset = tf.data.Dataset.from_tensor_slices(data).batch(2)
            it = st.make_dataset_iterator(dataset)
            out["iterator"] = [type(it).__name__, str(it.output_types),
                               str(it.output_shapes)]
            w = tf.Variable([[1.0], [2.0]], name="w")
            opt = tf.train.GradientDescentOptimizer(0.1)

            def step(x):
                loss = tf.reduce_sum(tf.matmul(x, w))
                train = opt.minimize(loss)
                with tf.control_dependencies([train]):
                    return tf.identity(loss)
            n0 = len(g.get_operations())
            per_replica = st.experimental_run(step, it)
            loss = st.reduce(ds.ReduceOp.MEAN, per_replica, axis=None)
            out["step_ops"] = [[op.name, op.type] for op in g.get_operations()[n0:]
                               if not op.name.startswith("gradients/")]
            dd = st.experimental_distribute_dataset(dataset)
            it2 = dd.make_initializable_iterator()
            out["dist"] = [type(dd).__name__, type(it2).__name__]
            out2 = st.experimental_run_v2(step, args=(it2.get_next(),))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(it.initialize())
            out["losses"] = [sess.run(loss) for _ in range(3)]
            out["w"] = sess.run(w)
            out["exhausted"] = _err(lambda: sess.run(loss))[0]
            sess.run(it2.initializer)
            out["losses2"] = [sess.run(out2) for _ in range(3)]
            out["w2"] = sess.run(w)
    return out


def partitioned(tf, kind):
    """A partitioner in a strategy's scope (or a replica's fn) is dropped: one variable."""
    with tf.Graph().as_default():
        st = _make(tf, kind)
        with st.scope():
            with tf.variable_scope("s", partitioner=tf.fixed_size_partitioner(2)):
                x = tf.get_variable("x", [4, 1])

            def fn():
                with tf.variable_scope("r", partitioner=tf.fixed_size_partitioner(2)):
                    return tf.get_variable("y", [4, 1])
            y = st.experimental_run_v2(fn)
            return [[type(v).__name__, v.name] for v in (x, y)] + [
                [v.name for v in tf.global_variables()]]


def keras(tf, kind):
    """A tf.keras model built and compiled in the strategy's scope, fit without shuffling
    (TF shuffles a strategy's input with its own pipeline)."""
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        st = _make(tf, kind)
        rng = np.random.RandomState(0)
        x = rng.randn(16, 3).astype(np.float32)
        y = x.dot([[1.0], [-2.0], [0.5]]).astype(np.float32)
        with st.scope():
            model = tf.keras.Sequential([tf.keras.layers.Dense(
                1, input_shape=(3,), kernel_initializer="ones")])
            model.compile(tf.keras.optimizers.SGD(0.1), "mse")
            out = {"weights": [[type(w).__name__, w.name] for w in model.weights]}
        outside = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(3,))])
        with st.scope():
            out["compile_outside_model"] = _err(lambda: outside.compile("sgd", "mse"))
        out["history"] = model.fit(x, y, batch_size=4, epochs=2, verbose=0,
                                   shuffle=False).history["loss"]
        out["values"] = model.get_weights()
        out["predict"] = model.predict(x[:2])
        out["evaluate"] = model.evaluate(x, y, verbose=0, batch_size=4)
        # TF's distributed input: a partial last batch trains (one epoch), evaluate and
        # predict refuse it; class_weight and validation_split are refused
        out["partial_history"] = model.fit(x[:10], y[:10], batch_size=4, epochs=1,
                                           verbose=0, shuffle=False).history["loss"]
        out["partial_values"] = model.get_weights()
        out["errors"] = [
            _err(lambda: model.evaluate(x[:10], y[:10], batch_size=4, verbose=0)),
            _err(lambda: model.predict(x[:10], batch_size=4)),
            _err(lambda: model.fit(x, y, batch_size=4, verbose=0, class_weight={0: 1.0})),
            _err(lambda: model.fit(x, y, batch_size=4, verbose=0, validation_split=0.25))]
        return out


def gpu_run(tf, kind):
    """A strategy on /gpu:0 of a CPU-only machine: built as TF builds it; the session
    cannot place its ops (the message up to TF's list of devices)."""
    with tf.Graph().as_default():
        st = (tf.distribute.OneDeviceStrategy("/gpu:0") if kind == "one_device"
              else tf.distribute.MirroredStrategy(["/gpu:0"]))
        with st.scope():
            v = tf.Variable(1.0, name="v")
            r = st.experimental_run_v2(lambda: v * 2.0)
        with tf.Session() as sess:
            def run():
                sess.run(tf.global_variables_initializer())
                sess.run(r)
            err = _err(run)
        return [err[0], err[1].split(" (defined at")[0], v.device, r.device]


def all_reduce(tf, kind):
    """ReplicaContext.all_reduce of a nest: its ops (a custom gradient's IdentityN for a
    ReduceOp, PreventGradient for a string), values, and the gradient taken inside the
    replica context."""
    ds = tf.distribute
    with tf.Graph().as_default() as g:
        st = ds.get_strategy() if kind == "default" else _make(tf, kind)
        x = tf.constant([1.0, 2.0])
        n0 = len(g.get_operations())

        def rfn(op):
            ctx = ds.get_replica_context()
            a = ctx.all_reduce(op, {"p": x, "q": [x * 2.0]})
            grad = tf.gradients(a["p"] * 3.0 + a["q"][0], x) if op != "sum" else None
            return a, grad
        out = {}
        try:
            a, grad = st.experimental_run_v2(rfn, args=(ds.ReduceOp.SUM,))
            b, _ = st.experimental_run_v2(rfn, args=("sum",))
        except ValueError as e:
            # MirroredStrategy all-reduces a value to its own device: a tensor made
            # outside any device scope has none
            out["error"] = [type(e).__name__, str(e)]
            with tf.device("/cpu:0"):
                x = tf.constant([1.0, 2.0])
            n0 = len(g.get_operations())
            a, grad = st.experimental_run_v2(rfn, args=(ds.ReduceOp.SUM,))
            b, _ = st.experimental_run_v2(rfn, args=("sum",))
        out["ops"] = [[o.name, o.type, [i.name for i in o.inputs]]
                      for o in g.get_operations()[n0:]]
        with tf.Session() as sess:
            out["values"] = sess.run([a, b, grad])
        return out


def updates(tf, kind):
    """extended.update / update_non_slot: the context fn runs in, the ops and values; a
    variable made outside the scope."""
    ds = tf.distribute
    with tf.Graph().as_default() as g:
        st = ds.get_strategy() if kind == "default" else _make(tf, kind)
        outside = tf.Variable(5.0, name="outside", use_resource=True)
        with st.scope():
            v = tf.Variable(1.0, name="v")
        seen = []

        def fn(var, d):
            seen.append([ds.in_cross_replica_context(), ds.get_replica_context() is None])
            return var.assign_add(d)
        n0 = len(g.get_operations())
        with st.scope():
            up = st.extended.update(v, fn, args=(2.0,))
            up2 = st.extended.update(v, fn, args=(3.0,), group=False)
            devices = st.extended.non_slot_devices([v])
            ns = st.extended.update_non_slot(devices, lambda a: tf.identity(a * 2.0),
                                             args=(tf.constant(4.0),))
            bad = _err(lambda: st.extended.update(outside, fn, args=(1.0,)))
        ops = _ops(g, n0)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = [sess.run(up), sess.run(up2), sess.run(ns), sess.run(v)]
        return {"seen": seen, "ops": ops, "values": values, "outside": bad,
                "types": [type(up).__name__, type(up2).__name__, type(ns).__name__]}


def assignments(tf, kind):
    """Assigning a strategy's variables: in the cross-replica context, in a replica
    context by aggregation (NONE, SUM, MEAN, ONLY_FIRST_REPLICA), outside the scope;
    ON_READ variables; read_value; colocate_vars_with."""
    ds = tf.distribute
    with tf.Graph().as_default() as g:
        st = _make(tf, kind)
        agg = tf.VariableAggregation
        with st.scope():
            v = tf.Variable(1.0, name="v")
            made = {name: tf.Variable(1.0, name=name, aggregation=a) for name, a in (
                ("s", agg.SUM), ("m", agg.MEAN), ("f", agg.ONLY_FIRST_REPLICA))}
            r = tf.Variable(1.0, name="r", synchronization=tf.VariableSynchronization.ON_READ,
                            aggregation=agg.SUM)
            out = {"classes": [type(x).__name__ for x in [v, r] + list(made.values())]}
            n0 = len(g.get_operations())
            cross = v.assign(2.0)
            out["cross_ops"] = _ops(g, n0)
            out["replica_none"] = _err(lambda: st.experimental_run_v2(lambda: v.assign(2.0)))
            updates = []
            for name in ("s", "m", "f"):
                n0 = len(g.get_operations())
                updates.append(st.experimental_run_v2(
                    lambda var=made[name]: var.assign_add(2.0)))
                out["replica_" + name] = [[o.name, o.type] for o in g.get_operations()[n0:]]
            n0 = len(g.get_operations())
            rr = st.experimental_run_v2(lambda: r.assign_add(3.0))
            rv = r.read_value()
            out["on_read_ops"] = [[o.name, o.type] for o in g.get_operations()[n0:]]
            with st.extended.colocate_vars_with(v):
                c = tf.Variable(3.0, name="c")
            out["colocated"] = [type(c).__name__, c.name, c.device]
            out["colocate_outside"] = _err(lambda: st.extended.colocate_vars_with(
                tf.Variable(1.0, name="plain", use_resource=True) if kind == "mirrored"
                else v).__enter__())
        n0 = len(g.get_operations())
        outside = v.assign_sub(0.5)
        read = v.read_value()
        out["outside_ops"] = [[o.name, o.type] for o in g.get_operations()[n0:]]
        out["colocate_no_scope"] = _err(lambda: st.extended.colocate_vars_with(v))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["values"] = [sess.run(cross), [sess.run(u) for u in updates], sess.run(rr),
                             sess.run(rv), sess.run(outside), sess.run(read)]
        return out


def numpy_dataset(tf, kind):
    """experimental_make_numpy_dataset: the variables holding the arrays, the elements."""
    ds = tf.distribute
    with tf.Graph().as_default() as g:
        st = ds.get_strategy() if kind == "default" else _make(tf, kind)
        x = np.arange(12, dtype=np.float32).reshape(6, 2)
        y = np.arange(6, dtype=np.int64)
        out = {"no_session": _err(lambda: st.experimental_make_numpy_dataset(x))}
        with tf.Session() as sess:
            data = st.experimental_make_numpy_dataset({"x": x, "y": y}, session=sess)
            last = g._last_id   # TF's count of ops ever made (random ops' seeds)
            with st.scope():
                in_scope = st.experimental_make_numpy_dataset(y, session=sess)
            out["ops_made"] = g._last_id - last
            made = [v for v in tf.global_variables() if v.name.startswith("Variable")]
            out["vars"] = [[type(v).__name__, v.name, v.device, v.trainable] for v in made]
            it2 = in_scope.make_initializable_iterator()
            sess.run(it2.initializer)
            out["in_scope"] = [sess.run(it2.get_next()) for _ in range(2)]
            it = data.batch(4).make_initializable_iterator()
            nxt = it.get_next()
            sess.run(it.initializer)
            out["batches"] = [sess.run(nxt), sess.run(nxt)]
            out["types"] = str(data.output_types)
        return out


def variable_reads(tf, kind):
    """read_var, read_value, is_initialized, report_uninitialized_variables of a
    strategy's variable, in its scope and outside it."""
    with tf.Graph().as_default() as g:
        st = _make(tf, kind)
        with st.scope():
            v = tf.Variable(1.0, name="v")
            n0 = len(g.get_operations())
            got = [st.extended.read_var(v), v.read_value(), v.is_initialized(),
                   tf.is_variable_initialized(v)]
            tf.report_uninitialized_variables()
            inside = _ops(g, n0)
        n0 = len(g.get_operations())
        got += [st.extended.read_var(v), v.is_initialized(name="x"), v.read_value()]
        outside = _ops(g, n0)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run(got)
        return {"inside": inside, "outside": outside, "values": values}


def cases(tf):
    out = {"default": default_strategy(tf), "enums": enums(tf),
           "construction": construction(tf)}
    out["all_reduce_default"] = all_reduce(tf, "default")
    out["updates_default"] = updates(tf, "default")
    out["numpy_default"] = numpy_dataset(tf, "default")
    for kind in STRATEGIES:
        out["all_reduce_" + kind] = all_reduce(tf, kind)
        out["updates_" + kind] = updates(tf, kind)
        out["assignments_" + kind] = assignments(tf, kind)
        out["numpy_" + kind] = numpy_dataset(tf, kind)
        out["reads_" + kind] = variable_reads(tf, kind)
        out["scope_" + kind] = scope_and_run(tf, kind)
        out["train_" + kind] = training(tf, kind)
        out["partitioned_" + kind] = partitioned(tf, kind)
        out["keras_" + kind] = keras(tf, kind)
        out["gpu_" + kind] = gpu_run(tf, kind)
    return out
