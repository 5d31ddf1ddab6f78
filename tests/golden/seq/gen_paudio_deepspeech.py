"""A DeepSpeech-style TF1 program under TF 1.14 (paudio_deepspeech.json) and flowgrad
(tests/test_paudio_deepspeech.py): MFCC frames (tf.signal) into a bidirectional LSTM with
sequence_length, a time-major projection, tf.nn.ctc_loss from dense labels turned sparse
(tf.where(tf.not_equal(...)) and tf.gather_nd), greedy and beam decoding, the label error
rate with tf.edit_distance, decoded SparseTensors made dense; one Adam step. The forward
GraphDef's node names and types, variable names, static shapes, and the values. Valid
Python 3.7."""
import numpy as np


def program(tf):
    tf.set_random_seed(3)
    rng = np.random.RandomState(9)
    batch, samples, num_classes = 3, 2400, 6
    audio = tf.constant(rng.normal(0, 0.3, (batch, samples)).astype(np.float32))
    stft = tf.signal.stft(audio, 256, 128, fft_length=256)
    mel = tf.signal.linear_to_mel_weight_matrix(20, 129, 8000, 20.0, 4000.0)
    log_mel = tf.log(tf.tensordot(tf.abs(stft), mel, 1) + 1e-6)
    log_mel.set_shape(stft.shape[:-1].concatenate(mel.shape[-1:]))
    feats = tf.signal.mfccs_from_log_mel_spectrograms(log_mel)[..., :13]
    seq_len = tf.placeholder(tf.int32, [None], name="seq_len")
    with tf.variable_scope("birnn"):
        fw = tf.nn.rnn_cell.LSTMCell(8, initializer=tf.glorot_uniform_initializer(seed=1))
        bw = tf.nn.rnn_cell.LSTMCell(8, initializer=tf.glorot_uniform_initializer(seed=2))
        (out_fw, out_bw), _ = tf.nn.bidirectional_dynamic_rnn(
            fw, bw, feats, sequence_length=seq_len, dtype=tf.float32)
    hidden = tf.concat([out_fw, out_bw], 2)
    logits = tf.layers.dense(hidden, num_classes, name="proj",
                             kernel_initializer=tf.glorot_uniform_initializer(seed=5))
    logits_tm = tf.transpose(logits, [1, 0, 2])
    dense_labels = tf.placeholder(tf.int32, [None, None], name="labels")
    idx = tf.where(tf.not_equal(dense_labels, 0))
    sparse_labels = tf.SparseTensor(idx, tf.gather_nd(dense_labels, idx),
                                    tf.shape(dense_labels, out_type=tf.int64))
    loss = tf.reduce_mean(tf.nn.ctc_loss(sparse_labels, logits_tm, seq_len,
                                         ignore_longer_outputs_than_inputs=True))
    greedy, greedy_lp = tf.nn.ctc_greedy_decoder(logits_tm, seq_len)
    beam, beam_lp = tf.nn.ctc_beam_search_decoder(logits_tm, seq_len, beam_width=4,
                                                  top_paths=2)
    ler = tf.reduce_mean(tf.edit_distance(tf.cast(greedy[0], tf.int32), sparse_labels))
    dense_out = tf.sparse_tensor_to_dense(greedy[0], default_value=-1)
    feed = {seq_len: [17, 12, 9], dense_labels: [[1, 2, 2, 3], [4, 1, 0, 0], [3, 0, 0, 0]]}
    # the forward GraphDef (flowgrad's graph holds its own loop ops, exported as TF's; the
    # while loops' gradient nodes are not TF's yet)
    ops = [n.name + ":" + n.op for n in tf.get_default_graph().as_graph_def().node]
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
    shapes = [[t.name, t.shape.as_list() if t.shape.ndims is not None else None]
              for t in (stft, log_mel, feats, out_fw, hidden, logits_tm, idx, loss,
                        greedy[0].indices, greedy_lp, beam[1].values, beam_lp, dense_out)]
    names = [v.name for v in tf.global_variables()]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        before = sess.run([loss, ler, greedy_lp, beam_lp, dense_out, beam[0].values,
                           beam[1].indices, feats], feed)
        sess.run(train, feed)
        after = sess.run([loss, ler, dense_out], feed)
    return {"ops": ops, "shapes": shapes, "names": names, "before": before, "after": after}


def _err(fn):
    try:
        r = fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return str(r)


def errors(tf):
    """The CTC ops' sequence_length must be int32: TF's TypeErrors for an int64 tensor and
    for float values (an int64 NumPy array converts); the other dtype and rank errors."""
    x32 = tf.constant(np.zeros((3, 2, 4), np.float32))
    x64 = tf.constant(np.zeros((3, 2, 4)))
    sp = tf.SparseTensor([[0, 0]], [1], [2, 1])
    s64 = tf.constant([3, 3], tf.int64)
    out = [_err(lambda: tf.nn.ctc_loss(sp, x32, s64)),
           _err(lambda: tf.nn.ctc_loss(sp, x32, [3.0, 3.0])),
           _err(lambda: tf.nn.ctc_loss(sp, x32, np.array([3, 3], np.int64))),
           _err(lambda: tf.nn.ctc_greedy_decoder(x32, s64)),
           _err(lambda: tf.nn.ctc_greedy_decoder(x32, [3.0, 3.0])),
           _err(lambda: tf.nn.ctc_beam_search_decoder(x32, s64)),
           _err(lambda: tf.nn.ctc_beam_search_decoder(x32, [3.5, 3])),
           _err(lambda: tf.nn.ctc_loss(sp, x64, [3, 3])),
           _err(lambda: tf.nn.ctc_greedy_decoder(x64, [3, 3])),
           _err(lambda: tf.nn.ctc_loss(sp, x32, [[3, 3]])),
           _err(lambda: tf.nn.ctc_loss(sp, x32[0], [3, 3])),
           _err(lambda: tf.nn.ctc_loss(sp, x32, [3, 3, 3]))]
    return [out, [op.name for op in tf.get_default_graph().get_operations()]]


def cases(tf):
    out = {}
    for fn in (program, errors):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out
