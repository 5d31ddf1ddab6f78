"""AudioSpectrogram and Mfcc (contrib.framework.python.ops.audio_ops) against TF 1.14
(tests/golden/audio/gen_paudio_features.py): values bit for bit, TF 1.14's shared sample
stream over channels, shapes, attrs, op names, errors, and the speech_commands pipeline."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

feature_cases = goldens.generator("audio", "paudio_features")
GOLDEN = goldens.load("audio", "paudio_features")


def _same(got, want, where):
    if isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), where
        for k in want:
            _same(got[k], want[k], f"{where}[{k!r}]")
    elif isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif want is None or isinstance(want, (str, bytes, float, int, bool)):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        got = np.asarray(got)
        assert got.dtype == np.asarray(want).dtype and got.shape == want.shape, where
        np.testing.assert_array_equal(got, want, err_msg=where)


def test_values_match_tf114():
    """Bit for bit, except where TF's FFT (Ooura's rdft) and NumPy's round differently:
    the bins of a pure chirp far from its frequency hold only rounding noise (1e-17 of a
    peak near 100), and an MFCC reading them can move by an ulp of its largest coefficient."""
    with tf.Graph().as_default():
        got = feature_cases.values(tf)
    want = GOLDEN["values"]
    assert sorted(got) == sorted(want)
    for name in want:
        for i, (g, w) in enumerate(zip(got[name], want[name])):
            assert g.dtype == w.dtype and g.shape == w.shape, (name, i)
            if name != "chirp":
                np.testing.assert_array_equal(g, w, err_msg=f"{name}[{i}]")
            else:
                np.testing.assert_allclose(g, w, rtol=2e-7, atol=1e-10 * np.abs(w).max(),
                                           err_msg=f"{name}[{i}]")


@pytest.mark.parametrize("fn", [feature_cases.channels,
                                feature_cases.graph, feature_cases.speech_commands],
                         ids=lambda f: f.__name__)
def test_matches_tf114(fn):
    with tf.Graph().as_default():
        got = fn(tf)
    _same(got, GOLDEN[fn.__name__], fn.__name__)


def test_stride_and_window_checked_before_running():
    """Where TF 1.14 aborts the process (a zero stride divides by zero, a negative
    window_size sizes a vector), flowgrad raises the kernel's InvalidArgumentError."""
    x = np.zeros((32, 1), np.float32)
    with tf.Graph().as_default(), tf.Session() as sess:
        for w, s in ((8, 0), (-3, 4)):
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match=f"window size {w} and stride {s}"):
                sess.run(tf.contrib.framework.audio_ops.audio_spectrogram(x, w, s))


def test_tutorial_import_path():
    """`from tensorflow.contrib.framework.python.ops import audio_ops` under flowgrad run."""
    from flowgrad.compat.tf_alias import alias_tensorflow
    with alias_tensorflow():
        from tensorflow.contrib.framework.python.ops import audio_ops
        from tensorflow.python.ops import gen_audio_ops
        assert audio_ops.mfcc is gen_audio_ops.mfcc
        assert {"audio_spectrogram", "mfcc", "decode_wav", "encode_wav"} <= set(dir(audio_ops))
