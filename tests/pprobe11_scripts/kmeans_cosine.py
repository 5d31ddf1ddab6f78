"""Cosine k-means in the style of aymericdamien's TensorFlow-Examples with
tf.contrib.factorization.KMeans: training_graph(), its init op run until initialized,
full-batch steps (TF's mini-batch update gathers the counts unordered with their
scatter_add, so TF 1.14 itself prints different numbers from run to run) with cosine
distance, kmeans++ and random init on synthetic blobs, then cluster-to-label
assignment by counts and an accuracy."""

import hashlib
import numpy as np
import tensorflow as tf
from tensorflow.contrib.factorization import KMeans


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1111)
tf.set_random_seed(1112)
centers = rs.randn(5, 8).astype(np.float32) * 4
lab = rs.randint(0, 5, 200)
data = (centers[lab] + rs.randn(200, 8)).astype(np.float32)
onehot = np.eye(5, dtype=np.float32)[lab]


def run(init, metric, steps):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1113)
        X = tf.placeholder(tf.float32, shape=[None, 8])
        Y = tf.placeholder(tf.float32, shape=[None, 5])
        kmeans = KMeans(inputs=X, num_clusters=7, distance_metric=metric,
                        use_mini_batch=False, initial_clusters=init,
                        random_seed=1114)
        training_graph = kmeans.training_graph()
        if len(training_graph) > 6:
            (all_scores, cluster_idx, scores, cluster_centers_initialized,
             cluster_centers_var, init_op, train_op) = training_graph
        else:
            (all_scores, cluster_idx, scores, cluster_centers_initialized,
             init_op, train_op) = training_graph
        cluster_idx = cluster_idx[0]
        avg_distance = tf.reduce_mean(scores)
        init_vars = tf.global_variables_initializer()
        print("ops", init, metric, len(g.get_operations()))
        with tf.Session() as sess:
            sess.run(init_vars, feed_dict={X: data})
            sess.run(init_op, feed_dict={X: data})
            print("initialized", sess.run(cluster_centers_initialized))
            for i in range(1, steps + 1):
                _, d, idx = sess.run([train_op, avg_distance, cluster_idx],
                                     feed_dict={X: data})
                print("Step %i, Avg Distance: %r" % (i, float(d)), H(idx))
            counts = np.zeros(shape=(7, 5))
            for i in range(len(idx)):
                counts[idx[i]] += onehot[i]
            labels_map = [np.argmax(c) for c in counts]
            labels_map = tf.convert_to_tensor(labels_map)
            cluster_label = tf.nn.embedding_lookup(labels_map, cluster_idx)
            correct = tf.equal(cluster_label, tf.cast(tf.argmax(Y, 1), tf.int32))
            acc = tf.reduce_mean(tf.cast(correct, tf.float32))
            print("accuracy", repr(float(sess.run(acc, {X: data, Y: onehot}))))
            print("idx", idx.tolist()[:30])
            print("scores", H(sess.run(all_scores, {X: data})[0]))


run("kmeans_plus_plus", "cosine", 4)
run("random", "cosine", 5)
