"""TF 1.14's public functions given a string attr as bytes (b"SAME", b"NHWC", mode=b"..."):
the generated op wrappers take it (_execute.make_str / op_def_library's compat.as_bytes),
so the op and its GraphDef are those the str value makes; a bad bytes value's message shows
it as text; a wrapper that tests data_format.startswith("NC") in Python raises TypeError.
Each case: the ops made (name, type, string attrs), whether the GraphDef equals the str
call's, and the value; or the error. Inputs hold small integers (exact on any host); the
host's vendor is recorded all the same."""
import numpy as np
from goldenio import host_vendor


def _x4():
    return np.arange(32, dtype=np.float32).reshape(1, 4, 4, 2) % 5


def _x5():
    return np.arange(64, dtype=np.float32).reshape(1, 4, 4, 2, 2) % 3


def _ones(*shape):
    return np.ones(shape, np.float32)


def _b(s):
    return s.encode() if isinstance(s, str) else s


# name: (build(tf, attr) -> tensor or tuple, the string attr's value as str); the case runs
# build with the bytes value and with the str value
def _builds():
    x4, x5 = _x4(), _x5()
    w4 = _ones(2, 2, 2, 3)
    return {
        "conv2d": (lambda tf, p: tf.nn.conv2d(x4, w4, [1, 1, 1, 1], p), "SAME"),
        "conv2d_valid": (lambda tf, p: tf.nn.conv2d(x4, w4, [1, 2, 2, 1], p), "VALID"),
        "conv2d_foo": (lambda tf, p: tf.nn.conv2d(x4, w4, [1, 1, 1, 1], p), "FOO"),
        "conv2d_format": (lambda tf, f: tf.nn.conv2d(x4, w4, [1, 1, 1, 1], "SAME",
                                                     data_format=f), "NHWC"),
        "max_pool": (lambda tf, p: tf.nn.max_pool(x4, [1, 2, 2, 1], [1, 1, 1, 1], p),
                     "VALID"),
        "max_pool_foo": (lambda tf, p: tf.nn.max_pool(x4, [1, 2, 2, 1], [1, 1, 1, 1], p),
                         "FOO"),
        "max_pool_format": (lambda tf, f: tf.nn.max_pool(x4, [1, 2, 2, 1], [1, 1, 1, 1],
                                                         "SAME", data_format=f), "NHWC"),
        "max_pool_v2": (lambda tf, p: tf.nn.max_pool_v2(x4, 2, 1, p), "SAME"),
        "avg_pool": (lambda tf, p: tf.nn.avg_pool(x4, [1, 2, 2, 1], [1, 1, 1, 1], p), "SAME"),
        "avg_pool_format": (lambda tf, f: tf.nn.avg_pool(x4, [1, 2, 2, 1], [1, 1, 1, 1],
                                                         "SAME", data_format=f), "NHWC"),
        "depthwise_conv2d": (lambda tf, p: tf.nn.depthwise_conv2d(x4, w4, [1, 1, 1, 1], p),
                             "SAME"),
        "depthwise_conv2d_foo": (lambda tf, p: tf.nn.depthwise_conv2d(x4, w4, [1, 1, 1, 1],
                                                                      p), "FOO"),
        "depthwise_conv2d_format": (lambda tf, f: tf.nn.depthwise_conv2d(
            x4, w4, [1, 1, 1, 1], "SAME", data_format=f), "NHWC"),
        "depthwise_conv2d_native": (lambda tf, p: tf.nn.depthwise_conv2d_native(
            x4, w4, [1, 1, 1, 1], p), "VALID"),
        "separable_conv2d": (lambda tf, p: tf.nn.separable_conv2d(
            x4, w4, _ones(1, 1, 6, 3), [1, 1, 1, 1], p), "SAME"),
        "conv1d": (lambda tf, p: tf.nn.conv1d(x4[0], _ones(2, 2, 3), 1, p), "SAME"),
        "conv1d_format": (lambda tf, f: tf.nn.conv1d(x4[0], _ones(2, 2, 3), 1, "SAME",
                                                     data_format=f), "NWC"),
        "conv2d_transpose": (lambda tf, p: tf.nn.conv2d_transpose(
            x4, _ones(2, 2, 3, 2), [1, 4, 4, 3], [1, 1, 1, 1], p), "SAME"),
        "conv2d_transpose_format": (lambda tf, f: tf.nn.conv2d_transpose(
            x4, _ones(2, 2, 3, 2), [1, 4, 4, 3], [1, 1, 1, 1], "SAME", data_format=f),
            "NHWC"),
        "convolution": (lambda tf, p: tf.nn.convolution(x4, w4, p), "SAME"),
        "convolution_format": (lambda tf, f: tf.nn.convolution(x4, w4, "SAME",
                                                               data_format=f), "NHWC"),
        "pool": (lambda tf, p: tf.nn.pool(x4, [2, 2], "AVG", p), "SAME"),
        "atrous_conv2d": (lambda tf, p: tf.nn.atrous_conv2d(x4, w4, 2, p), "SAME"),
        "conv3d": (lambda tf, p: tf.nn.conv3d(x5, _ones(2, 2, 2, 2, 3), [1, 1, 1, 1, 1], p),
                   "SAME"),
        "conv3d_format": (lambda tf, f: tf.nn.conv3d(x5, _ones(2, 2, 2, 2, 3),
                                                     [1, 1, 1, 1, 1], "VALID",
                                                     data_format=f), "NDHWC"),
        "conv3d_transpose": (lambda tf, p: tf.nn.conv3d_transpose(
            x5, _ones(2, 2, 2, 3, 2), [1, 4, 4, 2, 3], [1, 1, 1, 1, 1], p), "SAME"),
        "max_pool3d": (lambda tf, p: tf.nn.max_pool3d(x5, [1, 2, 2, 2, 1], [1, 1, 1, 1, 1],
                                                      p), "SAME"),
        "max_pool3d_format": (lambda tf, f: tf.nn.max_pool3d(
            x5, [1, 2, 2, 2, 1], [1, 1, 1, 1, 1], "SAME", data_format=f), "NDHWC"),
        "avg_pool3d": (lambda tf, p: tf.nn.avg_pool3d(x5, [1, 2, 2, 2, 1], [1, 1, 1, 1, 1],
                                                      p), "VALID"),
        "extract_image_patches": (lambda tf, p: tf.image.extract_image_patches(
            x4, [1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], p), "VALID"),
        "extract_image_patches_foo": (lambda tf, p: tf.image.extract_image_patches(
            x4, [1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], p), "FOO"),
        "extract_volume_patches": (lambda tf, p: tf.extract_volume_patches(
            x5, [1, 2, 2, 2, 1], [1, 1, 1, 1, 1], p), "SAME"),
        "max_pool_with_argmax": (lambda tf, p: tf.nn.max_pool_with_argmax(
            x4, [1, 2, 2, 1], [1, 1, 1, 1], p), "SAME"),
        "dilation2d": (lambda tf, p: tf.nn.dilation2d(x4, _ones(2, 2, 2), [1, 1, 1, 1],
                                                      [1, 1, 1, 1], p), "SAME"),
        "space_to_depth": (lambda tf, f: tf.nn.space_to_depth(x4, 2, data_format=f), "NHWC"),
        "depth_to_space": (lambda tf, f: tf.nn.depth_to_space(_ones(1, 2, 2, 4), 2,
                                                              data_format=f), "NHWC"),
        "space_to_depth_foo": (lambda tf, f: tf.nn.space_to_depth(x4, 2, data_format=f),
                               "FOO"),
        "fused_batch_norm": (lambda tf, f: tf.nn.fused_batch_norm(
            x4, _ones(2), np.zeros(2, np.float32), data_format=f), "NHWC"),
        "fused_batch_norm_foo": (lambda tf, f: tf.nn.fused_batch_norm(
            x4, _ones(2), np.zeros(2, np.float32), data_format=f), "FOO"),
        "bias_add": (lambda tf, f: tf.nn.bias_add(x4, _ones(2), data_format=f), "NHWC"),
        "pad_reflect": (lambda tf, m: tf.pad(x4, [[0, 0], [1, 1], [1, 1], [0, 0]], mode=m),
                        "REFLECT"),
        "resize_images": (lambda tf, m: tf.image.resize_images(x4, [8, 8], method=m),
                          "bilinear"),
        "crop_and_resize": (lambda tf, m: tf.image.crop_and_resize(
            x4, [[0., 0., 1., 1.]], [0], [2, 2], method=m), "nearest"),
        "crop_and_resize_foo": (lambda tf, m: tf.image.crop_and_resize(
            x4, [[0., 0., 1., 1.]], [0], [2, 2], method=m), "foo"),
        "string_length": (lambda tf, u: tf.strings.length([u"\u00e9a", "b"], unit=u),
                          "UTF8_CHAR"),
        "string_length_foo": (lambda tf, u: tf.strings.length(["ab"], unit=u), "FOO"),
        "substr": (lambda tf, u: tf.strings.substr([u"\u00e9ab"], 0, 2, unit=u), "UTF8_CHAR"),
        "quantize": (lambda tf, m: tf.quantize(x4.reshape(-1) / 4, 0., 1., tf.quint8,
                                               mode=m), "MIN_FIRST"),
        "quantize_round_mode": (lambda tf, m: tf.quantize(
            x4.reshape(-1) / 4, 0., 1., tf.quint8, mode="SCALED", round_mode=m),
            "HALF_TO_EVEN"),
        "dequantize": (lambda tf, m: tf.dequantize(
            tf.quantize(x4.reshape(-1) / 4, 0., 1., tf.quint8)[0], 0., 1., mode=m), "SCALED"),
        "quantize_and_dequantize": (lambda tf, m: tf.quantization.quantize_and_dequantize(
            x4 / 4, 0., 1., round_mode=m), "HALF_UP"),
        "accumulator": (lambda tf, r: tf.ConditionalAccumulator(
            tf.float32, reduction_type=r).take_grad(0), "SUM"),
        "accumulator_foo": (lambda tf, r: tf.ConditionalAccumulator(
            tf.float32, reduction_type=r).take_grad(0), "FOO"),
        "unicode_decode": (lambda tf, e: tf.strings.unicode_decode(
            [u"a\u00e9"], "UTF-8", errors=e).flat_values, "ignore"),
        "unicode_transcode": (lambda tf, e: tf.strings.unicode_transcode(
            [u"a\u00e9"], e, "UTF-16-BE"), "UTF-8"),
        "unicode_encode": (lambda tf, e: tf.strings.unicode_encode([[97, 233]], e), "UTF-8"),
    }


def _string_attrs(op):
    return [[k, v.s] for k, v in sorted(op.node_def.attr.items())
            if v.WhichOneof("value") == "s"]


def _plain(v):
    """A quantized array (TF's structured quint8 dtype) as its plain integers."""
    v = np.asarray(v)
    return v[v.dtype.names[0]] if v.dtype.names else v


def _case(tf, build, value):
    def graph(v):
        g = tf.Graph()
        with g.as_default():
            out = build(tf, v)
        return g, out
    try:
        g, out = graph(_b(value))
    except Exception as e:   # noqa: BLE001 - the golden records the error
        return e
    g_str, _ = graph(value)
    ops = [[op.name, op.type, _string_attrs(op)] for op in g.get_operations()
           if op.type not in ("Const", "Placeholder")]
    result = {"ops": ops, "same_graph_def": g.as_graph_def() == g_str.as_graph_def()}
    if not any(op.type == "ConditionalAccumulator" for op in g.get_operations()):
        with tf.Session(graph=g) as sess:
            try:
                got = sess.run(out)
            except Exception as e:   # noqa: BLE001 - recorded (as text: picklable)
                result["value"] = "%s: %s" % (type(e).__name__, str(e).split("\n")[0])
                return result
        result["value"] = [_plain(v) for v in got] if isinstance(got, (list, tuple)) else \
            _plain(got)
    return result


def cases(tf):
    out = {name: _case(tf, build, value) for name, (build, value) in _builds().items()}
    out["vendor"] = host_vendor()
    return out
