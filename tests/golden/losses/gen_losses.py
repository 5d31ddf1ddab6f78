"""TF 1.14 goldens for tf.losses: every loss under every reduction and several weight
shapes (values, first and second order gradients), the ops each loss creates, the LOSSES
collection, get_total_loss / get_regularization_loss, and TF's errors. Output:
losses.json, read by tests/test_losses.py, which runs these same case functions with
flowgrad (CASES: name -> function(tf) -> value).
"""
import numpy as np

B, D = 4, 3
_rng = np.random.RandomState(7)
PRED = _rng.uniform(0.05, 0.95, (B, D)).astype(np.float32)
LAB01 = (_rng.uniform(size=(B, D)) > 0.5).astype(np.float32)
LABR = _rng.randn(B, D).astype(np.float32)
LOGITS = (_rng.randn(B, D) * 2).astype(np.float32)
ONEHOT = np.eye(D, dtype=np.float32)[_rng.randint(0, D, B)]
SPARSE = _rng.randint(0, D, B).astype(np.int32)
DIR = _rng.randn(B, D).astype(np.float32)
UNIT_P = PRED / np.linalg.norm(PRED, axis=1, keepdims=True)
UNIT_L = LABR / np.linalg.norm(LABR, axis=1, keepdims=True)

WEIGHTS = {
    "w1": 1.0,
    "w2p5": 2.5,
    "wbatch": np.array([[1.0], [0.0], [2.0], [0.5]], np.float32),
    "wfull": np.array([[1, 0, 2], [0, 0, 0], [3, 1, 0.5], [1, 1, 1]], np.float32),
    "wrow": np.array([[0.5, 0.0, 2.0]], np.float32),
    "wzero": np.zeros((B, D), np.float32),
}

REDUCTIONS = ["none", "weighted_sum", "weighted_mean", "weighted_sum_over_batch_size",
              "weighted_sum_by_nonzero_weights"]


def _loss_fns(tf):
    L = tf.losses
    return {
        "absolute_difference": lambda x, **k: L.absolute_difference(LABR, x, **k),
        "cosine_distance": lambda x, **k: L.cosine_distance(UNIT_L, x, axis=1, **k),
        "hinge_loss": lambda x, **k: L.hinge_loss(LAB01, x, **k),
        "huber_loss": lambda x, **k: L.huber_loss(LABR, x, delta=0.7, **k),
        "log_loss": lambda x, **k: L.log_loss(LAB01, x, **k),
        "mean_squared_error": lambda x, **k: L.mean_squared_error(LABR, x, **k),
        "sigmoid_cross_entropy": lambda x, **k: L.sigmoid_cross_entropy(LAB01, x, **k),
        "sigmoid_cross_entropy_smooth": lambda x, **k: L.sigmoid_cross_entropy(
            LAB01, x, label_smoothing=0.2, **k),
        "softmax_cross_entropy": lambda x, **k: L.softmax_cross_entropy(ONEHOT, x, **k),
        "softmax_cross_entropy_smooth": lambda x, **k: L.softmax_cross_entropy(
            ONEHOT, x, label_smoothing=0.3, **k),
        "sparse_softmax_cross_entropy": lambda x, **k: L.sparse_softmax_cross_entropy(
            SPARSE, x, **k),
    }


_INPUT = {"absolute_difference": PRED, "cosine_distance": UNIT_P, "hinge_loss": LOGITS,
          "huber_loss": LABR * 0.5 + PRED, "log_loss": PRED, "mean_squared_error": PRED}


def _input_for(name):
    for k, v in _INPUT.items():
        if name.startswith(k):
            return v
    return LOGITS


def _grads(tf, loss, x):
    (g,) = tf.gradients(loss, [x])
    (gg,) = tf.gradients(tf.reduce_sum(g * DIR), [x])
    return g, gg


def _sess_run(tf, fetches, feed=None):
    with tf.Session() as s:
        return s.run(fetches, feed)


def _value_case(name, wname, reduction):
    def case(tf):
        x = tf.constant(_input_for(name))
        w = WEIGHTS[wname]
        if name.startswith("cosine") and isinstance(w, np.ndarray) and w.shape[-1] == D:
            w = w[:, :1]  # cosine_distance's losses are [B, 1]
        if "softmax" in name and isinstance(w, np.ndarray):
            w = w[:, 0] if w.shape[0] == B else w[0, :1]
        loss = _loss_fns(tf)[name](x, weights=w, reduction=reduction)
        fetch = {"loss": loss}
        err = None
        (g,) = tf.gradients(loss, [x])
        fetch["grad"] = g
        try:
            (gg,) = tf.gradients(tf.reduce_sum(g * DIR), [x])
            if gg is None:
                err = "None"
            else:
                fetch["grad2"] = gg
        except LookupError as e:
            err = e
        out = _sess_run(tf, fetch)
        if err is not None:
            out["grad2"] = err
        out["dtype"] = loss.dtype.name
        out["shape"] = str(loss.shape.as_list())
        out["collection"] = [t.name for t in tf.get_collection("losses")]
        return out
    return case


def _ops_case(build):
    def case(tf):
        build(tf)
        # forward ops only: flowgrad's gradient graphs are its own
        return [[op.name, op.type] for op in tf.get_default_graph().get_operations()
                if not op.name.startswith(("gradients", "mul", "Sum", "Const_1"))]
    return case


CASES = {}
for _name in ["absolute_difference", "cosine_distance", "hinge_loss", "huber_loss",
              "log_loss", "mean_squared_error", "sigmoid_cross_entropy",
              "sigmoid_cross_entropy_smooth", "softmax_cross_entropy",
              "softmax_cross_entropy_smooth", "sparse_softmax_cross_entropy"]:
    for _w in WEIGHTS:
        for _r in REDUCTIONS:
            if _w in ("w2p5", "wrow", "wzero") and _r not in (
                    "weighted_sum_by_nonzero_weights", "weighted_mean"):
                continue
            CASES["value/%s/%s/%s" % (_name, _w, _r)] = _value_case(_name, _w, _r)
    for _w in ("w1", "wfull"):
        CASES["ops/%s/%s" % (_name, _w)] = _ops_case(
            lambda tf, n=_name, w=_w: _value_case(n, w, "weighted_sum_by_nonzero_weights")(tf))


for _r in REDUCTIONS:
    for _w in ("w2p5", "wbatch", "wrow"):
        CASES["ops/mean_squared_error/%s/%s" % (_w, _r)] = _ops_case(
            lambda tf, w=_w, r=_r: _value_case("mean_squared_error", w, r)(tf))


def _pairwise(weights):
    def case(tf):
        x = tf.constant(PRED)
        loss = tf.losses.mean_pairwise_squared_error(LABR, x, weights=weights)
        g, gg = _grads(tf, loss, x)
        out = _sess_run(tf, {"loss": loss, "grad": g, "grad2": gg})
        out["ops"] = [[op.name, op.type] for op in tf.get_default_graph().get_operations()
                      if not op.name.startswith("gradients")]
        return out
    return case


CASES["pairwise/w1"] = _pairwise(1.0)
CASES["pairwise/w3"] = _pairwise(3.0)
CASES["pairwise/wbatch"] = _pairwise(np.array([[1.0], [0.0], [2.0], [0.5]], np.float32))


def _pairwise_rank3(tf):
    p = _rng_fixed().randn(2, 3, 4).astype(np.float32)
    lab = _rng_fixed(1).randn(2, 3, 4).astype(np.float32)
    return _sess_run(tf, tf.losses.mean_pairwise_squared_error(lab, p, weights=[[[2.0]], [[1.0]]]))


def _rng_fixed(seed=0):
    return np.random.RandomState(seed)


CASES["pairwise/rank3"] = _pairwise_rank3


def _dtypes(tf):
    out = {}
    for dt in ("float16", "float64"):
        x = tf.constant(LOGITS.astype(dt))
        sm = tf.losses.softmax_cross_entropy(ONEHOT, x)
        sg = tf.losses.sigmoid_cross_entropy(LAB01, x, weights=WEIGHTS["wfull"])
        sp = tf.losses.sparse_softmax_cross_entropy(SPARSE, x)
        ms = tf.losses.mean_squared_error(LABR.astype(dt), x)
        vals = _sess_run(tf, [sm, sg, sp, ms])
        out[dt] = [[t.dtype.name for t in (sm, sg, sp, ms)], [np.asarray(v) for v in vals]]
    return out


CASES["dtypes"] = _dtypes


def _sparse_shapes(tf):
    lab = SPARSE.reshape(B, 1)
    x = tf.constant(LOGITS)
    a = tf.losses.sparse_softmax_cross_entropy(lab, x, weights=np.array([[1.], [2.], [0.], [1.]]))
    b = tf.losses.sparse_softmax_cross_entropy(lab, x, reduction="none")
    return _sess_run(tf, [a, b])


CASES["sparse/trailing_dims"] = _sparse_shapes


def _dynamic_weights(tf):
    w = tf.placeholder(tf.float32)
    loss = tf.losses.mean_squared_error(LABR, tf.constant(PRED), weights=w)
    out = {}
    with tf.Session() as s:
        out["ok_batch"] = s.run(loss, {w: [[1.0], [2.0], [0.0], [1.0]]})
        out["ok_scalar"] = s.run(loss, {w: 3.0})
        out["ok_row"] = s.run(loss, {w: [[1.0, 0.0, 2.0]]})
        for k, v in [("bad_cols", [[1.0, 2.0]]), ("bad_rank", [1.0, 2.0, 3.0, 4.0])]:
            try:
                s.run(loss, {w: v})
                out[k] = "no error"
            except Exception as e:  # noqa: BLE001 - the golden records TF's error
                out[k] = [type(e).__name__, str(e).split("\n")[0].split(" [[")[0]]
    return out


CASES["dynamic_weights"] = _dynamic_weights


def _dynamic_shapes(tf):
    p = tf.placeholder(tf.float32, [None, D])
    lab = tf.placeholder(tf.int32, [None])
    w = tf.placeholder(tf.float32, [None])
    a = tf.losses.sparse_softmax_cross_entropy(lab, p, weights=w)
    b = tf.losses.mean_squared_error(tf.cast(tf.one_hot(lab, D), tf.float32), p)
    c = tf.losses.mean_pairwise_squared_error(tf.zeros_like(p), p)
    return _sess_run(tf, [a, b, c], {p: LOGITS, lab: SPARSE, w: [1.0, 0.0, 2.0, 1.0]})


CASES["dynamic_shapes"] = _dynamic_shapes


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return e
        return "no error"
    return case


CASES["error/bad_weights_dims"] = _error(
    lambda tf: tf.losses.mean_squared_error(LABR, PRED, weights=np.ones((3, 3), np.float32)))
CASES["error/bad_weights_rank"] = _error(
    lambda tf: tf.losses.mean_squared_error(LABR, PRED, weights=np.ones((B,), np.float32)))
CASES["error/bad_reduction"] = _error(
    lambda tf: tf.losses.mean_squared_error(LABR, PRED, reduction="mean"))
CASES["error/labels_none"] = _error(lambda tf: tf.losses.log_loss(None, PRED))
CASES["error/predictions_none"] = _error(lambda tf: tf.losses.huber_loss(LABR, None))
CASES["error/onehot_none"] = _error(lambda tf: tf.losses.softmax_cross_entropy(None, PRED))
CASES["error/multi_none"] = _error(lambda tf: tf.losses.sigmoid_cross_entropy(None, PRED))
CASES["error/logits_none"] = _error(lambda tf: tf.losses.hinge_loss(LAB01, None))
CASES["error/cosine_no_axis"] = _error(lambda tf: tf.losses.cosine_distance(UNIT_L, UNIT_P))
CASES["error/cosine_axis_and_dim"] = _error(
    lambda tf: tf.losses.cosine_distance(UNIT_L, UNIT_P, axis=1, dim=1))
CASES["error/shape_mismatch"] = _error(
    lambda tf: tf.losses.absolute_difference(LABR, PRED[:, :2]))
CASES["error/total_loss_empty"] = _error(lambda tf: tf.losses.get_total_loss())


def _cosine_dim(tf):
    return _sess_run(tf, tf.losses.cosine_distance(UNIT_L, UNIT_P, dim=1))


CASES["cosine_dim"] = _cosine_dim


def _collections(tf):
    x = tf.constant(PRED)
    a = tf.losses.mean_squared_error(LABR, x)
    b = tf.losses.absolute_difference(LABR, x, loss_collection="mine")
    c = tf.losses.log_loss(LAB01, x, loss_collection=None, scope="my_log")
    tf.losses.add_loss(tf.constant(2.0, name="extra"))
    tf.losses.add_loss(tf.constant(5.0, name="extra_mine"), loss_collection="mine")
    tf.add_to_collection(tf.GraphKeys.REGULARIZATION_LOSSES, tf.constant(0.25, name="reg1"))
    with tf.name_scope("tower"):
        r2 = tf.constant(0.5, name="reg2")
        d = tf.losses.hinge_loss(LAB01, x)
    tf.add_to_collection(tf.GraphKeys.REGULARIZATION_LOSSES, r2)
    total = tf.losses.get_total_loss()
    total_noreg = tf.losses.get_total_loss(add_regularization_losses=False, name="t2")
    reg = tf.losses.get_regularization_loss()
    reg_tower = tf.losses.get_regularization_loss(scope="tower", name="rt")
    names = lambda ts: [t.name for t in ts]  # noqa: E731
    out = {
        "losses": names(tf.losses.get_losses()),
        "mine": names(tf.losses.get_losses(loss_collection="mine")),
        "tower": names(tf.losses.get_losses(scope="tower")),
        "reg": names(tf.losses.get_regularization_losses()),
        "reg_tower": names(tf.losses.get_regularization_losses("tower")),
        "names": names([a, b, c, d, total, total_noreg, reg, reg_tower]),
        "values": _sess_run(tf, [total, total_noreg, reg, reg_tower]),
    }
    with tf.Graph().as_default():
        z = tf.losses.get_regularization_loss()
        out["reg_empty"] = [z.name, _sess_run(tf, z)]
    return out


CASES["collections"] = _collections


def _int_losses(tf):
    # compute_weighted_loss casts back to the dtype of its input
    a = tf.losses.compute_weighted_loss(tf.constant([1, 2, 3], tf.int32), weights=[0.5, 1, 0])
    b = tf.losses.compute_weighted_loss(tf.constant([1.5, 2, 3], tf.float64),
                                        weights=2.0, reduction="weighted_sum")
    return [a.dtype.name, b.dtype.name] + list(_sess_run(tf, [a, b]))


CASES["compute_weighted_loss/dtypes"] = _int_losses


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
