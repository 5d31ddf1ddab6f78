"""tf.contrib.model_pruning (TF 1.14 contrib/model_pruning): a seeded masked conv + fully
connected model trained a few steps with a Pruning conditional mask update after each (its
ops, collections, and per step the loss, masks, thresholds, sparsity, weight sparsities,
summaries); block pruning (AVG, MAX), weight_sparsity_map and a partitioned weight on
apply_mask'd variables;
MaskedBasicLSTMCell / MaskedLSTMCell in dynamic_rnn; get_pruning_hparams and the spec
errors; strip_pruning_vars_fn and graph_def_from_checkpoint on the pruned model; train
(which in TF 1.14 trains, saves, then fails unpacking slim's loss). Made on the host it
records (an Intel Xeon when first made): its test runs flowgrad with FLOWGRAD_CPU of that
vendor."""
import os
import shutil
import tempfile

import numpy as np

from goldenio import host_vendor


def _ops(g, start=0):
    """"name type" of each op (one string each: the golden stays small)."""
    return [f"{op.name} {op.type}" for op in g.get_operations()[start:]]


def _collections(tf):
    mp = tf.contrib.model_pruning
    return {"masks": [v.name for v in mp.get_masks()],
            "thresholds": [v.name for v in mp.get_thresholds()],
            "weights": [v.name for v in mp.get_weights()],
            "masked_weights": [t.name for t in mp.get_masked_weights()],
            "model_variables": [v.name for v in tf.model_variables()],
            "trainable": [v.name for v in tf.trainable_variables()],
            "global": [v.name for v in tf.global_variables()]}


def _model(tf):
    """The seeded masked conv + fc model, its loss and train op, in the default graph."""
    mp = tf.contrib.model_pruning
    tf.set_random_seed(5)
    rng = np.random.RandomState(2)
    x = tf.constant(rng.randn(2, 5, 5, 2).astype(np.float32))
    labels = tf.constant(rng.randn(2, 3).astype(np.float32))
    h = mp.masked_conv2d(x, 4, 3, scope="conv1")
    h = tf.reshape(h, [2, -1])
    y = mp.masked_fully_connected(h, 3, activation_fn=None, scope="fc")
    loss = tf.reduce_mean(tf.square(y - labels), name="loss")
    gs = tf.train.get_or_create_global_step()
    train_op = tf.train.GradientDescentOptimizer(0.05).minimize(loss, global_step=gs)
    return y, loss, train_op, gs


def training(tf):
    mp = tf.contrib.model_pruning
    g = tf.Graph()
    with g.as_default():
        y, loss, train_op, gs = _model(tf)
        spec = mp.get_pruning_hparams().parse(
            "begin_pruning_step=1,pruning_frequency=2,sparsity_function_end_step=5,"
            "target_sparsity=0.8,initial_sparsity=0.1,threshold_decay=0.25")
        p = mp.Pruning(spec)
        update = p.conditional_mask_update_op()
        p.add_pruning_summaries()
        sparsity = mp.get_weight_sparsity()
        summaries = tf.summary.merge_all()
        out = {"ops": _ops(g), "collections": _collections(tf), "steps": []}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(7):
                step_loss, _ = sess.run([loss, train_op])
                sess.run(update)
                masks, thresholds, weight_sparsity, last, s, summ = sess.run(
                    [mp.get_masks(), mp.get_thresholds(), sparsity, p._last_update_step,
                     p._sparsity, summaries])
                out["steps"].append({"loss": step_loss, "masks": masks,
                                     "thresholds": thresholds,
                                     "weight_sparsity": weight_sparsity, "last": last,
                                     "sparsity": s, "summary": summ})
            out["final"] = sess.run({v.op.name: v for v in tf.global_variables()})
            frozen = tf.graph_util.convert_variables_to_constants(
                sess, g.as_graph_def(), ["fc/BiasAdd"])
        stripped = mp.strip_pruning_vars_fn(frozen, ["fc/BiasAdd"])
        out["stripped"] = [f"{n.name} {n.op}" for n in stripped.node]
        out["stripped_values"] = {n.name: tf.make_ndarray(n.attr["value"].tensor)
                                  for n in stripped.node if "masked_weight" in n.name}
    return out


def _block(tf, pooling, block, sparsity_map=""):
    """Masks after one mask_update_op of apply_mask'd variables (a 6x5 and a 2x1x4x3)."""
    mp = tf.contrib.model_pruning
    g = tf.Graph()
    with g.as_default():
        rng = np.random.RandomState(4)
        w1 = tf.Variable(rng.randn(6, 5).astype(np.float32), name="w1")
        w2 = tf.Variable(rng.randn(2, 1, 4, 3).astype(np.float32), name="w2")
        mp.apply_mask(w1, "l1")
        mp.apply_mask(w2, "l2")
        gs = tf.Variable(3, name="step")
        spec = mp.get_pruning_hparams().parse(
            "block_height=%d,block_width=%d,block_pooling_function=%s,target_sparsity=0.6,"
            "sparsity_function_end_step=4,initial_sparsity=0.2" % (block + (pooling,)))
        spec.weight_sparsity_map = [sparsity_map]
        p = mp.Pruning(spec, global_step=gs)
        op = p.mask_update_op()
        ops = _ops(g)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(op)
            masks, thresholds = sess.run([mp.get_masks(), mp.get_thresholds()])
    return {"ops": ops, "masks": masks, "thresholds": thresholds}


def _partitioned(tf):
    """A mask update of a weight split in two (its mask split as well: one assign a part)."""
    mp = tf.contrib.model_pruning
    g = tf.Graph()
    with g.as_default():
        with tf.variable_scope("part", partitioner=tf.fixed_size_partitioner(2)):
            w = tf.get_variable("w", initializer=tf.constant(
                np.random.RandomState(1).randn(6, 4).astype(np.float32)))
            mp.apply_mask(w, "ml")
        p = mp.Pruning(mp.get_pruning_hparams().parse(
            "target_sparsity=0.5,sparsity_function_end_step=2"), global_step=tf.Variable(3))
        op = p.mask_update_op()
        ops = _ops(g)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(op)
            masks = sess.run([list(m) for m in mp.get_masks()])
            thresholds = sess.run(mp.get_thresholds())
    return {"ops": ops, "masks": masks, "thresholds": thresholds}


def blocks(tf):
    return {"partitioned": _partitioned(tf), "avg": _block(tf, "AVG", (2, 2)), "max": _block(tf, "MAX", (3, 2)),
            "rows": _block(tf, "AVG", (2, 1)), "map": _block(tf, "AVG", (1, 1), "w1:0.3")}


def lstm(tf):
    mp = tf.contrib.model_pruning
    out = {}
    for name, make in [("basic", lambda: mp.MaskedBasicLSTMCell(3)),
                       ("full", lambda: mp.MaskedLSTMCell(3, use_peepholes=True,
                                                          cell_clip=1.0))]:
        g = tf.Graph()
        with g.as_default():
            tf.set_random_seed(3)
            x = tf.constant(np.random.RandomState(6).randn(2, 4, 2).astype(np.float32))
            outputs, _ = tf.nn.dynamic_rnn(make(), x, dtype=tf.float32)
            ops = _ops(g)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                out[name] = {"ops": ops, "collections": _collections(tf),
                             "outputs": sess.run(outputs)}
    return out


def hparams(tf):
    mp = tf.contrib.model_pruning
    out = {"defaults": mp.get_pruning_hparams().values(),
           "json": mp.get_pruning_hparams().to_json()}
    errors = {}
    for s in ["begin_pruning_step=-1", "end_pruning_step=0,begin_pruning_step=2",
              "sparsity_function_begin_step=200", "threshold_decay=1.0",
              "initial_sparsity=1.0", "target_sparsity=1.0", "sparsity_function_begin_step=-1",
              "weight_sparsity_map=[a:1.0]"]:
        with tf.Graph().as_default():
            gs = tf.train.get_or_create_global_step()
            try:
                mp.Pruning(mp.get_pruning_hparams().parse(s), global_step=gs)
                errors[s] = None
            except ValueError as e:
                errors[s] = e
    out["errors"] = errors
    return out


def checkpoint(tf):
    """train (a TypeError after training, in TF 1.14) and graph_def_from_checkpoint on
    what it saved."""
    mp = tf.contrib.model_pruning
    logdir = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            _, loss, _, gs = _model(tf)
            train_op = tf.contrib.slim.learning.create_train_op(
                loss, tf.train.GradientDescentOptimizer(0.05))
            p = mp.Pruning(mp.get_pruning_hparams().parse(
                "pruning_frequency=1,sparsity_function_end_step=3"))
            update = p.conditional_mask_update_op()
            try:
                # no checkpoint thread (save_interval_secs=0): its first save, at once when
                # it starts, races the final one for "latest" on a loaded machine (in TF too)
                result = mp.train(train_op, logdir, update, number_of_steps=3,
                                  save_summaries_secs=10000, save_interval_secs=0)
            except TypeError as e:
                result = e
        names = sorted(os.listdir(logdir))
        with tf.Graph().as_default():
            gd = mp.graph_def_from_checkpoint(logdir, ["fc/BiasAdd"])
        return {"result": result, "files": [n for n in names if n.startswith("model.ckpt")],
                "graph": [f"{n.name} {n.op}" for n in gd.node],
                "values": {n.name: tf.make_ndarray(n.attr["value"].tensor)
                           for n in gd.node if n.op == "Const" and (
                               "mask" in n.name or "threshold" in n.name)}}
    finally:
        shutil.rmtree(logdir, ignore_errors=True)


def cases(tf):
    return {"vendor": host_vendor(), "training": training(tf), "blocks": blocks(tf),
            "lstm": lstm(tf), "hparams": hparams(tf), "checkpoint": checkpoint(tf)}
