"""Scheduled sampling as seq2seq tutorials write it: ScheduledEmbeddingTrainingHelper with
a decaying sampling_probability fed each step (seeded), ScheduledOutputTrainingHelper with
auxiliary inputs and a next_inputs_fn, SampleEmbeddingHelper with a softmax temperature,
sequence_loss with target weights from sequence_mask in its averaging modes, and the
ValueErrors of bad arguments: losses over a few steps, sample ids, lengths.
parallel_iterations=1: TF's draws in a parallel loop come in a racy order."""
import numpy as np
import tensorflow as tf

np.random.seed(6)
tf.set_random_seed(31)
rs = np.random.RandomState(23)
B, T, V, E, H = 5, 6, 9, 4, 7
tgt_in = rs.randint(0, V, (B, T)).astype(np.int32)
tgt_out = rs.randint(0, V, (B, T)).astype(np.int32)
tgt_len = np.array([6, 1, 4, 3, 5], np.int32)

inp = tf.placeholder(tf.int32, [None, None], name="inp")
out = tf.placeholder(tf.int32, [None, None], name="out")
lens = tf.placeholder(tf.int32, [None], name="lens")
prob = tf.placeholder(tf.float32, [], name="sampling_probability")
with tf.variable_scope("s2s", initializer=tf.glorot_uniform_initializer(seed=3)):
    emb = tf.get_variable("emb", [V, E])
    cell = tf.nn.rnn_cell.LSTMCell(H, name="lstm")
    proj = tf.layers.Dense(V, name="proj")
    x = tf.nn.embedding_lookup(emb, inp)
    helper = tf.contrib.seq2seq.ScheduledEmbeddingTrainingHelper(
        x, lens, emb, prob, seed=11, scheduling_seed=12)
    init = cell.zero_state(tf.shape(inp)[0], tf.float32)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, init, output_layer=proj)
    o, st, fl = tf.contrib.seq2seq.dynamic_decode(dec, impute_finished=True,
                                                  parallel_iterations=1)
    mask = tf.sequence_mask(lens, tf.shape(out)[1], dtype=tf.float32)
    loss = tf.contrib.seq2seq.sequence_loss(o.rnn_output, out, mask)
    per_t = tf.contrib.seq2seq.sequence_loss(o.rnn_output, out, mask,
                                             average_across_timesteps=False)
    per_b = tf.contrib.seq2seq.sequence_loss(o.rnn_output, out, mask,
                                             average_across_batch=False)
    summed = tf.contrib.seq2seq.sequence_loss(o.rnn_output, out, mask,
                                              average_across_timesteps=False,
                                              average_across_batch=False,
                                              sum_over_timesteps=True, sum_over_batch=True)
    print(loss.shape, per_t.shape, per_b.shape, summed.shape, loss.op.name)
    train = tf.train.RMSPropOptimizer(0.05).minimize(loss)

with tf.variable_scope("out_helper", initializer=tf.glorot_uniform_initializer(seed=4)):
    aux = tf.constant(rs.randn(B, T, 2).astype(np.float32))
    raw = tf.constant(rs.randn(B, T, 3).astype(np.float32))
    cell2 = tf.nn.rnn_cell.GRUCell(3, name="gru")
    h2 = tf.contrib.seq2seq.ScheduledOutputTrainingHelper(
        raw, tf.constant(tgt_len), 0.5, auxiliary_inputs=aux, seed=7,
        next_inputs_fn=tf.tanh)
    d2 = tf.contrib.seq2seq.BasicDecoder(cell2, h2, cell2.zero_state(B, tf.float32))
    o2, _, l2 = tf.contrib.seq2seq.dynamic_decode(d2, parallel_iterations=1)
    print(o2.rnn_output.shape, o2.sample_id.dtype, o2.sample_id.shape)

with tf.variable_scope("s2s", reuse=True):
    sh = tf.contrib.seq2seq.SampleEmbeddingHelper(emb, tf.fill([B], 0), 1,
                                                  softmax_temperature=0.5, seed=19)
    sd = tf.contrib.seq2seq.BasicDecoder(cell, sh, cell.zero_state(B, tf.float32),
                                         output_layer=proj)
    so, _, sl = tf.contrib.seq2seq.dynamic_decode(sd, maximum_iterations=8,
                                                  parallel_iterations=1)

fd = {inp: tgt_in, out: tgt_out, lens: tgt_len}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        p = 1.0 - 0.9 ** (step + 1) if step < 3 else 0.0
        fd[prob] = p
        lv, ids, _ = sess.run([loss, o.sample_id, train], fd)
        print("step", step, round(p, 4), repr(float(lv)), ids.tolist())
    fd[prob] = 0.5
    pt, pb, sm, f = sess.run([per_t, per_b, summed, fl], fd)
    print("per_t", pt.round(5).tolist())
    print("per_b", pb.round(5).tolist())
    print("summed", repr(float(sm)), f.tolist())
    r2, s2, n2 = sess.run([o2.rnn_output, o2.sample_id, l2])
    print("output helper", r2[2].round(5).tolist(), s2.tolist(), n2.tolist())
    si, sn = sess.run([so.sample_id, sl])
    print("sampled", si.tolist(), sn.tolist())

for kw in [dict(sampling_probability=[0.5, 0.5]), dict(sampling_probability=tf.constant(0.5),
                                                         embedding=emb, seed=None)]:
    try:
        args = dict(inputs=x, sequence_length=lens, embedding=emb)
        args.update(kw)
        tf.contrib.seq2seq.ScheduledEmbeddingTrainingHelper(**args)
        print("built", sorted(kw))
    except ValueError as e:
        print("ValueError", e)
for lg, kw in [(o.rnn_output, dict(average_across_timesteps=True, sum_over_timesteps=True)),
               (o.rnn_output, dict(average_across_batch=True, sum_over_batch=True)),
               (o.rnn_output[0], {}), (o.rnn_output, dict(weights=mask[0]))]:
    try:
        kw.setdefault("weights", mask)
        sl_bad = tf.contrib.seq2seq.sequence_loss(lg, out, **kw)
        print(sl_bad)
    except ValueError as e:
        print("ValueError", e)
try:
    tf.contrib.seq2seq.TrainingHelper(tf.zeros([3, 4, 2]), [[4, 4, 4]])
except ValueError as e:
    print("ValueError", e)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    bad_fd = {inp: tgt_in, out: tgt_out + 5, lens: tgt_len, prob: 0.0}
    for feed in [bad_fd, {inp: tgt_in, out: tgt_out, lens: tgt_len, prob: 0.0,
                          mask: np.ones((5, 4), np.float32)}]:
        try:
            sess.run(loss, feed)
        except tf.errors.InvalidArgumentError as e:
            print("InvalidArgumentError", e.op.name, e.message.splitlines()[0])
