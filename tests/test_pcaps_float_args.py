"""A float (Python 3's `n / 2`) given to an op's int input raises TF 1.14's op_def_library
error, message in full (tests/golden/array/gen_pcaps_float_args.py)."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("array", "pcaps_float_args")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf(name):
    got = goldens.flowgrad_cases("array", "pcaps_float_args", tf)[name]
    assert got == GOLDEN[name]
