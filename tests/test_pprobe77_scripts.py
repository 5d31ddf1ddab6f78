"""The probe programs of tests/pprobe77_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe77_scripts.py): whole seeded TF1 programs of semantic
segmentation: a DeepLab-v3 ASPP (atrous slim.conv2d, slim.separable_conv2d under
arg_scope, image pooling by resize_bilinear(align_corners=True), an ignore label dropped
by boolean_mask: deeplab_aspp.py), a U-Net (conv2d_transpose of static and dynamic
output_shape, crop-and-concat: unet.py), FCN upsampling with tf.metrics.mean_iou
(fcn_metrics.py), focal / dice / weighted losses (seg_losses.py) and DeepLab's input
preprocessing in a tf.data pipeline (seg_preprocess.py).

deeplab_aspp.py, fcn_metrics.py and seg_preprocess.py matched TF on the base commit: they stay as
regression guards. unet.py and seg_losses.py found two faults, each with a focused test below:

- Conv2DBackpropInput / Conv2DBackpropFilter and the depthwise backprops checked the
  out_backprop size against the input's windows with a message of their own
  ("Conv2DSlowBackpropInput: ... actual = (9, 9), computed = (8, 8)") and the filter /
  depthwise kernels not the batch or depths at all (a NumPy reshape error instead). TF
  1.14's kernels run ConvBackpropComputeDimensionsV2 (Conv2DCustomBackpropInput /
  Filter: ranks, batch, depths, then a dim at a time with its spatial_dim, input, filter,
  output, stride and dilation) and the depthwise kernels' own checks (batch, in_depth,
  depth_multiplier * in_depth, then rows and cols); the depthwise kernels also refuse
  unequal row and column strides (engine/ops/_windows.py).
- Grappler's AddOpsRewrite sums `a + b + c + 0.5 * d + 0.1 * e` (the first adds not
  fetched) as `AddN(mul, sub, truediv, truediv_1) + mul_1` where TF's shape inference
  knows the leaves' shapes; flowgrad's symbolic shapes (optimize/symbolic_shapes.py)
  did not model OneHot, the image resizes of a fed image, DepthwiseConv2dNative,
  SpaceToBatchND / BatchToSpaceND (tf.layers.conv2d's dilation_rate) and the softmax
  cross entropy ops, so it left the chain as written and rounded otherwise."""

import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe77_scripts")
GOLD = load("seeded", "pprobe77_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an AMD EPYC (GOLD["host"]): TF's float32 products
    # (MatMul, Conv2D) follow the host's Eigen kernels (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]


_CI, _CF = "Conv2DCustomBackpropInput: ", "Conv2DCustomBackpropFilter: "
_DI, _DF = "DepthwiseConv2DBackpropInput: ", "DepthwiseConv2DBackpropFilter: "
_SIZE = ("Size of out_backprop doesn't match computed: actual = {}, computed = {} "
         "spatial_dim: {} input: {} filter: {} output: {} stride: 2 dilation: 1")
_BATCH = "input and out_backprop must have the same batch size"
_EQUAL = ("Current implementation only supports equal length strides in the row and "
          "column dimensions.")


@pytest.mark.parametrize("kind, x, f, dy, strides, padding, want", [
    # TF 1.14 (checked with the oracle): the message and the order of the checks
    ("in", [2, 17, 17, 4], [2, 2, 4, 8], [2, 9, 9, 8], 2, "VALID",
     _CI + _SIZE.format(9, 8, 1, 17, 2, 9)),
    ("in", [2, 18, 17, 4], [2, 2, 4, 8], [2, 9, 9, 8], 2, "VALID",
     _CI + _SIZE.format(9, 8, 2, 17, 2, 9)),
    ("in", [2, 2, 17, 4], [3, 3, 4, 8], [2, 9, 9, 8], 2, "VALID",
     _CI + _SIZE.format(9, 0, 1, 2, 3, 9)),
    ("in", [3, 17, 17, 5], [2, 2, 4, 8], [2, 9, 9, 8], 2, "VALID",
     _CI + _BATCH + "input batch: 3outbackprop batch: 2 batch_dim: 0"),
    ("filt", [2, 17, 17, 5], [2, 2, 4, 8], [2, 9, 9, 8], 2, "VALID",
     _CF + "input depth must be evenly divisible by filter depth"),
    ("filt", [2, 17, 17, 4], [3, 3, 4, 8], [2, 8, 9, 8], 2, "SAME",
     _CF + _SIZE.format(8, 9, 1, 17, 3, 8)),
    ("filt", [2, 17, 18, 4], [2, 2, 4, 7], [2, 9, 9, 8], 2, "VALID",
     _CF + "filter and out_backprop must have the same out_depth"),
    ("filt", [3, 18, 18, 4], [2, 2, 4, 8], [2, 9, 9, 8], 2, "VALID",
     _CF + _BATCH + "input batch: 3outbackprop batch: 2 batch_dim: 0"),
    ("din", [2, 17, 17, 4], [2, 2, 4, 8], [2, 9, 9, 8], 2, "VALID",
     _DI + "depth_multiplier * in_depth not equal to out_depth"),
    ("din", [2, 17, 17, 5], [2, 2, 4, 8], [2, 9, 9, 8], 2, "VALID",
     _DI + "input and filter must have the same in_depth"),
    ("din", [2, 17, 17, 4], [2, 2, 4, 1], [2, 9, 10, 4], 2, "SAME",
     _DI + "Number of cols of out_backprop doesn't match computed: actual = 10, "
     "computed = 9"),
    ("dfilt", [2, 20, 17, 4], [3, 3, 4, 2], [2, 8, 9, 8], 2, "VALID",
     _DF + "Number of rows of out_backprop doesn't match computed: actual = 8, "
     "computed = 9"),
    ("dfilt", [3, 17, 17, 4], [2, 2, 4, 7], [2, 9, 9, 8], 2, "VALID", _DF + _BATCH),
    ("din", [2, 17, 17, 4], [2, 2, 4, 1], [2, 8, 8, 4], [1, 2, 3, 1], "VALID", _EQUAL),
    ("dfilt", [2, 17, 17, 4], [2, 2, 4, 1], [2, 8, 8, 4], [1, 2, 3, 1], "VALID", _EQUAL),
    ("dwconv", [2, 9, 9, 4], [2, 2, 4, 1], None, [1, 2, 3, 1], "VALID", _EQUAL),
])
def test_conv_backprop_checks_the_shapes_as_tf(kind, x, f, dy, strides, padding, want):
    strides = [1, strides, strides, 1] if isinstance(strides, int) else strides
    with tf.Graph().as_default():
        fp, dp, xp = (tf.placeholder(tf.float32) for _ in range(3))
        op = {"in": lambda: tf.nn.conv2d_backprop_input(x, fp, dp, strides, padding),
              "filt": lambda: tf.nn.conv2d_backprop_filter(xp, f, dp, strides, padding),
              "din": lambda: tf.nn.depthwise_conv2d_native_backprop_input(
                  x, fp, dp, strides, padding),
              "dfilt": lambda: tf.nn.depthwise_conv2d_native_backprop_filter(
                  xp, f, dp, strides, padding),
              "dwconv": lambda: tf.nn.depthwise_conv2d_native(xp, fp, strides, padding)}[kind]()
        feed = {fp: np.zeros(f, np.float32), xp: np.zeros(x, np.float32)}
        if dy is not None:
            feed[dp] = np.zeros(dy, np.float32)
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError) as info:
                sess.run(op, feed)
    assert info.value.message.splitlines()[0] == want


def test_add_chain_of_segmentation_losses_is_regrouped_as_tf():
    # TF 1.14 (checked with the oracle): the unfetched adds of `wce + fl + dl + 0.5 * sfl`
    # become AddN(mul, sub, truediv, truediv_1) (sorted by name; mul's buffer taken
    # over) and the fetched root adds mul_1: Grappler knows the leaves' shapes through
    # OneHot, ResizeNearestNeighbor of a feed, SpaceToBatchND / BatchToSpaceND,
    # DepthwiseConv2dNative and SoftmaxCrossEntropyWithLogits
    rs = np.random.RandomState(12)
    img = rs.rand(2, 6, 6, 3).astype(np.float32)
    lab = rs.randint(0, 3, size=(2, 12, 12, 1)).astype(np.int32)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 6, 6, 3])
        y_full = tf.placeholder(tf.int32, [None, 12, 12, 1])
        y = tf.squeeze(tf.image.resize_nearest_neighbor(y_full, [6, 6]), axis=3)
        h = tf.layers.conv2d(x, 4, 3, padding="same", dilation_rate=2,
                             kernel_initializer=tf.constant_initializer(0.05), name="c1")
        h = tf.layers.separable_conv2d(
            h, 4, 3, padding="same", depthwise_initializer=tf.constant_initializer(0.3),
            pointwise_initializer=tf.constant_initializer(-0.2), name="sep")
        logits = tf.layers.conv2d(h, 3, 1, kernel_initializer=tf.constant_initializer(0.7),
                                  bias_initializer=tf.constant_initializer([0.1, 0.0, -0.3]),
                                  name="logits")
        onehot = tf.one_hot(y, 3)
        probs = tf.nn.softmax(logits)
        wce = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(
            labels=onehot, logits=logits)) / 1.3
        fl = tf.reduce_sum(tf.pow(1.0 - tf.reduce_sum(probs * onehot, -1), 2.0)) / 7.0
        dl = 1.0 - tf.reduce_mean(probs * onehot)
        sfl = tf.reduce_mean(tf.sigmoid(logits))
        total = wce + fl + dl + 0.5 * sfl + 0.1 * tf.reduce_max(logits)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = sess.run([total, wce, fl, dl, sfl], {x: img, y_full: lab})
    assert [v.item() for v in got] == [float(np.float32(v)) for v in _TOTAL_AND_LEAVES]


_TOTAL_AND_LEAVES = [6.20164967, 0.833392918, 4.47286749, 0.885845959, 0.134010732]
