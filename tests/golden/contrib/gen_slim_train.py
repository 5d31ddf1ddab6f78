"""TF 1.14's tf.contrib.slim.nets trained: small ResNets (v1 and v2 over custom blocks, with
the ResNet arg_scope: batch norm updates, L2 losses) and a narrow Inception V2 base, a few
momentum steps through slim.learning.create_train_op: the losses, a batch-norm moving mean
and the logits after training. Test: tests/test_slim_nets.py."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_slim_nets as _nets_gen  # noqa: E402

_image, _nets, _slim = _nets_gen._image, _nets_gen._nets, _nets_gen._slim


def _train(tf, build, steps=3):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(11)
        x = tf.constant(_image(32, n=2))
        labels = tf.constant(np.array([[1, 0, 0], [0, 0, 1]], np.float32))
        logits = build(tf, x)
        tf.losses.softmax_cross_entropy(labels, logits)
        loss = tf.losses.get_total_loss()
        opt = tf.train.MomentumOptimizer(0.05, 0.9)
        train_op = _slim(tf).learning.create_train_op(loss, opt)
        moving = [v for v in tf.global_variables() if v.op.name.endswith("moving_mean")][-1]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            losses = [float(sess.run(train_op)) for _ in range(steps)]
            out = {"losses": np.array(losses), "moving": moving.op.name,
                   "moving_sum": float(sess.run(moving).sum()),
                   "logits": sess.run(logits), "ops": len(g.get_operations())}
    return out


def _blocks(module, version):
    block = getattr(module, "resnet_v%d_block" % version)
    return [block("block1", base_depth=4, num_units=2, stride=2),
            block("block2", base_depth=8, num_units=1, stride=1)]


def _resnet_v1(tf):
    def build(tf, x):
        resnet_v1 = _nets(tf).resnet_v1
        with _slim(tf).arg_scope(resnet_v1.resnet_arg_scope(weight_decay=0.001)):
            net, _ = resnet_v1.resnet_v1(x, _blocks(resnet_v1, 1), num_classes=3,
                                         include_root_block=False, scope="small")
        return tf.squeeze(net, [1, 2])
    return _train(tf, build)


def _resnet_v2(tf):
    def build(tf, x):
        resnet_v2 = _nets(tf).resnet_v2
        with _slim(tf).arg_scope(resnet_v2.resnet_arg_scope()):
            net, _ = resnet_v2.resnet_v2(x, _blocks(resnet_v2, 2), num_classes=3,
                                         output_stride=4)
        return tf.squeeze(net, [1, 2])
    return _train(tf, build)


def _inception_v2_base(tf):
    def build(tf, x):
        inception = _nets(tf).inception
        with _slim(tf).arg_scope(inception.inception_v2_arg_scope()):
            net, _ = inception.inception_v2_base(x, final_endpoint="Mixed_3b",
                                                 depth_multiplier=0.1, min_depth=4)
        net = tf.reduce_mean(net, [1, 2])
        return _slim(tf).fully_connected(net, 3, activation_fn=None, scope="head")
    return _train(tf, build)


def _resnet_v1_root(tf):
    def build(tf, x):
        resnet_v1 = _nets(tf).resnet_v1
        with _slim(tf).arg_scope(resnet_v1.resnet_arg_scope()):
            net, _ = resnet_v1.resnet_v1(x, _blocks(resnet_v1, 1), num_classes=3,
                                         scope="small")
        return tf.squeeze(net, [1, 2])
    return _train(tf, build)


CASES = ("resnet_v1", "resnet_v1_root", "resnet_v2", "inception_v2_base")


def cases(tf):
    return {name: globals()["_" + name](tf) for name in CASES}
