"""google-research/bert's optimization.py create_optimizer on a small model whose
embedding gradient is an IndexedSlices (tf.gather): get_or_create_global_step,
tf.train.polynomial_decay (power 1, end 0) behind a linear warmup by is_warmup casts,
AdamWeightDecayOptimizer's hand-written apply_gradients (adam_m / adam_v made by
tf.get_variable, weight decay skipped by exclude_from_weight_decay regexes) on the
clip_by_global_norm'ed gradients, and the global step advanced after the update; the rates
of polynomial_decay with cycle=True and power 0.5 fed steps past the end; rates, global
norms, losses over the steps and the variables' names and shapes."""
import re

import numpy as np
import tensorflow as tf

np.random.seed(12)
tf.set_random_seed(34)
rs = np.random.RandomState(5)
IDS = rs.randint(0, 9, size=(4, 6)).astype(np.int32)
LAB = rs.randint(0, 3, size=(4,)).astype(np.int32)


class AdamWeightDecayOptimizer(tf.train.Optimizer):
    """A basic Adam optimizer that includes "correct" L2 weight decay."""

    def __init__(self, learning_rate, weight_decay_rate=0.0, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-6, exclude_from_weight_decay=None,
                 name="AdamWeightDecayOptimizer"):
        super(AdamWeightDecayOptimizer, self).__init__(False, name)
        self.learning_rate = learning_rate
        self.weight_decay_rate = weight_decay_rate
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.exclude_from_weight_decay = exclude_from_weight_decay

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        assignments = []
        for (grad, param) in grads_and_vars:
            if grad is None or param is None:
                continue
            param_name = self._get_variable_name(param.name)
            m = tf.get_variable(name=param_name + "/adam_m", shape=param.shape.as_list(),
                                dtype=tf.float32, trainable=False,
                                initializer=tf.zeros_initializer())
            v = tf.get_variable(name=param_name + "/adam_v", shape=param.shape.as_list(),
                                dtype=tf.float32, trainable=False,
                                initializer=tf.zeros_initializer())
            next_m = (tf.multiply(self.beta_1, m) + tf.multiply(1.0 - self.beta_1, grad))
            next_v = (tf.multiply(self.beta_2, v) + tf.multiply(1.0 - self.beta_2,
                                                                tf.square(grad)))
            update = next_m / (tf.sqrt(next_v) + self.epsilon)
            if self._do_use_weight_decay(param_name):
                update += self.weight_decay_rate * param
            update_with_lr = self.learning_rate * update
            next_param = param - update_with_lr
            assignments.extend([param.assign(next_param), m.assign(next_m), v.assign(next_v)])
        return tf.group(*assignments, name=name)

    def _do_use_weight_decay(self, param_name):
        if not self.weight_decay_rate:
            return False
        if self.exclude_from_weight_decay:
            for r in self.exclude_from_weight_decay:
                if re.search(r, param_name) is not None:
                    return False
        return True

    def _get_variable_name(self, param_name):
        m = re.match("^(.*):\\d+$", param_name)
        if m is not None:
            param_name = m.group(1)
        return param_name


def create_optimizer(loss, init_lr, num_train_steps, num_warmup_steps):
    global_step = tf.train.get_or_create_global_step()
    learning_rate = tf.constant(value=init_lr, shape=[], dtype=tf.float32)
    learning_rate = tf.train.polynomial_decay(learning_rate, global_step, num_train_steps,
                                              end_learning_rate=0.0, power=1.0, cycle=False)
    if num_warmup_steps:
        global_steps_int = tf.cast(global_step, tf.int32)
        warmup_steps_int = tf.constant(num_warmup_steps, dtype=tf.int32)
        global_steps_float = tf.cast(global_steps_int, tf.float32)
        warmup_steps_float = tf.cast(warmup_steps_int, tf.float32)
        warmup_percent_done = global_steps_float / warmup_steps_float
        warmup_learning_rate = init_lr * warmup_percent_done
        is_warmup = tf.cast(global_steps_int < warmup_steps_int, tf.float32)
        learning_rate = ((1.0 - is_warmup) * learning_rate + is_warmup * warmup_learning_rate)
    optimizer = AdamWeightDecayOptimizer(
        learning_rate=learning_rate, weight_decay_rate=0.01, beta_1=0.9, beta_2=0.999,
        epsilon=1e-6, exclude_from_weight_decay=["LayerNorm", "layer_norm", "bias"])
    tvars = tf.trainable_variables()
    grads = tf.gradients(loss, tvars)
    (grads, gnorm) = tf.clip_by_global_norm(grads, clip_norm=1.0)
    train_op = optimizer.apply_gradients(zip(grads, tvars), global_step=global_step)
    with tf.control_dependencies([train_op]):
        new_global_step = global_step + 1
        train_op = tf.group(train_op, [global_step.assign(new_global_step)])
    return train_op, learning_rate, gnorm, grads


ids = tf.placeholder(tf.int32, [None, 6], name="input_ids")
labels = tf.placeholder(tf.int32, [None], name="label_ids")
with tf.variable_scope("bert"):
    table = tf.get_variable("word_embeddings", [9, 8],
                            initializer=tf.truncated_normal_initializer(stddev=0.3, seed=1))
    emb = tf.gather(table, ids)
    h = tf.contrib.layers.layer_norm(tf.reduce_sum(emb, axis=1), begin_norm_axis=-1,
                                     begin_params_axis=-1, scope="LayerNorm")
    h = tf.layers.dense(h, 8, activation=tf.tanh, name="pooler",
                        kernel_initializer=tf.truncated_normal_initializer(stddev=0.3, seed=2))
logits = tf.layers.dense(h, 3, name="output",
                         kernel_initializer=tf.truncated_normal_initializer(stddev=0.3, seed=3))
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels,
                                                                    logits=logits))
train_op, lr, gnorm, grads = create_optimizer(loss, 0.1, 8, 3)
print([type(gr).__name__ for gr in grads], gnorm.name, lr.name, train_op.name)
print(tf.train.get_or_create_global_step() is tf.train.get_global_step())
for v in tf.global_variables():
    print(v.name, v.shape.as_list(), v in tf.trainable_variables())
gs = tf.train.get_global_step()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {ids: IDS, labels: LAB}
    for step in range(10):
        r, n, lv, _ = sess.run([lr, gnorm, loss, train_op], feed)
        print(step, repr(r), repr(n), repr(lv), sess.run(gs))
    print(sess.run(table)[0].tolist())
    print(sess.run("bert/LayerNorm/gamma/adam_v:0").tolist())

with tf.Graph().as_default():
    step = tf.placeholder(tf.int64, [], name="step")
    rates = [tf.train.polynomial_decay(0.1, step, 4, end_learning_rate=0.01, power=p, cycle=c)
             for p in (1.0, 0.5) for c in (False, True)]
    print([r.name for r in rates])
    with tf.Session() as sess:
        for s in (0, 1, 3, 4, 5, 9):
            print(s, [repr(x) for x in sess.run(rates, {step: s})])
