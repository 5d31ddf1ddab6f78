"""Estimator exports in TRAIN and EVAL modes against TF 1.14 (tests/golden/estimator/
gen_export_all.py): experimental_export_all_saved_models and export_saved_model's
experimental_mode, with build_raw_supervised_input_receiver_fn; the SavedModels read
back (tags, supervised signatures, train-op collection, signatures run) and the errors."""
import os
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_export_all as gen  # noqa: E402

GOLD = goldens.load("estimator", "export_all")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen.cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_export_all_matches_tf(ours, case):
    goldens.same_close(ours[case], GOLD[case], case)
