"""tf.contrib.factorization.KMeans under TF 1.14: the aymericdamien-style training loop on
fixed data (tests/test_factorization.py runs the same cases with flowgrad).

k-MC2 initialization and mini-batch training race in TF 1.14 (the counts' Gather reads a ref variable that the
ScatterAdd of the same step updates, unordered): only its first step, which precedes any
update, is recorded."""
import numpy as np

DATA = np.random.RandomState(0).rand(40, 5).astype(np.float32)


def _km(tf):
    return tf.contrib.factorization


def train(tf, steps=4, mini_batch=False, metric="squared_euclidean", init="random",
          per_iter=1, graph_seed=1, random_seed=0, num_clusters=4, retries=2, chain=200):
    """The tutorial's loop: init_op once, then train_op steps, fetching the mean score and
    cluster_idx[0]; returns the variables, the history and the final centers."""
    tf.reset_default_graph()
    if graph_seed is not None:
        tf.set_random_seed(graph_seed)
    x = tf.placeholder(tf.float32, shape=[None, 5])
    if init == "tensor":
        init = tf.constant(DATA[[3, 11, 27]])
    elif init == "callable":
        def init(inputs, k):
            return inputs[0][7:7 + k]
    kmeans = _km(tf).KMeans(inputs=x, num_clusters=num_clusters, initial_clusters=init,
                            distance_metric=metric, use_mini_batch=mini_batch,
                            mini_batch_steps_per_iteration=per_iter, random_seed=random_seed,
                            kmeans_plus_plus_num_retries=retries, kmc2_chain_length=chain)
    (all_scores, cluster_idx, scores, initialized, init_op,
     train_op) = kmeans.training_graph()
    cluster_idx = cluster_idx[0]
    avg_distance = tf.reduce_mean(scores)
    out = {"variables": [[v.name, v.dtype.name, v.shape.as_list() if v.shape.ndims is not None
                          else None] for v in tf.global_variables()],
           "trainable": [v.name for v in tf.trainable_variables()],
           "all_scores_names": [a.name for a in all_scores],
           # TF's op counter (graph-seeded ops made later take their seeds from it)
           "last_id": tf.get_default_graph()._last_id,
           "idx_name": cluster_idx.name}
    centers = [v for v in tf.global_variables() if v.name == "clusters:0"][0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out["initialized_before"] = sess.run(initialized)
        runs = 0
        while not sess.run(initialized) and runs < 10:   # k-MC2 adds a few centers a run
            sess.run(init_op, feed_dict={x: DATA})
            runs += 1
        out["init_runs"] = runs
        out["initialized_after"] = sess.run(initialized)
        if init == "kmc2":
            # k-MC2's while loop assigns the centers in parallel iterations: TF's values race
            out["init_shape"] = list(sess.run(centers).shape)
            return out
        out["init_centers"] = sess.run(centers)
        hist = []
        for i in range(1 if mini_batch else steps):
            _, d, idx = sess.run([train_op, avg_distance, cluster_idx], feed_dict={x: DATA})
            hist.append([d, idx])
        out["history"] = hist
        if not mini_batch:
            out["centers"] = sess.run(centers)
            # (all_scores fetched with train_op races with the Assign: fetched alone)
            out["all_scores"] = sess.run(all_scores[0], feed_dict={x: DATA})
    return out


def sharded(tf, init):
    """Inputs given as a list of two shards (full batch, 3 steps)."""
    tf.reset_default_graph()
    tf.set_random_seed(3)
    a, b = tf.constant(DATA[:25]), tf.constant(DATA[25:])
    kmeans = _km(tf).KMeans([a, b], 4, initial_clusters=init, random_seed=9)
    _, idx, scores, _, init_op, train_op = kmeans.training_graph()
    out = {"last_id": tf.get_default_graph()._last_id}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(init_op)
        for _ in range(3):
            sess.run(train_op)
        out["idx"] = sess.run(list(idx))
        out["scores"] = sess.run(list(scores))
    return out


def cases(tf):
    out = {}
    for metric in ("squared_euclidean", "cosine"):
        out["full_" + metric] = train(tf, metric=metric)
        out["mini_" + metric] = train(tf, metric=metric, mini_batch=True)
        out["mini3_" + metric] = train(tf, metric=metric, mini_batch=True, per_iter=3)
        out["tensor_init_" + metric] = train(tf, metric=metric, init="tensor", num_clusters=9)
        out["kmeans_pp_" + metric] = train(tf, metric=metric, init="kmeans_plus_plus",
                                           random_seed=5)
        out["kmc2_" + metric] = train(tf, metric=metric, init="kmc2", random_seed=3, chain=10)
    out["no_graph_seed"] = train(tf, graph_seed=None, random_seed=7)
    out["kmeans_pp_retries"] = train(tf, init="kmeans_plus_plus", random_seed=11, retries=-1)
    out["kmeans_pp_no_retries"] = train(tf, init="kmeans_plus_plus", random_seed=12,
                                        retries=0)
    out["kmc2_short_batch"] = train(tf, init="kmc2", random_seed=4, chain=200)
    out["six_clusters"] = train(tf, num_clusters=6, graph_seed=42, random_seed=3)
    out["callable_init"] = train(tf, init="callable", num_clusters=3)
    out["sharded_random"] = sharded(tf, "random")
    out["sharded_kmeans_pp"] = sharded(tf, "kmeans_plus_plus")
    return out
