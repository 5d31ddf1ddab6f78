import re
import numpy as np
import tensorflow as tf

tf.set_random_seed(13)
rng = np.random.RandomState(4)
B = 8
imgs = rng.rand(B, 24, 24, 3).astype(np.float32)
labs = rng.randint(0, 10, B).astype(np.int32)


def _variable_on_cpu(name, shape, initializer):
    with tf.device("/cpu:0"):
        return tf.get_variable(name, shape, initializer=initializer, dtype=tf.float32)


def _variable_with_weight_decay(name, shape, stddev, wd):
    var = _variable_on_cpu(
        name, shape, tf.truncated_normal_initializer(stddev=stddev, dtype=tf.float32)
    )
    if wd is not None:
        weight_decay = tf.multiply(tf.nn.l2_loss(var), wd, name="weight_loss")
        tf.add_to_collection("losses", weight_decay)
    return var


def _activation_summary(x):
    tensor_name = re.sub("tower_[0-9]*/", "", x.op.name)
    tf.summary.histogram(tensor_name + "/activations", x)
    tf.summary.scalar(tensor_name + "/sparsity", tf.nn.zero_fraction(x))


images = tf.placeholder(tf.float32, [B, 24, 24, 3])
labels = tf.placeholder(tf.int32, [B])
with tf.variable_scope("conv1") as scope:
    kernel = _variable_with_weight_decay("weights", shape=[5, 5, 3, 16], stddev=5e-2, wd=None)
    conv = tf.nn.conv2d(images, kernel, [1, 1, 1, 1], padding="SAME")
    biases = _variable_on_cpu("biases", [16], tf.constant_initializer(0.0))
    conv1 = tf.nn.relu(tf.nn.bias_add(conv, biases), name=scope.name)
    _activation_summary(conv1)
pool1 = tf.nn.max_pool(
    conv1, ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding="SAME", name="pool1"
)
norm1 = tf.nn.lrn(pool1, 4, bias=1.0, alpha=0.001 / 9.0, beta=0.75, name="norm1")
with tf.variable_scope("conv2") as scope:
    kernel = _variable_with_weight_decay("weights", shape=[5, 5, 16, 16], stddev=5e-2, wd=None)
    conv = tf.nn.conv2d(norm1, kernel, [1, 1, 1, 1], padding="SAME")
    biases = _variable_on_cpu("biases", [16], tf.constant_initializer(0.1))
    conv2 = tf.nn.relu(tf.nn.bias_add(conv, biases), name=scope.name)
    _activation_summary(conv2)
norm2 = tf.nn.lrn(conv2, 4, bias=1.0, alpha=0.001 / 9.0, beta=0.75, name="norm2")
pool2 = tf.nn.max_pool(
    norm2, ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1], padding="SAME", name="pool2"
)
with tf.variable_scope("local3") as scope:
    reshape = tf.reshape(pool2, [B, -1])
    dim = reshape.get_shape()[1].value
    weights = _variable_with_weight_decay("weights", shape=[dim, 48], stddev=0.04, wd=0.004)
    biases = _variable_on_cpu("biases", [48], tf.constant_initializer(0.1))
    local3 = tf.nn.relu(tf.matmul(reshape, weights) + biases, name=scope.name)
with tf.variable_scope("local4") as scope:
    weights = _variable_with_weight_decay("weights", shape=[48, 24], stddev=0.04, wd=0.004)
    biases = _variable_on_cpu("biases", [24], tf.constant_initializer(0.1))
    local4 = tf.nn.relu(tf.matmul(local3, weights) + biases, name=scope.name)
with tf.variable_scope("softmax_linear") as scope:
    weights = _variable_with_weight_decay("weights", [24, 10], stddev=1 / 24.0, wd=None)
    biases = _variable_on_cpu("biases", [10], tf.constant_initializer(0.0))
    logits = tf.add(tf.matmul(local4, weights), biases, name=scope.name)
ce = tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=tf.cast(labels, tf.int64), logits=logits, name="cross_entropy_per_example"
)
tf.add_to_collection("losses", tf.reduce_mean(ce, name="cross_entropy"))
total_loss = tf.add_n(tf.get_collection("losses"), name="total_loss")
global_step = tf.train.get_or_create_global_step()
lr = tf.train.exponential_decay(0.1, global_step, 2, 0.1, staircase=True)
loss_averages = tf.train.ExponentialMovingAverage(0.9, name="avg")
losses = tf.get_collection("losses")
loss_averages_op = loss_averages.apply(losses + [total_loss])
with tf.control_dependencies([loss_averages_op]):
    opt = tf.train.GradientDescentOptimizer(lr)
    grads = opt.compute_gradients(total_loss)
apply_gradient_op = opt.apply_gradients(grads, global_step=global_step)
variable_averages = tf.train.ExponentialMovingAverage(0.9999, global_step)
with tf.control_dependencies([apply_gradient_op]):
    variables_averages_op = variable_averages.apply(tf.trainable_variables())
summ = tf.summary.merge_all()
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        _, lv = s.run([variables_averages_op, total_loss], {images: imgs, labels: labs})
        print(i, repr(float(lv)))
    print(s.run(logits, {images: imgs, labels: labs})[0].astype(np.float64).tolist())
    print(s.run(variable_averages.average(kernel))[0, 0, 0, :4].astype(np.float64).tolist())
