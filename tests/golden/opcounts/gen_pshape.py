"""TF 1.14's shape refiner evaluates constant subgraphs through Unique, Where,
SparseFillEmptyRows, DynamicPartition and (Parallel)DynamicStitch
(tests/test_pshape_refiner.py): a partitioned embedding lookup with constant sparse ids
and max_norm stitches a result of static shape (rows, dim), so the clip's Mul gradient
takes its fast path and the gradient's Shape ops are Consts. Each case records the
lookup's ops and its gradient's ops (name, type, output shapes) and the values."""
import numpy as np

E = 3
_IDS = [[0, 0], [0, 1], [1, 0], [3, 1], [3, 2]]


def _ops(ops):
    return [[o.name, o.type, [str(t.shape) for t in o.outputs]] for o in ops]


def lookup_case(tf, kind, nparts=3, strategy="mod"):
    g = tf.Graph()
    with g.as_default():
        init = tf.constant_initializer(np.linspace(-1.0, 1.0, 10 * E).reshape(10, E))
        if nparts == 1:
            params = tf.get_variable("p", [10, E], initializer=init)
            parts = [params]
        else:
            sizes = [4, 3, 3]
            parts = [tf.get_variable("q%d" % i, [s, E],
                                     initializer=tf.constant_initializer(0.1 * (i + 1)))
                     for i, s in enumerate(sizes)]
            params = parts
        sp = tf.SparseTensor(indices=_IDS, values=tf.constant([3, -1, 1, 9, 3], tf.int64),
                             dense_shape=[4, 3])
        spw = tf.SparseTensor(indices=sp.indices,
                              values=tf.constant([1.0, 0.5, -2.0, 1.5, 0.25]),
                              dense_shape=sp.dense_shape)
        pos = tf.SparseTensor(indices=_IDS, values=tf.constant([3, 0, 1, 9, 3], tf.int64),
                              dense_shape=[4, 3])
        n0 = len(g.get_operations())
        if kind == "safe_max":
            o = tf.nn.safe_embedding_lookup_sparse(params, sp, None, combiner="sum",
                                                   max_norm=0.8, partition_strategy=strategy)
        elif kind == "safe_w":
            o = tf.nn.safe_embedding_lookup_sparse(params, sp, spw, combiner="sum",
                                                   partition_strategy=strategy)
        elif kind.startswith("safe_w_max_"):   # weights pruned by _prune_invalid_weights
            o = tf.nn.safe_embedding_lookup_sparse(params, sp, spw, combiner=kind[11:],
                                                   max_norm=0.8, partition_strategy=strategy)
        elif kind == "els_max":
            o = tf.nn.embedding_lookup_sparse(params, pos, None, combiner="sum", max_norm=0.8,
                                              partition_strategy=strategy)
        else:   # els_w_max
            o = tf.nn.embedding_lookup_sparse(params, pos, spw, combiner="mean", max_norm=0.8,
                                              partition_strategy=strategy)
        n1 = len(g.get_operations())
        grads = tf.gradients(tf.reduce_sum(o * o), parts)
        ops = g.get_operations()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run([o] + [tf.convert_to_tensor(d) for d in grads])
    return {"lookup_ops": _ops(ops[n0:n1]), "grad_ops": _ops(ops[n1:]),
            "shape": str(o.shape), "values": values}


CASES = [("safe_max", 3, "mod"), ("safe_w", 3, "mod"), ("els_max", 3, "mod"),
         ("els_w_max", 3, "mod"), ("els_w_max", 1, "mod"), ("els_max", 3, "div"),
         ("safe_max", 3, "div"), ("safe_w_max_mean", 3, "mod"), ("safe_w_max_sqrtn", 3, "mod"),
         ("safe_w_max_mean", 1, "mod")]


def cases(tf):
    return {"%s/%d/%s" % c: lookup_case(tf, *c) for c in CASES}
