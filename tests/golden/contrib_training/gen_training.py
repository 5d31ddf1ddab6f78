"""tf.contrib.training under TF 1.14: HParams (parse, types, JSON, errors), parse_values,
create_train_op / multiply_gradients / clip_gradient_norms / add_gradients_summaries (op
names and values), evaluate_once with StopAfterNEvalsHook and get_or_create_eval_step.
The case functions run with flowgrad in tests/test_contrib_training.py."""
import os
import tempfile

import numpy as np


def _err(fn):
    try:
        return ["ok", fn()]
    except (ValueError, KeyError, TypeError) as e:
        return [type(e).__name__, str(e)]


def _hp(tf):
    return tf.contrib.training.HParams(lr=0.1, n=3, act="relu", on=True, sizes=[8, 4],
                                       rates=[0.5, 0.25], names=["a", "b"])


def hparams(tf):
    HP = tf.contrib.training.HParams
    out = {}
    hp = _hp(tf)
    out["values"] = sorted(hp.values().items())
    out["str"] = str(hp)
    out["repr"] = repr(hp)
    out["json"] = hp.to_json(sort_keys=True)
    out["json_indent"] = hp.to_json(indent=1, sort_keys=True)
    for i, s in enumerate(["lr=0.5", "n=7,act=tanh", "on=false", "on=0", "on=1",
                           "sizes=[1,2,3]", "rates=[1,2]", "names=[x, y]", "sizes[1]=9",
                           "lr=3", "n=2.5", "sizes=[a]", "zz=1", "lr=0.1,lr=0.2",
                           "sizes[0]=1,sizes[0]=2", "lr", "sizes[0]=[1]", "on=maybe",
                           "act=", "n = 4 , lr = 2.5", "sizes=[ 3 , 4 ]"]):
        def parse(s=s):
            h = _hp(tf)
            h.parse(s)
            return sorted(h.values().items())
        out["parse%02d" % i] = [s, _err(parse)]
    for i, (name, v) in enumerate([("lr", 1), ("n", 1.5), ("n", True), ("act", 3),
                                   ("on", 1), ("sizes", 3), ("n", [1]), ("sizes", [1.0]),
                                   ("rates", [1, 2]), ("missing", 1), ("lr", None)]):
        def set_(name=name, v=v):
            h = _hp(tf)
            h.set_hparam(name, v)
            return [repr(getattr(h, name))]
        out["set%02d" % i] = _err(set_)
    out["add_reserved"] = _err(lambda: HP(values=1))
    out["add_empty"] = _err(lambda: HP(x=[]))
    out["add_dup"] = _err(lambda: _hp(tf).add_hparam("lr", 0.3))
    out["get"] = [_hp(tf).get("lr"), _hp(tf).get("zz", 5), _err(lambda: _hp(tf).get("n", 1.5)),
                  _err(lambda: _hp(tf).get("sizes", 3)), _hp(tf).get("sizes", [1])]
    out["contains"] = ["lr" in _hp(tf), "zz" in _hp(tf)]
    h = _hp(tf)
    h.del_hparam("lr")
    h.del_hparam("zz")
    out["del"] = sorted(h.values().items())
    out["override"] = _err(lambda: sorted(_hp(tf).override_from_dict(
        {"lr": 2, "names": ["q"]}).values().items()))
    out["parse_json"] = _err(lambda: sorted(_hp(tf).parse_json(
        '{"lr": 0.3, "sizes": [5]}').values().items()))
    out["parse_json_bad"] = _err(lambda: _hp(tf).parse_json('{"zz": 1}'))
    out["parse_values"] = _err(lambda: repr(sorted(tf.contrib.training.parse_values(
        "a=1,b=[2,3],c[2]=4,d=x", {"a": int, "b": float, "c": int}, ignore_unknown=True)
        .items())))
    out["parse_values_unknown"] = _err(lambda: tf.contrib.training.parse_values(
        "a=1,d=2", {"a": int}))
    out["malformed"] = _err(lambda: tf.contrib.training.parse_values("a=1,,", {"a": int}))
    return out


def _model(tf):
    tf.reset_default_graph()
    w = tf.Variable([[0.5, -0.25], [1.0, 0.75]], name="w")
    b = tf.Variable([0.1, -0.1], name="b")
    x = tf.constant([[1.0, 2.0], [-1.0, 0.5]])
    loss = tf.reduce_sum(tf.square(tf.matmul(x, w) + b - 1.0))
    return w, b, loss


def _ops(tf):
    return [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]


def create_train_op(tf):
    out = {}
    for key, kw in [("plain", {}),
                    ("transform", {"transform_grads_fn": "clip"}),
                    ("summ", {"summarize_gradients": True, "check_numerics": False}),
                    ("no_step", {"global_step": None}),
                    ("mult", {"transform_grads_fn": "mult"})]:
        w, b, loss = _model(tf)
        kw = dict(kw)
        if kw.get("transform_grads_fn") == "clip":
            kw["transform_grads_fn"] = tf.contrib.training.clip_gradient_norms_fn(0.5)
        elif kw.get("transform_grads_fn") == "mult":
            kw["transform_grads_fn"] = lambda gv: tf.contrib.training.multiply_gradients(
                gv, {"w": 2.0, b: 0.5})
        counter = tf.Variable(0.0, trainable=False, name="counter")
        tf.add_to_collection(tf.GraphKeys.UPDATE_OPS, tf.assign_add(counter, 1.0))
        train_op = tf.contrib.training.create_train_op(
            loss, tf.train.GradientDescentOptimizer(0.1), **kw)
        rec = {"name": train_op.name, "ops": _ops(tf),
               "train_ops": [t.name for t in tf.get_collection(tf.GraphKeys.TRAIN_OP)],
               "summaries": [t.name for t in tf.get_collection(tf.GraphKeys.SUMMARIES)]}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            rec["losses"] = [sess.run(train_op) for _ in range(3)]
            rec["w"] = sess.run(w)
        out[key] = rec
    w, b, loss = _model(tf)
    gv = tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss)
    out["mult_errors"] = [_err(lambda: tf.contrib.training.multiply_gradients(tuple(gv), {"w": 1})),
                          _err(lambda: tf.contrib.training.multiply_gradients(gv, {})),
                          _err(lambda: tf.contrib.training.multiply_gradients(gv, [1])),
                          _err(lambda: tf.contrib.training.multiply_gradients(
                              [(None, w)], {"w": 1.0}))]
    return out


def evaluate(tf):
    """create_train_op + train for 3 steps into a checkpoint dir, then evaluate_once with
    StopAfterNEvalsHook(4) on a streaming mean."""
    out = {}
    d = tempfile.mkdtemp()
    w, b, loss = _model(tf)
    train_op = tf.contrib.training.create_train_op(loss, tf.train.GradientDescentOptimizer(0.1))
    hooks = [tf.train.StopAtStepHook(num_steps=3)]
    out["train_loss"] = tf.contrib.training.train(train_op, d, hooks=hooks,
                                                  save_checkpoint_secs=None,
                                                  save_summaries_steps=None)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
    tf.reset_default_graph()
    w, b, loss = _model(tf)
    tf.train.get_or_create_global_step()
    saver = tf.train.Saver()
    ckpt = os.path.join(d, "model.ckpt")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(w.assign([[1.0, 2.0], [3.0, 4.0]]))
        saver.save(sess, ckpt, global_step=7)
    mean, update = tf.metrics.mean(loss + tf.cast(tf.train.get_or_create_global_step(),
                                                  tf.float32))
    eval_step = tf.contrib.training.get_or_create_eval_step()
    out["eval_step"] = [eval_step.op.name, eval_step.dtype.name,
                        [v.op.name for v in tf.local_variables()]]
    out["eval_once"] = tf.contrib.training.evaluate_once(
        ckpt + "-7", eval_ops=update, final_ops={"mean": mean, "step": eval_step},
        hooks=[tf.contrib.training.StopAfterNEvalsHook(4)])
    out["eval_ops"] = [o for o in _ops(tf) if not o.startswith("save")]
    out["latest"] = os.path.basename(tf.contrib.training.wait_for_new_checkpoint(d, timeout=0))
    out["iter"] = [os.path.basename(p) for p in tf.contrib.training.checkpoints_iterator(
        d, timeout=0)]
    out["summary_hook_error"] = _err(lambda: tf.contrib.training.SummaryAtEndHook())
    return out


def random_strategy(tf):
    """RandomStrategy as replica_device_setter's ps_strategy: each variable's device."""
    tf.reset_default_graph()
    out = {}
    for seed in (0, 3):
        with tf.device(tf.train.replica_device_setter(
                ps_tasks=3, ps_strategy=tf.contrib.training.RandomStrategy(3, seed=seed))):
            vs = [tf.Variable(float(i), name="v%d_%d" % (seed, i)) for i in range(8)]
        out["seed%d" % seed] = [v.device for v in vs]
    return out


def cases(tf):
    return {"hparams": hparams(tf), "create_train_op": create_train_op(tf),
            "evaluate": evaluate(tf), "random_strategy": random_strategy(tf)}
