"""TF 1.14 cases that flowgrad once raised NotImplementedError for (tests/golden/partial):
the matrix 2-norm, sparse segment reductions with num_segments, resize with
half_pixel_centers, keras relu's alpha/max_value/threshold, pooling forms, and more.
Each generator's cases run under flowgrad and are compared with TF's values, dtypes,
static shapes, gradients and errors."""
import pytest

import flowgrad as tf
import goldens

STEMS = [
    "matrix_norm", "sparse_segment_num", "resize_centers", "keras_relu", "pool_nd",
    "conv1d_transpose", "static_value", "dct_args",
]
CASES = [(stem, name) for stem in STEMS for name in sorted(goldens.load("partial", stem))]


@pytest.mark.parametrize("stem,name", CASES, ids=["%s/%s" % c for c in CASES])
def test_case(stem, name):
    got = goldens.flowgrad_cases("partial", stem, tf)[name]
    goldens.same_sparse(got, goldens.load("partial", stem)[name], name, rtol=2e-5, atol=1e-6)
