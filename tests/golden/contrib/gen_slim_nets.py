"""TF 1.14's tf.contrib.slim.nets (vgg, alexnet, overfeat, resnet_v1/v2, resnet_utils): per
net the variables (names, shapes, in order: a TF checkpoint restores by these names), the
end points (keys, shapes, in order), the op count, the collections' sizes and, seeded
(graph seed + the nets' default initializers), summary statistics of the outputs.
Test: tests/test_slim_nets.py."""
import hashlib
import importlib
import inspect

import numpy as np


def _image(h, w=None, n=1):
    w = w or h
    return (np.sin(np.arange(n * h * w * 3, dtype=np.float64) * 0.37)
            .reshape(n, h, w, 3).astype(np.float32))


def _stats(a):
    a = np.asarray(a, np.float64)
    flat = a.ravel()
    return {"shape": list(a.shape), "sum": float(flat.sum()),
            "abs_mean": float(np.abs(flat).mean()), "std": float(flat.std()),
            "head": flat[:4].astype(np.float32)}


def _listing(rows, full):
    """`rows` in full, or (a big net's) their count, digest, first and last rows."""
    if full:
        return rows
    digest = hashlib.sha1(repr(rows).encode()).hexdigest()
    return {"n": len(rows), "sha1": digest, "head": rows[:6], "tail": rows[-3:]}


def _net(tf, build, image, run=True, end_points_run=(), full=False):
    """build(tf, inputs) -> (net, end_points) in a fresh seeded graph: its summary (the
    variables listed in `full` for the nets whose TF checkpoints the test restores by name;
    a net's end points in full when it has fewer than 40)."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        inputs = tf.constant(image)
        net, end_points = build(tf, inputs)
        rows = [[v.op.name, v.shape.as_list()] for v in tf.global_variables()]
        out = {"vars": _listing(rows, full),
               "model_vars": len(tf.model_variables()),
               "trainable": len(tf.trainable_variables()),
               "losses": len(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)),
               "updates": len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)),
               "end_points": _listing([[k, v.name, v.shape.as_list()]
                                       for k, v in end_points.items()], len(end_points) < 40),
               "net": [net.name, net.shape.as_list()],
               "ops": len(g.get_operations())}
        if run:
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                fetched = sess.run([net] + [end_points[k] for k in end_points_run])
            out["out"] = _stats(fetched[0])
            for k, v in zip(end_points_run, fetched[1:]):
                out["ep:" + k] = _stats(v)
    return out


def _slim(tf):
    return tf.contrib.slim


def _nets(tf):
    """tensorflow.contrib.slim.nets (flowgrad.contrib.slim.nets under flowgrad)."""
    return importlib.import_module(tf.__name__ + ".contrib.slim.nets")


def _vgg_a(tf):
    def build(tf, x):
        nets = _nets(tf)
        with _slim(tf).arg_scope(nets.vgg.vgg_arg_scope()):
            return nets.vgg.vgg_a(x, num_classes=10, is_training=False)
    return _net(tf, build, _image(224), end_points_run=("vgg_a/pool2",))


def _vgg_16(tf):
    def build(tf, x):
        return _nets(tf).vgg.vgg_16(x, num_classes=10)
    return _net(tf, build, _image(224), end_points_run=("vgg_16/fc7",), full=True)


def _vgg_19(tf):
    def build(tf, x):
        vgg = _nets(tf).vgg
        with _slim(tf).arg_scope(vgg.vgg_arg_scope(weight_decay=0.01)):
            return vgg.vgg_19(x, num_classes=5, spatial_squeeze=False, scope="net")
    return _net(tf, build, _image(256), run=False)


def _alexnet(tf):
    def build(tf, x):
        alexnet = _nets(tf).alexnet
        with _slim(tf).arg_scope(alexnet.alexnet_v2_arg_scope()):
            return alexnet.alexnet_v2(x, num_classes=10)
    return _net(tf, build, _image(224), end_points_run=("alexnet_v2/pool5",))


def _alexnet_eval(tf):
    def build(tf, x):
        return _nets(tf).alexnet.alexnet_v2(x, num_classes=7, is_training=False,
                                                 spatial_squeeze=False)
    return _net(tf, build, _image(224, n=2))


def _overfeat(tf):
    def build(tf, x):
        overfeat = _nets(tf).overfeat
        with _slim(tf).arg_scope(overfeat.overfeat_arg_scope()):
            return overfeat.overfeat(x, num_classes=10)
    return _net(tf, build, _image(231))


def _resnet(version, depth, image, run=True, with_scope=True, end_points_run=(), full=False,
            **kwargs):
    def case(tf):
        def build(tf, x):
            resnet_v1, resnet_v2 = _nets(tf).resnet_v1, _nets(tf).resnet_v2
            module = resnet_v1 if version == 1 else resnet_v2
            fn = getattr(module, "resnet_v%d_%d" % (version, depth))
            if not with_scope:
                return fn(x, **kwargs)
            with _slim(tf).arg_scope(module.resnet_arg_scope()):
                return fn(x, **kwargs)
        return _net(tf, build, image, run=run, end_points_run=end_points_run, full=full)
    return case


_resnet_v1_50 = _resnet(1, 50, _image(64), num_classes=10, full=True,
                        end_points_run=("resnet_v1_50/block1", "predictions"))
_resnet_v1_50_features = _resnet(1, 50, _image(64, 48), num_classes=None, global_pool=False,
                                 is_training=False, end_points_run=("resnet_v1_50/block2",))
_resnet_v1_101_stride = _resnet(1, 101, _image(96), run=False, num_classes=3,
                                output_stride=16)
_resnet_v1_152 = _resnet(1, 152, _image(32), run=False, with_scope=False)
_resnet_v2_50 = _resnet(2, 50, _image(64), num_classes=10,
                        end_points_run=("resnet_v2_50/block4", "predictions"))
_resnet_v2_101_eval = _resnet(2, 101, _image(40), is_training=False, num_classes=None,
                              output_stride=8, run=False)
_resnet_v2_200 = _resnet(2, 200, _image(32), run=False, num_classes=4)
_resnet_v1_200 = _resnet(1, 200, _image(32), run=False, num_classes=None, global_pool=False,
                         scope="r200")


def _resnet_utils(tf):
    resnet_utils, resnet_v1 = _nets(tf).resnet_utils, _nets(tf).resnet_v1
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        x = tf.constant(_image(9, 11, n=2))
        a = resnet_utils.conv2d_same(x, 4, 3, stride=2, scope="same2")
        b = resnet_utils.conv2d_same(x, 4, 5, stride=3, scope="same3")
        c = resnet_utils.conv2d_same(x, 4, 3, stride=1, rate=2, scope="same1")
        d = resnet_utils.subsample(x, 2, scope="sub")
        e = resnet_utils.subsample(x, 1)
        blocks = [resnet_v1.resnet_v1_block("b1", base_depth=2, num_units=2, stride=2),
                  resnet_utils.Block("b2", resnet_v1.bottleneck,
                                     [{"depth": 12, "depth_bottleneck": 3, "stride": 2}])]
        with tf.variable_scope("dense"):
            f = resnet_utils.stack_blocks_dense(x, blocks, output_stride=2,
                                                outputs_collections="coll")
        block = blocks[0]
        out = {"names": [t.name for t in (a, b, c, d, e, f)],
               "shapes": [t.shape.as_list() for t in (a, b, c, d, e, f)],
               "block": [block.scope, block.unit_fn.__name__, block.args],
               "coll": [[t.name, list(getattr(t, "aliases", []))]
                        for t in tf.get_collection("coll")],
               "vars": [[v.op.name, v.shape.as_list()] for v in tf.global_variables()],
               "ops": len(g.get_operations())}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["values"] = [_stats(v) for v in sess.run([a, b, c, d, f])]
    return out


def _errors(tf):
    nets = _nets(tf)
    resnet_utils, resnet_v1, resnet_v2 = nets.resnet_utils, nets.resnet_v1, nets.resnet_v2
    out = {}
    cases = {"stride6": lambda x: resnet_v1.resnet_v1_50(x, output_stride=6),
             "stride_big": lambda x: resnet_v2.resnet_v2_50(x, output_stride=64),
             "stride_small": lambda x: resnet_utils.stack_blocks_dense(
                 x, [resnet_v1.resnet_v1_block("b%d" % i, 2, 2, 2) for i in range(3)],
                 output_stride=3),
             "rank": lambda x: resnet_v1.bottleneck(x[0], 8, 2, 1)}
    for name, fn in sorted(cases.items()):
        with tf.Graph().as_default():
            try:
                fn(tf.constant(_image(32)))
                out[name] = None
            except Exception as e:  # noqa: BLE001 - TF's error, recorded
                out[name] = e
    return out


_MODULES = ("alexnet", "overfeat", "resnet_utils", "resnet_v1", "resnet_v2", "vgg")


def _default(value):
    return getattr(value, "__name__", None) or repr(value)


def _signatures(tf):
    """Each module's public functions: argument names and defaults (a function by name)."""
    nets = _nets(tf)
    out = {}
    for name in _MODULES:
        module = getattr(nets, name)
        for fn_name in sorted(getattr(module, "__all__", None) or dir(module)):
            fn = getattr(module, fn_name)
            if fn_name.startswith("_") or not inspect.isfunction(fn) \
                    or fn_name == "trunc_normal" or fn.__module__.endswith("arg_scope"):
                continue
            spec = inspect.getfullargspec(inspect.unwrap(fn))
            out[name + "." + fn_name] = [spec.args, [_default(d) for d in spec.defaults or ()],
                                         getattr(fn, "default_image_size", None)]
    return out


CASES = ("vgg_a", "vgg_16", "vgg_19", "alexnet", "alexnet_eval", "overfeat", "resnet_v1_50",
         "resnet_v1_50_features", "resnet_v1_101_stride", "resnet_v1_152", "resnet_v2_50",
         "resnet_v2_101_eval", "resnet_v2_200", "resnet_v1_200", "resnet_utils", "errors", "signatures")


def cases(tf):
    return {name: globals()["_" + name](tf) for name in CASES}
