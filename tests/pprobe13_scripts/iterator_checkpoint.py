"""Resuming an input pipeline mid-epoch: tf.data.experimental.make_saveable_from_iterator in
the SAVEABLE_OBJECTS collection, a Saver checkpointing the iterator (shuffle with a seed,
map, batch, repeat, skip) with a variable into a temp directory, restored in a new session
and in a fresh graph; the batches after the restore continue the saved stream."""

import os
import tempfile
import tensorflow as tf

d = tempfile.mkdtemp()
ckpt = os.path.join(d, "model.ckpt")


def build():
    tf.set_random_seed(13)
    ds = tf.data.Dataset.range(11).shuffle(11, seed=2, reshuffle_each_iteration=True) \
        .map(lambda x: x * 10).batch(3).repeat(3).skip(1)
    it = ds.make_initializable_iterator()
    sv = tf.data.experimental.make_saveable_from_iterator(it)
    tf.add_to_collection(tf.GraphKeys.SAVEABLE_OBJECTS, sv)
    step = tf.train.get_or_create_global_step()
    inc = tf.assign_add(step, 1)
    return it, it.get_next(), inc, tf.train.Saver()


g1 = tf.Graph()
with g1.as_default():
    it, nxt, inc, saver = build()
    print(len(g1.get_operations()), sorted({o.type for o in g1.get_operations()
                                             if "Iterator" in o.type or "Save" in o.type}))
    with tf.Session() as s:
        s.run([it.initializer, tf.global_variables_initializer()])
        for _ in range(5):
            print("a", s.run([nxt, inc])[0].tolist())
        p = saver.save(s, ckpt, global_step=inc)
        print(os.path.basename(p), sorted(n for n, _ in tf.train.list_variables(d)))
        rest = []
        while True:
            try:
                rest.append(s.run(nxt).tolist())
            except tf.errors.OutOfRangeError:
                break
        print("a-rest", rest)
    with tf.Session() as s:
        saver.restore(s, p)
        print("b", s.run(tf.train.get_global_step()), [s.run(nxt).tolist() for _ in range(3)])

g2 = tf.Graph()
with g2.as_default():
    it, nxt, inc, saver = build()
    with tf.Session() as s:
        saver.restore(s, tf.train.latest_checkpoint(d))
        out = []
        while True:
            try:
                out.append(s.run(nxt).tolist())
            except tf.errors.OutOfRangeError:
                break
        print("c", s.run(tf.train.get_global_step()), out)
