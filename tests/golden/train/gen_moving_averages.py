"""tf.train.ExponentialMovingAverage under TF 1.14: names, variables and averages after
each update (tests/test_moving_averages.py)."""
from optimizer_runs import L


def cases(tf):
    ema_out = {}
    for label, kw in [("plain", dict(decay=0.9)), ("num_updates", dict(decay=0.99, num_updates="gs")),
                      ("zero_debias", dict(decay=0.8, zero_debias=True))]:
        tf.reset_default_graph()
        gs = tf.train.get_or_create_global_step()
        v = tf.Variable([1.0, 2.0], name="v")
        u = tf.Variable(3.0, name="u")
        t = tf.identity(v * 2.0, name="t")
        if kw.get("num_updates") == "gs":
            kw = dict(kw, num_updates=gs)
        ema = tf.train.ExponentialMovingAverage(**kw)
        upd = ema.apply([v, u, t])
        new_v = tf.placeholder(tf.float32, [2])
        new_u = tf.placeholder(tf.float32, [])
        assign = tf.group(tf.assign(v, new_v), tf.assign(u, new_u), tf.assign_add(gs, 1))
        rec = {"names": {x.op.name: ema.average(x).op.name for x in (v, u)},
               "average_name_t": ema.average_name(t), "t_avg": ema.average(t).op.name,
               "global_variables": [x.name for x in tf.global_variables()],
               "moving_average_variables": [x.name for x in tf.moving_average_variables()],
               "restore": sorted(ema.variables_to_restore().keys()), "update_op": upd.name,
               "steps": []}
        vals = [([0.5, -1.0], 4.0), ([2.0, 2.5], 1.0), ([-1.0, 0.0], 0.0), ([3.0, 1.0], 2.5)]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            rec["initial"] = [L(x) for x in sess.run([ema.average(v), ema.average(u), ema.average(t)])]
            for nv, nu in vals:
                sess.run(assign, {new_v: nv, new_u: nu})
                sess.run(upd)
                rec["steps"].append([L(x) for x in sess.run([ema.average(v), ema.average(u), ema.average(t)])])
        rec["values"] = [[nv, nu] for nv, nu in vals]
        ema_out[label] = rec
    tf.reset_default_graph()
    ema = tf.train.ExponentialMovingAverage(0.5, name="foo")
    v = tf.Variable(1.0, name="scope/v")
    ema_out["average_name_before_apply"] = ema.average_name(v)
    return ema_out
