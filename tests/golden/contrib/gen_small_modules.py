"""TF 1.14 goldens for the small tf.contrib modules: contrib.stateless (numbers),
contrib.deprecated (the old summary ops: names, types, serialized Summaries), contrib.sparsemax
(values, losses, first and second gradients, op names), contrib.nn (alpha_dropout's seeded
numbers, the flipped cross entropies, sampled_sparse_softmax_loss) and contrib.signal, with
the ops each builds and TF's errors. Output: small_modules.json, read by
tests/test_contrib_small_modules.py.
"""
import base64
import os
import shutil
import tempfile

import numpy as np

_rng = np.random.RandomState(5)
LOGITS = _rng.randn(4, 5)
LOGITS[1, 2] = 3.0
LABELS = np.eye(5)[[0, 2, 4, 1]]
X = _rng.randn(3, 6).astype(np.float32)
SIGNAL = _rng.randn(2, 64).astype(np.float32)


def _ops(tf, n0=0):
    return [[o.name, o.type] for o in tf.get_default_graph().get_operations()[n0:]]


def _run(tf, fetches):
    with tf.Session() as s:
        return s.run(fetches)


def stateless(tf):
    S = tf.contrib.stateless
    seed = tf.constant([7, 11], tf.int64)
    out = [S.stateless_random_uniform([2, 3], seed),
           S.stateless_random_uniform([4], [1, 2], dtype=tf.float64),
           S.stateless_random_normal([3, 2], seed, mean=1.0, stddev=2.0),
           S.stateless_truncated_normal([5], [3, 4]),
           S.stateless_multinomial(tf.constant([[0.0, 1.0, 2.0], [1.0, 1.0, -1.0]]), 6,
                                   [5, 6])]
    return [_run(tf, out), _ops(tf)]


def deprecated(tf):
    D = tf.contrib.deprecated
    a = D.scalar_summary("loss", tf.constant(0.25))
    b = D.scalar_summary(tf.constant(["x", "y"]), tf.constant([1.0, 2.0]), name="pair",
                         collections=["mine"])
    c = D.histogram_summary("w hist", tf.constant([1.0, 2.0, 2.0, -3.0]))
    d = D.image_summary("img", tf.constant(X.reshape(1, 3, 6, 1)), max_images=2,
                        collections=["images"])
    e = D.audio_summary("snd", tf.constant(X[:2, :, None] / 4), 8000, max_outputs=1)
    with tf.name_scope("outer"):
        f = D.scalar_summary("inner", tf.constant(1.5))
    m = D.merge_summary([a, c], name="m2")
    alls = D.merge_all_summaries()
    none = D.merge_all_summaries(key="nothing")
    return [[t.name for t in (a, b, c, d, e, f, m, alls)], none is None,
            [t.name for t in tf.get_collection(tf.GraphKeys.SUMMARIES)],
            [t.name for t in tf.get_collection("mine")], _ops(tf),
            _run(tf, [a, b, c, e, f, m, alls]), _image(tf, _run(tf, d))]


def _image(tf, serialized):
    """An image Summary's tag, size and decoded pixels (PNG encoders compress differently)."""
    v = tf.Summary.FromString(serialized).value
    with tf.Graph().as_default():
        pixels = _run(tf, [tf.image.decode_png(x.image.encoded_image_string) for x in v])
    return [[x.tag, x.image.height, x.image.width, x.image.colorspace] for x in v], pixels


def sparsemax(tf):
    SM = tf.contrib.sparsemax
    logits = tf.constant(LOGITS)
    n0 = len(tf.get_default_graph().get_operations())
    sm = SM.sparsemax(logits)
    ops_sm = _ops(tf, n0)
    n1 = len(tf.get_default_graph().get_operations())
    loss = SM.sparsemax_loss(logits, sm, tf.constant(LABELS))
    ops_loss = _ops(tf, n1)
    g = tf.gradients(loss, logits)[0]
    gg = tf.gradients(tf.reduce_sum(g * g), logits)[0]
    w = tf.constant(np.arange(5.0))
    gs = tf.gradients(tf.reduce_sum(sm * w), logits)[0]
    f32 = SM.sparsemax(tf.constant(X), name="f32")
    nan = SM.sparsemax(tf.constant([[1.0, np.nan, 0.0], [0.5, 0.5, 0.1]]))
    return [sm.name, loss.name, ops_sm, ops_loss,
            _run(tf, [sm, loss, g, gg, gs, f32, nan])]


def contrib_nn(tf):
    N = tf.contrib.nn
    tf.set_random_seed(3)
    x = tf.constant(X)
    n0 = len(tf.get_default_graph().get_operations())
    ad = N.alpha_dropout(x, 0.7)
    ops_ad = _ops(tf, n0)
    ad2 = N.alpha_dropout(x, tf.constant(0.5), noise_shape=[3, 1], seed=9, name="ad")
    same = N.alpha_dropout(x, 1.0)
    logits = tf.constant(LOGITS)
    xe = N.deprecated_flipped_softmax_cross_entropy_with_logits(logits, tf.constant(LABELS))
    sxe = N.deprecated_flipped_sparse_softmax_cross_entropy_with_logits(
        logits, tf.constant([0, 2, 4, 1]))
    sig = N.deprecated_flipped_sigmoid_cross_entropy_with_logits(logits,
                                                                 tf.constant(LABELS))
    w = tf.constant(_rng.randn(10, 6).astype(np.float32))
    bias = tf.constant(_rng.randn(10).astype(np.float32))
    n1 = len(tf.get_default_graph().get_operations())
    ssl = N.sampled_sparse_softmax_loss(w, bias, tf.constant([[1], [7], [3]], tf.int64), x,
                                        num_sampled=4, num_classes=10)
    ops_ssl = _ops(tf, n1)
    later = tf.random_uniform([3])
    return [[t.name for t in (ad, ad2, xe, sxe, sig, ssl)], same is x, ops_ad, ops_ssl,
            _run(tf, [ad, ad2, xe, sxe, sig, ssl, later])]


def signal(tf):
    Sg = tf.contrib.signal
    s = tf.constant(SIGNAL)
    st = Sg.stft(s, 16, 8)
    fr = Sg.frame(s, 10, 5)
    ola = Sg.overlap_and_add(fr, 5)
    mel = Sg.linear_to_mel_weight_matrix(4, 9, 8000.0)
    return [[t.name for t in (st, fr, ola, mel)],
            _run(tf, [st, fr, ola, mel, Sg.hann_window(5), Sg.hamming_window(4)])]


def resampler(tf):
    """Values over float dtypes (points inside, on and beyond the zero-padded border, a 2-D
    grid of points), gradients with respect to data and warp, op names."""
    rng = np.random.RandomState(2)
    data = rng.randn(2, 4, 5, 3)
    warp = np.concatenate([rng.uniform(-1.5, 5.5, size=(2, 7, 2)),
                           np.array([[[-1.0, 0.0], [4.0, 3.0], [0.0, 0.0], [2.0, 1.5]]] * 2)],
                          1)
    outs = []
    for dt in (tf.float16, tf.float32, tf.float64):
        outs.append(tf.contrib.resampler.resampler(tf.constant(data, dt), tf.constant(warp, dt)))
    grid = tf.constant(rng.uniform(-0.5, 4.5, size=(2, 3, 2, 2)), tf.float32)
    outs.append(tf.contrib.resampler.resampler(tf.constant(data, tf.float32), grid))
    d64, w64 = tf.constant(data), tf.constant(warp)
    r = tf.contrib.resampler.resampler(d64, w64, name="r64")
    n0 = len(tf.get_default_graph().get_operations())
    grads = tf.gradients(tf.reduce_sum(r * r), [d64, w64])
    gops = _ops(tf)[n0:]
    d32, w32 = tf.constant(data, tf.float32), tf.constant(warp, tf.float32)
    grads32 = tf.gradients(tf.reduce_sum(tf.contrib.resampler.resampler(d32, w32) ** 2),
                           [d32, w32])
    return [[t.name for t in outs + [r]], [t.shape.as_list() for t in outs], gops,
            _run(tf, outs + [r] + grads + grads32)]


def integrate(tf):
    """odeint_fixed: rk4 and midpoint, default and given dt, float32/float64/complex, a
    nonlinear system, gradients through the loops."""
    I = tf.contrib.integrate
    y0 = tf.constant([1.0, 2.0], tf.float64)
    a = tf.constant(0.7, tf.float64)
    outs = [I.odeint_fixed(lambda y, t: -a * y * t, y0, [0.0, 0.5, 1.2], dt=0.1),
            I.odeint_fixed(lambda y, t: -y * t, 1.0, tf.constant([0.0, 0.5, 1.2]),
                           method="midpoint"),
            I.odeint_fixed(lambda y, t: tf.stack([y[1], -tf.sin(y[0])]),
                           tf.constant([1.0, 0.0], tf.float64), np.linspace(0.0, 3.0, 7),
                           dt=0.07),
            I.odeint_fixed(lambda y, t: 1j * y, tf.constant(1.0 + 0.5j, tf.complex128),
                           [0.0, 1.0, 2.0], dt=[0.3, 0.25], method="midpoint")]
    grads = tf.gradients(tf.reduce_sum(outs[0]), [y0, a])
    return [[t.name for t in outs], [t.shape.as_list() for t in outs], _run(tf, outs + grads)]


def nth(tf):
    """nth_element over dtypes and ranks (ties included), reverse, a fed n, gradients."""
    rng = np.random.RandomState(6)
    x = rng.randint(0, 5, size=(3, 4, 6))
    outs = [tf.contrib.nn.nth_element(tf.constant(x, dt), k, reverse=r)
            for dt in (tf.float32, tf.float64, tf.int32, tf.int64, tf.uint8, tf.float16)
            for k, r in ((0, False), (2, True), (5, False))]
    n = tf.placeholder(tf.int32, [])
    fed = tf.contrib.nn.nth_element(tf.constant(X), n, name="fed")
    xf = tf.constant(x.astype(np.float64))
    g = tf.gradients(tf.reduce_sum(tf.contrib.nn.nth_element(xf, 3) ** 2), xf)[0]
    g2 = tf.gradients(tf.reduce_sum(tf.contrib.nn.nth_element(xf, 1, reverse=True)), xf)[0]
    with tf.Session() as s:
        vals = s.run(outs + [g, g2])
        fed_vals = [s.run(fed, {n: k}) for k in (0, 3)]
        errs = []
        for k in (6, -1):
            try:
                s.run(fed, {n: k})
            except Exception as e:  # noqa: BLE001 - the golden records TF's error
                errs.append([type(e).__name__, str(e).split("\n")[0]])
    return [[t.name for t in outs + [fed]], [t.shape.as_list() for t in outs + [fed]], vals,
            fed_vals, errs]


def projector(tf):
    """contrib.tensorboard.plugins.projector: the config written by visualize_embeddings
    (as text), the message's bytes, and the error for a writer without a logdir."""
    P = tf.contrib.tensorboard.plugins.projector
    d = tempfile.mkdtemp()
    try:
        writer = tf.summary.FileWriter(d)
        config = P.ProjectorConfig()
        config.model_checkpoint_path = "model.ckpt-7"
        emb = config.embeddings.add()
        emb.tensor_name = "embedding:0"
        emb.metadata_path = "metadata.tsv"
        emb.sprite.image_path = "sprite.png"
        emb.sprite.single_image_dim.extend([28, 28])
        info = P.EmbeddingInfo(tensor_name="second", tensor_shape=[5, 3], tensor_path="t.tsv")
        config.embeddings.extend([info])
        P.visualize_embeddings(writer, config)
        writer.close()
        with open(os.path.join(d, "projector_config.pbtxt")) as f:
            text = f.read()
        files = sorted(n for n in os.listdir(d) if not n.startswith("events"))
    finally:
        shutil.rmtree(d)

    class NoLogdir(object):
        def get_logdir(self):
            return None
    try:
        P.visualize_embeddings(NoLogdir(), config)
        err = "no error"
    except ValueError as e:
        err = str(e)
    return [text, files, base64.b64encode(config.SerializeToString()).decode(), err,
            type(P.SpriteMetadata()).__name__]


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return e
        return "no error"
    return case


CASES = {
    "stateless": stateless, "deprecated": deprecated, "sparsemax": sparsemax,
    "contrib_nn": contrib_nn, "signal": signal, "resampler": resampler,
    "integrate": integrate, "nth_element": nth, "projector": projector,
    "error/nth_rank": _error(lambda tf: tf.contrib.nn.nth_element(tf.constant(1.0), 0)),
    "error/odeint_method": _error(lambda tf: tf.contrib.integrate.odeint_fixed(
        lambda y, t: y, 1.0, [0.0, 1.0], method="euler")),
    "error/odeint_t": _error(lambda tf: tf.contrib.integrate.odeint_fixed(
        lambda y, t: y, 1.0, tf.constant([0, 1]))),
    "error/odeint_sizes": _error(lambda tf: tf.contrib.integrate.odeint_fixed(
        lambda y, t: y, 1.0, [0.0, 1.0, 2.0], dt=[0.1, 0.1, 0.1])),
    "error/resampler_dtype": _error(lambda tf: tf.contrib.resampler.resampler(
        tf.zeros([1, 2, 2, 1]), tf.zeros([1, 3, 2], tf.float64))),
    "error/alpha_dropout_keep": _error(lambda tf: tf.contrib.nn.alpha_dropout(
        tf.constant([1.0]), 1.5)),
    "error/scalar_summary_dtype": _error(lambda tf: tf.contrib.deprecated.scalar_summary(
        "s", tf.constant(["a"]))),
    "error/audio_dtype": _error(lambda tf: tf.contrib.deprecated.audio_summary(
        "s", tf.constant([[1]]), 10)),
}


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out
