"""K-Means on synthetic "digits" with tf.contrib.factorization.KMeans, in the way of
aymericdamien/TensorFlow-Examples' kmeans.py (there: MNIST; here: ten noisy prototypes, so
nothing is downloaded). Full-batch by default: TF's mini-batch step reads the cluster counts
while it updates them (unordered), so its numbers depend on the order its executor picks
(`--mini_batch` runs the tutorial's mini-batch variant)."""
import sys

import numpy as np
import tensorflow as tf
from tensorflow.contrib.factorization import KMeans

rng = np.random.RandomState(1234)
num_classes, num_features = 10, 64
prototypes = rng.rand(num_classes, num_features).astype(np.float32)


def make(n):
    labels = rng.randint(0, num_classes, n)
    x = prototypes[labels] + 0.8 * rng.randn(n, num_features).astype(np.float32)
    return np.clip(x, 0, None).astype(np.float32), np.eye(num_classes, dtype=np.float32)[labels]


full_data_x, train_labels = make(1500)
test_x, test_y = make(500)

# Parameters
num_steps = 30  # Total steps to train
k = 25  # The number of clusters

# Input images
X = tf.placeholder(tf.float32, shape=[None, num_features])
# Labels (for assigning a label to a centroid and testing)
Y = tf.placeholder(tf.float32, shape=[None, num_classes])

# K-Means Parameters
kmeans = KMeans(inputs=X, num_clusters=k, distance_metric='cosine',
                use_mini_batch="--mini_batch" in sys.argv[1:])

# Build KMeans graph
training_graph = kmeans.training_graph()

if len(training_graph) > 6:  # Tensorflow 1.4+
    (all_scores, cluster_idx, scores, cluster_centers_initialized,
     cluster_centers_var, init_op, train_op) = training_graph
else:
    (all_scores, cluster_idx, scores, cluster_centers_initialized,
     init_op, train_op) = training_graph

cluster_idx = cluster_idx[0]  # fix for cluster_idx being a tuple
avg_distance = tf.reduce_mean(scores)

# Initialize the variables (i.e. assign their default value)
init_vars = tf.global_variables_initializer()

# Start TensorFlow session
sess = tf.Session()

# Run the initializer
sess.run(init_vars, feed_dict={X: full_data_x})
sess.run(init_op, feed_dict={X: full_data_x})

# Training
for i in range(1, num_steps + 1):
    _, d, idx = sess.run([train_op, avg_distance, cluster_idx],
                         feed_dict={X: full_data_x})
    if i % 10 == 0 or i == 1:
        print("Step %i, Avg Distance: %f" % (i, d))

# Assign a label to each centroid
counts = np.zeros(shape=(k, num_classes))
for i in range(len(idx)):
    counts[idx[i]] += train_labels[i]
labels_map = [np.argmax(c) for c in counts]
labels_map = tf.convert_to_tensor(labels_map)

# Evaluation ops
cluster_label = tf.nn.embedding_lookup(labels_map, cluster_idx)
correct_prediction = tf.equal(cluster_label, tf.cast(tf.argmax(Y, 1), tf.int32))
accuracy_op = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

print("Test Accuracy:", sess.run(accuracy_op, feed_dict={X: test_x, Y: test_y}))
