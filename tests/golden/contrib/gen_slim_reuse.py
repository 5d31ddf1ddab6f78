"""TF 1.14's tf.contrib.slim.nets built twice in one graph (a training and an evaluation
tower sharing variables: reuse=True, or the same scope under tf.AUTO_REUSE): the variables,
the second tower's op names and end points. Graph only. Test: tests/test_slim_nets.py."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_slim_nets as _nets_gen  # noqa: E402

_image, _listing, _nets, _slim = (_nets_gen._image, _nets_gen._listing, _nets_gen._nets,
                                  _nets_gen._slim)


def _towers(tf, build):
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(_image(64))
        net1, _ = build(tf, x, None, True)
        n_vars = len(tf.global_variables())
        n_ops = len(g.get_operations())
        net2, end_points = build(tf, x, True, False)
        new_ops = [op.name for op in g.get_operations()[n_ops:]]
        return {"vars": [n_vars, len(tf.global_variables())],
                "nets": [net1.name, net2.name],
                "end_points": _listing([[k, v.name] for k, v in end_points.items()], False),
                "new_ops": _listing(new_ops, False),
                "updates": len(tf.get_collection(tf.GraphKeys.UPDATE_OPS))}


def _resnet_v1(tf):
    def build(tf, x, reuse, is_training):
        nets = _nets(tf)
        with _slim(tf).arg_scope(nets.resnet_v1.resnet_arg_scope()):
            return nets.resnet_v1.resnet_v1_50(x, num_classes=5, is_training=is_training,
                                               reuse=reuse)
    return _towers(tf, build)


def _resnet_v2(tf):
    def build(tf, x, reuse, is_training):
        nets = _nets(tf)
        with _slim(tf).arg_scope(nets.resnet_v2.resnet_arg_scope()):
            return nets.resnet_v2.resnet_v2_101(x, is_training=is_training, reuse=reuse,
                                                scope="tower")
    return _towers(tf, build)


def _inception_v3(tf):
    def build(tf, x, reuse, is_training):
        inception = _nets(tf).inception
        with _slim(tf).arg_scope(inception.inception_v3_arg_scope()):
            return inception.inception_v3(tf.image.resize_bilinear(x, [150, 150]), num_classes=4,
                                          is_training=is_training, reuse=reuse,
                                          depth_multiplier=0.25)
    return _towers(tf, build)


def _vgg_auto_reuse(tf):
    def build(tf, x, reuse, is_training):
        with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
            return _nets(tf).vgg.vgg_a(tf.image.resize_bilinear(x, [224, 224]),
                                       num_classes=3, is_training=is_training)
    return _towers(tf, build)


CASES = ("resnet_v1", "resnet_v2", "inception_v3", "vgg_auto_reuse")


def cases(tf):
    return {name: globals()["_" + name](tf) for name in CASES}
