"""BERT's optimization.py race (tests/test_pbert_race.py): the learning rate reads the
global step (warmup and polynomial decay) while the train op's group also assigns
global_step + 1, with no ordering between them. TF 1.14's executor runs the increment
first (the add feeding the assign is the step's last consumer, run inline while the
reads are handed to other threads), so step 0 trains at the warmup rate of step 1. Kept
only if TF gave the same values in 5 fresh sessions."""
import numpy as np


def _bert_lr(tf, resource):
    gs = tf.get_variable("global_step", [], tf.int64, tf.zeros_initializer(),
                         trainable=False, use_resource=resource,
                         collections=[tf.GraphKeys.GLOBAL_VARIABLES,
                                      tf.GraphKeys.GLOBAL_STEP])
    w = tf.get_variable("w", initializer=[1.0, -2.0, 0.5])
    loss = tf.reduce_sum(tf.square(w))
    init_lr, num_train_steps, num_warmup_steps = 0.1, 10, 3
    lr = tf.train.polynomial_decay(tf.constant(init_lr), gs, num_train_steps,
                                   end_learning_rate=0.0, power=1.0, cycle=False)
    steps_int = tf.cast(gs, tf.int32)
    warmup_int = tf.constant(num_warmup_steps, dtype=tf.int32)
    warmup_lr = init_lr * (tf.cast(steps_int, tf.float32) / tf.cast(warmup_int, tf.float32))
    is_warmup = tf.cast(steps_int < warmup_int, tf.float32)
    lr = (1.0 - is_warmup) * lr + is_warmup * warmup_lr
    grads = tf.gradients(loss, [w])
    (grads, _) = tf.clip_by_global_norm(grads, clip_norm=1.0)
    train_op = tf.group(tf.assign_sub(w, lr * grads[0]))
    train_op = tf.group(train_op, [gs.assign(gs + 1)])
    return train_op, lr, w


def run_case(tf, resource):
    with tf.Graph().as_default():
        train_op, lr, w = _bert_lr(tf, resource)
        out = []
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(4):
                _, rate = s.run([train_op, lr])
                out.append(np.float32(rate))
            out.append(s.run(w))
        return out


def cases(tf):
    out = {}
    for name, resource in (("ref_global_step", False), ("resource_global_step", True)):
        runs = [run_case(tf, resource) for _ in range(5)]
        if all(all(np.array_equal(a, b) for a, b in zip(runs[0], r)) for r in runs[1:]):
            out[name] = runs[0]
    return out
