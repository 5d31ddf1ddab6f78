"""Hand-written index arithmetic of capsule / memory / pointer networks as TF 1.14 answers
it (tests/golden/array/gen_pcaps_index.py): GatherNd's error names the last bad index,
DynamicStitch's shape function checks and merges its inputs' shapes and knows the length
of a stitch of constant partitions, so its gradient builds TF's ops."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("array", "pcaps_index")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf(name):
    got = goldens.flowgrad_cases("array", "pcaps_index", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)


def test_scatter_nd_still_names_the_first_bad_index():
    # the golden's last gather_nd case is ScatterNd's: its kernel stops at the first
    errors = GOLDEN["gather_nd_errors"]
    assert errors[-1][1].startswith("indices[0] = [5, 0]")
    assert errors[0][1].startswith("indices[2] = [7]")
