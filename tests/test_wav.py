"""tf.audio.decode_wav / encode_wav against TF 1.14 (tests/golden/audio/gen_wav.py): TF's
exact bytes, decoded values, desired channels/samples, op names and static shapes, and every
malformed-file error."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

wav_cases = goldens.generator("audio", "wav")
GOLDEN = goldens.load("audio", "wav")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), where
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif want is None or isinstance(want, (str, bytes, float, int, bool)):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        got = np.asarray(got)
        assert got.dtype == np.asarray(want).dtype, where
        np.testing.assert_array_equal(got, want, err_msg=where)


@pytest.mark.parametrize("fn", [wav_cases.encode, wav_cases.decode, wav_cases.errors,
                                wav_cases.fuzz],
                         ids=lambda f: f.__name__)
def test_matches_tf114(fn):
    with tf.Graph().as_default():
        got = fn(tf)
    _same(got, GOLDEN[fn.__name__], fn.__name__)


def test_random_bytes_never_crash():
    """Untrusted bytes: any prefix/corruption of a valid file decodes or raises TF's
    InvalidArgumentError, never anything else."""
    rng = np.random.RandomState(0)
    good = wav_cases.FILES[4][1]
    blobs = [good[:n] for n in range(len(good))]
    for _ in range(200):
        b = bytearray(good)
        for i in rng.randint(0, len(b), 3):
            b[i] = rng.randint(256)
        blobs.append(bytes(b))
    with tf.Graph().as_default():
        s = tf.placeholder(tf.string)
        d = tf.audio.decode_wav(s)
        with tf.Session() as sess:
            for blob in blobs:
                try:
                    audio, rate = sess.run(d, {s: blob})
                except tf.errors.InvalidArgumentError:
                    continue
                assert audio.dtype == np.float32 and audio.ndim == 2
