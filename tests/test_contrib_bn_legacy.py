"""tf.contrib.layers.batch_norm's legacy path against TF 1.14
(tests/golden/layers/gen_contrib_bn_legacy.py): batch_weights, custom updates_collections,
zero_debias_moving_mean; outputs, moving statistics, names and op counts."""
import numpy as np

import flowgrad as tf
import goldens
from goldenio import GoldenError

bn_cases = goldens.generator("layers", "contrib_bn_legacy")
GOLDEN = goldens.load("layers", "contrib_bn_legacy")


def _compare(got, want, where):
    if isinstance(want, GoldenError):
        assert isinstance(got, BaseException) and GoldenError.of(got) == want, \
            f"{where}: {got!r} vs {want!r}"
    elif isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), f"{where}: {got}"
        for k in want:
            _compare(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{where}: {got}"
        for i, (g, w) in enumerate(zip(got, want)):
            _compare(g, w, f"{where}[{i}]")
    elif isinstance(want, np.ndarray):
        assert got.dtype == want.dtype and got.shape == want.shape, f"{where}: {got}"
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6, err_msg=where)
    else:
        assert got == want, f"{where}: {got!r} vs {want!r}"


def test_matches_tf114():
    got = bn_cases.cases(tf)
    assert sorted(got) == sorted(GOLDEN)
    for name in GOLDEN:
        _compare(got[name], GOLDEN[name], name)
