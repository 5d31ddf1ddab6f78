"""tf.contrib.factorization's k-means graph (TF 1.14 contrib/factorization/python/ops/
clustering_ops.py), built from flowgrad's ops: the same variables, ops and op names."""

from __future__ import annotations

import flowgrad as _tf

from ...ops import clustering_ops as gen_clustering_ops

constant_op = array_ops = check_ops = control_flow_ops = math_ops = random_ops = _tf
state_ops = variable_scope = ops = dtypes = _tf
nn_impl = _tf.nn
embedding_lookup = _tf.nn.embedding_lookup


SQUARED_EUCLIDEAN_DISTANCE = "squared_euclidean"
COSINE_DISTANCE = "cosine"

RANDOM_INIT = "random"
KMEANS_PLUS_PLUS_INIT = "kmeans_plus_plus"
KMC2_INIT = "kmc2"

CLUSTERS_VAR_NAME = "clusters"


class KMeans(object):
    """Creates the graph for k-means clustering."""

    def __init__(
        self,
        inputs,
        num_clusters,
        initial_clusters=RANDOM_INIT,
        distance_metric=SQUARED_EUCLIDEAN_DISTANCE,
        use_mini_batch=False,
        mini_batch_steps_per_iteration=1,
        random_seed=0,
        kmeans_plus_plus_num_retries=2,
        kmc2_chain_length=200,
    ):
        """Creates an object for generating KMeans clustering graph."""
        if isinstance(initial_clusters, str) and initial_clusters not in [
            RANDOM_INIT,
            KMEANS_PLUS_PLUS_INIT,
            KMC2_INIT,
        ]:
            raise ValueError("Unsupported initialization algorithm '%s'" % initial_clusters)
        if distance_metric not in [SQUARED_EUCLIDEAN_DISTANCE, COSINE_DISTANCE]:
            raise ValueError("Unsupported distance metric '%s'" % distance_metric)
        self._inputs = inputs if isinstance(inputs, list) else [inputs]
        self._num_clusters = num_clusters
        self._initial_clusters = initial_clusters
        self._distance_metric = distance_metric
        self._use_mini_batch = use_mini_batch
        self._mini_batch_steps_per_iteration = int(mini_batch_steps_per_iteration)
        self._random_seed = random_seed
        self._kmeans_plus_plus_num_retries = kmeans_plus_plus_num_retries
        self._kmc2_chain_length = kmc2_chain_length

    @classmethod
    def _distance_graph(cls, inputs, clusters, distance_metric):
        """Computes distance between each input and each cluster center."""
        assert isinstance(inputs, list)
        if distance_metric == SQUARED_EUCLIDEAN_DISTANCE:
            return cls._compute_euclidean_distance(inputs, clusters)
        elif distance_metric == COSINE_DISTANCE:
            return cls._compute_cosine_distance(inputs, clusters, inputs_normalized=True)
        else:
            assert False, str(distance_metric)

    @classmethod
    def _compute_euclidean_distance(cls, inputs, clusters):
        """Computes Euclidean distance between each input and each cluster center."""
        output = []
        for inp in inputs:
            with ops.colocate_with(inp, ignore_existing=True):
                squared_distance = (
                    math_ops.reduce_sum(math_ops.square(inp), 1, keepdims=True)
                    - 2 * math_ops.matmul(inp, clusters, transpose_b=True)
                    + array_ops.transpose(
                        math_ops.reduce_sum(math_ops.square(clusters), 1, keepdims=True)
                    )
                )
                output.append(squared_distance)

        return output

    @classmethod
    def _compute_cosine_distance(cls, inputs, clusters, inputs_normalized=True):
        """Computes cosine distance between each input and each cluster center."""
        output = []
        if not inputs_normalized:
            with ops.colocate_with(clusters, ignore_existing=True):
                clusters = nn_impl.l2_normalize(clusters, dim=1)
        for inp in inputs:
            with ops.colocate_with(inp, ignore_existing=True):
                if not inputs_normalized:
                    inp = nn_impl.l2_normalize(inp, dim=1)
                output.append(1 - math_ops.matmul(inp, clusters, transpose_b=True))
        return output

    def _infer_graph(self, inputs, clusters):
        """Maps input to closest cluster and the score."""
        assert isinstance(inputs, list)
        scores = self._distance_graph(inputs, clusters, self._distance_metric)
        output = []
        if self._distance_metric == COSINE_DISTANCE and not self._clusters_l2_normalized():
            with ops.colocate_with(clusters, ignore_existing=True):
                clusters = nn_impl.l2_normalize(clusters, dim=1)
        for inp, score in zip(inputs, scores):
            with ops.colocate_with(inp, ignore_existing=True):
                (indices, distances) = gen_clustering_ops.nearest_neighbors(inp, clusters, 1)
                if self._distance_metric == COSINE_DISTANCE:
                    distances *= 0.5
                output.append(
                    (score, array_ops.squeeze(distances, [-1]), array_ops.squeeze(indices, [-1]))
                )
        return zip(*output)

    def _clusters_l2_normalized(self):
        """Returns True if clusters centers are kept normalized."""
        return self._distance_metric == COSINE_DISTANCE and (
            not self._use_mini_batch or self._mini_batch_steps_per_iteration > 1
        )

    def _init_value(self):
        return array_ops.constant([], dtype=dtypes.float32)

    def _create_variables(self, num_clusters):
        """Creates variables."""
        init_value = self._init_value()
        cluster_centers = variable_scope.Variable(
            init_value, name=CLUSTERS_VAR_NAME, validate_shape=False
        )
        cluster_centers_initialized = variable_scope.Variable(
            False, dtype=dtypes.bool, name="initialized"
        )

        if self._use_mini_batch and self._mini_batch_steps_per_iteration > 1:
            cluster_centers_updated = variable_scope.Variable(
                init_value, name="clusters_updated", validate_shape=False
            )
            update_in_steps = variable_scope.Variable(
                self._mini_batch_steps_per_iteration, dtype=dtypes.int64, name="update_in_steps"
            )
            cluster_counts = variable_scope.Variable(
                array_ops.zeros([num_clusters], dtype=dtypes.int64)
            )
        else:
            cluster_centers_updated = cluster_centers
            update_in_steps = None
            cluster_counts = (
                variable_scope.Variable(array_ops.ones([num_clusters], dtype=dtypes.int64))
                if self._use_mini_batch
                else None
            )
        return (
            cluster_centers,
            cluster_centers_initialized,
            cluster_counts,
            cluster_centers_updated,
            update_in_steps,
        )

    @classmethod
    def _l2_normalize_data(cls, inputs):
        """Normalized the input data."""
        output = []
        for inp in inputs:
            with ops.colocate_with(inp, ignore_existing=True):
                output.append(nn_impl.l2_normalize(inp, dim=1))
        return output

    def training_graph(self):
        """Generate a training graph for kmeans algorithm."""
        if isinstance(self._initial_clusters, str) or callable(self._initial_clusters):
            initial_clusters = self._initial_clusters
            num_clusters = ops.convert_to_tensor(self._num_clusters)
        else:
            initial_clusters = ops.convert_to_tensor(self._initial_clusters)
            num_clusters = array_ops.shape(initial_clusters)[0]

        inputs = self._inputs
        (
            cluster_centers_var,
            cluster_centers_initialized,
            total_counts,
            cluster_centers_updated,
            update_in_steps,
        ) = self._create_variables(num_clusters)
        init_op = _InitializeClustersOpFactory(
            self._inputs,
            num_clusters,
            initial_clusters,
            self._distance_metric,
            self._random_seed,
            self._kmeans_plus_plus_num_retries,
            self._kmc2_chain_length,
            cluster_centers_var,
            cluster_centers_updated,
            cluster_centers_initialized,
        ).op()
        cluster_centers = cluster_centers_var

        if self._distance_metric == COSINE_DISTANCE:
            inputs = self._l2_normalize_data(inputs)
            if not self._clusters_l2_normalized():
                cluster_centers = nn_impl.l2_normalize(cluster_centers, dim=1)

        all_scores, scores, cluster_idx = self._infer_graph(inputs, cluster_centers)
        if self._use_mini_batch:
            sync_updates_op = self._mini_batch_sync_updates_op(
                update_in_steps, cluster_centers_var, cluster_centers_updated, total_counts
            )
            assert sync_updates_op is not None
            with ops.control_dependencies([sync_updates_op]):
                training_op = self._mini_batch_training_op(
                    inputs, cluster_idx, cluster_centers_updated, total_counts
                )
        else:
            assert cluster_centers == cluster_centers_var
            training_op = self._full_batch_training_op(
                inputs, num_clusters, cluster_idx, cluster_centers_var
            )

        return (all_scores, cluster_idx, scores, cluster_centers_initialized, init_op, training_op)

    def _mini_batch_sync_updates_op(
        self, update_in_steps, cluster_centers_var, cluster_centers_updated, total_counts
    ):
        if self._use_mini_batch and self._mini_batch_steps_per_iteration > 1:
            assert update_in_steps is not None
            with ops.colocate_with(update_in_steps, ignore_existing=True):

                def _f():
                    with ops.control_dependencies(
                        [
                            state_ops.assign(
                                update_in_steps, self._mini_batch_steps_per_iteration - 1
                            )
                        ]
                    ):
                        with ops.colocate_with(cluster_centers_updated, ignore_existing=True):
                            if self._distance_metric == COSINE_DISTANCE:
                                cluster_centers = nn_impl.l2_normalize(
                                    cluster_centers_updated, dim=1
                                )
                            else:
                                cluster_centers = cluster_centers_updated
                        with ops.colocate_with(cluster_centers_var, ignore_existing=True):
                            with ops.control_dependencies(
                                [state_ops.assign(cluster_centers_var, cluster_centers)]
                            ):
                                with ops.colocate_with(None, ignore_existing=True):
                                    with ops.control_dependencies(
                                        [
                                            state_ops.assign(
                                                total_counts, array_ops.zeros_like(total_counts)
                                            )
                                        ]
                                    ):
                                        return array_ops.identity(update_in_steps)

                return control_flow_ops.cond(
                    update_in_steps <= 0, _f, lambda: state_ops.assign_sub(update_in_steps, 1)
                )
        else:
            return control_flow_ops.no_op()

    def _mini_batch_training_op(self, inputs, cluster_idx_list, cluster_centers, total_counts):
        """Creates an op for training for mini batch case."""
        update_ops = []
        for inp, cluster_idx in zip(inputs, cluster_idx_list):
            with ops.colocate_with(inp, ignore_existing=True):
                assert total_counts is not None
                cluster_idx = array_ops.reshape(cluster_idx, [-1])
                unique_ids, unique_idx = array_ops.unique(cluster_idx)
                num_unique_cluster_idx = array_ops.size(unique_ids)
                with ops.colocate_with(total_counts, ignore_existing=True):
                    old_counts = array_ops.gather(total_counts, unique_ids)
                with ops.colocate_with(cluster_centers, ignore_existing=True):
                    old_cluster_centers = array_ops.gather(cluster_centers, unique_ids)
                count_updates = math_ops.unsorted_segment_sum(
                    array_ops.ones_like(unique_idx, dtype=total_counts.dtype),
                    unique_idx,
                    num_unique_cluster_idx,
                )
                cluster_center_updates = math_ops.unsorted_segment_sum(
                    inp, unique_idx, num_unique_cluster_idx
                )
                broadcast_shape = array_ops.concat(
                    [
                        array_ops.reshape(num_unique_cluster_idx, [1]),
                        array_ops.ones(
                            array_ops.reshape(array_ops.rank(inp) - 1, [1]), dtype=dtypes.int32
                        ),
                    ],
                    0,
                )
                cluster_center_updates -= (
                    math_ops.cast(array_ops.reshape(count_updates, broadcast_shape), inp.dtype)
                    * old_cluster_centers
                )
                learning_rate = math_ops.reciprocal(
                    math_ops.cast(old_counts + count_updates, inp.dtype)
                )
                learning_rate = array_ops.reshape(learning_rate, broadcast_shape)
                cluster_center_updates *= learning_rate
            update_counts = state_ops.scatter_add(total_counts, unique_ids, count_updates)
            update_cluster_centers = state_ops.scatter_add(
                cluster_centers, unique_ids, cluster_center_updates
            )
            update_ops.extend([update_counts, update_cluster_centers])
        return control_flow_ops.group(*update_ops)

    def _full_batch_training_op(self, inputs, num_clusters, cluster_idx_list, cluster_centers):
        """Creates an op for training for full batch case."""
        cluster_sums = []
        cluster_counts = []
        epsilon = constant_op.constant(1e-6, dtype=inputs[0].dtype)
        for inp, cluster_idx in zip(inputs, cluster_idx_list):
            with ops.colocate_with(inp, ignore_existing=True):
                cluster_sums.append(math_ops.unsorted_segment_sum(inp, cluster_idx, num_clusters))
                cluster_counts.append(
                    math_ops.unsorted_segment_sum(
                        array_ops.reshape(
                            array_ops.ones(array_ops.reshape(array_ops.shape(inp)[0], [-1])),
                            [-1, 1],
                        ),
                        cluster_idx,
                        num_clusters,
                    )
                )
        with ops.colocate_with(cluster_centers, ignore_existing=True):
            new_clusters_centers = math_ops.add_n(cluster_sums) / (
                math_ops.cast(math_ops.add_n(cluster_counts), cluster_sums[0].dtype) + epsilon
            )
            if self._clusters_l2_normalized():
                new_clusters_centers = nn_impl.l2_normalize(new_clusters_centers, dim=1)
        return state_ops.assign(cluster_centers, new_clusters_centers)


class _InitializeClustersOpFactory(object):
    """Internal class to create the op to initialize the clusters."""

    def __init__(
        self,
        inputs,
        num_clusters,
        initial_clusters,
        distance_metric,
        random_seed,
        kmeans_plus_plus_num_retries,
        kmc2_chain_length,
        cluster_centers,
        cluster_centers_updated,
        cluster_centers_initialized,
    ):
        """Creates an op factory."""
        self._inputs = inputs
        self._num_clusters = num_clusters
        self._initial_clusters = initial_clusters
        self._distance_metric = distance_metric
        self._random_seed = random_seed
        self._kmeans_plus_plus_num_retries = kmeans_plus_plus_num_retries
        self._kmc2_chain_length = kmc2_chain_length
        self._cluster_centers = cluster_centers
        self._cluster_centers_updated = cluster_centers_updated
        self._cluster_centers_initialized = cluster_centers_initialized

        self._num_selected = array_ops.shape(self._cluster_centers)[0]
        self._num_remaining = self._num_clusters - self._num_selected
        self._num_data = math_ops.add_n([array_ops.shape(i)[0] for i in self._inputs])

    def _random(self):
        indices = random_ops.random_uniform(
            array_ops.reshape(self._num_remaining, [-1]),
            minval=0,
            maxval=math_ops.cast(self._num_data, dtypes.int64),
            seed=self._random_seed,
            dtype=dtypes.int64,
        )
        return embedding_lookup(self._inputs, indices, partition_strategy="div")

    def _kmeans_plus_plus(self):
        inp = self._inputs[0]
        if self._distance_metric == COSINE_DISTANCE:
            inp = nn_impl.l2_normalize(inp, dim=1)
        return gen_clustering_ops.kmeans_plus_plus_initialization(
            inp,
            math_ops.cast(self._num_remaining, dtypes.int64),
            self._random_seed,
            self._kmeans_plus_plus_num_retries,
        )

    def _kmc2_multiple_centers(self):
        """Adds new initial cluster centers using the k-MC2 algorithm."""
        first_shard = self._inputs[0]
        batch_size = array_ops.shape(first_shard)[0]
        max_to_sample = math_ops.cast(batch_size / self._kmc2_chain_length, dtype=dtypes.int32)
        num_to_sample = math_ops.maximum(math_ops.minimum(self._num_remaining, max_to_sample), 1)

        def _cond(i, _):
            """Stopping condition for the while loop."""
            return math_ops.less(i, num_to_sample)

        def _body(i, _):
            """Body that adds a single new center based on a subset."""

            def _sample_random():
                """Returns a random point as a cluster center."""
                new_center = array_ops.reshape(first_shard[0], [1, -1])
                if self._distance_metric == COSINE_DISTANCE:
                    new_center = nn_impl.l2_normalize(new_center, dim=1)
                return new_center

            def _sample_kmc2_chain():
                """Returns previous centers as well as a new center sampled using k-MC2."""
                start = i * self._kmc2_chain_length
                end = start + self._kmc2_chain_length
                subset = first_shard[start:end]
                _, distances = gen_clustering_ops.nearest_neighbors(
                    subset, self._cluster_centers, 1
                )
                new_center_index = gen_clustering_ops.kmc2_chain_initialization(
                    array_ops.squeeze(distances), self._random_seed
                )
                newly_sampled_center = array_ops.reshape(subset[new_center_index], [1, -1])
                if self._distance_metric == COSINE_DISTANCE:
                    newly_sampled_center = nn_impl.l2_normalize(newly_sampled_center, dim=1)
                return array_ops.concat([self._cluster_centers, newly_sampled_center], 0)

            new_centers = control_flow_ops.cond(
                math_ops.equal(self._num_selected, 0), _sample_random, _sample_kmc2_chain
            )
            assigned_centers = state_ops.assign(
                self._cluster_centers, new_centers, validate_shape=False
            )
            if self._cluster_centers_updated is not self._cluster_centers:
                assigned_centers = state_ops.assign(
                    self._cluster_centers_updated, assigned_centers, validate_shape=False
                )
            return i + 1, self._num_clusters - array_ops.shape(assigned_centers)[0]

        _, num_remaining = control_flow_ops.while_loop(_cond, _body, [0, 0])
        return num_remaining

    def _greedy_batch_sampler(self, sampler):
        return control_flow_ops.cond(
            self._num_data <= self._num_remaining,
            lambda: array_ops.concat(self._inputs, 0),
            sampler,
        )

    def _single_batch_sampler(self, sampler):
        with ops.control_dependencies(
            [check_ops.assert_greater_equal(self._num_data, self._num_remaining)]
        ):
            return sampler()

    def _choose_initial_centers(self):
        if isinstance(self._initial_clusters, str):
            if self._initial_clusters == RANDOM_INIT:
                return self._greedy_batch_sampler(self._random)
            else:  # self._initial_clusters == KMEANS_PLUS_PLUS_INIT
                return self._single_batch_sampler(self._kmeans_plus_plus)
        elif callable(self._initial_clusters):
            return self._initial_clusters(self._inputs, self._num_remaining)
        else:
            with ops.control_dependencies(
                [
                    check_ops.assert_equal(
                        self._num_remaining, array_ops.shape(self._initial_clusters)[0]
                    )
                ]
            ):
                return self._initial_clusters

    def _add_new_centers(self):
        """Adds some centers and returns the number of centers remaining."""
        new_centers = self._choose_initial_centers()
        if self._distance_metric == COSINE_DISTANCE:
            new_centers = nn_impl.l2_normalize(new_centers, dim=1)
        all_centers = control_flow_ops.cond(
            math_ops.equal(self._num_selected, 0),
            lambda: new_centers,
            lambda: array_ops.concat([self._cluster_centers, new_centers], 0),
        )
        a = state_ops.assign(self._cluster_centers, all_centers, validate_shape=False)
        if self._cluster_centers_updated is not self._cluster_centers:
            a = state_ops.assign(self._cluster_centers_updated, a, validate_shape=False)
        return self._num_clusters - array_ops.shape(a)[0]

    def _initialize(self):
        with ops.control_dependencies(
            [
                check_ops.assert_positive(self._num_remaining),
            ]
        ):
            if self._initial_clusters == KMC2_INIT:
                num_now_remaining = self._kmc2_multiple_centers()
            else:
                num_now_remaining = self._add_new_centers()
            done = math_ops.equal(num_now_remaining, 0)
            return control_flow_ops.cond(
                done,
                lambda: state_ops.assign(self._cluster_centers_initialized, True),
                lambda: control_flow_ops.no_op(),
            )

    def op(self):
        """Returns the cluster initializer op."""
        none_left = math_ops.equal(self._num_remaining, 0)
        return control_flow_ops.cond(
            none_left,
            lambda: check_ops.assert_equal(self._cluster_centers_initialized, True),
            self._initialize,
        )


class CoreKMeans(KMeans):
    """TF 1.14's core clustering_ops.KMeans (tensorflow/python/ops/clustering_ops.py, the
    graph of tf.estimator.experimental.KMeans): as contrib's, but the seed is
    get_seed(random_seed)[0] (the graph-level seed when no op seed is given) and the
    cluster variables start from placeholder_with_default([], shape=None)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._random_seed = random_ops.get_seed(self._random_seed)[0]

    def _init_value(self):
        return array_ops.placeholder_with_default([], shape=None)
