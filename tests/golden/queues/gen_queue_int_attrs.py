"""The int attrs of TF 1.14's queue constructors (capacity, min_after_dequeue) go through
the generated wrappers' _execute.make_int: a Tensor or a str is a TypeError naming the
argument, raised before the queue op is made (tf.train.batch fails there too, before its
summary); a float is truncated by int(). Each case: the error (or the attrs of the queue
made) and the ops the call left behind. tests/test_queue_int_attrs.py runs the same cases
with flowgrad."""

CASES = [
    ("fifo_tensor_capacity", lambda tf: tf.FIFOQueue(tf.constant(10), tf.int32)),
    ("padding_tensor_capacity",
     lambda tf: tf.PaddingFIFOQueue(tf.constant(10), tf.int32, shapes=[[None]])),
    ("shuffle_tensor_capacity", lambda tf: tf.RandomShuffleQueue(tf.constant(10), 2, tf.int32)),
    ("shuffle_tensor_min_after",
     lambda tf: tf.RandomShuffleQueue(10, tf.constant(2), tf.int32)),
    ("shuffle_str_both", lambda tf: tf.RandomShuffleQueue("10", "2", tf.int32)),
    ("priority_tensor_capacity",
     lambda tf: tf.PriorityQueue(tf.constant(10), [tf.int32], shapes=[[]])),
    ("fifo_float_capacity", lambda tf: tf.FIFOQueue(10.7, tf.int32)),
    ("shuffle_float_min_after", lambda tf: tf.RandomShuffleQueue(9, 2.5, tf.int32)),
    ("fifo_str_capacity", lambda tf: tf.FIFOQueue("10", tf.int32)),
    ("batch_tensor_capacity",
     lambda tf: tf.train.batch([tf.constant(1)], 2, capacity=tf.constant(10))),
]


def run_case(tf, build):
    g = tf.get_default_graph()
    try:
        q = build(tf)
        op = q.queue_ref.op
        got = ["made"] + [op.get_attr(a) for a in ("capacity", "min_after_dequeue")
                          if a in op.node_def.attr]
    except TypeError as e:
        got = [type(e).__name__, str(e)]
    return got + [[o.type for o in g.get_operations()]]


def cases(tf):
    out = {}
    for name, build in CASES:
        tf.reset_default_graph()
        out[name] = run_case(tf, build)
    return out
