"""TF 1.14's ops for Python/NumPy inputs: API calls given NumPy arrays and lists list the
ops TF makes (names and types: a generated op wrapper converts an input inside the op's
scope, `Tile/input`; Python wrappers that convert first make `Const`), tf.cond branches
returning Python numbers (a Const in the branch, no Switch), tf.stack of NumPy arrays
(TF's convert_to_tensor refuses a list of arrays: the first array as `stack`, then Pack
`stack_1`) and the dense-shape error of such lists."""

import numpy as np

A = np.arange(6, dtype=np.float32).reshape(2, 3) + 1
V = np.array([1.0, 2.0, 3.0], np.float32)
IDX = np.array([0, 2, 1], np.int32)
B = np.array([True, False, True])
# TF 1.14 fails on these with NumPy inputs (a NumPy dtype has no is_complex, an array no
# get_shape); flowgrad converts them, except einsum's, TF's AttributeError
# (math/gen_einsum_operands.py). swish is TF's Defun; rot90 of an array lists
# flowgrad's own ops (its conds are not in TF's layout then).
SKIP = ("angle", "real", "einsum", "moments", "swish", "image_rot90")


def _calls(tf, A=A, V=V, IDX=IDX, B=B):  # noqa: N803 - the arrays' names
    calls = {
        "abs": lambda: tf.abs(A),
        "neg": lambda: tf.negative(A),
        "add": lambda: tf.add(A, A),
        "add_n": lambda: tf.add_n([A, A]),
        "argmax": lambda: tf.argmax(A, 1),
        "argmin": lambda: tf.argmin(A, 0),
        "argsort": lambda: tf.argsort(V),
        "sort": lambda: tf.sort(V),
        "batch_to_space": lambda: tf.batch_to_space(
            np.zeros((4, 1, 1, 1), np.float32), [[0, 0], [0, 0]], 2
        ),
        "boolean_mask": lambda: tf.boolean_mask(V, B),
        "broadcast_to": lambda: tf.broadcast_to(V, [2, 3]),
        "cast": lambda: tf.cast(A, tf.int32),
        "clip_by_value": lambda: tf.clip_by_value(A, 1.0, 2.0),
        "clip_by_norm": lambda: tf.clip_by_norm(A, 1.0),
        "concat": lambda: tf.concat([A, A], 0),
        "cumsum": lambda: tf.cumsum(V),
        "cumprod": lambda: tf.cumprod(V, exclusive=True),
        "depth_to_space": lambda: tf.depth_to_space(np.zeros((1, 1, 1, 4), np.float32), 2),
        "diag_part": lambda: tf.diag_part(np.eye(2)),
        "dynamic_partition": lambda: tf.dynamic_partition(V, IDX % 2, 2),
        "dynamic_stitch": lambda: tf.dynamic_stitch([IDX[:2], IDX[2:]], [V[:2], V[2:]]),
        "einsum": lambda: tf.einsum("ij,kj->ik", A, A),
        "equal": lambda: tf.equal(A, A),
        "expand_dims": lambda: tf.expand_dims(V, 0),
        "eye": lambda: tf.eye(2),
        "fill": lambda: tf.fill([2], 3.0),
        "gather_nd": lambda: tf.gather_nd(A, [[0, 1]]),
        "identity": lambda: tf.identity(V),
        "invert_permutation": lambda: tf.invert_permutation(IDX),
        "l2_normalize": lambda: tf.nn.l2_normalize(A, 1),
        "linspace": lambda: tf.linspace(0.0, 1.0, 3),
        "log_softmax": lambda: tf.nn.log_softmax(A),
        "matmul_t": lambda: tf.matmul(A, A, transpose_b=True),
        "matrix_band_part": lambda: tf.matrix_band_part(np.ones((3, 3), np.float32), 0, -1),
        "matrix_diag": lambda: tf.matrix_diag(V),
        "matrix_transpose": lambda: tf.matrix_transpose(A),
        "maximum": lambda: tf.maximum(A, 2.0),
        "meshgrid": lambda: tf.meshgrid(V, V),
        "moments": lambda: tf.nn.moments(A, [0]),
        "norm": lambda: tf.norm(A),
        "one_hot": lambda: tf.one_hot(IDX, 3),
        "ones_like": lambda: tf.ones_like(A),
        "parallel_stack": lambda: tf.parallel_stack([V, V]),
        "pow": lambda: tf.pow(A, 2.0),
        "range": lambda: tf.range(0, 5, 2),
        "rank": lambda: tf.rank(A),
        "reduce_logsumexp": lambda: tf.reduce_logsumexp(A, 1),
        "reduce_mean": lambda: tf.reduce_mean(A),
        "reduce_max": lambda: tf.reduce_max(A, axis=[0, 1]),
        "reduce_all": lambda: tf.reduce_all(B),
        "relu": lambda: tf.nn.relu(A),
        "reshape": lambda: tf.reshape(A, [-1]),
        "reverse_sequence": lambda: tf.reverse_sequence(A, [1, 2], 1, 0),
        "roll": lambda: tf.roll(V, 1, 0),
        "round": lambda: tf.round(A),
        "scatter_nd": lambda: tf.scatter_nd([[0], [1]], [1.0, 2.0], [3]),
        "segment_sum": lambda: tf.segment_sum(V, [0, 0, 1]),
        "sequence_mask": lambda: tf.sequence_mask([1, 2], 3),
        "sigmoid": lambda: tf.sigmoid(A),
        "sign": lambda: tf.sign(A),
        "size": lambda: tf.size(A),
        "softmax": lambda: tf.nn.softmax(A),
        "softplus": lambda: tf.nn.softplus(A),
        "space_to_batch": lambda: tf.space_to_batch(
            np.zeros((1, 2, 2, 1), np.float32), [[0, 0], [0, 0]], 2
        ),
        "split_v": lambda: tf.split(A, [1, 2], 1),
        "sqrt": lambda: tf.sqrt(A),
        "square": lambda: tf.square(A),
        "squared_difference": lambda: tf.squared_difference(A, 1.0),
        "stop_gradient": lambda: tf.stop_gradient(A),
        "strided_slice": lambda: tf.strided_slice(A, [0, 1], [2, 3]),
        "tensordot": lambda: tf.tensordot(A, A, [[1], [1]]),
        "top_k": lambda: tf.nn.top_k(V, 2),
        "trace": lambda: tf.trace(np.eye(2)),
        "transpose": lambda: tf.transpose(A),
        "truncatediv": lambda: tf.truncatediv(IDX, 2),
        "unique": lambda: tf.unique(IDX),
        "unique_with_counts": lambda: tf.unique_with_counts(IDX),
        "unsorted_segment_sum": lambda: tf.unsorted_segment_sum(V, IDX, 3),
        "unstack": lambda: tf.unstack(A),
        "where1": lambda: tf.where(B),
        "zeros_like": lambda: tf.zeros_like(A),
        "bias_add": lambda: tf.nn.bias_add(A, V),
        "conv2d": lambda: tf.nn.conv2d(
            np.ones((1, 3, 3, 1), np.float32),
            np.ones((2, 2, 1, 1), np.float32),
            [1, 1, 1, 1],
            "VALID",
        ),
        "max_pool": lambda: tf.nn.max_pool(
            np.ones((1, 4, 4, 1), np.float32), [1, 2, 2, 1], [1, 2, 2, 1], "VALID"
        ),
        "avg_pool": lambda: tf.nn.avg_pool(
            np.ones((1, 4, 4, 1), np.float32), [1, 2, 2, 1], [1, 2, 2, 1], "SAME"
        ),
        "dropout": lambda: tf.nn.dropout(A, 0.5, seed=1),
        "embedding_lookup": lambda: tf.nn.embedding_lookup(A, [1]),
        "l2_loss": lambda: tf.nn.l2_loss(A),
        "sparse_softmax_xent": lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=[0, 1], logits=A
        ),
        "softmax_xent_v2": lambda: tf.nn.softmax_cross_entropy_with_logits_v2(labels=A, logits=A),
        "sigmoid_xent": lambda: tf.nn.sigmoid_cross_entropy_with_logits(labels=A, logits=A),
        "weighted_xent": lambda: tf.nn.weighted_cross_entropy_with_logits(A, A, 2.0),
        "in_top_k": lambda: tf.nn.in_top_k(A, [0, 1], 1),
        "lrn": lambda: tf.nn.lrn(np.ones((1, 2, 2, 3), np.float32)),
        "zero_fraction": lambda: tf.nn.zero_fraction(A),
        "batch_norm": lambda: tf.nn.batch_normalization(A, V, V, V, V, 1e-3),
        "fused_bn": lambda: tf.nn.fused_batch_norm(np.ones((1, 2, 2, 3), np.float32), V, V),
        "count_nonzero": lambda: tf.count_nonzero(A),
        "confusion_matrix": lambda: tf.confusion_matrix([0, 1], [1, 1]),
        "bincount": lambda: tf.bincount(IDX),
        "histogram_fixed_width": lambda: tf.histogram_fixed_width(V, [0.0, 4.0], 4),
        "image_resize": lambda: tf.image.resize_images(np.ones((2, 2, 1), np.float32), [4, 4]),
        "image_flip": lambda: tf.image.flip_left_right(np.ones((2, 2, 1), np.float32)),
        "image_std": lambda: tf.image.per_image_standardization(np.ones((2, 2, 1), np.float32)),
        "image_gray": lambda: tf.image.rgb_to_grayscale(np.ones((2, 2, 3), np.float32)),
        "image_crop": lambda: tf.image.central_crop(np.ones((4, 4, 1), np.float32), 0.5),
        "image_convert": lambda: tf.image.convert_image_dtype(
            np.ones((2, 2, 1), np.uint8), tf.float32
        ),
        "string_join": lambda: tf.strings.join(["a", "b"]),
        "string_split": lambda: tf.string_split(["a b"]),
        "as_string": lambda: tf.as_string(V),
        "tf_print": lambda: tf.Print(V, [V]),
        "assert_equal": lambda: tf.assert_equal(V, V),
        "py_func": lambda: tf.py_func(lambda x: x, [V], tf.float32),
        "map_fn": lambda: tf.map_fn(lambda x: x * 2, V),
        "foldl": lambda: tf.foldl(lambda a, x: a + x, V),
        "cond": lambda: tf.cond(tf.constant(True), lambda: V, lambda: V * 2),
        "while": lambda: tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0]),
        "random_shuffle": lambda: tf.random_shuffle(V, seed=1),
        "random_crop": lambda: tf.random_crop(A, [1, 2], seed=1),
        "multinomial": lambda: tf.multinomial(np.log([[0.5, 0.5]]), 2, seed=1),
        "lbeta": lambda: tf.lbeta(A),
        "polyval": lambda: tf.math.polyval([1.0, 2.0], V),
        "setdiff1d": lambda: tf.setdiff1d(IDX, [0]),
        "matrix_inverse": lambda: tf.matrix_inverse(np.eye(2)),
        "cholesky": lambda: tf.cholesky(np.eye(2)),
        "svd": lambda: tf.svd(np.eye(2)),
        "qr": lambda: tf.qr(np.eye(2)),
        "self_adjoint_eig": lambda: tf.self_adjoint_eig(np.eye(2)),
        "fft": lambda: tf.fft(np.ones(4, np.complex64)),
        "complex": lambda: tf.complex(V, V),
        "real": lambda: tf.real(np.ones(2, np.complex64)),
        "angle": lambda: tf.angle(np.ones(2, np.complex64)),
        "sparse_to_dense": lambda: tf.sparse_to_dense([[0]], [2], [1.0]),
        "sparse_tensor_to_dense": lambda: tf.sparse_tensor_to_dense(
            tf.SparseTensor([[0]], [1.0], [2])
        ),
        "nn_conv1d": lambda: tf.nn.conv1d(
            np.ones((1, 4, 1), np.float32), np.ones((2, 1, 1), np.float32), 1, "SAME"
        ),
        "sufficient_statistics": lambda: tf.nn.sufficient_statistics(A, [0]),
        "normalize_moments": lambda: tf.nn.normalize_moments(2.0, V, V, None),
        "log_poisson_loss": lambda: tf.nn.log_poisson_loss(A, A),
        "nce_w": lambda: tf.nn.relu6(A),
        "selu": lambda: tf.nn.selu(A),
        "elu": lambda: tf.nn.elu(A),
        "leaky": lambda: tf.nn.leaky_relu(A),
        "crelu": lambda: tf.nn.crelu(A),
        "swish": lambda: tf.nn.swish(A),
        "xw_plus_b": lambda: tf.nn.xw_plus_b(
            A, np.ones((3, 2), np.float32), np.ones(2, np.float32)
        ),
        "batch_gather": lambda: tf.batch_gather(A, [[0], [1]]),
        "extract_image_patches": lambda: tf.extract_image_patches(
            np.ones((1, 3, 3, 1), np.float32), [1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], "VALID"
        ),
        "image_pad": lambda: tf.image.pad_to_bounding_box(
            np.ones((2, 2, 1), np.float32), 1, 1, 4, 4
        ),
        "image_crop_bb": lambda: tf.image.crop_to_bounding_box(
            np.ones((4, 4, 1), np.float32), 1, 1, 2, 2
        ),
        "image_rot90": lambda: tf.image.rot90(np.ones((2, 2, 1), np.float32)),
        "image_transpose": lambda: tf.image.transpose_image(np.ones((2, 3, 1), np.float32)),
        "image_brightness": lambda: tf.image.adjust_brightness(np.ones((2, 2, 3), np.float32), 0.1),
        "image_contrast": lambda: tf.image.adjust_contrast(np.ones((2, 2, 3), np.float32), 2.0),
        "image_hsv": lambda: tf.image.rgb_to_hsv(np.ones((2, 2, 3), np.float32)),
        "image_resize_crop_pad": lambda: tf.image.resize_image_with_crop_or_pad(
            np.ones((2, 2, 1), np.float32), 3, 3
        ),
    }
    return calls


def _op_lists(tf, names, skip, call):
    """{name: the (name, type) of each op `call(name)` makes in a new graph}."""
    out = {}
    for k in sorted(names):
        if k in skip:
            continue
        with tf.Graph().as_default() as g:
            call(k)
            out[k] = [[o.name, o.type] for o in g.get_operations()]
    return out


def op_lists(tf):
    calls = _calls(tf)
    return _op_lists(tf, calls, SKIP, lambda k: calls[k]())


def variable_op_lists(tf):
    """The same calls with a ref Variable for A and a resource variable for V."""
    def call(k):
        a = tf.Variable(A, name="A")
        v = tf.get_variable("V", initializer=V, use_resource=True)
        _calls(tf, A=a, V=v)[k]()
    return _op_lists(tf, _calls(tf), SKIP, call)


def cond_constants(tf):
    with tf.Graph().as_default() as g:
        p = tf.placeholder(tf.bool, [])
        x = tf.placeholder(tf.float32, [])
        a = tf.cond(p, lambda: 0.1, lambda: 0.01)
        b = tf.cond(p, lambda: x, lambda: 2.0)
        c = tf.cond(p, lambda: [1.0, x], lambda: [np.float32(4.0), 3.0])
        ops = [[o.name, o.type, [i.name for i in o.inputs]] for o in g.get_operations()]
        with tf.Session() as s:
            vals = [s.run([a, b, c], {p: v, x: 5.0}) for v in (True, False)]
        gd = [[n.name, n.op, list(n.input)] for n in g.as_graph_def().node]
    return {
        "ops": ops,
        "values": [[float(a), float(b), [float(v) for v in c]] for a, b, c in vals],
        "graph_def": gd,
    }


def stacks_and_lists(tf):
    out = []
    for v in (
        [np.zeros(2), np.zeros(2)],
        [np.zeros(2, np.float32), np.ones(2, np.float32)],
        [[1.0, 2.0], [3.0, 4.0]],
        [np.float32(1), np.float32(2)],
        [np.array([1, 2]), [3, 4]],
        [[np.zeros(2)]],
    ):
        with tf.Graph().as_default() as g:
            row = {}
            if len(v) > 1 and not isinstance(v[1], list):  # (the last two: Pack refuses)
                s = tf.stack(v)
                row = {"name": s.name, "ops": [[o.name, o.type] for o in g.get_operations()]}
            for f in (tf.constant, tf.convert_to_tensor, tf.make_tensor_proto):
                try:
                    f(v)
                    row.setdefault("errors", []).append(None)
                except ValueError as e:
                    row.setdefault("errors", []).append(str(e))
            out.append(row)
    return out


X4 = np.ones((2, 4, 4, 3), np.float32)
F2 = np.ones((2, 5), np.float32)
# TF 1.14 fails on these with NumPy inputs, with NumPy-1.16-era messages
LAYER_SKIP = ("c_l2", "c_softmax")


def _layer_calls(tf, X=X4, F=F2):  # noqa: N803 - the arrays' names
    calls = {
        "dense": lambda: tf.layers.dense(F, 3),
        "conv2d": lambda: tf.layers.conv2d(X, 2, 3),
        "bn": lambda: tf.layers.batch_normalization(X),
        "dropout": lambda: tf.layers.dropout(F, 0.5, training=True, seed=1),
        "flatten": lambda: tf.layers.flatten(X),
        "maxpool": lambda: tf.layers.max_pooling2d(X, 2, 2),
        "c_fc": lambda: tf.contrib.layers.fully_connected(F, 3),
        "c_conv": lambda: tf.contrib.layers.conv2d(X, 2, 3),
        "c_bn": lambda: tf.contrib.layers.batch_norm(X),
        "c_flatten": lambda: tf.contrib.layers.flatten(X),
        "c_ln": lambda: tf.contrib.layers.layer_norm(F),
        "slim_conv": lambda: tf.contrib.slim.conv2d(X, 2, [3, 3]),
        "k_dense": lambda: tf.keras.layers.Dense(3)(F),
        "conv2d_t": lambda: tf.layers.conv2d_transpose(X, 2, 3, 2),
        "sep": lambda: tf.layers.separable_conv2d(X, 2, 3),
        "emb": lambda: tf.contrib.layers.embed_sequence(np.array([[1, 2]]), 5, 3),
        "avgpool": lambda: tf.layers.average_pooling2d(X, 2, 2),
        "conv1d": lambda: tf.layers.conv1d(F[:, :, None], 2, 2),
        "c_l2": lambda: tf.contrib.layers.l2_regularizer(0.1)(F),
        "c_softmax": lambda: tf.contrib.layers.softmax(F),
        "c_one_hot": lambda: tf.contrib.layers.one_hot_encoding(np.array([0, 1]), 3),
        "c_dropout": lambda: tf.contrib.layers.dropout(F, 0.5),
        "losses_mse": lambda: tf.losses.mean_squared_error(F, F * 2),
        "losses_sce": lambda: tf.losses.softmax_cross_entropy(F, F),
        "losses_sparse": lambda: tf.losses.sparse_softmax_cross_entropy(np.array([0, 1]), F),
        "losses_sig": lambda: tf.losses.sigmoid_cross_entropy(F, F),
        "losses_huber": lambda: tf.losses.huber_loss(F, F * 2),
        "losses_log": lambda: tf.losses.log_loss(F * 0.1, F * 0.2),
        "metrics_acc": lambda: tf.metrics.accuracy(np.array([0, 1]), np.array([0, 0])),
        "metrics_mean": lambda: tf.metrics.mean(F),
        "metrics_auc": lambda: tf.metrics.auc(np.array([0, 1]), np.array([0.2, 0.8])),
        "clip_gn": lambda: tf.clip_by_global_norm([F, F], 1.0),
        "c_repeat": lambda: tf.contrib.layers.repeat(F, 2, tf.contrib.layers.fully_connected, 3),
    }
    return calls


def layer_op_lists(tf):
    """Layers, losses, metrics and clip_by_global_norm given NumPy arrays."""
    calls = _layer_calls(tf)
    return _op_lists(tf, calls, LAYER_SKIP, lambda k: calls[k]())


def scatter_op_lists(tf):
    """tf.scatter_* of Python lists on a ref variable and on a resource variable, and
    gathers of a resource variable."""
    out = {}
    for f in ("scatter_update", "scatter_add", "scatter_sub", "scatter_mul", "scatter_div",
              "scatter_max", "scatter_min", "scatter_nd_update", "scatter_nd_add"):
        for kind in ("ref", "resource"):
            if kind == "resource" and f not in ("scatter_update", "scatter_add", "scatter_sub"):
                continue
            with tf.Graph().as_default() as g:
                if kind == "ref":
                    v = tf.Variable([1.0, 2.0])
                else:
                    v = tf.get_variable("v", initializer=[1.0, 2.0], use_resource=True)
                getattr(tf, f)(v, [[0]] if "nd" in f else [0], [3.0])
                out[f"{kind}/{f}"] = [[o.name, o.type] for o in g.get_operations()]
    with tf.Graph().as_default() as g:
        v = tf.get_variable("v", initializer=[1.0, 2.0], use_resource=True)
        tf.nn.embedding_lookup(v, [0])
        v.sparse_read([1])
        tf.gather(v, np.array([0]))
        out["resource/gathers"] = [[o.name, o.type] for o in g.get_operations()]
    return out


def cases(tf):
    return {
        "op_lists": op_lists(tf),
        "variable_op_lists": variable_op_lists(tf),
        "layer_op_lists": layer_op_lists(tf),
        "scatter_op_lists": scatter_op_lists(tf),
        "cond_constants": cond_constants(tf),
        "stacks_and_lists": stacks_and_lists(tf),
    }
