"""tf.nn.conv_transpose, atrous_conv2d_transpose, conv3d_backprop_filter and
collapse_repeated against TF 1.14 (tests/golden/core/gen_nn_extra.py)."""
import numpy as np

import flowgrad as tf
import goldens

nn_cases = goldens.generator("core", "nn_extra")
GOLDEN = goldens.load("core", "nn_extra")


def _same(got, want, where):
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), \
            f"{where}: {got} vs {want}"
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif isinstance(want, dict):
        assert sorted(got) == sorted(want), where
        for k in want:
            _same(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, str):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        got = np.asarray(got)
        assert got.dtype == np.asarray(want).dtype, where
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5, err_msg=where)


def test_matches_tf114():
    with tf.Graph().as_default():
        got = nn_cases.build(tf)
    _same(got, GOLDEN["build"], "build")
