"""A run whose kernel fails part-way (TF 1.14's executor): every node that does not
depend on the failed one, by a data or a control edge, still runs; then the run raises
the error. Each case runs the failing fetch 3 times (flowgrad's first run interprets
the plan, later runs use the compiled one) and records the error and the variables
after each run."""
import numpy as np


def _empty_next(tf):
    it = tf.data.Dataset.range(0).make_initializable_iterator()
    tf.add_to_collection("pre", it.initializer)
    return it.get_next()


def _counter(tf):
    x = _empty_next(tf)
    c = tf.Variable(0, name="c")
    return [x, c.assign_add(1)], [c]


def _chain(tf):
    x = _empty_next(tf)
    v = tf.Variable(1.0)
    w = tf.Variable(1.0)
    a = v.assign(v * 2.0)
    return [x, w.assign(a + 1.0)], [v, w]


def _control_on_next(tf):
    x = _empty_next(tf)
    c = tf.Variable(0)
    d = tf.Variable(0)
    with tf.control_dependencies([x]):
        inc = c.assign_add(1)
    return [inc, d.assign_add(1)], [c, d]


def _reads_next(tf):
    x = _empty_next(tf)
    c = tf.Variable(0, dtype=tf.int64)
    d = tf.Variable(0)
    return [c.assign_add(x), d.assign_add(1)], [c, d]


def _resource_chain(tf):
    x = _empty_next(tf)
    vs = [tf.get_variable("r%d" % i, initializer=float(i), use_resource=True)
          for i in range(5)]
    prev = None
    for v in vs:
        with tf.control_dependencies([prev] if prev is not None else []):
            prev = v.assign(v * 3.0)
    return [x, prev], vs


def _long_chain(tf):
    x = _empty_next(tf)
    c = tf.Variable(0.0)
    y = c
    for _ in range(30):
        y = y * 1.0 + 1.0
    return [x, c.assign(y)], [c]


def _closed_queue(tf):
    q = tf.FIFOQueue(3, tf.float32)
    tf.add_to_collection("pre", q.close())
    c = tf.Variable(0)
    return [q.dequeue(), c.assign_add(1)], [c]


def _check_numerics(tf):
    p = tf.placeholder_with_default(np.float32(np.nan), [])
    c = tf.Variable(0.0)
    y = c
    for _ in range(30):
        y = y * 1.0 + 1.0
    return [tf.debugging.check_numerics(p * 2.0, "bad"), c.assign(y)], [c]


def _bad_reshape(tf):
    c = tf.Variable(0)
    p = tf.placeholder_with_default(np.zeros(5, np.float32), [None])
    return [tf.reshape(p, [2, 2]), c.assign_add(1)], [c]


def _blocked_dequeue(tf):
    # (TF cancels the run: the dequeue from the empty open queue fails, not waits)
    q = tf.FIFOQueue(3, tf.float32)
    c = tf.Variable(0)
    p = tf.placeholder_with_default(np.float32(np.nan), [])
    return [tf.debugging.check_numerics(p, "bad"), q.dequeue(), c.assign_add(1)], [c]


def _sparse_adam(tf):
    ids = tf.data.Dataset.from_tensor_slices(np.array([[1, 3], [0, 3]], np.int64))
    it = ids.make_initializable_iterator()
    tf.add_to_collection("pre", it.initializer)
    emb = tf.get_variable("emb", initializer=np.arange(12, dtype=np.float32).reshape(4, 3))
    loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(emb, it.get_next())))
    train = tf.train.AdamOptimizer(0.1).minimize(loss)
    return [loss, train], tf.global_variables()


CASES = [_counter, _chain, _control_on_next, _reads_next, _resource_chain, _long_chain,
         _closed_queue, _check_numerics, _bad_reshape, _blocked_dequeue, _sparse_adam]


def run_case(tf, build):
    g = tf.Graph()
    out = []
    with g.as_default():
        fetch, vars_ = build(tf)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            s.run(g.get_collection("pre"))
            for _ in range(4):
                try:
                    s.run(fetch)
                    err = None
                except tf.errors.OpError as e:
                    # (a queue's message names its resource, `_<n>_fifo_queue`)
                    err = type(e).__name__ if build is _closed_queue else \
                        type(e).__name__ + ": " + e.message.split("\n")[0]
                out.append((err, [np.asarray(v) for v in s.run(vars_)]))
    return out


def cases(tf):
    return {f.__name__[1:]: run_case(tf, f) for f in CASES}
