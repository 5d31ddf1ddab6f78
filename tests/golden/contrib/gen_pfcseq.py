"""tf.contrib.feature_column, tf.contrib.staging and tf.contrib.kernel_methods under TF 1.14,
made on the host recorded in case "vendor" (an Intel Xeon; tests/test_pfcseq.py runs
flowgrad with FLOWGRAD_CPU of that vendor):
- feature_column: a seeded BasicRNNCell dynamic_rnn over sequence_input_layer of an
  embedding column (sequence identity ids) and a sequence numeric column: every op (name,
  type), the input, lengths, outputs and state; the variables' collections; the columns'
  reprs; the errors.
- staging: a seeded pipeline through two StagingAreas (capacity, names, memory_limit,
  shared_name): every op (name, type, inputs, colocation), put/peek/get/size/clear runs,
  the memory limit's and a partial tuple's run-time errors, the build-time errors; puts
  waiting for room (capacity, memory_limit) while another thread gets.
- kernel_methods: RandomFourierFeatureMapper's map (ops, values; NumPy's global generator
  reseeded), sparse_multiclass_hinge_loss (ops, values, errors), and KernelLinearClassifier
  trained 5 steps: its evaluation, predictions and variables.
"""
import tempfile

import numpy as np
from goldenio import host_vendor


def _err(fn):
    """'<class>: <first line of the message>' of what fn() raises."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - any error TF raises is the golden
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return "no error"


def _ops(g):
    return [[op.name, op.type] for op in g.get_operations()]


# -- tf.contrib.feature_column -------------------------------------------------------------
def _fc_rnn(tf):
    sfc = tf.contrib.feature_column
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        idx = [[0, 0], [0, 1], [1, 0], [2, 0], [2, 1], [2, 2]]
        ids = tf.SparseTensor(indices=idx, values=[1, 3, 2, 0, 4, 1], dense_shape=[3, 3])
        nums = tf.SparseTensor(indices=idx, values=[.5, 1.5, -1., 2., .25, 3.],
                               dense_shape=[3, 3])
        emb = tf.feature_column.embedding_column(
            sfc.sequence_categorical_column_with_identity("ids", 5), 3)
        num = sfc.sequence_numeric_column("nums")
        x, length = sfc.sequence_input_layer({"ids": ids, "nums": nums}, [emb, num])
        cell = tf.nn.rnn_cell.BasicRNNCell(4)
        out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=length, dtype=tf.float32)
        shapes = [x.shape.as_list(), length.shape.as_list()]
        ops = _ops(g)
        names = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            values = sess.run([x, length, out, state])
    return {"ops": ops, "shapes": shapes, "variables": names, "values": values}


def _fc_collections(tf):
    """The embedding variables' collections: weight_collections and trainable=False, then
    the defaults (GLOBAL_VARIABLES and TRAINABLE_VARIABLES, no MODEL_VARIABLES)."""
    sfc = tf.contrib.feature_column
    g = tf.Graph()
    with g.as_default():
        ids = tf.SparseTensor(indices=[[0, 0], [1, 0]], values=[1, 2], dense_shape=[2, 1])
        emb = tf.feature_column.embedding_column(
            sfc.sequence_categorical_column_with_identity("ids", 5), 2)
        sfc.sequence_input_layer({"ids": ids}, [emb], weight_collections=["my"],
                                 trainable=False)
        sfc.sequence_input_layer({"ids": ids}, [emb])
        keys = ["my", tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.TRAINABLE_VARIABLES,
                tf.GraphKeys.MODEL_VARIABLES]
        return [[k, [v.name for v in tf.get_collection(k)]] for k in keys]


def _fc_columns(tf):
    sfc = tf.contrib.feature_column
    cols = [sfc.sequence_categorical_column_with_identity("i", 4, default_value=0),
            sfc.sequence_categorical_column_with_hash_bucket("h", 7),
            sfc.sequence_categorical_column_with_vocabulary_list("v", ["a", "b"],
                                                                 num_oov_buckets=1),
            sfc.sequence_categorical_column_with_vocabulary_file("f", "/tmp/vocab.txt",
                                                                 vocabulary_size=3),
            sfc.sequence_numeric_column("n", shape=(2,), default_value=1.)]
    return [repr(c) for c in cols] + [cols[-1].name, cols[0].name]


def _fc_errors(tf):
    sfc = tf.contrib.feature_column
    g = tf.Graph()
    with g.as_default():
        dense = {"a": tf.constant([[1.]])}
        ids = {"a": tf.SparseTensor([[0, 0]], [1], [1, 1])}
        plain = tf.feature_column.categorical_column_with_identity("a", 3)
        return [
            _err(lambda: sfc.sequence_input_layer(
                dense, [tf.feature_column.numeric_column("a")])),
            _err(lambda: sfc.sequence_input_layer(
                ids, [tf.feature_column.embedding_column(plain, 2)])),
            _err(lambda: sfc.sequence_input_layer(
                ids, [tf.feature_column.indicator_column(plain)])),
            _err(lambda: sfc.sequence_numeric_column("n", dtype=tf.string)),
            _err(lambda: sfc.sequence_numeric_column("n", shape=(0,))),
            _err(lambda: sfc.sequence_numeric_column("n", normalizer_fn=3)),
            _err(lambda: sfc.sequence_categorical_column_with_identity("i", 0)),
            _err(lambda: sfc.sequence_input_layer(dense, [])),
        ]


# -- tf.contrib.staging --------------------------------------------------------------------
def _staging(tf):
    staging_area = tf.contrib.staging.StagingArea
    g = tf.Graph()
    out = {}
    with g.as_default():
        tf.set_random_seed(3)
        a = staging_area([tf.float32, tf.int32], shapes=[[2], []], capacity=3)
        x = tf.random_uniform([2])
        i = tf.placeholder(tf.int32, [])
        put = a.put([x, i])
        y, j = a.get()
        peeked = a.peek(1)
        size, clear = a.size(), a.clear()
        z = y * 2.0
        b = staging_area([tf.float32, tf.float32], names=["u", "v"], memory_limit=16,
                         shared_name="shared")
        u = tf.placeholder(tf.float32, [None])
        put_b = b.put({"u": u, "v": u + 1})
        put_b1 = b.put({"u": u})
        got_b = b.get()
        single = staging_area([tf.float32])
        put_s = single.put(x)
        out["static"] = [
            sorted(got_b), [t.shape.as_list() for t in (y, j)] + [peeked[0].shape.as_list()],
            got_b["u"].shape.ndims, a.name, b.name, single.name, a.capacity, b.memory_limit,
            [s.as_list() for s in a.shapes], b.names, [d.name for d in a.dtypes],
            [put.type, put_s.type, size.dtype.name, clear.type]]
        out["ops"] = [[op.name, op.type, [t.name for t in op.inputs],
                       [c.decode() for c in op.colocation_groups()]]
                      for op in g.get_operations()]
        out["attrs"] = [[n, put.get_attr(n)] for n in ("capacity", "memory_limit",
                                                       "container", "shared_name")] + [
            [d.name for d in put.get_attr("dtypes")],
            [d.name for d in g.get_operation_by_name("shared_get").get_attr("dtypes")]]
        runs = []
        with tf.Session() as sess:
            for k in range(3):
                sess.run(put, {i: k})
            runs.append(sess.run(size))
            runs.append(sess.run(peeked))
            runs.append(sess.run([z, j]))
            runs.append(sess.run(size))
            sess.run(clear)
            runs.append(sess.run(size))
            sess.run(put_b, {u: [1., 2.]})
            runs.append(_err(lambda: sess.run(put_b, {u: [1., 2., 3.]})))
            runs.append(sess.run(got_b))
            sess.run(put_b1, {u: [5.]})
            runs.append(_err(lambda: sess.run(got_b)))
            sess.run(put_s)
            runs.append(sess.run(single.get()))
            for vals in (["a" * 20], [""], ["a" * 15, "b" * 16], [b"\xff\xfe"]):
                strings = staging_area([tf.string], memory_limit=1)   # TF's TotalBytes
                runs.append(_err(lambda: sess.run(strings.put([tf.constant(vals)]))))
        out["runs"] = runs
        out["errors"] = [
            _err(lambda: staging_area([tf.float32], shapes=[[1], [2]])),
            _err(lambda: staging_area([tf.float32], names=["a", "b"])),
            _err(lambda: staging_area([tf.float32], shared_name=3)),
            _err(lambda: a.put([tf.constant([1, 2]), i])),
            _err(lambda: a.put([tf.constant([1., 2., 3.]), i])),
            _err(lambda: a.put([x, i, i])),
            _err(lambda: a.put({"u": x})),
            _err(lambda: b.put([x])),
            _err(lambda: b.put({"w": x})),
            _err(lambda: a.put([1.0, 2])),
            _err(lambda: a.peek(1.5)),
        ]
    return out


def _staging_blocking(tf):
    """Puts waiting for room: a thread puts 4 tuples into an area of capacity 1 and one
    of memory_limit 8 bytes (one float32 pair) while the main thread gets them."""
    import threading
    g = tf.Graph()
    out = []
    with g.as_default():
        v = tf.placeholder(tf.float32, [2])
        for kw in ({"capacity": 1}, {"memory_limit": 8}):
            area = tf.contrib.staging.StagingArea([tf.float32], **kw)
            put, got, size = area.put([v]), area.get(), area.size()
            with tf.Session() as sess:
                def producer():
                    for k in range(4):
                        sess.run(put, {v: [k, -k]})
                thread = threading.Thread(target=producer)
                thread.start()
                values = [sess.run(got) for _ in range(4)]
                thread.join()
                out.append([values, sess.run(size)])
    return out


# -- tf.contrib.kernel_methods -------------------------------------------------------------
def _kernel_ops(tf):
    km = tf.contrib.kernel_methods
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(np.linspace(-1, 1, 12).reshape(4, 3).astype(np.float32))
        mapper = km.RandomFourierFeatureMapper(3, 5, stddev=2.0, seed=4, name="rff")
        y = mapper.map(x)
        after = np.random.rand()   # TF reseeds NumPy's global generator
        logits = tf.constant([[1., 2., .5], [.3, -1., 2.], [0., 0., 0.], [3., 1., 1.5]])
        labels = tf.constant([1, 2, 0, 1])
        l1 = km.sparse_multiclass_hinge_loss(labels, logits)
        l2 = km.sparse_multiclass_hinge_loss(tf.reshape(labels, [4, 1]), logits,
                                             weights=[1., 0., 2., .5],
                                             reduction=tf.losses.Reduction.NONE)
        errors = [
            _err(lambda: mapper.map(tf.constant([1., 2.]))),
            _err(lambda: mapper.map(tf.constant([[1., 2.]]))),
            _err(lambda: km.sparse_multiclass_hinge_loss(tf.constant([1., 2.]), logits)),
            _err(lambda: km.sparse_multiclass_hinge_loss(labels, tf.constant([1., 2.]))),
            _err(lambda: km.sparse_multiclass_hinge_loss(tf.constant([[[1]]]), logits)),
        ]
        ops = _ops(g)
        with tf.Session() as sess:
            values = sess.run([y, l1, l2])
    return {"ops": ops, "values": values, "after": after, "errors": errors,
            "props": [mapper.name, mapper.input_dim, mapper.output_dim]}


def _kernel_estimator(tf):
    km = tf.contrib.kernel_methods

    def input_fn():
        rng = np.random.RandomState(0)
        xs = rng.randn(16, 2).astype(np.float32)
        ys = (xs[:, 0] * xs[:, 1] > 0).astype(np.int64)
        return {"x": tf.constant(xs)}, tf.constant(ys)

    col = tf.contrib.layers.real_valued_column("x", dimension=2)
    mapper = km.RandomFourierFeatureMapper(2, 8, stddev=1.0, seed=3, name="r")
    est = km.KernelLinearClassifier(
        feature_columns=[], n_classes=2, model_dir=tempfile.mkdtemp(),
        optimizer=tf.train.GradientDescentOptimizer(0.5), kernel_mappers={col: [mapper]},
        config=tf.contrib.learn.RunConfig(tf_random_seed=1))
    est.fit(input_fn=input_fn, steps=5)
    metrics = est.evaluate(input_fn=input_fn, steps=1)
    names = sorted(est.get_variable_names())
    return {"metrics": {k: np.asarray(v) for k, v in metrics.items()},
            "classes": np.asarray(list(est.predict_classes(input_fn=input_fn))),
            "proba": np.asarray(list(est.predict_proba(input_fn=input_fn))),
            "variables": names,
            "weights": [est.get_variable_value(n) for n in names if "weight" in n],
            "errors": [_err(lambda: km.KernelLinearClassifier()),
                       _err(lambda: km.KernelLinearClassifier(feature_columns=[col],
                                                              kernel_mappers={col: [1]}))]}


def cases(tf):
    return {"vendor": host_vendor(), "fc_rnn": _fc_rnn(tf), "fc_columns": _fc_columns(tf),
            "fc_collections": _fc_collections(tf),
            "fc_errors": _fc_errors(tf), "staging": _staging(tf),
            "staging_blocking": _staging_blocking(tf),
            "kernel_ops": _kernel_ops(tf), "kernel_estimator": _kernel_estimator(tf)}
