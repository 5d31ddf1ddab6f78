"""A DeepSpeech-style program against TF 1.14 (tests/golden/seq/gen_paudio_deepspeech.py):
the forward GraphDef, variable names and static shapes exactly; decoded labels, edit
distances and dense outputs exactly; float values (MFCCs through tf.signal's RFFT, whose
NumPy FFT rounds differently from Eigen's, CTC scores in float64 against TF's float32 log
space) to 1e-5 relative."""
import numpy as np

import flowgrad as tf
import goldens

deepspeech_cases = goldens.generator("seq", "paudio_deepspeech")
GOLDEN = goldens.load("seq", "paudio_deepspeech")


def test_program_matches_tf114():
    with tf.Graph().as_default():
        got = deepspeech_cases.program(tf)
    want = GOLDEN["program"]
    assert got["ops"] == want["ops"]
    assert got["shapes"] == want["shapes"]
    assert got["names"] == want["names"]
    for key in ("before", "after"):
        assert len(got[key]) == len(want[key])
        for i, (g, w) in enumerate(zip(got[key], want[key])):
            g = np.asarray(g)
            assert g.dtype == w.dtype and g.shape == w.shape, (key, i)
            if w.dtype.kind == "f":
                np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-5 * np.abs(w).max(),
                                           err_msg=f"{key}[{i}]")
            else:
                np.testing.assert_array_equal(g, w, err_msg=f"{key}[{i}]")


def test_errors_match_tf114():
    with tf.Graph().as_default():
        got = deepspeech_cases.errors(tf)
    assert got == GOLDEN["errors"]
