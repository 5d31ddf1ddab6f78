"""DepthwiseConv2dNative and its gradients bit for bit as TF 1.14's CPU kernels add
(golden nn/pstyle_depthwise): float32 and float64, depth multipliers 1-4, strides 1-3,
SAME and VALID, and a DeepDream-style blur of a gradient."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("nn", "pstyle_depthwise")
GOLD = goldens.load("nn", "pstyle_depthwise")


def _same_bits(got, exp, what):
    got, exp = np.asarray(got), np.asarray(exp)
    assert got.dtype == exp.dtype and got.shape == exp.shape, what
    assert got.tobytes() == exp.tobytes(), (what, np.abs(got - exp).max())


@pytest.mark.parametrize("name", sorted(gen.SHAPES))
def test_kernels_bit_for_bit(name):
    tf.reset_default_graph()
    for part, got, exp in zip(("output", "input grad", "filter grad"),
                              gen.kernels(tf, name), GOLD[name]):
        _same_bits(got, exp, part)


def test_blurred_gradient_ascent():
    for step, (got, exp) in enumerate(zip(gen.blur(tf), GOLD["blur"])):
        _same_bits(got[0], exp[0], "score %d" % step)
        _same_bits(got[1], exp[1], "blurred gradient %d" % step)


def test_empty_batch_and_channels():
    tf.reset_default_graph()
    assert gen.empty(tf) == GOLD["empty"]


# TF 1.14's outputs (float16 bit patterns) for this graph: its half CPU kernels multiply
# and add Eigen::half scalars, each product and sum rounded to half, the taps (and for the
# filter gradient the output pixels, then the batch) in order
_HALF_TF = [
    [50391, 50787, 48338, 49184, 48824, 48908, 18082, 49580, 49808, 50016, 14760, 48962,
     16854, 16785, 46252, 48636, 49210, 49946, 15706, 49182, 50364, 50397, 45065, 50196,
     15810, 47372, 15182, 47059, 13968, 13192, 42224, 49445, 48998, 50460, 17586, 48701,
     48626, 50476, 45792, 48487, 48882, 49748, 16934, 47669, 47310, 47469, 47303, 47623,
     49813, 50278, 17040, 48187, 47408, 47128, 14486, 50257, 49020, 50257, 14121, 50475,
     15096, 14628, 40736, 48156, 49415, 50361, 17729, 50273, 49202, 49720, 17569, 49170,
     48588, 49474, 8576, 50746, 14912, 14672, 37120, 49397, 47504, 49265, 47206, 48333,
     47530, 49186, 18097, 48483, 47361, 49011, 16249, 49239, 47260, 47412, 47270, 47581],
    [14714, 48040, 14922, 17856, 45707, 48736, 15655, 45334, 49183, 46333, 14172, 17537,
     15937, 48482, 16150, 16722, 47968, 15748, 49013, 48710, 48208, 46992, 17443, 17770,
     46531, 13968, 48530, 14402, 13939, 16087, 16044, 48234, 14942, 16238, 44672, 13068,
     50552, 49741, 16222, 12498, 14394, 46438, 46024, 17515, 12112, 12336, 49529, 49899],
    [52558, 17851, 13920, 12744, 51633, 17533, 51730, 52190, 52164, 44736, 50823, 51320,
     51565, 16822, 46624, 51061]]


def test_half_kernels_round_each_step_as_tf():
    rs = np.random.RandomState(14)
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(rs.uniform(0, 4, size=(2, 3, 4, 2)).astype(np.float16))
        k = tf.constant(rs.normal(size=(2, 2, 2, 2)).astype(np.float16))
        y = tf.nn.depthwise_conv2d(x, k, [1, 1, 1, 1], "SAME")
        w = tf.constant(rs.normal(size=(2, 3, 4, 4)).astype(np.float16))
        dx, dk = tf.gradients(tf.reduce_sum(y * w), [x, k])
        with tf.Session() as sess:
            got = sess.run([y, dx, dk])
    for part, a, exp in zip(("output", "input grad", "filter grad"), got, _HALF_TF):
        assert a.dtype == np.float16, part
        assert a.view(np.uint16).ravel().tolist() == exp, part
