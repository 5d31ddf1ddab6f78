"""Random TF 1.x programs as data, and one interpreter that builds them with any `tf`.

Python 3.7-compatible: the TF 1.14 oracle imports this module too. A program
(a "spec") is JSON-able:

    {"seed": 17,
     "inputs": [{"shape": [2, 3], "dtype": "float32", "kind": "feed" | "const" | "var",
                 "data": [...]}],
     "ops": [["tanh", [{"v": 0}], {}], ["reduce_sum", [{"v": 1}], {"axis": 0}], ...],
     "outputs": [2, 1],
     "grad_order": 0 | 1 | 2,
     "train": null | {"optimizer": "Adam", "lr": 0.1, "steps": 3}}

Value i < len(inputs) is input i; value len(inputs) + k is the output of op k.
`run(tf, spec)` builds the graph, runs it and returns a list of NumPy results:
the outputs, then (grad_order >= 1) the gradients of sum(w * output[0]) with
respect to the float inputs, then (grad_order == 2) the gradients of
sum(w2 * those gradients); with "train", the variables after the steps.
"""
from __future__ import absolute_import

import random
import re

import numpy as np

import cover_ops
import cover_ops2
import cover_ops3

# name -> (arity, kind): kinds drive how the generator picks operands and attributes.
UNARY_ANY = ["abs", "negative", "square", "tanh", "sigmoid", "sin", "cos", "atan", "erf",
             "nn.relu", "nn.relu6", "nn.elu", "nn.selu", "nn.softplus", "nn.softsign",
             "sign", "floor", "ceil", "round", "asinh", "sinh", "cosh", "exp", "expm1",
             "erfc", "math.log_sigmoid", "nn.leaky_relu", "math.softplus", "rint", "identity",
             "stop_gradient"]
UNARY_POS = ["log", "sqrt", "rsqrt", "reciprocal", "log1p", "lgamma", "digamma", "acosh"]
UNARY_UNIT = ["asin", "acos", "atanh"]
BINARY = ["add", "subtract", "multiply", "maximum", "minimum", "squared_difference", "atan2",
          "divide", "pow", "truediv", "div_no_nan", "floordiv", "floormod", "math.xdivy",
          "math.xlogy"]
REDUCE = ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod",
          "reduce_logsumexp", "math.reduce_std", "math.reduce_variance"]
SHAPE_OPS = ["transpose", "reshape", "expand_dims", "squeeze", "tile", "pad", "concat", "stack",
             "reverse", "slice", "gather", "cumsum", "cumprod", "nn.softmax", "nn.log_softmax",
             "nn.l2_normalize", "clip_by_value", "where", "matmul", "conv2d", "max_pool",
             "avg_pool", "softmax_xent", "sigmoid_xent", "unstack", "split"]
SPECIAL_OPS = ["depthwise_conv2d", "conv3d", "max_pool3d", "avg_pool3d", "max_pool_with_argmax",
               "fused_batch_norm", "lrn", "gather_nd", "scatter_nd", "segment_sum",
               "segment_mean", "segment_max", "sparse_xent", "top_k", "one_hot_mul", "cond",
               "while", "matrix_band_part", "triangular_solve", "qr", "einsum", "padv2",
               "with_default", "print", "identity_n", "accumulate_n", "add_n", "bias_add",
               "l2_loss", "tan", "mul_no_nan", "zeta", "batch_matmul", "sparse_matmul",
               "conv2d"]
OPTIMIZERS = ["GradientDescent", "Momentum", "Adam", "Adagrad", "RMSProp", "Adadelta", "Ftrl",
              "RMSPropCentered", "ProximalAdagrad", "ProximalGradientDescent", "AdagradDA",
              "AdaMax", "AddSign", "PowerSign"]


def _resolve(tf, name):
    obj = tf
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


# -- the interpreter ------------------------------------------------------------------
def _apply(tf, name, args, kw):
    if name == "softmax_xent":
        logits, labels = args
        return tf.nn.softmax_cross_entropy_with_logits_v2(
            labels=tf.stop_gradient(tf.nn.softmax(labels)), logits=logits)
    if name == "sigmoid_xent":
        logits, labels = args
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.sigmoid(labels), logits=logits)
    if name == "pos":   # a positive operand: |x| + 0.5
        return tf.abs(args[0]) + 0.5
    if name == "unit":  # an operand in (-0.9, 0.9)
        return tf.tanh(args[0]) * 0.9
    if name == "above1":
        return tf.abs(args[0]) + 1.5
    if name == "getitem":
        return args[0][tuple(slice(*s) if isinstance(s, list) else s for s in kw["index"])]
    if name == "where":
        return tf.where(args[0] > 0.0, args[0], args[1])
    if name == "conv2d":
        return tf.nn.conv2d(args[0], args[1], strides=kw["strides"], padding=kw["padding"])
    if name in ("max_pool", "avg_pool"):
        f = tf.nn.max_pool if name == "max_pool" else tf.nn.avg_pool
        return f(args[0], ksize=kw["ksize"], strides=kw["strides"], padding=kw["padding"])
    if name == "unstack":
        return tf.unstack(args[0], axis=kw["axis"])[kw["pick"]]
    if name == "split":
        return tf.split(args[0], kw["num"], axis=kw["axis"])[kw["pick"]]
    if name == "depthwise_conv2d":
        return tf.nn.depthwise_conv2d(args[0], args[1], strides=kw["strides"],
                                      padding=kw["padding"])
    if name == "conv3d":
        return tf.nn.conv3d(args[0], args[1], strides=kw["strides"], padding=kw["padding"])
    if name in ("max_pool3d", "avg_pool3d"):
        f = tf.nn.max_pool3d if name == "max_pool3d" else tf.nn.avg_pool3d
        return f(args[0], ksize=kw["ksize"], strides=kw["strides"], padding=kw["padding"])
    if name == "max_pool_with_argmax":
        return tf.nn.max_pool_with_argmax(args[0], ksize=kw["ksize"], strides=kw["strides"],
                                          padding=kw["padding"])[0]
    if name == "fused_batch_norm":
        c = int(args[0].shape[-1])
        scale = tf.constant(np.linspace(0.5, 1.5, c).astype(np.float32))
        offset = tf.constant(np.linspace(-0.2, 0.2, c).astype(np.float32))
        return tf.nn.fused_batch_norm(args[0], scale, offset, is_training=True)[0]
    if name == "lrn":
        return tf.nn.lrn(args[0], depth_radius=kw["r"], bias=1.0, alpha=0.5, beta=0.75)
    if name == "gather_nd":
        return tf.gather_nd(args[0], np.array(kw["indices"], dtype=np.int32))
    if name == "scatter_nd":
        return tf.scatter_nd(np.array(kw["indices"], dtype=np.int32), args[0], kw["shape"])
    if name in ("segment_sum", "segment_mean", "segment_max"):
        return _resolve(tf, "math." + name)(args[0], np.array(kw["ids"], dtype=np.int32))
    if name == "sparse_xent":
        return tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=np.array(kw["labels"], dtype=np.int32), logits=args[0])
    if name == "top_k":
        return tf.nn.top_k(args[0], k=kw["k"])[0]
    if name == "one_hot_mul":
        oh = tf.one_hot(tf.argmax(args[0], axis=-1), kw["depth"],
                        dtype=args[0].dtype.base_dtype)
        return oh * tf.reduce_sum(args[0])
    if name == "cond":
        return tf.cond(tf.reduce_sum(args[0]) > 0.0, lambda: tf.tanh(args[0]) * 2.0,
                       lambda: tf.square(args[0]))
    if name == "while":
        return tf.while_loop(lambda i, v: i < kw["n"], lambda i, v: (i + 1, tf.sin(v) * 1.1),
                             [tf.constant(0), args[0]])[1]
    if name == "matrix_band_part":
        return tf.matrix_band_part(args[0], kw["lower"], kw["upper"])
    if name == "triangular_solve":
        a = tf.matrix_band_part(args[0], -1, 0) + tf.eye(int(args[0].shape[-1]),
                                                           dtype=args[0].dtype) * 3.0
        return tf.matrix_triangular_solve(a, args[0], lower=True)
    if name == "qr":
        return tf.qr(args[0])[1]
    if name == "einsum":
        return tf.einsum(kw["eq"], args[0], args[1])
    if name == "padv2":
        return tf.pad(args[0], kw["paddings"], constant_values=0.5)
    if name == "with_default":
        return tf.placeholder_with_default(args[0], args[0].shape)
    if name == "print":
        return tf.Print(args[0], [args[0]], message="fuzz: ")
    if name == "identity_n":
        return tf.identity_n([args[0], args[0]])[1]
    if name == "accumulate_n":
        return tf.accumulate_n([args[0], args[0], args[0]])
    if name == "add_n":
        return tf.add_n([args[0], args[0]])
    if name == "gather":
        return tf.gather(args[0], np.array(kw["indices"], dtype=np.int32), axis=kw["axis"])
    if name in ("concat", "stack"):
        return _resolve(tf, name)(list(args), axis=kw["axis"])
    out = cover_ops.apply_cover(tf, name, args, kw)
    if out is not NotImplemented:
        return out
    out = cover_ops2.apply_extra(tf, name, args, kw)
    if out is not NotImplemented:
        return out
    out = cover_ops3.apply_nondiff(tf, name, args, kw)
    if out is not NotImplemented:
        return out
    return _resolve(tf, name)(*args, **kw)


def build(tf, spec):
    """Builds `spec` in the default graph; returns (feed_dict, fetches, variables)."""
    values, feed, variables = [], {}, []
    for i, inp in enumerate(spec["inputs"]):
        arr = np.array(inp["data"], dtype=inp["dtype"]).reshape(inp["shape"])
        if inp["kind"] == "feed":
            ph = tf.placeholder(tf.as_dtype(inp["dtype"]), shape=inp["shape"], name="in%d" % i)
            feed[ph] = arr
            values.append(ph)
        elif inp["kind"] in ("var", "rvar"):
            v = tf.Variable(arr, name="var%d" % i, use_resource=inp["kind"] == "rvar")
            variables.append(v)
            values.append(v)
        else:
            values.append(tf.constant(arr, name="const%d" % i))
    for name, args, kw in spec["ops"]:
        vals = [values[a["v"]] if isinstance(a, dict) and "v" in a else a for a in args]
        values.append(_apply(tf, name, vals, kw))
    fetches = [values[i] for i in spec["outputs"]]
    n_in = len(spec["inputs"])
    floats = [values[i] for i in range(n_in) if spec["inputs"][i]["dtype"].startswith("float")]
    if spec.get("train"):
        t = spec["train"]
        loss = tf.reduce_sum(tf.cast(fetches[0], tf.float32) if fetches[0].dtype != tf.float32
                             else fetches[0])
        opt = _optimizer(tf, t["optimizer"], t["lr"])
        step = opt.minimize(loss)
        return feed, {"step": step, "vars": variables, "steps": t["steps"]}, variables
    if spec.get("grad_order", 0) >= 1 and floats:
        y = fetches[0]
        w = tf.constant(np.linspace(0.5, 1.5, max(1, _size(y))).astype(y.dtype.as_numpy_dtype)
                        .reshape(_shape(y)))
        g1 = [None if g is None else tf.convert_to_tensor(g)
              for g in tf.gradients(tf.reduce_sum(y * w), floats)]
        fetches += [g if g is not None else tf.constant(-12345.0) for g in g1]
        if spec["grad_order"] >= 2:
            parts = [tf.reduce_sum(g * 0.75) for g in g1 if g is not None]
            if parts:
                g2 = tf.gradients(tf.add_n(parts) if len(parts) > 1 else parts[0], floats)
                fetches += [g if g is not None else tf.constant(-12345.0) for g in g2]
    return feed, fetches, variables


def _optimizer(tf, name, lr):
    if name == "Momentum":
        return tf.train.MomentumOptimizer(lr, 0.9)
    if name == "RMSPropCentered":
        return tf.train.RMSPropOptimizer(lr, momentum=0.5, centered=True)
    if name == "AdagradDA":
        return tf.train.AdagradDAOptimizer(lr, tf.train.get_or_create_global_step())
    if name in ("AdaMax", "AddSign", "PowerSign"):
        return getattr(tf.contrib.opt, name + "Optimizer")(lr)
    return getattr(tf.train, name + "Optimizer")(lr)


def _shape(t):
    return [int(d) for d in t.shape.as_list()]


def _size(t):
    return int(np.prod(_shape(t))) if _shape(t) else 1


def _dense(v):
    """A fetched value as one array; an IndexedSlicesValue is densified (summing repeats)."""
    if hasattr(v, "indices") and hasattr(v, "values") and hasattr(v, "dense_shape"):
        out = np.zeros(np.asarray(v.dense_shape), dtype=np.asarray(v.values).dtype)
        np.add.at(out, np.asarray(v.indices), np.asarray(v.values))
        return out
    return np.asarray(v)


def run(tf, spec, on_graph=None):
    """Runs `spec` in a fresh graph: a list of arrays, or the exception it raised.

    `on_graph(graph)` is called once the graph is built (the fuzzer counts op types).
    """
    with tf.Graph().as_default() as graph:
        try:
            feed, fetches, variables = build(tf, spec)
            if on_graph is not None:
                on_graph(graph)
            with tf.Session() as sess:
                if variables or tf.global_variables():  # also the ops' own (LSTM weights)
                    sess.run(tf.global_variables_initializer())
                if isinstance(fetches, dict):
                    for _ in range(fetches["steps"]):
                        sess.run(fetches["step"], feed)
                    return [np.asarray(v) for v in sess.run(fetches["vars"])]
                return [_dense(v) for v in sess.run(fetches, feed)]
        except Exception as e:  # noqa: BLE001 - the error is the result
            if on_graph is not None:   # the ops built before the error count as exercised
                on_graph(graph)
            return e


# -- the generator --------------------------------------------------------------------
class _Gen(object):
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.spec = {"seed": seed, "inputs": [], "ops": [], "outputs": [], "grad_order": 0,
                     "train": None}
        # Values are numbered in creation order here (inputs may be added between ops);
        # finish() renumbers them as the spec wants: inputs first, then ops.
        self.shapes, self.dtypes, self.where = [], [], []

    def add_input(self, shape, dtype, kind):
        data = np.random.RandomState(self.r.randrange(1 << 30)).uniform(-2, 2, size=shape)
        data = np.round(data, 3)
        self.spec["inputs"].append({"shape": list(shape), "dtype": dtype, "kind": kind,
                                    "data": data.astype(dtype).reshape(-1).tolist()})
        self.shapes.append(tuple(shape))
        self.dtypes.append(dtype)
        self.where.append(("in", len(self.spec["inputs"]) - 1))
        return len(self.shapes) - 1

    def input_kind(self, v):
        """The kind ("feed", "const", "var", "rvar") of value `v`, None for an op's output."""
        w = self.where[v]
        return self.spec["inputs"][w[1]]["kind"] if w[0] == "in" else None

    def finish(self, outputs):
        n_in = len(self.spec["inputs"])

        def num(v):
            w = self.where[v]
            return w[1] if w[0] == "in" else n_in + w[1]
        for op in self.spec["ops"]:
            op[1] = [{"v": num(a["v"])} if isinstance(a, dict) and "v" in a else a
                     for a in op[1]]
        self.spec["outputs"] = [num(v) for v in outputs]

    def add(self, name, args, kw, shape, dtype=None):
        self.spec["ops"].append([name, [{"v": a} if isinstance(a, int) else a for a in args],
                                 kw])
        self.shapes.append(tuple(shape))
        self.dtypes.append(dtype or self.dtypes[args[0]])
        self.where.append(("op", len(self.spec["ops"]) - 1))
        return len(self.shapes) - 1

    def pick(self, rank=None):
        cands = [i for i, s in enumerate(self.shapes)
                 if (rank is None or len(s) == rank) and 0 not in s]  # no empty operands
        return self.r.choice(cands) if cands else None

    def bshape(self, shape):
        """A shape that broadcasts against `shape`."""
        s = list(shape)
        k = self.r.randint(0, len(s))
        s = s[k:]
        return tuple(1 if d > 1 and self.r.random() < 0.3 else d for d in s)


def generate(seed, max_ops=6, extra=True):
    """A random program; a fixed seed gives the same program on every Python.

    extra=False: the programs of the generator before cover_ops2.py and the resource
    training variables (tests/test_indexed_slices_grads.py picks seeds from those)."""
    g = _Gen(seed)
    r = g.r
    dtype = r.choice(["float32", "float32", "float64"])
    rank = r.choice([0, 1, 2, 2, 3, 4, 4, 5])
    shape = tuple(r.randint(1, 4) for _ in range(rank))
    train = r.random() < 0.15
    kind = (r.choice(["var", "rvar"]) if extra else "var") if train else \
        r.choice(["feed", "const"])
    g.add_input(shape, dtype, kind)
    if r.random() < 0.6:
        g.add_input(g.bshape(shape) if r.random() < 0.5 else shape, dtype,
                    r.choice(["feed", "const"]))
    for _ in range(r.randint(1, max_ops)):
        kind = r.choice(["unary", "unary", "binary", "binary", "reduce", "shape", "shape",
                         "special", "special", "cover", "cover", "cover"]
                        + ["extra", "extra", "extra", "nondiff"] * extra)
        x = g.pick()
        s = g.shapes[x]
        if kind == "cover":
            cover_ops.generate_cover(g, r.choice(sorted(cover_ops.COVER)), x)
        elif kind == "extra":
            cover_ops2.generate_extra(g, r.choice(sorted(cover_ops2.EXTRA)), x)
        elif kind == "nondiff":
            cover_ops3.generate_nondiff(g, "nondiff", x)
        elif kind == "unary":
            pool = r.choice([UNARY_ANY, UNARY_ANY, UNARY_POS, UNARY_UNIT])
            name = r.choice(pool)
            if pool is UNARY_POS:
                x = g.add("above1" if name == "acosh" else "pos", [x], {}, s)
            elif pool is UNARY_UNIT:
                x = g.add("unit", [x], {}, s)
            g.add(name, [x], {}, s)
        elif kind == "binary":
            name = r.choice(BINARY)
            cands = [i for i, t in enumerate(g.shapes) if g.dtypes[i] == g.dtypes[x]]
            y = r.choice(cands)
            try:
                out = tuple(np.broadcast(np.empty(s), np.empty(g.shapes[y])).shape)
            except ValueError:
                bs = g.bshape(s)
                y = g.add("reshape", [g.add("reduce_mean", [y], {}, ())], {"shape": [1] * len(bs)},
                          (1,) * len(bs)) if bs else g.add("reduce_mean", [y], {}, ())
                out = s
            if name in ("divide", "pow", "truediv", "floordiv", "floormod", "math.xlogy"):
                y = g.add("pos", [y], {}, g.shapes[y])
            if name == "pow":
                x = g.add("pos", [x], {}, s)
            g.add(name, [x, y], {}, out)
        elif kind == "reduce":
            name = r.choice(REDUCE)
            kw = {"keepdims": r.random() < 0.3}
            if s and r.random() < 0.7:
                axes = sorted(r.sample(range(len(s)), r.randint(1, len(s))))
                axis = axes[0] if len(axes) == 1 and r.random() < 0.5 else axes
                kw["axis"] = axis
                ax = [axis] if isinstance(axis, int) else axis
                out = tuple(1 if i in ax else d for i, d in enumerate(s)) if kw["keepdims"] \
                    else tuple(d for i, d in enumerate(s) if i not in ax)
            else:
                out = (1,) * len(s) if kw["keepdims"] else ()
            g.add(name, [x], kw, out)
        elif kind == "special":
            _special_op(g, r.choice(SPECIAL_OPS), x, s)
        else:
            _shape_op(g, r.choice(SHAPE_OPS), x, s)
    outs = [v for v in range(len(g.shapes)) if g.where[v][0] == "op"] or [0]
    g.finish([outs[-1]] + r.sample(outs[:-1], min(len(outs) - 1, 2)))
    if train:
        g.spec["train"] = {"optimizer": r.choice(OPTIMIZERS), "lr": r.choice([0.01, 0.1]),
                           "steps": r.randint(1, 3)}
    else:
        g.spec["grad_order"] = r.choice([0, 1, 1, 2, 2])
    return g.spec


def _shape_op(g, name, x, s):
    r = g.r
    n = len(s)
    if name == "transpose" and n >= 2:
        perm = list(range(n))
        r.shuffle(perm)
        g.add("transpose", [x], {"perm": perm}, [s[p] for p in perm])
    elif name == "reshape":
        size = int(np.prod(s)) if s else 1
        new = [size] if r.random() < 0.5 else [-1]
        if size % 2 == 0 and r.random() < 0.5:
            new = [2, -1]
        out = [size] if new in ([size], [-1]) else [2, size // 2]
        g.add("reshape", [x], {"shape": new}, out)
    elif name == "expand_dims":
        ax = r.randint(-n - 1, n)
        out = list(s)
        out.insert(ax if ax >= 0 else n + 1 + ax, 1)
        g.add("expand_dims", [x], {"axis": ax}, out)
    elif name == "squeeze" and 1 in s:
        g.add("squeeze", [x], {}, [d for d in s if d != 1])
    elif name == "tile" and n >= 1:
        m = [r.randint(1, 2) for _ in s]
        g.add("tile", [x], {"multiples": m}, [d * k for d, k in zip(s, m)])
    elif name == "pad" and n >= 1:
        mode = r.choice(["CONSTANT", "REFLECT", "SYMMETRIC"])
        lim = (lambda d: d - 1) if mode == "REFLECT" else (lambda d: d)
        pads = [[r.randint(0, min(1, lim(d))), r.randint(0, min(1, lim(d)))] for d in s]
        g.add("pad", [x], {"paddings": pads, "mode": mode},
              [d + a + b for d, (a, b) in zip(s, pads)])
    elif name in ("concat", "stack") and n >= 1:
        ax = r.randint(0, n - 1) if name == "concat" else r.randint(0, n)
        out = list(s)
        if name == "concat":
            out[ax] *= 2
        else:
            out.insert(ax, 2)
        g.add(name, [x, x], {"axis": ax}, out)
    elif name == "reverse" and n >= 1:
        g.add("reverse", [x], {"axis": [r.randint(0, n - 1)]}, s)
    elif name == "slice" and n >= 1:
        idx, out = [], []
        for d in s:
            a = r.randint(0, d - 1)
            b = r.randint(a + 1, d)
            st = r.choice([1, 1, 2])
            idx.append([a, b, st])
            out.append(len(range(a, b, st)))
        g.add("getitem", [x], {"index": idx}, out)
    elif name == "gather" and n >= 1:
        ax = r.randint(0, n - 1)
        ind = [r.randint(0, s[ax] - 1) for _ in range(r.randint(1, 4))]
        out = list(s)
        out[ax] = len(ind)
        g.add("gather", [x], {"indices": ind, "axis": ax}, out)
    elif name in ("cumsum", "cumprod") and n >= 1:
        kw = {"axis": r.randint(0, n - 1), "exclusive": r.random() < 0.3,
              "reverse": r.random() < 0.3}
        g.add(name, [x], kw, s)
    elif name in ("nn.softmax", "nn.log_softmax") and n >= 1:
        g.add(name, [x], {}, s)
    elif name == "nn.l2_normalize" and n >= 1:
        g.add(name, [x], {"axis": r.randint(0, n - 1)}, s)
    elif name == "clip_by_value":
        g.add(name, [x], {"clip_value_min": -0.5, "clip_value_max": 0.7}, s)
    elif name == "where":
        cands = [i for i, t in enumerate(g.shapes) if t == tuple(s) and g.dtypes[i] == g.dtypes[x]]
        g.add("where", [x, r.choice(cands)], {}, s)
    elif name == "matmul" and n == 2:
        ta, tb = r.random() < 0.3, r.random() < 0.3
        k = s[0] if ta else s[1]
        rows = s[1] if ta else s[0]
        cols = r.randint(1, 3)
        w = g.add_input([cols, k] if tb else [k, cols], g.dtypes[x], r.choice(["feed", "const"]))
        g.add("matmul", [x, w], {"transpose_a": ta, "transpose_b": tb}, [rows, cols])
    elif name in ("conv2d", "max_pool", "avg_pool") and n == 4:
        pad = r.choice(["SAME", "VALID"])
        st = r.choice([1, 2])
        k = r.randint(1, 2)
        if pad == "VALID" and (s[1] < k or s[2] < k):
            return
        oh = -(-s[1] // st) if pad == "SAME" else (s[1] - k) // st + 1
        ow = -(-s[2] // st) if pad == "SAME" else (s[2] - k) // st + 1
        if name == "conv2d":
            co = r.randint(1, 3)
            w = g.add_input([k, k, s[3], co], g.dtypes[x], r.choice(["feed", "const"]))
            g.add("conv2d", [x, w], {"strides": [1, st, st, 1], "padding": pad},
                  [s[0], oh, ow, co])
        else:
            g.add(name, [x], {"ksize": [1, k, k, 1], "strides": [1, st, st, 1],
                              "padding": pad}, [s[0], oh, ow, s[3]])
    elif name in ("softmax_xent", "sigmoid_xent") and n >= 1:
        cands = [i for i, t in enumerate(g.shapes) if t == tuple(s) and g.dtypes[i] == g.dtypes[x]]
        out = s[:-1] if name == "softmax_xent" else s
        g.add(name, [x, r.choice(cands)], {}, out)
    elif name in ("unstack", "split") and n >= 1:
        ax = r.randint(0, n - 1)
        if name == "unstack":
            g.add("unstack", [x], {"axis": ax, "pick": r.randint(0, s[ax] - 1)},
                  [d for i, d in enumerate(s) if i != ax])
        elif s[ax] % 2 == 0:
            out = list(s)
            out[ax] //= 2
            g.add("split", [x], {"num": 2, "axis": ax, "pick": r.randint(0, 1)}, out)


# -- comparing results ----------------------------------------------------------------
# float32 atol: second-order gradients near cancellation differ by ~1e-4 between
# summation orders (TF's Eigen vs NumPy), seen on acos and l2_normalize.
TOLERANCE = {"float16": (1e-2, 1e-2), "float32": (1e-3, 5e-4), "float64": (1e-7, 1e-9)}


def compare(got, want):
    """None if flowgrad's result `got` matches TF's `want`, else a one-line reason.

    Errors match by class name; arrays by shape, dtype and value (NaN where TF has
    NaN; tolerances per dtype, relative to the array's largest magnitude).
    """
    d = _difference(got, want)
    return None if d is None else d[2]


def _is_none_grad(a):
    """build()'s stand-in for a None gradient: the scalar -12345."""
    return a.shape == () and a.dtype.kind == "f" and float(a) == -12345.0


def _difference(got, want):
    """None, or (kind, result index or None, reason) for the first difference."""
    got_err = isinstance(got, BaseException) or hasattr(got, "cls")
    want_err = isinstance(want, BaseException) or hasattr(want, "cls")
    if got_err or want_err:
        gname = getattr(got, "cls", type(got).__name__)
        wname = getattr(want, "cls", type(want).__name__)
        if got_err and want_err:
            return None if gname == wname else (
                "error %s, TF %s" % (gname, wname), None,
                "error %s, TF raises %s" % (gname, wname))
        if want_err:
            return ("no error, TF %s" % wname, None, "no error, TF raises %s: %s" % (
                wname, str(getattr(want, "message", want))[:200]))
        return ("raises %s, TF not" % gname, None, "raises %s (%s), TF does not" % (
            gname, str(getattr(got, "message", got))[:200]))
    if len(got) != len(want):
        return "count", None, "%d results, TF gives %d" % (len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        g, w = np.asarray(g), np.asarray(w)
        if g.shape != w.shape:
            kind = "None gradient" if _is_none_grad(g) else \
                "None gradient in TF" if _is_none_grad(w) else "shape"
            return kind, i, "result %d: shape %s, TF %s" % (i, g.shape, w.shape)
        if g.dtype != w.dtype:
            return "dtype", i, "result %d: dtype %s, TF %s" % (i, g.dtype, w.dtype)
        if w.dtype.kind != "f":
            if not np.array_equal(g, w):
                return "value", i, "result %d: values differ" % i
            continue
        gn, wn = np.isnan(g), np.isnan(w)
        if not np.array_equal(gn, wn):
            return "NaN", i, "result %d: NaN at %s, TF %s" % (
                i, np.argwhere(gn).tolist()[:4], np.argwhere(wn).tolist()[:4])
        gi, wi = np.isinf(g), np.isinf(w)
        if not np.array_equal(g[gi], w[wi]) or not np.array_equal(gi, wi):
            return "inf", i, "result %d: infinities differ" % i
        fin = ~(wn | wi)
        if fin.any():
            rtol, atol = TOLERANCE.get(str(w.dtype), (1e-3, 1e-4))
            scale = max(1.0, float(np.max(np.abs(w[fin]))))
            err = np.abs(g[fin].astype(np.float64) - w[fin].astype(np.float64))
            if np.any(err > atol * scale + rtol * np.abs(w[fin].astype(np.float64))):
                k = int(np.argmax(err))
                return "value", i, "result %d: value %r, TF %r" % (i, g[fin][k], w[fin][k])
    return None


_CULPRIT = [re.compile(p) for p in (r"op type: (\w+)", r"Forward operation: (\w+)",
                                      r"Gradient for (\w+) is", r"(TensorArray)",
                                      r"op '(\w+)'", r"to op '(\w+)'", r"for (\w+) only",
                                      r"for (while) loops",
                                      # a run-time error: the forward scope of its node
                                      r"\[\[node (?:gradients(?:_\d+)?/)*(\w+)")]


def _culprit(spec, got, want):
    """The op a mismatch is about: the op type an error names, else the output's op."""
    for e in (want, got):
        msg = str(getattr(e, "message", e)) if (isinstance(e, BaseException)
                                                or hasattr(e, "cls")) else ""
        for rx in _CULPRIT:
            m = rx.search(msg)
            if m:
                return m.group(1)
    n_in = len(spec["inputs"])
    out = spec["outputs"][0] if spec["outputs"] else 0
    return spec["ops"][out - n_in][0] if out >= n_in else "input"


def mismatch_class(spec, got, want):
    """The class of a mismatch, stable across values: "culprit | where | kind".

    culprit: the op type an error message names, else the fuzz op computing the
    (minimized) program's first output; where: "build/run" for errors, else which
    result differs ("output", "order 1" (also the variables after training steps),
    "order 2"); kind: "value", "NaN",
    "inf", "shape", "dtype", "count", "None gradient" (ours), "None gradient in TF",
    or the error classes. None when they agree.
    """
    d = _difference(got, want)
    if d is None:
        return None
    kind, i, _ = d
    n_out = len(spec["outputs"])
    if i is None:
        where = "build/run"
    elif spec.get("train"):  # the variables after optimizer steps: a first-order difference
        where = "order 1"
    elif i < n_out:
        where = "output"
    else:
        floats = sum(1 for inp in spec["inputs"] if inp["dtype"].startswith("float")) or 1
        where = "order %d" % (1 + (i - n_out) // floats)
    return "%s | %s | %s" % (_culprit(spec, got, want), where, kind)


def _window(g, s, nd):
    """(k, stride, padding, out spatial dims) for an nd-spatial window over shape s."""
    r = g.r
    pad = r.choice(["SAME", "VALID"])
    st = r.choice([1, 2])
    k = r.randint(1, 2)
    sp = s[1:1 + nd]
    if pad == "VALID" and min(sp) < k:
        return None
    out = [(-(-d // st)) if pad == "SAME" else (d - k) // st + 1 for d in sp]
    return k, st, pad, out


def _special_op(g, name, x, s):
    r = g.r
    n = len(s)
    dt = g.dtypes[x]
    if name in ("conv2d", "depthwise_conv2d", "max_pool_with_argmax") and n == 4:
        w = _window(g, s, 2)
        if w is None:
            return
        k, st, pad, out = w
        if name == "max_pool_with_argmax":
            g.add(name, [x], {"ksize": [1, k, k, 1], "strides": [1, st, st, 1],
                              "padding": pad}, [s[0]] + out + [s[3]])
            return
        co = r.randint(1, 2)
        f = g.add_input([k, k, s[3], co], dt, r.choice(["feed", "const"]))
        mult = co if name == "depthwise_conv2d" else 1
        g.add(name, [x, f], {"strides": [1, st, st, 1], "padding": pad},
              [s[0]] + out + [s[3] * mult if name == "depthwise_conv2d" else co])
    elif name in ("conv3d", "max_pool3d", "avg_pool3d") and n == 5:
        w = _window(g, s, 3)
        if w is None:
            return
        k, st, pad, out = w
        if name == "conv3d":
            co = r.randint(1, 2)
            f = g.add_input([k, k, k, s[4], co], dt, r.choice(["feed", "const"]))
            g.add(name, [x, f], {"strides": [1, st, st, st, 1], "padding": pad},
                  [s[0]] + out + [co])
        else:
            g.add(name, [x], {"ksize": [1, k, k, k, 1], "strides": [1, st, st, st, 1],
                              "padding": pad}, [s[0]] + out + [s[4]])
    elif name in ("fused_batch_norm", "lrn") and n == 4 and dt == "float32":
        g.add(name, [x], {"r": r.randint(1, 3)} if name == "lrn" else {}, s)
    elif name == "gather_nd" and n >= 1:
        depth = r.randint(1, n)
        idx = [[r.randint(0, d - 1) for d in s[:depth]] for _ in range(r.randint(1, 3))]
        g.add(name, [x], {"indices": idx}, [len(idx)] + list(s[depth:]))
    elif name == "scatter_nd" and n >= 1:
        rows = s[0]
        idx = [[r.randint(0, rows + 1)] for _ in range(rows)]
        shape = [rows + 2] + list(s[1:])
        g.add(name, [x], {"indices": idx, "shape": shape}, shape)
    elif name in ("segment_sum", "segment_mean", "segment_max") and n >= 1:
        ids = sorted(r.randint(0, 2) for _ in range(s[0]))
        g.add(name, [x], {"ids": ids}, [max(ids) + 1] + list(s[1:]))
    elif name == "sparse_xent" and n == 2:
        g.add(name, [x], {"labels": [r.randint(0, s[1] - 1) for _ in range(s[0])]}, [s[0]])
    elif name == "top_k" and n >= 1:
        k = r.randint(1, s[-1])
        g.add(name, [x], {"k": k}, list(s[:-1]) + [k])
    elif name == "one_hot_mul" and n >= 1:
        depth = r.randint(1, 4)
        g.add(name, [x], {"depth": depth}, list(s[:-1]) + [depth])
    elif name in ("cond", "print", "with_default", "identity_n", "accumulate_n", "add_n",
                  "tan", "zeta"):
        if name == "zeta":
            x = g.add("above1", [x], {}, s)
            q = g.add("pos", [x], {}, s)
            g.add("math.zeta", [x, q], {}, s)
        elif name == "tan":
            g.add("tan", [g.add("unit", [x], {}, s)], {}, s)
        else:
            g.add(name, [x], {}, s)
    elif name == "while":
        g.add(name, [x], {"n": r.randint(0, 3)}, s)
    elif name == "matrix_band_part" and n >= 2:
        g.add(name, [x], {"lower": r.randint(-1, 1), "upper": r.randint(-1, 1)}, s)
    elif name == "triangular_solve" and n >= 2 and s[-1] == s[-2]:
        g.add(name, [x], {}, s)
    elif name == "qr" and n >= 2 and s[-2] >= s[-1]:
        g.add(name, [x], {}, list(s[:-2]) + [s[-1], s[-1]])
    elif name == "einsum" and n == 2:
        y = g.add_input([s[1], 2], dt, "const")
        g.add(name, [x, y], {"eq": "ij,jk->ik"}, [s[0], 2])
    elif name == "batch_matmul" and n == 3:
        y = g.add_input([s[0], s[2], 2], dt, "const")
        g.add("matmul", [x, y], {}, [s[0], s[1], 2])
    elif name == "sparse_matmul" and n == 2 and dt == "float32":
        y = g.add_input([s[1], 2], dt, "const")
        g.add("sparse_matmul", [x, y], {}, [s[0], 2])
    elif name == "padv2" and n >= 1:
        pads = [[r.randint(0, 1), r.randint(0, 1)] for _ in s]
        g.add(name, [x], {"paddings": pads}, [d + a + b for d, (a, b) in zip(s, pads)])
    elif name == "bias_add" and n >= 2:
        b = g.add_input([s[-1]], dt, r.choice(["feed", "const"]))
        g.add("nn.bias_add", [x, b], {}, s)
    elif name == "l2_loss":
        g.add("nn.l2_loss", [x], {}, ())
    elif name == "mul_no_nan":
        g.add("math.multiply_no_nan", [x, x], {}, s)
