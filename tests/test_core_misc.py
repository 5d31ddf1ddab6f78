"""tf.guarantee_const, tf.DeviceSpec, tf.convert_to_tensor_or_sparse_tensor and
tf.variable_creator_scope against TF 1.14 (tests/golden/core/gen_misc.py)."""
import numpy as np

import flowgrad as tf
import goldens

misc_cases = goldens.generator("core", "misc")
GOLDEN = goldens.load("core", "misc")


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
    elif want is None or isinstance(want, (str, bool, int)):
        assert got == want, f"{where}: {got!r} vs {want!r}"
    else:
        np.testing.assert_array_equal(np.asarray(got), np.asarray(want), err_msg=where)


def test_matches_tf114():
    with tf.Graph().as_default():
        got = misc_cases.misc(tf)
    _same(got, GOLDEN["misc"], "misc")
