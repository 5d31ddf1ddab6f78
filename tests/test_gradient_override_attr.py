"""gradient_override_map's `_gradient_op_type` attr against TF 1.14
(tests/golden/gradients/gen_override.py): on the op, in NodeDefs and GraphDefs, and kept
through import_graph_def and export/import_meta_graph."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

override_cases = goldens.generator("gradients", "override")
GOLDEN = goldens.load("gradients", "override")


def _compare(got, want, where):
    if isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), f"{where}: {got} vs {want}"
        for k in want:
            _compare(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, np.ndarray):
        assert got.dtype == want.dtype and got.shape == want.shape, f"{where}: {got} vs {want}"
        np.testing.assert_array_equal(got, want, err_msg=where)
    else:
        assert got == want, f"{where}: {got!r} vs {want!r}"


@pytest.mark.parametrize("case", override_cases.CASES, ids=lambda c: c.__name__)
def test_matches_tf114(case):
    _compare(case(tf), GOLDEN[case.__name__], case.__name__)
