"""The Keras TensorBoard callback against TF 1.14 (tests/golden/keras/gen_tensorboard.py):
histogram_freq / write_grads / write_images summaries (tags, steps, histogram buckets,
image pixels) and the profile that profile_batch writes (file layout, the .profile-empty
event file, the trace's devices, resources and Session runs)."""
import os
import sys

import pytest

import flowgrad as tf
from goldens import GOLDEN, generator, load
from test_layers import _compare

pytest.importorskip("tensorboard")
GOLD = load("keras", "tensorboard")
GEN = generator("keras", "tensorboard")
HISTOGRAMS = ["histograms", "every_second_epoch", "grads_images", "conv_images",
              "no_validation"]
PROFILES = sorted(k for k in GOLD if k.startswith("profile"))


def _run(fn):
    sys.path.insert(0, os.path.join(GOLDEN, "keras"))
    try:
        with tf.Graph().as_default():
            with tf.Session():
                return fn()
    finally:
        sys.path.remove(os.path.join(GOLDEN, "keras"))


@pytest.mark.parametrize("case", HISTOGRAMS)
def test_histogram_summaries(case):
    fns = {"histograms": lambda: GEN._histograms(tf, histogram_freq=1),
           "every_second_epoch": lambda: GEN._histograms(tf, histogram_freq=2),
           "grads_images": lambda: GEN._histograms(tf, histogram_freq=1, write_grads=True,
                                                   write_images=True),
           "conv_images": lambda: GEN._histograms(tf, conv=True, histogram_freq=1,
                                                  write_images=True),
           "no_validation": lambda: GEN._no_validation(tf)}
    got = _run(fns[case])
    want = GOLD[case]
    assert [e[:2] for e in got] == [e[:2] for e in want]
    _compare(got, want, case)


@pytest.mark.parametrize("case", PROFILES)
def test_profile_batch(case):
    args = {"profile_2": (2,), "profile_1": (1,), "profile_0": (0,),
            "profile_4_validation": (4, 2, True), "profile_at_end": (4, 1),
            "profile_past_end": (7, 1)}[case]
    got = _run(lambda: GEN._profile(tf, *args))
    want = GOLD[case]
    assert got["files"] == want["files"]
    assert got["empty"] == want["empty"]
    assert len(got["traces"]) == len(want["traces"])
    for g, w in zip(got["traces"], want["traces"]):
        # TF runs some ops of a traced run on the Python thread; flowgrad runs them all on
        # the thread of Session.run, recorded as TF's "tf_Compute" resource
        assert set(g.pop("op_resources")) <= set(w.pop("op_resources")) | {"tf_Compute"}
        _compare(g, w, case)


def test_profiler_api_round_trip(tmp_path):
    from flowgrad.profiler import trace
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2])
        y = tf.reduce_sum(x * 2.0, name="total")
        with tf.Session() as sess:
            trace.start()
            with pytest.raises(trace.ProfilerAlreadyRunningError):
                trace.start()
            sess.run(y, {x: [1.0, 2.0]})
            result = trace.stop()
    with pytest.raises(trace.ProfilerNotRunningError):
        trace.stop()
    trace.save(str(tmp_path), result)
    trace.save(str(tmp_path), result)   # one .profile-empty file however many saves
    names = sorted(os.listdir(tmp_path))
    assert len([n for n in names if n.endswith(".profile-empty")]) == 1
    sys.path.insert(0, os.path.join(GOLDEN, "keras"))
    try:
        from flowgrad_trace_reader import read_trace
    finally:
        sys.path.remove(os.path.join(GOLDEN, "keras"))
    got = read_trace(result)
    assert got["session_runs"] == 1 and got["ops"] and got["op_names_are_node_type"]

