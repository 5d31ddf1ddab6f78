"""MAML in the style of cbfinn/maml (maml.py): weights in a dict of tf.Variables, a
functional forward(inp, weights), the inner loop's fast weights from tf.gradients (with
tf.stop_gradient for the first-order variant), task_metalearn mapped over the meta-batch
with tf.map_fn(dtype=[...], parallel_iterations=meta_batch_size), the meta-loss's Adam step
differentiating through the map_fn's while loop and the inner tf.gradients (second order);
sinusoid-like (cubic) regression tasks from np.random. Prints the inner / outer losses of a few
meta-steps at full precision and the op counts of both variants."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(33)
META_BATCH, K, DIM_H = 3, 5, 8
NUM_UPDATES, UPDATE_LR = 2, 0.01


def construct_weights():
    w = {}
    w["w1"] = tf.Variable(tf.truncated_normal([1, DIM_H], stddev=0.01, seed=1))
    w["b1"] = tf.Variable(tf.zeros([DIM_H]))
    w["w2"] = tf.Variable(tf.truncated_normal([DIM_H, DIM_H], stddev=0.01, seed=2))
    w["b2"] = tf.Variable(tf.zeros([DIM_H]))
    w["w3"] = tf.Variable(tf.truncated_normal([DIM_H, 1], stddev=0.01, seed=3))
    w["b3"] = tf.Variable(tf.zeros([1]))
    return w


def forward(inp, weights):
    h = tf.nn.relu(tf.matmul(inp, weights["w1"]) + weights["b1"])
    h = tf.nn.tanh(tf.matmul(h, weights["w2"]) + weights["b2"])
    return tf.matmul(h, weights["w3"]) + weights["b3"]


def mse(pred, label):
    return tf.reduce_mean(tf.square(pred - label))


def build(first_order, scope):
    with tf.variable_scope(scope):
        weights = construct_weights()
        inputa = tf.placeholder(tf.float32, [META_BATCH, K, 1])
        inputb = tf.placeholder(tf.float32, [META_BATCH, K, 1])
        labela = tf.placeholder(tf.float32, [META_BATCH, K, 1])
        labelb = tf.placeholder(tf.float32, [META_BATCH, K, 1])

        def task_metalearn(inp):
            ia, ib, la, lb = inp
            task_outputbs, task_lossesb = [], []
            task_outputa = forward(ia, weights)
            task_lossa = mse(task_outputa, la)
            grads = tf.gradients(task_lossa, list(weights.values()))
            if first_order:
                grads = [tf.stop_gradient(g) for g in grads]
            gradients = dict(zip(weights.keys(), grads))
            fast_weights = dict(zip(weights.keys(), [weights[k] - UPDATE_LR * gradients[k]
                                                     for k in weights.keys()]))
            output = forward(ib, fast_weights)
            task_outputbs.append(output)
            task_lossesb.append(mse(output, lb))
            for j in range(NUM_UPDATES - 1):
                loss = mse(forward(ia, fast_weights), la)
                grads = tf.gradients(loss, list(fast_weights.values()))
                if first_order:
                    grads = [tf.stop_gradient(g) for g in grads]
                gradients = dict(zip(fast_weights.keys(), grads))
                fast_weights = dict(zip(fast_weights.keys(),
                                        [fast_weights[k] - UPDATE_LR * gradients[k]
                                         for k in fast_weights.keys()]))
                output = forward(ib, fast_weights)
                task_outputbs.append(output)
                task_lossesb.append(mse(output, lb))
            return [task_outputa, task_outputbs, task_lossa, task_lossesb]

        out_dtype = [tf.float32, [tf.float32] * NUM_UPDATES, tf.float32, [tf.float32] * NUM_UPDATES]
        result = tf.map_fn(task_metalearn, elems=(inputa, inputb, labela, labelb),
                           dtype=out_dtype, parallel_iterations=META_BATCH)
        outputas, outputbs, lossesa, lossesb = result
        total_loss1 = tf.reduce_sum(lossesa) / tf.to_float(META_BATCH)
        total_losses2 = [tf.reduce_sum(lossesb[j]) / tf.to_float(META_BATCH)
                         for j in range(NUM_UPDATES)]
        optimizer = tf.train.AdamOptimizer(0.01)
        gvs = optimizer.compute_gradients(total_losses2[NUM_UPDATES - 1])
        print(scope, "grads", [(v.op.name, g is not None) for g, v in gvs])
        metatrain_op = optimizer.apply_gradients(gvs)
        return (inputa, inputb, labela, labelb), total_loss1, total_losses2, metatrain_op, gvs


def sample(rs):
    amp = rs.uniform(0.1, 5.0, [META_BATCH, 1, 1])
    phase = rs.uniform(0, np.pi, [META_BATCH, 1, 1])
    x = rs.uniform(-5.0, 5.0, [META_BATCH, 2 * K, 1])
    d = x - phase
    y = amp * (d - d * d * d / 6.0)   # sin's cubic (np.sin's float64 bits vary by NumPy)
    x, y = x.astype(np.float32), y.astype(np.float32)
    return x[:, :K], x[:, K:], y[:, :K], y[:, K:]


def f(v):
    return [repr(float(t)) for t in np.ravel(v)]


models = {}
for fo in (False, True):
    scope = "model_fo" if fo else "model"
    n0 = len(tf.get_default_graph().get_operations())
    models[scope] = build(fo, scope)
    print(scope, "ops", len(tf.get_default_graph().get_operations()) - n0)
print("outputbs shape", models["model"][2][0].shape)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    rs = np.random.RandomState(7)
    for it in range(3):
        batch = sample(rs)
        for scope in ("model", "model_fo"):
            phs, l1, l2, op, gvs = models[scope]
            fd = dict(zip(phs, batch))
            res = sess.run([op, l1] + l2, feed_dict=fd)
            print(it, scope, f(res[1:]))
    g = sess.run([gv[0] for gv in models["model_fo"][4]][6:],
                 feed_dict=dict(zip(models["model_fo"][0], batch)))
    print("first-order meta grad w3", f(g[4]))
