"""Canned estimators and TF 1.14's checkpoints (tests/golden/estimator/gen_canned_ckpt.py):
flowgrad continues training from the checkpoint TF 1.14 wrote after 3 steps (DNN with an
embedding column, DNN regressor with Adam, 3-class linear with hashed and bucketized
columns, DNN+linear regressor, baseline) and must give TF's evaluation, predictions,
trained values and checkpoint names/shapes (one-part partitioned variables, TF's slot keys
such as 'dnn/hiddenlayer_0/kernel/t_0/Adagrad'). From scratch, the checkpoint layout is
TF's for every model, and the linear and baseline models (zero-initialized) train to TF's
values."""
import os
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_canned_ckpt as gen  # noqa: E402

GOLD = goldens.load("estimator", "canned_ckpt")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_resume_from_tf_checkpoint(name):
    try:
        got = gen.resume(tf, name, GOLD[name]["scratch"]["files"])
    finally:
        tf.reset_default_graph()
    goldens.same_close(got, GOLD[name]["resume"], name)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_scratch_checkpoint_layout(name):
    try:
        got = gen.scratch(tf, name)
    finally:
        tf.reset_default_graph()
    want = GOLD[name]["scratch"]
    assert got["ckpt"] == want["ckpt"]
    if name in ("linear", "baseline"):   # zero-initialized: TF's values from step 0
        goldens.same_close(got["values"], want["values"], name)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_tf_reads_flowgrad_checkpoint(name):
    # TF 1.14 resumed from the checkpoint flowgrad wrote (the golden's resume_flowgrad);
    # flowgrad resuming from the same files gives TF's numbers
    try:
        got = gen.resume(tf, name, gen.flowgrad_files()[name])
    finally:
        tf.reset_default_graph()
    goldens.same_close(got, GOLD[name]["resume_flowgrad"], name)
