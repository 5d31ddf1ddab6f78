"""tf.contrib.factorization.WALSModel against TF 1.14 (tests/golden/factorization/gen_wals.py):
the graph's ops (types and names, in order), variables, initial factors (TF's seeded random
streams), every sweep's new factors, unregularized loss, regularization and sum of weights,
the final factors and the projections, bit for bit; and the WALS kernels' errors.
WALSMatrixFactorization (gen_wals_estimator.py): fit's sweeps, the checkpoint's variables,
evaluate's losses and the projections, bit for bit."""
import functools

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.framework import errors
from flowgrad.ops import factorization_ops

GEN = goldens.generator("factorization", "wals")
GOLD = goldens.load("factorization", "wals")
CASES = sorted(GEN.CASES)
EST = goldens.generator("factorization", "wals_estimator")
EST_GOLD = goldens.load("factorization", "wals_estimator")


def _equal(got, want, path):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), path
        for k in want:
            _equal(got[k], want[k], f"{path}/{k}")
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            _equal(g, w, f"{path}[{i}]")
    else:
        g, w = np.asarray(got), np.asarray(want)
        assert g.dtype == w.dtype and g.shape == w.shape, path
        np.testing.assert_array_equal(g, w, err_msg=path)


@functools.lru_cache(maxsize=None)
def _ours(name):
    return GEN.run(tf, **GEN.CASES[name])


@pytest.mark.parametrize("name", CASES)
def test_graph_matches_tf(name):
    ours, want = _ours(name), GOLD[name]
    for key in ("ops", "variables", "local", "factors"):
        assert ours[key] == want[key], key


@pytest.mark.parametrize("name", CASES)
def test_values_match_tf_bit_for_bit(name):
    # made on an Intel Xeon; these cases' numbers are the same under FLOWGRAD_CPU=amd and
    # intel (checked: k40's rank updates are cut in panels of 40 rows with AMD's caches, 32
    # with Intel's, and sum each entry alike)
    assert GOLD["host"] == "intel"
    assert sorted(n for n in GOLD if n != "host") == CASES
    ours, want = _ours(name), GOLD[name]
    for key in ("init", "sweeps", "final", "row_projections", "col_projections"):
        if key in want:
            _equal(ours[key], want[key], f"{name}/{key}")


@pytest.mark.parametrize("name", sorted(EST.CASES))
def test_estimator_matches_tf(name):
    # (made on an Intel Xeon, as gen_wals; the same under FLOWGRAD_CPU=amd and intel)
    assert EST_GOLD["host"] == "intel"
    old = tf.logging.get_verbosity()
    tf.logging.set_verbosity(tf.logging.ERROR)
    try:
        tf.reset_default_graph()
        ours = EST.run(tf, **EST.CASES[name])
    finally:
        tf.logging.set_verbosity(old)
    _equal(ours, EST_GOLD[name], name)


def test_estimator_refuses_several_workers(monkeypatch):
    config = tf.contrib.learn.RunConfig()
    monkeypatch.setattr(type(config), "num_worker_replicas", property(lambda self: 2))
    with pytest.raises(ValueError, match="WALSMatrixFactorization must be run on a single "
                       "worker replica."):
        tf.contrib.factorization.WALSMatrixFactorization(3, 2, 1, config=config)


def test_bad_weights_are_refused():
    with pytest.raises(ValueError, match="Invalid weight initialization argument"):
        tf.contrib.factorization.WALSModel(4, 3, 2, row_weights=-1.0)


def _wals_args(**over):
    args = dict(factors=np.ones((3, 2), np.float32), factor_weights=np.ones(3, np.float32),
                unobserved_weights=np.float32(0.1), input_weights=np.ones(2, np.float32),
                input_indices=np.array([[0, 1], [1, 2]], np.int64),
                input_values=np.ones(2, np.float32), entry_weights=np.zeros(0, np.float32),
                input_block_size=np.int64(2), input_is_transpose=np.bool_(False))
    args.update(over)
    return args


@pytest.mark.parametrize("over, message", [
    (dict(factors=np.ones(3, np.float32)), "Input factors should be a matrix."),
    (dict(input_indices=np.zeros((2, 3), np.int64)),
     r"Input input_indices should have shape \(\?, 2\)."),
    (dict(input_values=np.ones(3, np.float32)),
     "Input input_values' length should match the first dimension of Input input_indices"),
    (dict(entry_weights=np.ones(2, np.float32)),
     r"To specify the weights for observed entries, either \(1\) entry_weights must be set "
     r"or \(2\) input_weights and factor_weights must be set, but not both."),
])
def test_wals_kernel_checks_its_inputs(over, message):
    with pytest.raises(errors.InvalidArgumentError, match=message):
        factorization_ops._wals_kernel(**_wals_args(**over))


def test_wals_kernel_entry_weights():
    # entry weights instead of input x factor weights: each entry its own weight
    lhs, rhs = factorization_ops._wals_kernel(**_wals_args(
        input_weights=np.zeros(0, np.float32), factor_weights=np.zeros(0, np.float32),
        entry_weights=np.array([4.0, 9.0], np.float32)))
    np.testing.assert_array_equal(lhs, [np.full((2, 2), 4.0), np.full((2, 2), 9.0)])
    np.testing.assert_array_equal(rhs, [np.full(2, np.float32(4.1)), np.full(2, np.float32(9.1))])


def test_masked_matmul_checks_shapes():
    with pytest.raises(errors.InvalidArgumentError,
                       match=r"Matrix shapes are incompatible: a has shape \[2,3\], while b "
                       r"has shape \[2,2\]."):
        factorization_ops._masked_matmul_kernel(np.ones((2, 3), np.float32),
                                                np.ones((2, 2), np.float32),
                                                np.zeros((1, 2), np.int64), False, True)
    with pytest.raises(TypeError, match="Input 'mask_indices' of 'MaskedMatmul' Op has type "
                       "int32 that does not match expected type of int64."):
        factorization_ops.masked_matmul([[1.0]], [[1.0]], tf.constant([[0, 0]]), False, True)


def test_tf_module_paths():
    # as WALS programs and TF's own tests import them
    import importlib

    from flowgrad.compat.tf_alias import alias_tensorflow
    with alias_tensorflow():
        ops = "tensorflow.contrib.factorization.python.ops."
        assert importlib.import_module(ops + "factorization_ops").WALSModel is \
            tf.contrib.factorization.WALSModel
        assert importlib.import_module(ops + "wals").WALSMatrixFactorization is \
            tf.contrib.factorization.WALSMatrixFactorization
        assert importlib.import_module(ops + "gen_factorization_ops").masked_matmul is \
            factorization_ops.masked_matmul
