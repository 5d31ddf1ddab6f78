"""The probe programs of tests/pprobe80_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe80_scripts.py): whole seeded TF1 programs of memory-augmented
networks as deepmind/dnc and the public NTM implementations write them in plain TF: a DNC
memory core (an RNNCell subclass with a nested namedtuple state under dynamic_rnn; cosine
content addressing with a oneplus strength, usage and allocation by top_k and an exclusive
cumprod in log space, batch_gather back to memory order, the temporal link matrix, the
interface vector's tf.split with sizes, clip_by_global_norm and Adam: dnc_cell.py); an NTM
cell with location addressing (interpolation, circular shift by gather_nd with batch
indices, sharpening by tf.pow, clip_by_value and RMSProp: ntm_cell.py); the addressing ops
one by one with their gradients and errors (cumprod's exclusive / reverse forms, top_k,
invert_permutation, batch_gather, gather_nd, split, einsum, matrix_set_diag:
addressing_ops.py); the same kind of cell under dynamic_rnn with sequence_length, tf.scan,
a tf.while_loop logging read weights in a TensorArray, an embedding's IndexedSlices under
clip_by_global_norm and tf.nest's structure errors (memory_scan.py); and the error of a user
cell's call given a state of the wrong structure (cell_call_errors.py).

dnc_cell.py, ntm_cell.py, addressing_ops.py and memory_scan.py matched TF on the base
commit: they stay as regression guards. cell_call_errors.py found a gap left open (XFAIL).
The addressing ops' errors beside them found one fault, with a focused test below:

- tf.invert_permutation (the inverse of top_k's sort order) took any rank: TF's shape
  function requires a vector (WithRank 1: "Shape must be rank 1 but is rank 2", a vector
  of unknown length for an input of unknown rank) and its kernel a 1-D feed
  ("invert_permutation expects a 1D vector."); flowgrad's InvertPermutation kept the
  input's shape and failed in NumPy on a fed matrix or scalar."""

import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe80_scripts")
GOLD = load("seeded", "pprobe80_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {
    "cell_call_errors.py": (
        "TF 1.14's Layer.__call__ runs a user subclass's `call` (here an RNNCell subclass's) "
        "through AutoGraph (autograph.tf_convert), so an error raised in it comes back as the "
        "same class with the message 'in converted code:\\n\\n    FILE:LINE call\\n        "
        "SOURCE LINE\\n\\n    AttributeError: ...\\n'; flowgrad has no AutoGraph (no "
        "tf.autograph conversion in keras/engine/base_layer.Layer.__call__, which calls "
        "`call` as it is), so it raises the bare AttributeError \"'tuple' object has no "
        "attribute 'memory'\" (the same gap as test_pest_errors' feature_missing)"),
}


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul) follow the host's Eigen kernels (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=XFAIL[s])) if s in XFAIL
    else s for s in SCRIPTS])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]


@pytest.mark.parametrize("shape, want", [
    ([2, 2], "Shape must be rank 1 but is rank 2 for 'InvertPermutation' (op: "
             "'InvertPermutation') with input shapes: [2,2]."),
    ([], "Shape must be rank 1 but is rank 0 for 'InvertPermutation' (op: "
         "'InvertPermutation') with input shapes: []."),
])
def test_invert_permutation_takes_a_vector(shape, want):
    # TF 1.14 (checked with the oracle): InvertPermutation's shape function is WithRank(x, 1)
    with tf.Graph().as_default():
        with pytest.raises(ValueError) as info:
            tf.invert_permutation(tf.zeros(shape, tf.int32))
    assert str(info.value) == want


def test_invert_permutation_of_unknown_rank_checks_the_fed_value():
    # TF 1.14 (checked with the oracle): a vector of unknown length at graph time; the
    # kernel's IsVector check on a fed matrix or scalar
    with tf.Graph().as_default():
        p = tf.placeholder(tf.int32, None)
        y = tf.invert_permutation(p)
        assert y.shape.as_list() == [None]
        with tf.Session() as sess:
            np.testing.assert_array_equal(sess.run(y, {p: [2, 0, 1]}), [1, 2, 0])
            for bad in ([[0, 1], [1, 0]], 0):
                with pytest.raises(tf.errors.InvalidArgumentError) as info:
                    sess.run(y, {p: bad})
                assert info.value.message.splitlines()[0] == (
                    "invert_permutation expects a 1D vector.")
