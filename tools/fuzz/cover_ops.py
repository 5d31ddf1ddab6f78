"""Fuzz ops that reach every differentiable op type the public TF 1.14 API can build.

Python 3.7-compatible (the oracle imports it through programs.py). `generate_cover`
adds one op to a program; when the chosen op needs an operand of a given rank or
shape that the program has no value of, it adds a fresh input of that shape
(programs.py's own pickers only use values already there, so rank-4/5 ops were rare).
`apply_cover` builds an op with any `tf`; it returns NotImplemented for names it
does not know.

Differentiable op types no TF 1.14 public graph API builds: AddV2 and OnesLike
(only through tf.raw_ops, which flowgrad does not have) and SoftplusGrad (TF 1.14's
Softplus gradient is grad * sigmoid(x)). Complex ops are reached through casts
of the float inputs; resource ops through "rvar" inputs (tf.Variable(use_resource=True)).
"""
from __future__ import absolute_import

import numpy as np

# name -> the rank its first operand needs (None: any); a fresh input is made otherwise.
COVER = {
    "check_numerics": None, "diag": 1, "diag_part": 2, "matrix_diag": None,
    "matrix_diag_part": 2, "matrix_set_diag": 2, "matrix_determinant": 2, "slogdet": 2,
    "matrix_inverse": 2, "space_to_batch_nd": 4, "batch_to_space_nd": 4, "random_gamma": None,
    "resource_gather": None, "resize_bilinear": 4, "resize_nearest": 4, "resize_bicubic": 4,
    "resize_area": 4, "adjust_contrast": 3, "adjust_hue": 3, "adjust_saturation": 3,
    "split_v": None, "truncatediv": None, "ctc_loss": 3, "py_function": None,
    "sparse_add": 1, "sparse_dense_mul": 1, "sparse_dense_div": 1, "sparse_reduce_sum": 1,
    "sparse_reduce_max": 1, "sparse_reduce_sum_sparse": 1, "sparse_reduce_max_sparse": 1,
    "sparse_reorder": 1, "sparse_fill_empty_rows": 1, "sparse_slice": 1,
    "sparse_softmax": 1, "sparse_maximum": 1, "sparse_minimum": 1, "sparse_split": 1,
    "sparse_tensor_dense_add": 1, "sparse_dense_matmul": 1, "sparse_to_dense": 1,
    "sparse_segment_sum": None, "sparse_segment_mean": None, "sparse_segment_sqrt_n": None,
    "conj": None, "conj_transpose": 2, "ta_scatter_gather": None, "ta_split_concat": None,
    "ta_write_read": None, "random_shuffle": None, "unique_sum": None, "random_poisson": None,
    "truncatemod": None,
    # programs.py's own rank-bound ops, reached here with a fresh operand when needed
    "conv2d": 4, "max_pool": 4, "avg_pool": 4, "depthwise_conv2d": 4, "max_pool_with_argmax": 4,
    "conv3d": 5, "max_pool3d": 5, "avg_pool3d": 5, "fused_batch_norm": 4, "lrn": 4,
    "nn.softsign": None, "nn.softplus": None, "bias_add": 2, "softmax_xent": 2,
    "sparse_xent": 2, "matmul": 2, "qr": 2, "triangular_solve": 2, "einsum": 2,
    "batch_matmul": 3, "sparse_matmul": 2,
}
SPARSE = {n for n in COVER if n.startswith("sparse_") and not n.startswith("sparse_segment")
          and n not in ("sparse_xent", "sparse_matmul")}
FLOAT32_ONLY = {"max_pool3d", "avg_pool3d", "fused_batch_norm", "lrn", "sparse_matmul",
                "ctc_loss", "adjust_hue", "adjust_saturation", "adjust_contrast"}
SQUARE = {"diag_part", "matrix_determinant", "slogdet", "matrix_inverse", "triangular_solve"}
# the sparse operand: dense shape [3, 4], positions drawn per program
SP_SHAPE = [3, 4]


def _fresh_shape(r, name, rank):
    if name in ("space_to_batch_nd", "batch_to_space_nd"):
        return [4 if name == "batch_to_space_nd" else r.randint(1, 2), r.randint(1, 3) * 2,
                r.randint(1, 3) * 2, r.randint(1, 2)]
    if name in ("adjust_hue", "adjust_saturation"):
        return [r.randint(1, 3), r.randint(1, 3), 3]
    if name == "ctc_loss":
        return [r.randint(3, 5), r.randint(1, 2), r.randint(3, 4)]
    if name in ("conv3d", "max_pool3d", "avg_pool3d"):
        return [1] + [r.randint(1, 3) for _ in range(3)] + [r.randint(1, 2)]
    if name in SQUARE:
        n = r.randint(1, 3)
        return [n, n] if r.random() < 0.7 else [2, n, n]
    if rank == 1:
        return [r.randint(3, 6)]
    return [r.randint(1, 4) for _ in range(rank)]


def generate_cover(g, name, x):
    """Adds op `name` to program-generator `g`, on `x` or on a fresh input."""
    r = g.r
    s = list(g.shapes[x])
    if 0 in s:   # an empty value (e.g. a sparse slice that kept nothing): a fresh operand
        s = _fresh_shape(r, name, len(s))
        x = g.add_input(s, g.dtypes[x], r.choice(["feed", "const"]))
    rank = COVER[name]
    dt = g.dtypes[x]
    need32 = name in FLOAT32_ONLY and dt != "float32"
    if need32 or (rank is not None and (len(s) != rank if name not in SQUARE
                                        else len(s) < 2 or s[-1] != s[-2])) \
            or (name == "space_to_batch_nd" and (s[1] % 2 or s[2] % 2)) \
            or (name == "batch_to_space_nd" and s[0] % 4) \
            or (name in ("adjust_hue", "adjust_saturation") and s[-1] != 3) \
            or (name in ("diag", "matrix_diag") and len(s) > 2) \
            or (name == "ctc_loss" and s[-1] < 2) \
            or (name == "resource_gather" and (g.input_kind(x) != "rvar" or not s)) \
            or (name == "matrix_diag" and not s):
        if name == "resource_gather":
            s = [r.randint(2, 4), r.randint(1, 3)]
            x = g.add_input(s, dt, "rvar")
        else:
            s = _fresh_shape(r, name, rank if rank is not None else r.randint(1, 3))
            dt = "float32" if name in FLOAT32_ONLY else dt
            x = g.add_input(s, dt, r.choice(["feed", "const"]))
    if name in ("conv2d", "max_pool", "avg_pool", "softmax_xent", "matmul"):
        import programs  # the generator's own module (imported by name on both sides)
        programs._shape_op(g, name, x, s)
        return
    if name in ("depthwise_conv2d", "max_pool_with_argmax", "conv3d", "max_pool3d", "avg_pool3d",
                "fused_batch_norm", "lrn", "bias_add", "sparse_xent", "qr", "triangular_solve",
                "einsum", "batch_matmul", "sparse_matmul"):
        import programs
        if name == "qr" and s[-2] < s[-1]:
            return
        programs._special_op(g, name, x, tuple(s))
        return
    if name in ("nn.softsign", "nn.softplus", "check_numerics", "py_function", "conj"):
        g.add(name, [x], {}, s)
    elif name == "conj_transpose":
        g.add(name, [x], {}, s[::-1])
    elif name == "diag":
        g.add(name, [x], {}, s + s)
    elif name == "diag_part":
        g.add(name, [x], {}, s[:1])
    elif name == "matrix_diag":
        g.add(name, [x], {}, s + s[-1:])
    elif name == "matrix_diag_part":
        g.add(name, [x], {}, s[:-2] + [min(s[-2:])])
    elif name == "matrix_set_diag":
        d = g.add_input(s[:-2] + [min(s[-2:])], dt, r.choice(["feed", "const"]))
        g.add(name, [x, d], {}, s)
    elif name in ("matrix_determinant", "slogdet"):
        g.add(name, [x], {}, s[:-2])
    elif name == "matrix_inverse":
        g.add(name, [x], {"adjoint": r.random() < 0.3}, s)
    elif name == "space_to_batch_nd":
        g.add(name, [x], {}, [s[0] * 4, s[1] // 2, s[2] // 2, s[3]])
    elif name == "batch_to_space_nd":
        g.add(name, [x], {}, [s[0] // 4, s[1] * 2, s[2] * 2, s[3]])
    elif name == "random_gamma":
        n = r.randint(1, 2)
        g.add(name, [x], {"n": n, "seed": r.randint(1, 1000)}, [n] + s)
    elif name == "resource_gather":
        ind = [r.randint(0, s[0] - 1) for _ in range(r.randint(1, 3))]
        g.add(name, [x], {"indices": ind}, [len(ind)] + s[1:])
    elif name.startswith("resize_"):
        size = [r.randint(1, 5), r.randint(1, 5)]
        kw = {"size": size, "align_corners": r.random() < 0.4}
        if name != "resize_area" and not kw["align_corners"] and r.random() < 0.4:
            kw["half_pixel_centers"] = True
        # TF's resize ops but nearest-neighbour return float32 for every input dtype
        g.add(name, [x], kw, [s[0]] + size + [s[3]],
              dtype=dt if name == "resize_nearest" else "float32")
    elif name in ("adjust_contrast", "adjust_hue", "adjust_saturation"):
        g.add(name, [x], {"f": round(r.uniform(-0.4, 1.6), 2)}, s)
    elif name == "split_v":
        if not s or s[-1] < 2:
            return
        k = r.randint(1, s[-1] - 1)
        pick = r.randint(0, 1)
        g.add(name, [x], {"sizes": [k, s[-1] - k], "pick": pick},
              s[:-1] + [k if pick == 0 else s[-1] - k])
    elif name in ("truncatediv", "truncatemod"):
        g.add(name, [x], {}, s)
    elif name == "random_shuffle":
        g.add(name, [x], {"seed": r.randint(1, 1000)}, s)
    elif name == "unique_sum":
        g.add(name, [x], {}, [])
    elif name == "random_poisson":
        g.add(name, [x], {"seed": r.randint(1, 1000)}, [2] + s)
    elif name == "ctc_loss":
        t, b, c = s
        labels = []
        for _ in range(b):
            n = r.randint(1, 2)
            lab = [r.randint(0, c - 2) for _ in range(n)]
            if n == 2 and lab[0] == lab[1] and t < 3:
                lab = lab[:1]
            labels.append(lab)
        g.add(name, [x], {"labels": labels, "time_major": True}, [b])
    elif name.startswith("sparse_segment_"):
        rows = s[0] if s else 1
        if not s:
            return
        k = r.randint(1, 4)
        ind = [r.randint(0, rows - 1) for _ in range(k)]
        seg = sorted(r.randint(0, 2) for _ in range(k))
        g.add(name, [x], {"indices": ind, "segment_ids": seg}, [seg[-1] + 1] + s[1:])
    elif name.startswith("ta_"):
        if not s:
            return
        n = s[0]
        if name == "ta_scatter_gather":
            perm = list(range(n))
            r.shuffle(perm)
            pick = [r.randint(0, n - 1) for _ in range(r.randint(1, 3))]
            g.add(name, [x], {"scatter": perm, "gather": pick}, [len(pick)] + s[1:])
        elif name == "ta_split_concat":
            cut = r.randint(0, n)
            g.add(name, [x], {"lengths": [cut, n - cut]}, s)
        else:
            g.add(name, [x], {"index": r.randint(0, 2)}, s)
    elif name in SPARSE:
        _sparse_gen(g, name, x, s)


def _positions(r, k):
    cells = [[i, j] for i in range(SP_SHAPE[0]) for j in range(SP_SHAPE[1])]
    r.shuffle(cells)
    return sorted(cells[:k])


def _sparse_gen(g, name, x, s):
    r = g.r
    nnz = s[0]
    kw = {"idx": _positions(r, min(nnz, 12))}
    if len(kw["idx"]) < nnz:
        return
    out = [nnz]
    idx = [tuple(p) for p in kw["idx"]]
    if name in ("sparse_add", "sparse_maximum", "sparse_minimum"):
        kw["idx2"] = _positions(r, nnz)
        if name == "sparse_add":
            kw["thresh"] = 0.0
        out = [len(set(idx) | {tuple(p) for p in kw["idx2"]})]
    elif name in ("sparse_dense_mul", "sparse_dense_div", "sparse_tensor_dense_add"):
        kw["dense"] = r.choice([SP_SHAPE, SP_SHAPE[1:]])
        out = SP_SHAPE if name == "sparse_tensor_dense_add" else [nnz]
    elif name in ("sparse_reduce_sum", "sparse_reduce_max"):
        kw["axis"] = r.choice([None, 0, 1])
        out = [] if kw["axis"] is None else [SP_SHAPE[1 - kw["axis"]]]
    elif name in ("sparse_reduce_sum_sparse", "sparse_reduce_max_sparse"):
        kw["axis"] = r.choice([0, 1])
        out = [len({p[1 - kw["axis"]] for p in idx})]
    elif name == "sparse_reorder":
        r.shuffle(kw["idx"])
    elif name == "sparse_fill_empty_rows":
        out = [nnz + SP_SHAPE[0] - len({p[0] for p in idx})]
    elif name == "sparse_slice":
        kw["start"] = [r.randint(0, 1), r.randint(0, 2)]
        kw["size"] = [2, 2]
        out = [sum(1 for p in idx if all(a <= q < a + b for q, a, b
                                          in zip(p, kw["start"], kw["size"])))]
    elif name == "sparse_split":
        kw["pick"] = r.randint(0, 1)
        out = [sum(1 for p in idx if p[1] // 2 == kw["pick"])]
    elif name == "sparse_dense_matmul":
        kw["cols"] = r.randint(1, 3)
        kw["adjoint_a"] = r.random() < 0.3
        out = [SP_SHAPE[0] if not kw["adjoint_a"] else SP_SHAPE[1], kw["cols"]]
        kw["b"] = g.add_input([SP_SHAPE[0] if kw["adjoint_a"] else SP_SHAPE[1], kw["cols"]],
                              g.dtypes[x], r.choice(["feed", "const"]))
    elif name == "sparse_to_dense":
        out = SP_SHAPE
    kw["out"] = out
    args = [x] + ([kw.pop("b")] if "b" in kw else [])
    g.add(name, args, kw, out)


def _sparse(tf, values, idx):
    return tf.SparseTensor(np.array(idx, dtype=np.int64), values,
                           np.array(SP_SHAPE, dtype=np.int64))


def _sparse_apply(tf, name, args, kw):
    v = args[0]
    st = _sparse(tf, v, kw["idx"])
    if name in ("sparse_add", "sparse_maximum", "sparse_minimum"):
        st2 = _sparse(tf, v * 0.5 - 0.25, kw["idx2"])
        if name == "sparse_add":
            return tf.sparse.add(st, st2, threshold=kw["thresh"]).values
        f = tf.sparse.maximum if name == "sparse_maximum" else tf.sparse.minimum
        return f(st, st2).values
    if name in ("sparse_dense_mul", "sparse_dense_div", "sparse_tensor_dense_add"):
        dense = tf.constant(np.linspace(0.5, 1.5, int(np.prod(kw["dense"])))
                            .reshape(kw["dense"]).astype(v.dtype.as_numpy_dtype))
        if name == "sparse_tensor_dense_add":
            return tf.sparse.add(st, tf.broadcast_to(dense, SP_SHAPE))
        return (st * dense if name == "sparse_dense_mul" else st / dense).values
    if name in ("sparse_reduce_sum", "sparse_reduce_max"):
        f = tf.sparse.reduce_sum if name == "sparse_reduce_sum" else tf.sparse.reduce_max
        return f(st, axis=kw["axis"])
    if name in ("sparse_reduce_sum_sparse", "sparse_reduce_max_sparse"):
        f = tf.sparse.reduce_sum_sparse if name == "sparse_reduce_sum_sparse" \
            else tf.sparse.reduce_max_sparse
        return f(st, axis=kw["axis"]).values
    if name == "sparse_reorder":
        return tf.sparse.reorder(st).values
    if name == "sparse_fill_empty_rows":
        return tf.sparse.fill_empty_rows(st, tf.constant(0.5, v.dtype))[0].values
    if name == "sparse_slice":
        return tf.sparse.slice(st, kw["start"], kw["size"]).values
    if name == "sparse_softmax":
        return tf.sparse.softmax(st).values
    if name == "sparse_split":
        return tf.sparse.split(sp_input=st, num_split=2, axis=1)[kw["pick"]].values
    if name == "sparse_dense_matmul":
        return tf.sparse.sparse_dense_matmul(st, args[1], adjoint_a=kw["adjoint_a"])
    if name == "sparse_to_dense":
        return tf.sparse.to_dense(st)
    return NotImplemented


def _py_square_plus(a):
    return a * a + a


def apply_cover(tf, name, args, kw):
    """Builds cover op `name`; NotImplemented when it is not one of this module's."""
    x = args[0] if args else None
    if name in ("conj", "conj_transpose"):
        # through complex64: x (1 - 0.5j), conjugated, times (0.3 + 0.7j), real part
        cdt = tf.complex64 if x.dtype.base_dtype == tf.float32 else tf.complex128
        c = tf.cast(x, cdt) * tf.constant(1 - 0.5j, cdt)
        c = tf.math.conj(c) if name == "conj" else tf.transpose(c, conjugate=True)
        return tf.cast(c * tf.constant(0.3 + 0.7j, cdt), x.dtype.base_dtype)
    if name == "check_numerics":
        return tf.check_numerics(x, "fuzz")
    if name in ("diag", "diag_part", "matrix_diag", "matrix_diag_part", "matrix_set_diag"):
        return getattr(tf, name)(*args)
    if name in ("matrix_determinant", "slogdet", "matrix_inverse"):
        n = int(x.shape[-1])
        a = x + tf.eye(n, dtype=x.dtype.base_dtype) * 3.0
        if name == "slogdet":
            return tf.linalg.slogdet(a)[1]
        if name == "matrix_inverse":
            return tf.matrix_inverse(a, adjoint=kw["adjoint"])
        return tf.matrix_determinant(a)
    if name == "space_to_batch_nd":
        return tf.space_to_batch_nd(x, [2, 2], [[0, 0], [0, 0]])
    if name == "batch_to_space_nd":
        return tf.batch_to_space_nd(x, [2, 2], [[0, 0], [0, 0]])
    if name == "random_gamma":
        return tf.random_gamma([kw["n"]], tf.abs(x) + 0.5, seed=kw["seed"],
                               dtype=x.dtype.base_dtype)
    if name == "resource_gather":
        return tf.gather(x, np.array(kw["indices"], dtype=np.int32))
    if name.startswith("resize_"):
        f = {"resize_bilinear": tf.image.resize_bilinear,
             "resize_nearest": tf.image.resize_nearest_neighbor,
             "resize_bicubic": tf.image.resize_bicubic, "resize_area": tf.image.resize_area}[name]
        return f(x, **kw)
    if name == "adjust_contrast":
        return tf.image.adjust_contrast(x, kw["f"])
    if name == "adjust_hue":
        return tf.image.adjust_hue(tf.sigmoid(x), kw["f"] * 0.3)
    if name == "adjust_saturation":
        return tf.image.adjust_saturation(tf.sigmoid(x), abs(kw["f"]))
    if name == "split_v":
        return tf.split(x, kw["sizes"], axis=-1)[kw["pick"]]
    if name == "truncatediv":
        q = tf.truncatediv(tf.cast(x * 4.0, tf.int32), tf.constant(3))
        return tf.cast(q, x.dtype.base_dtype) * x
    if name == "truncatemod":
        return tf.truncatemod(x, tf.constant(0.7, x.dtype.base_dtype))
    if name == "random_shuffle":
        return tf.random_shuffle(x, seed=kw["seed"])
    if name == "unique_sum":
        return tf.reduce_sum(tf.unique(tf.reshape(x, [-1]))[0])
    if name == "random_poisson":
        return tf.random.poisson(tf.abs(x) + 0.5, [2], dtype=x.dtype.base_dtype, seed=kw["seed"])
    if name == "ctc_loss":
        idx, vals = [], []
        for b, lab in enumerate(kw["labels"]):
            for j, c in enumerate(lab):
                idx.append([b, j])
                vals.append(c)
        width = max(len(lab) for lab in kw["labels"])
        labels = tf.SparseTensor(np.array(idx, dtype=np.int64), np.array(vals, dtype=np.int32),
                                 np.array([len(kw["labels"]), width], dtype=np.int64))
        t, b = int(x.shape[0]), int(x.shape[1])
        return tf.nn.ctc_loss(labels, x, np.array([t] * b, dtype=np.int32),
                              ignore_longer_outputs_than_inputs=True)
    if name == "py_function":
        y = tf.py_function(_py_square_plus, [x], x.dtype.base_dtype)
        y.set_shape(x.shape)
        return y
    if name.startswith("sparse_segment_"):
        f = getattr(tf.sparse, name[len("sparse_"):])
        y = f(x, np.array(kw["indices"], dtype=np.int32),
              np.array(kw["segment_ids"], dtype=np.int32))
        y.set_shape([kw["segment_ids"][-1] + 1] + x.shape.as_list()[1:])
        return y
    if name.startswith("ta_"):
        n = int(x.shape[0])
        if name == "ta_scatter_gather":
            ta = tf.TensorArray(x.dtype.base_dtype, size=n)
            ta = ta.scatter(np.array(kw["scatter"], dtype=np.int32), x)
            return ta.gather(np.array(kw["gather"], dtype=np.int32))
        if name == "ta_split_concat":
            ta = tf.TensorArray(x.dtype.base_dtype, size=2, infer_shape=False)
            ta = ta.split(x, np.array(kw["lengths"], dtype=np.int32))
            return tf.reshape(ta.concat(), x.shape.as_list())
        ta = tf.TensorArray(x.dtype.base_dtype, size=3)
        ta = ta.write(kw["index"], x * 2.0)
        return ta.read(kw["index"])
    if name in SPARSE:
        y = _sparse_apply(tf, name, args, kw)
        y.set_shape(kw["out"])
        return y
    return NotImplemented
