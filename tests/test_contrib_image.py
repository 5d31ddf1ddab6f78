"""tf.contrib.image's projective transforms against TF 1.14: the golden generator's case
functions (values over dtypes, interpolations and ranks, gradients, op names, errors) run
here with flowgrad."""
import numpy as np
import pytest
from test_losses import same

import flowgrad as tf
import goldens

GEN = goldens.generator("image", "contrib_image")
GOLD = goldens.load("image", "contrib_image")


# flowgrad's tf.cond is one Cond op standing for TF's Switch/Merge frame: op lists compare
# without the frame's parts.
_COND_TYPES = ("Switch", "RefSwitch", "Merge", "Cond")
_COND_NAMES = ("/switch_t", "/switch_f", "/pred_id", "Guard/control_dependency",
               "Guard/control_dependency_1")


def _without_cond_frames(ops):
    return [[n, t] for n, t in ops if t not in _COND_TYPES and not n.endswith(_COND_NAMES)]


def _folded_in_tf(op):
    """TF's shape inference evaluates tf.shape(image)[1] to give tf.range(width) a static
    shape, so dense_image_warp's meshgrid sizes and the later shapes of the query tensors are
    Consts; flowgrad's Range has an unknown length there (Size and Shape ops, same names)."""
    name, kind = op
    if kind in ("Size", "Shape") and name.endswith(
            ("meshgrid/Size", "meshgrid/Size_1", "interpolate_bilinear/Shape_4",
             "interpolate_bilinear/Shape_5")):
        return [name, "Const"]
    return op


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    exp = GOLD[name]
    if name == "connected":
        got[3], exp[3] = _without_cond_frames(got[3]), _without_cond_frames(exp[3])
    if name == "warps":
        for i in (1, 2, 3):
            got[i] = [_folded_in_tf(op) for op in _without_cond_frames(got[i])]
            exp[i] = _without_cond_frames(exp[i])
    same(got, exp, name, rtol=1e-5, atol=1e-5)


def test_invalid_interpolation_fails_at_run():
    """TF 1.14 aborts the process (a CHECK in the kernel's constructor); flowgrad raises."""
    with tf.Graph().as_default():
        out = tf.contrib.image.transform(tf.zeros([2, 2]), [1.0, 0, 0, 0, 1, 0, 0, 0], "CUBIC")
        with tf.Session() as s, pytest.raises(tf.errors.InvalidArgumentError,
                                              match="Invalid interpolation CUBIC"):
            s.run(out)


def test_nearest_rounds_half_away_from_zero():
    with tf.Graph().as_default():
        x = tf.constant(np.arange(6.0, dtype=np.float32).reshape(1, 6))
        out = tf.contrib.image.translate(x, [-0.5, 0.0])   # samples x + 0.5
        assert tf.Session().run(out).tolist() == [[1.0, 2.0, 3.0, 4.0, 5.0, 0.0]]
