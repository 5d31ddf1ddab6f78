"""tf.contrib.factorization.KMeans training ops as in public clustering examples: random
and kmeans++ initialization, squared euclidean distances, full-batch steps (TF's
mini-batch update races a ScatterAdd with a gather of the same variable), the
initialization loop run until cluster_centers_initialized: op counts, summed
distances, cluster centers and assignments."""
import numpy as np
import tensorflow as tf
from tensorflow.contrib.factorization import KMeans
from tensorflow.contrib.factorization.python.ops import clustering_ops as co

rs = np.random.RandomState(982)
tf.set_random_seed(983)
pts = np.concatenate([rs.randn(10, 2) + c for c in ([3, 0], [-3, 1], [0, -3])]).astype(np.float32)
X = tf.constant(pts)
for init, dist, mb in [(co.RANDOM_INIT, co.SQUARED_EUCLIDEAN_DISTANCE, 0),
                       (co.KMEANS_PLUS_PLUS_INIT, co.SQUARED_EUCLIDEAN_DISTANCE, 0)]:
    with tf.Graph().as_default():
        tf.set_random_seed(984)
        km = KMeans(tf.constant(pts), 3, initial_clusters=init, distance_metric=dist,
                    use_mini_batch=mb > 0, mini_batch_steps_per_iteration=max(mb, 1),
                    random_seed=985)
        (all_scores, cluster_idx, scores, cinit, init_op, train_op) = km.training_graph()
        loss = tf.reduce_sum(scores[0])
        print(init, dist, mb, len(tf.get_default_graph().get_operations()))
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            while not s.run(cinit):
                s.run(init_op)
            for i in range(4):
                _, lv = s.run([train_op, loss])
                print(i, repr(float(lv)))
            cv = [v for v in tf.global_variables() if v.name.startswith("clusters")][0]
            print(s.run(cv).tolist())
            print(s.run(cluster_idx[0]).tolist())
