"""tf.contrib.distribute under TF 1.14: the contrib MirroredStrategy's replicas and devices
for `num_gpus` / `devices`, its argument errors, an Estimator trained with it (the kernel
after three steps, num_gpus None, 0 and 1), and the context functions (the current
strategy in and out of a scope and a replica function, require_replica_context's errors).
tests/test_contrib_distribute.py runs the same `cases` with flowgrad."""
import os
import shutil
import tempfile

import numpy as np


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa
        return [type(e).__name__, str(e)]
    return None


def _train(tf, strategy):
    def input_fn():
        x = np.arange(20, dtype=np.float32).reshape(10, 2)
        y = (x[:, :1] * 0.5).astype(np.float32)
        return tf.data.Dataset.from_tensor_slices(({"x": x}, y)).repeat().batch(5)

    def model_fn(features, labels, mode):
        pred = tf.layers.dense(features["x"], 1, kernel_initializer=tf.ones_initializer())
        loss = tf.losses.mean_squared_error(labels, pred)
        train = tf.train.GradientDescentOptimizer(0.001).minimize(
            loss, tf.train.get_or_create_global_step())
        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train)

    model_dir = tempfile.mkdtemp()
    try:
        cfg = tf.estimator.RunConfig(train_distribute=strategy, model_dir=model_dir)
        est = tf.estimator.Estimator(model_fn, config=cfg)
        est.train(input_fn, steps=3)
        return est.get_variable_value("dense/kernel")
    finally:
        shutil.rmtree(model_dir, ignore_errors=True)


def _contexts(tf):
    cd = tf.contrib.distribute
    s = cd.MirroredStrategy(num_gpus=0)
    seen = {"outside": [cd.get_cross_replica_context() is None, cd.has_distribution_strategy(),
                        cd.in_cross_replica_context(),
                        cd.get_replica_context() is not None]}
    with s.scope():
        seen["scope"] = [cd.get_cross_replica_context() is s,
                         cd.get_distribution_strategy() is s, cd.has_distribution_strategy(),
                         cd.in_cross_replica_context(), cd.get_replica_context() is None,
                         _err(lambda: cd.require_replica_context(None))]

        def replica_fn():
            ctx = cd.get_replica_context()
            return [cd.get_cross_replica_context() is None, ctx is not None,
                    cd.require_replica_context(ctx) is None,
                    isinstance(ctx, cd.ReplicaContext)]
        seen["replica"] = s.extended.call_for_each_replica(replica_fn)
    return seen


def cases(tf):
    cd = tf.contrib.distribute
    out = {}
    for name, kw in [("default", {}), ("num_gpus_0", {"num_gpus": 0}),
                     ("num_gpus_1", {"num_gpus": 1}), ("per_worker_1", {"num_gpus_per_worker": 1}),
                     ("devices", {"devices": ["/cpu:0"]})]:
        s = cd.MirroredStrategy(**kw)
        out["strategy/" + name] = [type(s).__name__, s.num_replicas_in_sync,
                                   list(s.extended.worker_devices)]
    out["err/both_gpus"] = _err(lambda: cd.MirroredStrategy(num_gpus=1, num_gpus_per_worker=1))
    out["err/devices_and_gpus"] = _err(lambda: cd.MirroredStrategy(devices=["/cpu:0"],
                                                                   num_gpus=1))
    out["err/no_devices"] = _err(lambda: cd.MirroredStrategy(devices=[]))
    for name, kw in [("default", {}), ("num_gpus_0", {"num_gpus": 0}),
                     ("num_gpus_1", {"num_gpus": 1})]:
        tf.reset_default_graph()
        out["train/" + name] = _train(tf, cd.MirroredStrategy(**kw))
    tf.reset_default_graph()
    out["contexts"] = _contexts(tf)
    out["aliases"] = [cd.OneDeviceStrategy is tf.distribute.OneDeviceStrategy,
                      cd.CrossDeviceOps is tf.distribute.CrossDeviceOps,
                      cd.ReplicaContext is tf.distribute.ReplicaContext,
                      issubclass(cd.MirroredStrategy, cd.DistributionStrategy),
                      issubclass(cd.AllReduceCrossDeviceOps, cd.CrossDeviceOps)]
    return out
