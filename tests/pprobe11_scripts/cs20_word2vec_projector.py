"""CS20si's word2vec skip-gram model: embeddings under name scopes, tf.nn.nce_loss with a
seeded sampler, GradientDescent, tf.summary scalar/histogram merged and written with a
FileWriter, a Saver checkpoint and the embedding projector's config
(tf.contrib.tensorboard.plugins.projector) with metadata; prints losses, the summaries'
parsed values, the projector_config.pbtxt text and the files written (no paths)."""

import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow.contrib.tensorboard.plugins import projector


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


VOCAB, EMBED, BATCH, NUM_SAMPLED = 50, 16, 24, 8
rs = np.random.RandomState(1151)
tf.set_random_seed(1152)
words = rs.zipf(1.6, 2000) % VOCAB


def batches():
    while True:
        centers = np.zeros(BATCH, np.int32)
        targets = np.zeros([BATCH, 1], np.int32)
        for i in range(BATCH):
            j = rs.randint(2, len(words) - 2)
            centers[i] = words[j]
            targets[i, 0] = words[j + rs.choice([-2, -1, 1, 2])]
        yield centers, targets


class SkipGramModel:
    def __init__(self):
        self.global_step = tf.Variable(0, dtype=tf.int32, trainable=False, name='global_step')

    def _create_placeholders(self):
        with tf.name_scope("data"):
            self.center_words = tf.placeholder(tf.int32, shape=[BATCH], name='center_words')
            self.target_words = tf.placeholder(tf.int32, shape=[BATCH, 1], name='target_words')

    def _create_embedding(self):
        with tf.name_scope("embed"):
            self.embed_matrix = tf.Variable(tf.random_uniform([VOCAB, EMBED], -1.0, 1.0),
                                            name='embed_matrix')

    def _create_loss(self):
        with tf.name_scope("loss"):
            embed = tf.nn.embedding_lookup(self.embed_matrix, self.center_words, name='embed')
            nce_weight = tf.Variable(tf.truncated_normal([VOCAB, EMBED],
                                                         stddev=1.0 / (EMBED ** 0.5)),
                                     name='nce_weight')
            nce_bias = tf.Variable(tf.zeros([VOCAB]), name='nce_bias')
            self.loss = tf.reduce_mean(tf.nn.nce_loss(weights=nce_weight, biases=nce_bias,
                                                      labels=self.target_words, inputs=embed,
                                                      num_sampled=NUM_SAMPLED,
                                                      num_classes=VOCAB), name='loss')

    def _create_optimizer(self):
        self.optimizer = tf.train.GradientDescentOptimizer(0.5).minimize(
            self.loss, global_step=self.global_step)

    def _create_summaries(self):
        with tf.name_scope("summaries"):
            tf.summary.scalar("loss", self.loss)
            tf.summary.histogram("histogram_loss", self.loss)
            self.summary_op = tf.summary.merge_all()

    def build_graph(self):
        self._create_placeholders()
        self._create_embedding()
        self._create_loss()
        self._create_optimizer()
        self._create_summaries()


model = SkipGramModel()
model.build_graph()
print("ops", len(tf.get_default_graph().get_operations()), model.summary_op.name,
      model.loss.name)
tmp = tempfile.mkdtemp()
saver = tf.train.Saver()
gen = batches()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(os.path.join(tmp, 'graphs'), sess.graph)
    total = 0.0
    for index in range(30):
        centers, targets = next(gen)
        loss_batch, _, summary = sess.run([model.loss, model.optimizer, model.summary_op],
                                          feed_dict={model.center_words: centers,
                                                     model.target_words: targets})
        writer.add_summary(summary, global_step=index)
        total += float(loss_batch)
        if (index + 1) % 10 == 0:
            print('Average loss at step {}: {!r}'.format(index, total / 10))
            total = 0.0
            s = tf.Summary.FromString(summary)
            print([(v.tag, repr(v.simple_value), v.histo.num, repr(v.histo.sum))
                   for v in s.value])
    saver.save(sess, os.path.join(tmp, 'checkpoints', 'skip-gram'), global_step=model.global_step)
    final_embed_matrix = sess.run(model.embed_matrix)
    print(H(final_embed_matrix))
    embedding_var = tf.Variable(final_embed_matrix[:20], name='embedding')
    sess.run(embedding_var.initializer)
    config = projector.ProjectorConfig()
    summary_writer = tf.summary.FileWriter(os.path.join(tmp, 'processed'))
    embedding = config.embeddings.add()
    embedding.tensor_name = embedding_var.name
    embedding.metadata_path = 'vocab_20.tsv'
    projector.visualize_embeddings(summary_writer, config)
    saver_embed = tf.train.Saver([embedding_var])
    saver_embed.save(sess, os.path.join(tmp, 'processed', 'model3.ckpt'), 1)
    writer.close()
    summary_writer.close()
print(open(os.path.join(tmp, 'processed', 'projector_config.pbtxt')).read())
for d in ('checkpoints', 'processed'):
    print(d, sorted(f for f in os.listdir(os.path.join(tmp, d)) if 'events' not in f))
print(open(os.path.join(tmp, 'checkpoints', 'checkpoint')).read().replace(tmp, '<tmp>'))
ckpt = os.path.join(tmp, 'processed', 'model3.ckpt-1')
print(sorted(n for n, _ in tf.train.list_variables(ckpt)))
print([len(os.listdir(os.path.join(tmp, d))) for d in ('graphs',)])
shutil.rmtree(tmp)
