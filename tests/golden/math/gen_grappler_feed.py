"""A run that feeds a tensor TF 1.14's session cannot give Grappler a fake input for skips
Grappler altogether (GraphExecutionState::OptimizeGraph fails and the graph runs as
written): a feed of an output other than 0, or of a node neither a Const nor a
placeholder-like op with a `shape` attr (an RNN's zero state, a Fill, fed with the
previous batch's final state). No division by a constant becomes a Mul by its
reciprocal, no constant is pushed down, no Mul tree regrouped: against TF bit for bit."""
import numpy as np


def cases(tf):
    rng = np.random.RandomState(5)
    out = {}
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, [40])
        fill = tf.fill([40], 1.0)
        const = tf.constant(np.ones(40, np.float32))
        parts = tf.split(tf.reshape(tf.range(80.0), [2, 40]), 2)
        y = (p / 7.0) * 0.3 * 0.7
        feeds = {"none": {}, "fill": {fill: np.ones(40, np.float32)},
                 "const": {const: np.ones(40, np.float32)},
                 "split1": {parts[1]: np.ones((1, 40), np.float32)},
                 "split0": {parts[0]: np.ones((1, 40), np.float32)}}
        pv = rng.randn(40).astype(np.float32)
        with tf.Session() as s:
            for k in sorted(feeds):
                fd = dict(feeds[k])
                fd[p] = pv
                out["div_push_%s" % k] = np.stack(s.run([y * fill, y * const], fd))
    with tf.Graph().as_default():
        # (Grappler sees a loop's body and a cond's branches in the graph it skips)
        p = tf.placeholder(tf.float32, [40])
        fill = tf.fill([40], 1.0)
        _, looped = tf.while_loop(lambda i, x: i < 3,
                                  lambda i, x: (i + 1, (x / 7.0) * 0.3 * 0.7 + x), [0, p])
        branch = tf.cond(p[0] > -100.0, lambda: (p / 7.0) * 0.3 * 0.7, lambda: p)
        pv = rng.randn(40).astype(np.float32)
        with tf.Session() as s:
            for k, fd in (("computed", {p: pv}),
                          ("fed", {p: pv, fill: np.ones(40, np.float32)})):
                out["loop_cond_%s" % k] = np.stack(s.run([looped * fill, branch * fill], fd))
    with tf.Graph().as_default():
        tf.set_random_seed(11)
        ids = tf.placeholder(tf.int32, [2, 5])
        state = tf.fill([2, 6], 0.0)
        emb = tf.get_variable("emb", [9, 6])
        h = tf.reduce_sum(tf.nn.embedding_lookup(emb, ids), 1) + state
        logits = tf.layers.dense(tf.tanh(h), 9)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=ids[:, 0], logits=logits))
        tv = tf.trainable_variables()
        grads, _ = tf.clip_by_global_norm(tf.gradients(loss, tv), 5.0)
        train = tf.train.AdamOptimizer(0.01).apply_gradients(zip(grads, tv))
        slots = [v for v in tf.global_variables() if v.name.startswith("emb/Adam")]
        bx = rng.randint(0, 9, (2, 5)).astype(np.int32)
        with tf.Session() as s:
            for k, fd in (("computed", {ids: bx}),
                          ("fed", {ids: bx, state: np.zeros((2, 6), np.float32)})):
                s.run(tf.global_variables_initializer())
                for _ in range(2):
                    s.run(train, fd)
                out["sparse_adam_state_%s" % k] = np.stack(s.run([emb] + slots))
    return out
