"""TF 1.14's tf.contrib.receptive_field: the receptive field (size, effective stride,
effective padding, x and y) of small conv nets built with slim, tf.layers and tf.nn
(conv2d, separable/depthwise conv, max/avg pool, MaxPoolV2, Pad; SAME and VALID, strides,
dilations; with and without an input resolution; stop_propagation), of slim's alexnet_v2,
vgg_16, resnet_v1_50 and inception_v3; get_compute_order's orders and resolutions;
ReceptiveField's coordinate maps; the errors (unknown ops, unaligned graphs, missing
nodes, weights not read from a variable, bad pool kernels). Integer bookkeeping over
GraphDefs: no float arithmetic of TF's kernels, but the host is recorded as for every
golden made after 2026-12-06. Test: tests/test_receptive_field.py."""
import importlib

from goldenio import host_vendor


def _rf(rf):
    """A ReceptiveField as lists (None where TF leaves the padding undefined) and the
    dtypes of its arrays."""
    def conv(a):
        return [None if v is None else int(v) for v in a]
    return {"size": conv(rf.size), "stride": conv(rf.stride), "padding": conv(rf.padding),
            "dtypes": [str(rf.size.dtype), str(rf.stride.dtype), str(rf.padding.dtype)]}


def _error(e):
    return ["error", type(e).__name__, str(e)]


def _compute(tf, graph, inp, out, **kw):
    try:
        return _rf(tf.contrib.receptive_field.compute_receptive_field_from_graph_def(
            graph, inp, out, **kw))
    except Exception as e:  # the error TF raises is the golden
        return _error(e)


# ---- small nets: build(tf) -> (graph, input name, output name) ----

def net_aligned(tf):
    """Two paths from the input joined by an add, each aligned: explicit pads + VALID."""
    slim = tf.contrib.slim
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 1), name="input_image")
        l1 = slim.conv2d(x, 1, [1, 1], stride=4, scope="L1", padding="VALID")
        l2 = tf.pad(x, [[0, 0], [3, 0], [3, 0], [0, 0]])
        l2 = slim.conv2d(l2, 1, [3, 3], stride=2, scope="L2", padding="VALID")
        l3 = tf.pad(l2, [[0, 0], [0, 1], [0, 1], [0, 0]])
        l3 = slim.max_pool2d(l3, [3, 3], stride=2, scope="L3", padding="VALID")
        tf.nn.relu(l1 + l3, name="output")
    return g, "input_image", "output"


def net_same(tf):
    """SAME convs and pools: the padding depends on the input size for some."""
    slim = tf.contrib.slim
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 3), name="input_image")
        net = slim.conv2d(x, 4, [3, 3], scope="c1")
        net = slim.conv2d(net, 4, [3, 3], stride=2, scope="c2")
        net = slim.avg_pool2d(net, [2, 2], stride=2, padding="SAME", scope="p1")
        net = slim.conv2d(net, 4, [4, 4], stride=2, scope="c3")
        net = slim.conv2d(net, 4, [5, 3], stride=[1, 2], padding="VALID", scope="c4")
        tf.identity(net, name="output")
    return g, "input_image", "output"


def net_layers(tf):
    """tf.layers: conv2d, max/average pooling, batch normalization, relu6."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 3), name="image")
        net = tf.layers.conv2d(x, 4, 5, strides=2, padding="valid")
        net = tf.layers.batch_normalization(net, fused=True)
        net = tf.nn.relu6(net)
        net = tf.layers.max_pooling2d(net, 3, 2, padding="valid")
        net = tf.layers.conv2d(net, 4, [3, 1], strides=[1, 1], padding="same")
        net = tf.layers.average_pooling2d(net, 2, 2)
        tf.identity(net, name="out")
    return g, "image", "out"


def net_nn_dilated(tf):
    """tf.nn.conv2d with dilations (an attribute TF's receptive field does not read) on a
    variable's read, and tf.nn.max_pool / avg_pool."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (1, 32, 32, 2), name="x")
        w = tf.Variable(tf.zeros([3, 3, 2, 2]), name="w")
        net = tf.nn.conv2d(x, w, [1, 1, 1, 1], "VALID", dilations=[1, 2, 2, 1])
        net = tf.nn.max_pool(net, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
        net = tf.nn.avg_pool(net, [1, 3, 3, 1], [1, 1, 1, 1], "SAME", name="y")
    return g, "x", "y"


def net_separable(tf):
    """slim.separable_conv2d: DepthwiseConv2dNative then a 1x1 Conv2D."""
    slim = tf.contrib.slim
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 3), name="in")
        net = slim.separable_conv2d(x, 8, [3, 3], depth_multiplier=1, stride=2,
                                    padding="VALID", scope="sep")
        net = slim.separable_conv2d(net, 8, [5, 5], depth_multiplier=2, padding="SAME",
                                    scope="sep2")
        tf.identity(net, name="out")
    return g, "in", "out"


def net_maxpool_v2(tf):
    """MaxPoolV2: the kernel and strides as Const inputs."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 3), name="in")
        tf.raw_ops.MaxPoolV2(input=x, ksize=[1, 3, 2, 1], strides=[1, 2, 1, 1],
                             padding="VALID", name="out")
    return g, "in", "out"


def net_branches(tf):
    """An inception-like block with a concat; a branch to stop at."""
    slim = tf.contrib.slim
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 3), name="in")
        a = slim.conv2d(x, 2, [1, 1], scope="b0")
        b = slim.conv2d(x, 2, [3, 3], scope="b1")
        c = slim.conv2d(slim.conv2d(x, 2, [1, 1], scope="b2a"), 2, [5, 5], scope="b2b")
        tf.concat([a, b, c], 3, name="out")
    return g, "in", "out"


def net_unaligned(tf):
    """Two paths with different effective strides."""
    slim = tf.contrib.slim
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 1), name="in")
        a = slim.conv2d(x, 1, [1, 1], stride=2, padding="VALID", scope="a")
        b = slim.conv2d(x, 1, [3, 3], stride=2, padding="VALID", scope="b")
        b = slim.conv2d(b, 1, [1, 1], stride=1, padding="VALID", scope="c")
        c = slim.conv2d(x, 1, [2, 2], stride=2, padding="VALID", scope="d")
        tf.add(a + b, c, name="out")
    return g, "in", "out"


def net_unaligned_stride(tf):
    """Two paths with different effective strides in the vertical direction only."""
    slim = tf.contrib.slim
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 1), name="in")
        a = slim.conv2d(x, 1, [1, 1], stride=[2, 1], padding="VALID", scope="a")
        b = slim.conv2d(x, 1, [1, 1], stride=[1, 1], padding="VALID", scope="b")
        tf.add(a, b, name="out")
    return g, "in", "out"


def net_unknown_op(tf):
    """An op the receptive field does not know (Sigmoid) between input and output."""
    slim = tf.contrib.slim
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 1), name="in")
        net = slim.conv2d(x, 1, [3, 3], padding="VALID", activation_fn=tf.sigmoid,
                          scope="c")
        tf.identity(net, name="out")
    return g, "in", "out"


def net_const_filter(tf):
    """A Conv2D whose filter is a constant, not a variable's read."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 1), name="in")
        tf.nn.conv2d(x, tf.ones([3, 3, 1, 1]), [1, 1, 1, 1], "VALID", name="out")
    return g, "in", "out"


def net_slim_atrous(tf):
    """slim.conv2d with rate=2: TF 1.14 builds SpaceToBatchND / Conv2D / BatchToSpaceND,
    whose BatchToSpaceND the receptive field does not know."""
    slim = tf.contrib.slim
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (None, None, None, 1), name="in")
        net = slim.conv2d(x, 1, [3, 3], rate=2, padding="SAME", scope="c")
        tf.identity(net, name="out")
    return g, "in", "out"


def net_pool_depth(tf):
    """A max pool over the depth dimension: TF's 'pool ksize for last dim is not 1'."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, (1, 8, 8, 4), name="in")
        tf.nn.max_pool(x, [1, 1, 1, 2], [1, 1, 1, 2], "VALID", name="out")
    return g, "in", "out"


NETS = {name[4:]: fn for name, fn in sorted(globals().items()) if name.startswith("net_")}

# (net, keyword arguments of compute_receptive_field_from_graph_def)
COMPUTE = [
    ("aligned", {}), ("aligned", {"input_resolution": [32, 32]}),
    ("same", {}), ("same", {"input_resolution": [32, 32]}),
    ("same", {"input_resolution": [33, 35]}), ("same", {"input_resolution": [7, 8]}),
    ("layers", {}), ("layers", {"input_resolution": [64, 48]}),
    ("nn_dilated", {}), ("separable", {}), ("separable", {"input_resolution": [17, 17]}),
    ("maxpool_v2", {}), ("branches", {}), ("branches", {"stop_propagation": ["b2b"]}),
    ("branches", {"stop_propagation": ["b2", "b1"]}), ("unaligned", {}),
    ("unaligned_stride", {}), ("unknown_op", {}), ("const_filter", {}), ("slim_atrous", {}),
    ("slim_atrous", {"input_resolution": [9, 9]}), ("pool_depth", {}),
]


def _compute_cases(tf):
    out = {}
    for i, (name, kw) in enumerate(COMPUTE):
        graph, inp, outp = NETS[name](tf)
        out["%02d_%s_%s" % (i, name, "_".join(sorted(kw)) or "plain")] = _compute(
            tf, graph.as_graph_def(), inp, outp, **kw)
    return out


def _api_forms(tf):
    """A Graph instead of its GraphDef, Tensors instead of names; missing nodes; the
    input and the output swapped; ReceptiveField's methods."""
    graph, inp, outp = net_aligned(tf)
    x, y = graph.get_tensor_by_name(inp + ":0"), graph.get_tensor_by_name(outp + ":0")
    rf_mod = tf.contrib.receptive_field
    rf = rf_mod.compute_receptive_field_from_graph_def(graph, x, y)
    out = {"graph_tensors": _rf(rf),
           "missing_output": _compute(tf, graph, inp, "nope"),
           "missing_input": _compute(tf, graph, "nope", outp),
           "swapped": _compute(tf, graph, outp, inp),
           "same_node": _compute(tf, graph, inp, inp),
           "iter": [int(v) for v in rf],
           "centers": rf.compute_input_center_coordinates([[0, 0], [1, 2], [5, 3]]).tolist(),
           "centers_axis": rf.compute_input_center_coordinates([[3], [4]], axis=[1]).tolist(),
           "features": rf.compute_feature_coordinates([[3.0, 7.0], [11.0, -1.0]]).tolist(),
           "features_axis": rf.compute_feature_coordinates([[3.0]], axis=(0,)).tolist()}
    for key, fn in (("centers_bad", lambda: rf.compute_input_center_coordinates([[1, 2, 3]])),
                    ("features_bad", lambda: rf.compute_feature_coordinates([[1]], axis=[0, 1]))):
        try:
            out[key] = fn().tolist()
        except ValueError as e:
            out[key] = _error(e)
    return out


def _order(tf, name, **kw):
    """get_compute_order's node_info in its order: name, order, op, sizes."""
    graph, inp, _ = NETS[name](tf)
    kw.setdefault("input_node_name", inp) if "input_node_size" in kw else None
    node_info, name_to_node = tf.contrib.receptive_field.get_compute_order(
        graph.as_graph_def(), **kw)
    rows = [[k, v.order, v.node.op, v.input_size, v.output_size] for k, v in node_info.items()]
    return {"rows": rows, "names": sorted(name_to_node), "type": type(node_info).__name__,
            "fields": list(type(next(iter(node_info.values())))._fields)}


# slim nets: (net, output node, input resolution)
SLIM_NETS = [
    ("alexnet_v2", "alexnet_v2/pool5/MaxPool", None),
    ("alexnet_v2", "alexnet_v2/pool5/MaxPool", [224, 224]),
    ("vgg_16", "vgg_16/pool5/MaxPool", None),
    ("vgg_16", "vgg_16/fc7/Relu", [224, 224]),
    ("resnet_v1_50", "resnet_v1_50/block4/unit_3/bottleneck_v1/Relu", None),
    ("resnet_v1_50", "resnet_v1_50/block4/unit_3/bottleneck_v1/Relu", [224, 224]),
    ("resnet_v1_50", "resnet_v1_50/block2/unit_4/bottleneck_v1/Relu", [321, 321]),
    ("inception_v3", "InceptionV3/InceptionV3/Mixed_7c/concat", [299, 299]),
    ("inception_v3", "InceptionV3/InceptionV3/Mixed_5b/concat", None),
]


def _slim_net(tf, name, output, resolution):
    slim = tf.contrib.slim
    nets = importlib.import_module(tf.__name__ + ".contrib.slim.nets")  # flowgrad's too
    module = {"alexnet_v2": nets.alexnet, "vgg_16": nets.vgg, "resnet_v1_50": nets.resnet_v1,
              "inception_v3": nets.inception}[name]
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, None, None, 3], name="input_image")
        kwargs = {"num_classes": 10} if name != "resnet_v1_50" else {}
        if name == "resnet_v1_50":
            with slim.arg_scope(nets.resnet_v1.resnet_arg_scope()):
                getattr(module, name)(x, num_classes=None, global_pool=False)
        elif name == "inception_v3":
            getattr(module, name)(x, **kwargs)
        else:
            getattr(module, name)(x, spatial_squeeze=False, **kwargs)
    kw = {} if resolution is None else {"input_resolution": resolution}
    out = {"rf": _compute(tf, g.as_graph_def(), "input_image", output, **kw)}
    if resolution is not None:
        node_info, _ = tf.contrib.receptive_field.get_compute_order(
            g.as_graph_def(), "input_image", resolution)
        out["output_size"] = node_info[output].output_size
    return out


def cases(tf):
    out = {"vendor": host_vendor(), "api": _api_forms(tf)}
    out.update(_compute_cases(tf))
    out["order_plain"] = _order(tf, "aligned")
    out["order_sized"] = _order(tf, "same", input_node_size=[32, 30])
    out["order_layers"] = _order(tf, "layers", input_node_size=[64, 48])
    out["order_unknown"] = _order(tf, "unknown_op", input_node_size=[9, 9])
    for i, (name, output, resolution) in enumerate(SLIM_NETS):
        out["slim_%d_%s" % (i, name)] = _slim_net(tf, name, output, resolution)
    return out
