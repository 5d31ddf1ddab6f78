"""TF 1.14's float32 Rsqrt and FusedBatchNorm bit for bit: Rsqrt on packets of 8 is Eigen's
AVX estimate plus a Newton step (1 / sqrt on the tail), FusedBatchNorm adds its channel
sums row after row and multiplies by 1/n, folds inference into x * s + (offset - mean * s),
and its gradients follow the CPU kernels step by step. Every value is compared exactly."""
import numpy as np

CHANNELS = [3, 8, 13, 16]


def _rsqrt_inputs():
    rng = np.random.RandomState(0)
    edges = np.array([np.inf, 0, -1, 1e-40, np.nan, 1, 4, 2.5, 1e-38, 3e38, 0.25, 7],
                     np.float32)
    return [rng.rand(1000).astype(np.float32) * 10,
            np.exp(rng.randn(4003) * 20).astype(np.float32),
            np.tile(edges, 2), edges[:5]]


def rsqrt(tf):
    with tf.Graph().as_default(), tf.Session() as sess:
        return sess.run([tf.rsqrt(x) for x in _rsqrt_inputs()])


def _bn_inputs(c, seed):
    rng = np.random.RandomState(seed)
    x = (rng.randn(4, 5, 6, c) * 3 + 1).astype(np.float32)
    scale = rng.rand(c).astype(np.float32) + 0.5
    offset = rng.rand(c).astype(np.float32)
    mean = rng.rand(c).astype(np.float32)
    var = rng.rand(c).astype(np.float32) + 0.2
    gy = rng.randn(4, 5, 6, c).astype(np.float32)
    return x, scale, offset, mean, var, gy


def fused_training(tf):
    out = {}
    for c in CHANNELS:
        x, scale, offset, _, _, gy = _bn_inputs(c, c)
        with tf.Graph().as_default(), tf.Session() as sess:
            xt = tf.constant(x)
            y, m, v = tf.nn.fused_batch_norm(xt, scale, offset, epsilon=1e-3)
            grad = tf.gradients(y, [xt], gy)[0]
            out[str(c)] = sess.run([y, m, v, grad] + list(grad.op.outputs[1:3]))
    return out


def empty_batch(tf):
    """No values: the training statistics are 0 * (1/0), NaN."""
    with tf.Graph().as_default(), tf.Session() as sess:
        x = tf.zeros([0, 2, 2, 3])
        y, m, v = tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]))
        return sess.run([y, m, v] + tf.gradients(y, x))


def fused_inference(tf):
    out = {}
    for c in CHANNELS:
        x, scale, offset, mean, var, gy = _bn_inputs(c, 10 + c)
        with tf.Graph().as_default(), tf.Session() as sess:
            xt = tf.constant(x)
            y, _, _ = tf.nn.fused_batch_norm(xt, scale, offset, mean, var, epsilon=1e-4,
                                             is_training=False)
            grad = tf.gradients(y, [xt], gy)[0]
            out[str(c)] = sess.run([y, grad] + list(grad.op.outputs[1:3]))
    return out


def layers_bn_steps(tf):
    """tf.layers.batch_normalization (fused, 4-D) and unfused (2-D, nn.batch_normalization's
    rsqrt) trained by SGD with UPDATE_OPS: outputs, moving statistics, variables."""
    rng = np.random.RandomState(3)
    x4 = rng.randn(6, 4, 4, 10).astype(np.float32)
    x2 = rng.randn(6, 12).astype(np.float32)
    with tf.Graph().as_default():
        a = tf.layers.batch_normalization(tf.constant(x4), training=True, momentum=0.9)
        b = tf.layers.batch_normalization(tf.constant(x2), training=True, name="flat")
        w = tf.constant(rng.randn(6, 12).astype(np.float32))
        loss = tf.reduce_sum(tf.square(a)) * 0.01 + tf.reduce_sum(tf.square(b - w))
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
            train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            steps = [sess.run([train, loss, a, b])[1:] for _ in range(3)]
            return {"steps": steps, "variables": sess.run(tf.global_variables())}


def cases(tf):
    return {"rsqrt": rsqrt(tf), "fused_training": fused_training(tf),
            "fused_inference": fused_inference(tf), "layers_bn_steps": layers_bn_steps(tf),
            "empty_batch": empty_batch(tf)}
