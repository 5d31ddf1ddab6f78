"""AudioSpectrogram and Mfcc (contrib.framework.python.ops.audio_ops, the speech_commands
tutorial's features) under TF 1.14 (paudio_features.json) and flowgrad
(tests/test_paudio_features.py): values bit for bit over tones, noise, int16-quantized
audio with silence and smooth signals; window sizes that are and are not powers of two;
mfcc's frequency limits, channel counts and sample rates; TF 1.14's multi-channel
behaviour (one sample stream over all channels, so windows cross channel boundaries or
the height check fails); static shapes, node attrs, op names, errors, missing gradients;
the speech_commands input pipeline (decode_wav, volume, time shift, spectrogram, mfcc).
Valid Python 3.7."""
import importlib

import numpy as np


def _ops(tf):
    """The module a TF1 program imports the ops from."""
    if tf.__name__ == "tensorflow":
        return importlib.import_module("tensorflow.contrib.framework.python.ops.audio_ops")
    return importlib.import_module(tf.__name__ + ".contrib.framework.audio_ops")


def _signals():
    rng = np.random.RandomState(7)
    n = 2000
    t = np.arange(n)
    quant = np.round(rng.normal(0, 0.2, n) * 32768) / 32768
    quant[:500] = 0
    sig = {
        "noise": rng.uniform(-1, 1, n),
        "tone": 0.5 * np.sin(t * 2 * np.pi * 440 / 16000) + rng.normal(0, 0.01, n),
        "int16": np.clip(quant, -1, 32767 / 32768.0),
        "walk": np.cumsum(rng.normal(0, 0.01, n)),
        "chirp": 0.3 * np.sin(2 * np.pi * (100 + 3 * t / 16.0) * t / 16000),
    }
    return {k: v.astype(np.float32).reshape(-1, 1) for k, v in sorted(sig.items())}


SIGNALS = _signals()
# (window_size, stride, magnitude_squared)
SPECS = [(480, 160, True), (480, 160, False), (256, 128, True), (100, 40, False),
         (640, 320, True), (3, 2, False)]
# (spectrogram index, sample rate, upper, lower, filterbank channels, dct coefficients)
MFCCS = [(0, 16000, 4000, 20, 40, 13), (2, 16000, 7600, 60, 80, 30),
         (4, 22050, 5000.5, 0.3, 26, 26), (0, 8000, 3999.9, 125.5, 20, 1),
         (2, 16000, 8000, 0, 40, 40), (0, 16000, 9000, 20, 40, 13)]


def values(tf):
    ops = _ops(tf)
    x = tf.placeholder(tf.float32, [None, None])
    specs = [ops.audio_spectrogram(x, w, s, magnitude_squared=m) for w, s, m in SPECS]
    mfccs = [ops.mfcc(specs[i], r, upper_frequency_limit=u, lower_frequency_limit=lo,
                      filterbank_channel_count=f, dct_coefficient_count=d)
             for i, r, u, lo, f, d in MFCCS]
    out = {}
    with tf.Session() as sess:
        for name, sig in SIGNALS.items():
            out[name] = sess.run(specs + mfccs, {x: sig})
    return out


CHANNELS = [(10, 2, 4, 3), (10, 3, 4, 3), (64, 2, 16, 16), (16, 3, 16, 16), (0, 2, 4, 2),
            (20, 0, 4, 2), (64, 3, 16, 8), (1000, 2, 100, 40), (12, 2, 16, 4),
            (16, 2, 16, 20), (5, 4, 2, 1), (7, 3, 3, 2)]


def channels(tf):
    """TF 1.14 runs all channels through one never-reset Spectrogram: values where each
    channel gets the expected number of windows (some crossing channels), else TF's error."""
    ops = _ops(tf)
    rng = np.random.RandomState(2)
    x = tf.placeholder(tf.float32, [None, None])
    out = []
    with tf.Session() as sess:
        for n, c, w, s in CHANNELS:
            sig = rng.uniform(-1, 1, (n, c)).astype(np.float32)
            spec = ops.audio_spectrogram(x, w, s)
            try:
                out.append(sess.run([spec, ops.mfcc(spec * spec, 8000, 3000, 20, 3, 2)]
                                    if w >= 4 else spec, {x: sig}))
            except tf.errors.InvalidArgumentError as e:
                out.append("%s: %s" % (type(e).__name__, e.message.split("\n")[0]))
    return out


def _err(fn):
    try:
        r = fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        lines = [ln for ln in str(e).split("\n") if ln.strip()]
        return "%s: %s" % (type(e).__name__, lines[0] if lines else "")
    return r.shape if isinstance(r, np.ndarray) else str(r)


def graph(tf):
    """Static shapes, node attrs and names, build and run errors, gradients."""
    ops = _ops(tf)
    x = np.linspace(-0.5, 0.5, 300, dtype=np.float32).reshape(300, 1)
    p = tf.placeholder(tf.float32)
    p2 = tf.placeholder(tf.float32, [None, 2])
    xc = tf.constant(x, name="audio")
    sp = ops.audio_spectrogram(xc, window_size=64, stride=32, magnitude_squared=True)
    mf = ops.mfcc(sp, 16000, name="feat")
    built = [ops.audio_spectrogram(x, 3, 2), ops.audio_spectrogram(x[:10], 16, 2),
             ops.audio_spectrogram(x, 3.0, 2), ops.audio_spectrogram(p, 16, 2),
             ops.audio_spectrogram(p2, 100, 7, name="two"),
             ops.audio_spectrogram(np.zeros((4, 1), np.int32), 4, 2),
             ops.mfcc(ops.audio_spectrogram(p2, 16, 2), tf.placeholder(tf.int32), 3000, 30,
                      dct_coefficient_count=5),
             ops.mfcc(tf.placeholder(tf.float32), 8000), sp, mf]
    shapes = [[t.name, t.shape.as_list() if t.shape.ndims is not None else None]
              for t in built]
    attrs = [sorted((k, str(v)) for k, v in t.op.node_def.attr.items()) for t in (sp, mf)]
    inputs = [[i.name for i in t.op.inputs] for t in (sp, mf)]
    s = tf.Session()
    # (TF 1.14 aborts the process for a negative window_size or a zero stride)
    errors = [
        _err(lambda: s.run(ops.audio_spectrogram(x, window_size=1, stride=1))),
        _err(lambda: s.run(ops.audio_spectrogram(x, window_size=0, stride=1))),
        _err(lambda: ops.audio_spectrogram(x[:, 0], window_size=4, stride=2)),
        _err(lambda: ops.audio_spectrogram(x[None], window_size=4, stride=2)),
        _err(lambda: ops.audio_spectrogram(x, window_size="3", stride=2)),
        _err(lambda: ops.audio_spectrogram(x, window_size=4, stride=None)),
        _err(lambda: ops.audio_spectrogram(x, 4, 2, magnitude_squared=1)),
        _err(lambda: ops.audio_spectrogram(tf.constant(x, tf.float64), 4, 2)),
        _err(lambda: s.run(ops.audio_spectrogram(p, 16, 2), {p: x[:, 0]})),
        _err(lambda: s.run(ops.mfcc(sp, 16000, dct_coefficient_count=50))),
        _err(lambda: s.run(ops.mfcc(sp, 16000, upper_frequency_limit=10,
                                    lower_frequency_limit=20))),
        _err(lambda: s.run(ops.mfcc(sp, 16000, upper_frequency_limit=20,
                                    lower_frequency_limit=20))),
        _err(lambda: s.run(ops.mfcc(sp, 16000, lower_frequency_limit=-1))),
        _err(lambda: s.run(ops.mfcc(sp, 16000, filterbank_channel_count=0))),
        _err(lambda: s.run(ops.mfcc(sp, 16000, dct_coefficient_count=0))),
        _err(lambda: s.run(ops.mfcc(sp, 0))),
        _err(lambda: s.run(ops.mfcc(sp, -8000))),
        _err(lambda: s.run(ops.mfcc(sp[:, :, :1], 16000))),
        _err(lambda: ops.mfcc(sp, [16000])),
        _err(lambda: ops.mfcc(sp, tf.placeholder_with_default([16000], [None]))),
        _err(lambda: ops.mfcc(sp[0], 16000)),
        _err(lambda: ops.mfcc(sp, 16000.0)),
        _err(lambda: ops.mfcc(sp, 16000, upper_frequency_limit="a")),
        _err(lambda: ops.mfcc(sp, 16000, filterbank_channel_count=4.5)),
        _err(lambda: s.run(ops.mfcc(p, 16000), {p: np.ones((2, 3), np.float32)})),
    ]
    vals = [s.run(mf), s.run(ops.mfcc(sp, 16000, filterbank_channel_count=80)),
            s.run(ops.mfcc(sp, 8000, upper_frequency_limit=8000)),
            s.run(ops.mfcc(tf.zeros([2, 3, 33]), 16000, 7000, 100, 12, 12))]
    ops_built = [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]
    s.close()
    # (TF leaves tf.gradients' grad_ys ops in the graph when it raises; flowgrad removes
    # them: a graph of their own)
    with tf.Graph().as_default():
        xc = tf.constant(x)
        errors += [_err(lambda: tf.gradients(ops.audio_spectrogram(xc, 16, 8), [xc])),
                   _err(lambda: tf.gradients(ops.mfcc(tf.square(xc)[None], 16000), [xc]))]
    return {"shapes": shapes, "attrs": attrs, "inputs": inputs, "errors": errors,
            "values": vals, "ops": ops_built}


def speech_commands(tf):
    """input_data.py's prepare_processing_graph: a WAV file in, its volume scaled, shifted
    in time with a padded slice, then the spectrogram and 40 MFCCs, as models.py feeds
    them (a flattened fingerprint)."""
    ops = _ops(tf)
    rng = np.random.RandomState(5)
    clip = rng.normal(0, 0.15, (16000, 1)).astype(np.float32)
    clip[:3000] = 0
    wav = tf.Session().run(tf.audio.encode_wav(clip, 16000))
    wav_filename = tf.placeholder(tf.string, [], name="wav_filename")
    decoded = ops.decode_wav(wav_filename, desired_channels=1, desired_samples=16000)
    volume = tf.placeholder(tf.float32, [], name="foreground_volume")
    scaled = tf.multiply(decoded.audio, volume)
    shift_pad = tf.placeholder(tf.int32, [2, 2], name="time_shift_padding")
    shift_off = tf.placeholder(tf.int32, [2], name="time_shift_offset")
    padded = tf.pad(scaled, shift_pad, mode="CONSTANT")
    sliced = tf.slice(padded, shift_off, [16000, -1])
    clamped = tf.clip_by_value(sliced, -1.0, 1.0)
    spectrogram = ops.audio_spectrogram(clamped, window_size=480, stride=160,
                                        magnitude_squared=True)
    mfcc = ops.mfcc(spectrogram, decoded.sample_rate, dct_coefficient_count=40)
    fingerprint = tf.reshape(mfcc, [-1, 98 * 40])
    feeds = [(1.0, [[0, 0], [0, 0]], [0, 0]), (0.7, [[100, 0], [0, 0]], [0, 0]),
             (1.3, [[0, 250], [0, 0]], [250, 0])]
    out = [[t.name, t.shape.as_list()] for t in (decoded.audio, spectrogram, mfcc,
                                                 fingerprint)]
    with tf.Session() as sess:
        for vol, pad, off in feeds:
            out.append(sess.run([spectrogram[0, ::16], fingerprint],
                                {wav_filename: wav, volume: vol, shift_pad: pad,
                                 shift_off: off}))
    return out


def cases(tf):
    out = {}
    for fn in (values, channels, graph, speech_commands):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out
