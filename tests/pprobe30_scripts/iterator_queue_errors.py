"""The end-of-data and misuse errors of a TF1 input pipeline feeding a seeded model:
a one-shot iterator's OutOfRangeError (and again after it), an initializable iterator run
before its initializer (FailedPreconditionError), a reinitializable iterator of an
incompatible dataset (TypeError) and of another shape, from_tensor_slices of unequal
sizes, a map function failing at run time (a Reshape in it), a FIFOQueue closed and empty
(OutOfRangeError), an enqueue to a closed queue (CancelledError), a dequeue_many larger
than a closed queue holds, a RandomShuffleQueue below its min_after_dequeue when closed;
the training loop that ends on OutOfRangeError as TF1 programs do; values at full
precision, op counts."""

import re

import numpy as np
import tensorflow as tf

tf.set_random_seed(35)
rng = np.random.RandomState(35)
X = rng.randn(10, 3).astype(np.float32)
Y = (X.sum(1, keepdims=True) > 0).astype(np.float32)
g = tf.get_default_graph()


def head(e):
    # TF's message up to its traceback-dependent part; the file of "defined at" without
    # its folders (TF strips a prefix common to the traceback's files)
    s = str(e).split("\n\nOriginal stack trace")[0].split("\n\nErrors may have")[0]
    s = re.sub(r"defined at [^ )]*/", "defined at ", s)
    return re.sub(r"'_\d+_", "'_N_", s)   # (queue resource ids)


def show(what, f):
    try:
        r = f()
        print(what, "ok", r if r is None else np.asarray(r).tolist())
    except tf.errors.OpError as e:
        print(what, type(e).__name__, repr(head(e)))
        print("   op", e.op.name if e.op is not None else None,
              e.node_def.name if e.node_def is not None else None, e.error_code)
    except (TypeError, ValueError) as e:
        print(what, type(e).__name__, repr(str(e)))


ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(4)
it = ds.make_one_shot_iterator()
xb, yb = it.get_next()
w = tf.get_variable("w", [3, 1], initializer=tf.glorot_uniform_initializer(seed=7))
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=yb,
                                                              logits=tf.matmul(xb, w)))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

init_it = tf.data.Dataset.range(3).make_initializable_iterator()
nxt = init_it.get_next()
re_it = tf.data.Iterator.from_structure(tf.float32, tf.TensorShape([None, 3]))
re_next = re_it.get_next()
show("reinit_dtype", lambda: re_it.make_initializer(tf.data.Dataset.range(2)))
show("reinit_shape", lambda: re_it.make_initializer(
    tf.data.Dataset.from_tensors(tf.ones([2, 2]))))
good_init = re_it.make_initializer(tf.data.Dataset.from_tensor_slices(X).batch(5))
show("slices", lambda: tf.data.Dataset.from_tensor_slices((X, Y[:3])))
bad_map = tf.data.Dataset.from_tensor_slices(X).map(
    lambda v: tf.reshape(tf.boolean_mask(v, v > -100.0), [2, 2])).make_one_shot_iterator(
).get_next()

q = tf.FIFOQueue(4, [tf.float32], shapes=[[3]], name="fq")
enq = q.enqueue_many([X[:2]])
deq = q.dequeue()
deq3 = q.dequeue_many(3)
close = q.close()
rq = tf.RandomShuffleQueue(6, 2, [tf.int32], shapes=[[]], seed=3, name="rq")
r_enq = rq.enqueue_many([[5, 6, 7]])
r_deq = rq.dequeue()
r_close = rq.close()
print(len(g.get_operations()))

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    step = 0
    while True:
        try:
            _, lv = s.run([train, loss])
            print("step", step, repr(float(lv)))
            step += 1
        except tf.errors.OutOfRangeError as e:
            print("end", type(e).__name__, repr(head(e)), e.op.name if e.op else None)
            break
    show("again", lambda: s.run(xb))
    show("uninit", lambda: s.run(nxt))
    s.run(init_it.initializer)
    print([s.run(nxt) for _ in range(3)])
    show("exhausted", lambda: s.run(nxt))
    show("re_uninit", lambda: s.run(re_next))
    s.run(good_init)
    print(s.run(re_next).sum().tolist())
    show("map", lambda: s.run(bad_map))
    s.run(enq)
    show("deq", lambda: s.run(deq))
    s.run(close)
    show("deq3", lambda: s.run(deq3))
    show("deq_last", lambda: s.run(deq))
    show("deq_empty", lambda: s.run(deq))
    show("enq_closed", lambda: s.run(enq))
    s.run(r_enq)
    s.run(r_close)
    got = sorted(s.run(r_deq).tolist() for _ in range(3))
    print(got)
    show("rq_empty", lambda: s.run(r_deq))
    print(s.run(w).ravel().tolist())
print(len(g.get_operations()))
