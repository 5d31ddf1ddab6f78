"""TF 1.14's tf.contrib.slim.nets inception nets: per net the variables (names, shapes, in
order), the end points (keys, shapes), the op count, the collections' sizes and, seeded,
summary statistics of the outputs (gen_slim_nets.py's summary). Test:
tests/test_slim_nets.py."""
import inspect
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_slim_nets as _nets_gen  # noqa: E402

_image, _net, _nets, _slim = _nets_gen._image, _nets_gen._net, _nets_gen._nets, _nets_gen._slim


def _v1(tf):
    def build(tf, x):
        inception = _nets(tf).inception
        with _slim(tf).arg_scope(inception.inception_v1_arg_scope()):
            return inception.inception_v1(x, num_classes=10)
    return _net(tf, build, _image(224), end_points_run=("Mixed_3b", "Predictions"))


def _v1_eval(tf):
    def build(tf, x):
        v1 = _nets(tf).inception
        with _slim(tf).arg_scope(v1.inception_v1_arg_scope(use_batch_norm=False)):
            return v1.inception_v1(x, num_classes=5, is_training=False, spatial_squeeze=False)
    return _net(tf, build, _image(224), run=False)


def _v1_base(tf):
    def build(tf, x):
        return _nets(tf).inception.inception_v1_base(x, final_endpoint="Mixed_4c",
                                                     scope="Base")
    return _net(tf, build, _image(64, n=2), end_points_run=("MaxPool_3a_3x3",))


def _v1_bad_endpoint(tf):
    with tf.Graph().as_default():
        try:
            _nets(tf).inception.inception_v1_base(tf.zeros([1, 64, 64, 3]),
                                                  final_endpoint="Nope")
        except ValueError as e:
            return e
    return None


def _v3(tf):
    def build(tf, x):
        inception = _nets(tf).inception
        with _slim(tf).arg_scope(inception.inception_v3_arg_scope()):
            return inception.inception_v3(x, num_classes=10, depth_multiplier=0.5)
    return _net(tf, build, _image(150), end_points_run=("Mixed_5b", "AuxLogits"), full=True)


def _v3_full(tf):
    def build(tf, x):
        inception = _nets(tf).inception
        with _slim(tf).arg_scope(inception.inception_v3_arg_scope(use_fused_batchnorm=False)):
            return inception.inception_v3(x, num_classes=1001, is_training=False,
                                          spatial_squeeze=False)
    return _net(tf, build, _image(299), run=False)


def _v3_base(tf):
    def build(tf, x):
        return _nets(tf).inception.inception_v3_base(x, final_endpoint="Mixed_6a",
                                                     depth_multiplier=0.25, min_depth=8)
    return _net(tf, build, _image(96), end_points_run=("Conv2d_4a_3x3",))


def _v3_errors(tf):
    inception = _nets(tf).inception
    out = {}
    for name, fn in (("multiplier", lambda x: inception.inception_v3(x, depth_multiplier=0)),
                     ("endpoint", lambda x: inception.inception_v3_base(x, final_endpoint="X"))):
        with tf.Graph().as_default():
            try:
                fn(tf.zeros([1, 96, 96, 3]))
                out[name] = None
            except ValueError as e:
                out[name] = e
    return out


def _v2(tf):
    def build(tf, x):
        inception = _nets(tf).inception
        with _slim(tf).arg_scope(inception.inception_v2_arg_scope()):
            return inception.inception_v2(x, num_classes=10, depth_multiplier=0.5)
    return _net(tf, build, _image(112), end_points_run=("Conv2d_1a_7x7", "Mixed_4a"))


def _v2_full(tf):
    def build(tf, x):
        inception = _nets(tf).inception
        with _slim(tf).arg_scope(inception.inception_v2_arg_scope()):
            return inception.inception_v2(x, is_training=False, spatial_squeeze=False,
                                          scope="V2")
    return _net(tf, build, _image(224), run=False)


def _v2_base(tf):
    def build(tf, x):
        return _nets(tf).inception.inception_v2_base(x, final_endpoint="Mixed_3c",
                                                     depth_multiplier=0.75, min_depth=4)
    return _net(tf, build, _image(64), end_points_run=("MaxPool_3a_3x3",))


def _v2_errors(tf):
    inception = _nets(tf).inception
    out = {}
    for name, fn in (("multiplier", lambda x: inception.inception_v2(x, depth_multiplier=-1)),
                     ("base", lambda x: inception.inception_v2_base(x, depth_multiplier=0)),
                     ("endpoint", lambda x: inception.inception_v2_base(x, final_endpoint="Y"))):
        with tf.Graph().as_default():
            try:
                fn(tf.zeros([1, 64, 64, 3]))
                out[name] = None
            except ValueError as e:
                out[name] = e
    return out


def _signatures(tf):
    nets = _nets(tf)
    out = {}
    for fn_name in sorted(n for n in dir(nets.inception) if n.startswith("inception_")):
        fn = getattr(nets.inception, fn_name)
        spec = inspect.getfullargspec(inspect.unwrap(fn))
        out[fn_name] = [spec.args, [_nets_gen._default(d) for d in spec.defaults or ()],
                        getattr(fn, "default_image_size", None)]
    return out


CASES = ("v1", "v1_eval", "v1_base", "v1_bad_endpoint", "v3", "v3_full", "v3_base",
         "v3_errors", "v2", "v2_full", "v2_base", "v2_errors", "signatures")


def cases(tf):
    return {name: globals()["_" + name](tf) for name in CASES}
