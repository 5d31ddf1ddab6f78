"""tf.image's quality and colour-matrix functions against TF 1.14
(tests/golden/image/gen_quality.py): values, gradients, errors, op names and the seed2 of a
graph-seeded random op created after each call."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("image", "quality")
GOLD = goldens.load("image", "quality")

# bit for bit with TF; the others differ from TF's in the last float32 bits: summation order
# in Sum/Mean/AvgPool/Prod/Pow and MatMul (tensordot), and in the gradients of those
# gradients_sobel is compared within tolerance: its depthwise-conv gradient's sums round
# differently under NumPy 1.25 (1e-16 in float64: the CI leg)
_EXACT = {"total_variation_grad", "colour_matrices_grad", "psnr_values", "psnr_grad",
          "ssim_values"}


def _close(got, exp, path):
    if isinstance(exp, list):
        assert isinstance(got, list) and len(got) == len(exp), path
        for i, (g, e) in enumerate(zip(got, exp)):
            _close(g, e, f"{path}[{i}]")
        return
    got, exp = np.asarray(got), np.asarray(exp)
    assert (got.dtype, got.shape) == (exp.dtype, exp.shape), path
    scale = max(float(np.nanmax(np.abs(exp), initial=0.0)), 1e-3)
    rtol = 1e-13 if exp.dtype == np.float64 else 4e-6
    np.testing.assert_allclose(got, exp, rtol=rtol, atol=rtol * scale, err_msg=path)


@pytest.mark.parametrize("name", sorted(GEN.VALUE_CASES))
def test_values_match_tf(name):
    exp = GOLD["value/" + name]
    try:
        got = GEN.run_value_case(tf, GEN.VALUE_CASES[name])
    except Exception as e:  # noqa: BLE001 - compared with TF's error
        got = e
    if isinstance(exp, goldens.GoldenError) or name in _EXACT:
        goldens.same_exact(got, exp, name)
    else:
        _close(got, exp, name)


# Op lists that differ from TF's through modules image does not own
_OTHERS = {}   # (ssim_multiscale's tf.cond lists TF's Switch/Merge: tf_nodes.py)


@pytest.mark.parametrize("name", sorted(GEN.OPS_CASES))
def test_op_names_match_tf(name, request):
    if name in _OTHERS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=_OTHERS[name]))
    assert GEN.op_names(tf, GEN.OPS_CASES[name]) == GOLD["ops/" + name]


@pytest.mark.parametrize("name", sorted(GEN.OPS_CASES))
def test_seed2_after_call_matches_tf(name):
    assert GEN.seed_after(tf, GEN.OPS_CASES[name]) == GOLD["seed2/" + name]


@pytest.mark.parametrize("build", [
    lambda t: tf.image.total_variation(t), lambda t: tf.image.rgb_to_yuv(t),
    lambda t: tf.image.yiq_to_rgb(t), lambda t: tf.image.sobel_edges(t),
    lambda t: tf.image.image_gradients(t)[0] + tf.image.image_gradients(t)[1],
])
def test_gradients_second_order_float64(build):
    x = np.random.RandomState(3).uniform(0.2, 1.0, (2, 4, 5, 3))
    tf.test.check_grads(lambda t: build(t * t), [x], order=2)


def test_ssim_psnr_gradients_numerically():
    """These compute in float32 as TF does."""
    rng = np.random.RandomState(4)
    a = rng.uniform(0.2, 0.8, (12, 13, 1)).astype(np.float32)
    b = rng.uniform(0.2, 0.8, (12, 13, 1)).astype(np.float32)
    tf.test.check_grads(lambda t: tf.cast(tf.image.ssim(t, tf.constant(b), 1.0), tf.float64), [a],
                        order=1, eps=1e-3, rtol=2e-2, atol=1e-4, dtype=np.float32)
    tf.test.check_grads(lambda t: tf.cast(tf.image.psnr(t, tf.constant(b), 1.0), tf.float64), [a],
                        order=1, eps=1e-3, rtol=2e-2, atol=1e-3, dtype=np.float32)
