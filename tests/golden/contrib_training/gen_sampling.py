"""tf.contrib.training's resampling under TF 1.14: resample_at_rate / weighted_resample
(seeded values over several runs, op names), rejection_sample / stratified_sample (op
names, batches from their queues with one thread each). Run with flowgrad in
tests/test_contrib_training.py."""
import numpy as np


def _ops(tf):
    return [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]


def resample(tf):
    out = {}
    tf.reset_default_graph()
    tf.set_random_seed(7)
    x = tf.constant(np.arange(8, dtype=np.float32).reshape(4, 2))
    ids = tf.constant([10, 11, 12, 13])
    a = tf.contrib.training.resample_at_rate([x, ids], [0.5, 1.0, 2.0, 0.0], seed=3)
    b = tf.contrib.training.resample_at_rate([ids], tf.constant([1.5, 0.2, 3.0, 1.0]))
    (wx,), rates = tf.contrib.training.weighted_resample(
        [x], tf.constant([1.0, 2.0, 0.5, 4.0]), 1.5, seed=5)
    out["ops"] = _ops(tf)
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        out["runs"] = [sess.run([a, b, wx, rates]) for _ in range(4)]
    return out


def rejection(tf):
    tf.reset_default_graph()
    tf.set_random_seed(11)
    x = tf.constant(np.arange(12, dtype=np.float32).reshape(6, 2))
    y = tf.constant([0, 1, 2, 0, 1, 2])
    (bx, by) = tf.contrib.training.rejection_sample(
        [x, y], lambda t: tf.cast(t[1], tf.float32) / 2.0, 3, enqueue_many=True,
        runtime_checks=True)
    out = {"ops": _ops(tf)}
    with tf.train.MonitoredSession() as sess:
        out["batches"] = [sess.run([bx, by]) for _ in range(3)]
    tf.reset_default_graph()
    tf.set_random_seed(13)
    data = tf.constant(np.arange(8, dtype=np.float32))
    labels = tf.constant([0, 1, 1, 0, 1, 1, 1, 0])
    [sx], sl = tf.contrib.training.stratified_sample(
        [data], labels, [0.5, 0.5], 4, enqueue_many=True)
    out["stratified_ops"] = _ops(tf)
    with tf.train.MonitoredSession() as sess:
        out["stratified"] = [sess.run([sx, sl]) for _ in range(3)]
    out["shapes"] = [sx.shape.as_list(), sl.shape.as_list(), bx.shape.as_list(),
                     by.shape.as_list()]
    tf.reset_default_graph()
    out["errors"] = []
    for fn in (lambda: tf.contrib.training.stratified_sample(
                   [tf.constant([1.0])], tf.constant([0]), [0.5, 0.25, 0.25], 2,
                   init_probs=[0.5, 0.5], enqueue_many=True),
               lambda: tf.contrib.training.stratified_sample(
                   [tf.constant([[1.0]])], tf.constant([[0]]), [1.0], 2, enqueue_many=True)):
        try:
            fn()
            out["errors"].append("ok")
        except ValueError as e:
            out["errors"].append(str(e))
    return out


def maybe_batch(tf):
    """tf.train.maybe_batch with a vector keep_input (DynamicPartition) and a scalar tensor
    one (a cond around the enqueue)."""
    tf.reset_default_graph()
    x = tf.constant(np.arange(10, dtype=np.float32).reshape(5, 2))
    k = tf.placeholder(tf.bool, [5], name="k")
    b = tf.train.maybe_batch([x], k, 3, enqueue_many=True)
    s = tf.placeholder(tf.bool, [], name="s")
    c = tf.train.maybe_batch([x[0]], s, 1)
    out = {"ops": _ops(tf)}
    with tf.Session() as sess:
        coord = tf.train.Coordinator()
        for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS):
            for op in qr.enqueue_ops:
                sess.run(op, {k: [True, False, True, True, False], s: True})
        out["values"] = sess.run([b, c])
        coord.request_stop()
    return out


def bucketing(tf):
    """bucket_by_sequence_length on one epoch of sequences of lengths 1..6 (padded), and
    bucket(); every batch, sorted (the order in which buckets reach the top queue depends
    on threads, in TF too)."""
    tf.reset_default_graph()
    lengths = tf.constant([1, 4, 2, 6, 3, 5, 2, 4, 6, 1, 3, 5])
    i = tf.train.range_input_producer(12, num_epochs=1, shuffle=False).dequeue()
    n = lengths[i]
    seq = tf.range(n) + 10 * i
    out_len, (out_seq,) = tf.contrib.training.bucket_by_sequence_length(
        n, [seq], batch_size=2, bucket_boundaries=[3, 5], dynamic_pad=True)
    out = {"ops": _ops(tf), "shapes": [out_len.shape.as_list(), out_seq.shape.as_list()]}
    with tf.train.MonitoredSession() as sess:
        got = [sess.run([out_len, out_seq]) for _ in range(6)]
    out["batches"] = sorted([[int(x) for x in l], s.tolist()] for l, s in got)
    tf.reset_default_graph()
    j = tf.train.range_input_producer(12, num_epochs=1, shuffle=False).dequeue()
    which, b = tf.contrib.training.bucket([tf.cast(j, tf.float32)], j % 3, 2, 3, name="plain")
    out["plain_ops"] = _ops(tf)
    out["plain_shapes"] = [which.shape.as_list(), b.shape.as_list()]
    with tf.train.MonitoredSession() as sess:
        got = [sess.run([which, b]) for _ in range(6)]
    out["plain"] = sorted([int(w), v.tolist()] for w, v in got)
    errors = []
    for fn in (lambda: tf.contrib.training.bucket_by_sequence_length(n, [seq], 2, []),
               lambda: tf.contrib.training.bucket_by_sequence_length(n, [seq], 2, [3, 3]),
               lambda: tf.contrib.training.bucket_by_sequence_length(n, [seq], 2, (1.5, 3)),
               lambda: tf.contrib.training.bucket([seq], 0, [1, 2], 3)):
        try:
            fn()
            errors.append("ok")
        except (ValueError, TypeError) as e:
            errors.append(type(e).__name__ + ": " + str(e))
    out["errors"] = errors
    return out


def cases(tf):
    return {"resample": resample(tf), "rejection": rejection(tf),
            "maybe_batch": maybe_batch(tf), "bucketing": bucketing(tf)}
