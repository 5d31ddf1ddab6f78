import math
import numpy as np
import tensorflow as tf

tf.set_random_seed(7)
rng = np.random.RandomState(2)
vocabulary_size, embedding_size, batch_size, num_sampled = 200, 16, 32, 8
valid_examples = np.array([1, 5, 9, 13])
graph = tf.Graph()
with graph.as_default():
    tf.set_random_seed(7)
    train_inputs = tf.placeholder(tf.int32, shape=[batch_size])
    train_labels = tf.placeholder(tf.int32, shape=[batch_size, 1])
    valid_dataset = tf.constant(valid_examples, dtype=tf.int32)
    with tf.name_scope("embeddings"):
        embeddings = tf.Variable(tf.random_uniform([vocabulary_size, embedding_size], -1.0, 1.0))
        embed = tf.nn.embedding_lookup(embeddings, train_inputs)
    with tf.name_scope("weights"):
        nce_weights = tf.Variable(
            tf.truncated_normal(
                [vocabulary_size, embedding_size], stddev=1.0 / math.sqrt(embedding_size)
            )
        )
    with tf.name_scope("biases"):
        nce_biases = tf.Variable(tf.zeros([vocabulary_size]))
    with tf.name_scope("loss"):
        loss = tf.reduce_mean(
            tf.nn.nce_loss(
                weights=nce_weights,
                biases=nce_biases,
                labels=train_labels,
                inputs=embed,
                num_sampled=num_sampled,
                num_classes=vocabulary_size,
            )
        )
    tf.summary.scalar("loss", loss)
    with tf.name_scope("optimizer"):
        optimizer = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
    norm = tf.sqrt(tf.reduce_sum(tf.square(embeddings), 1, keepdims=True))
    normalized_embeddings = embeddings / norm
    valid_embeddings = tf.nn.embedding_lookup(normalized_embeddings, valid_dataset)
    similarity = tf.matmul(valid_embeddings, normalized_embeddings, transpose_b=True)
    merged = tf.summary.merge_all()
    init = tf.global_variables_initializer()
    print(len(graph.get_operations()))
with tf.Session(graph=graph) as session:
    init.run()
    for step in range(5):
        bi = rng.randint(0, vocabulary_size, batch_size).astype(np.int32)
        bl = rng.randint(0, vocabulary_size, (batch_size, 1)).astype(np.int32)
        _, lv = session.run([optimizer, loss], feed_dict={train_inputs: bi, train_labels: bl})
        print(step, repr(float(lv)))
    sim = similarity.eval()
    for i in range(4):
        print((-sim[i, :]).argsort()[1:5].tolist(), sim[i, :3].astype(np.float64).tolist())
    print(normalized_embeddings.eval()[0].astype(np.float64).tolist())
