"""Dataset.shuffle with the graph seed only and with an op seed, reshuffle_each_iteration
True and False over three epochs of repeat, an initializable iterator re-initialized
three times and in a second session."""
import tensorflow as tf

tf.set_random_seed(13)
g = tf.get_default_graph()
ds = tf.data.Dataset.range(10).shuffle(6).batch(4)
print(len(g.get_operations()))
ds2 = tf.data.Dataset.range(12).shuffle(12, seed=4, reshuffle_each_iteration=False).repeat(3)
ds3 = tf.data.Dataset.range(12).shuffle(5, seed=4, reshuffle_each_iteration=True).repeat(3)
print(len(g.get_operations()))
it = ds.make_initializable_iterator()
n = it.get_next()
it2 = ds2.make_one_shot_iterator()
n2 = it2.get_next()
it3 = ds3.make_one_shot_iterator()
n3 = it3.get_next()
print(len(g.get_operations()))
with tf.Session() as s:
    for ep in range(3):
        s.run(it.initializer)
        out = []
        try:
            while True:
                out.append(s.run(n).tolist())
        except tf.errors.OutOfRangeError:
            pass
        print("ep", ep, out)
    print([int(s.run(n2)) for _ in range(36)])
    print([int(s.run(n3)) for _ in range(36)])
with tf.Session() as s:
    s.run(it.initializer)
    print("new sess", s.run(n).tolist())
