"""ScheduledEmbeddingTrainingHelper (seeded; parallel_iterations=1, as TF's sampling in a
parallel loop is racy) with impute_finished, sequence_loss and RMSProp: op counts before
the gradients, losses, sample ids and outputs."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
rng = np.random.RandomState(4)
B, T, V, E, H = 3, 5, 10, 4, 6
tgt = rng.randint(0, V, (B, T)).astype(np.int32)
lens = np.array([5, 2, 4], np.int32)
emb = tf.get_variable("emb", [V, E])
inp = tf.nn.embedding_lookup(emb, tf.constant(tgt))
helper = tf.contrib.seq2seq.ScheduledEmbeddingTrainingHelper(inp, tf.constant(lens), emb, 0.5,
                                                             seed=17)
cell = tf.nn.rnn_cell.GRUCell(H)
proj = tf.layers.Dense(V)
dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(B, tf.float32),
                                      output_layer=proj)
out, st, ol = tf.contrib.seq2seq.dynamic_decode(dec, impute_finished=True, parallel_iterations=1)
print("dec", len(tf.get_default_graph().get_operations()))
w = tf.sequence_mask(lens, T, dtype=tf.float32)
loss = tf.contrib.seq2seq.sequence_loss(out.rnn_output, tf.constant(tgt), w,
                                        average_across_timesteps=True, average_across_batch=True)
print("loss", len(tf.get_default_graph().get_operations()))
opt = tf.train.RMSPropOptimizer(0.01)
train = opt.minimize(loss)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        lv, sid, _ = s.run([loss, out.sample_id, train])
        print(i, repr(float(lv)), sid.tolist())
    print(s.run(out.rnn_output)[0, :, :3].astype(np.float64).tolist())
