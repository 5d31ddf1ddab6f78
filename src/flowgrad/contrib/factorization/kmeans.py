"""tf.contrib.factorization.KMeansClustering (TF 1.14 contrib/factorization/python/ops/
kmeans.py): a canned Estimator over clustering_ops.KMeans."""

from __future__ import annotations

import time

import numpy as np

import flowgrad as _tf

from ...ops.control_flow_ops import with_dependencies as _with_dependencies
from . import clustering_ops

ops = array_ops = math_ops = state_ops = _tf
metrics = _tf.metrics
summary = _tf.summary
logging = _tf.logging
session_run_hook = _tf.train
training_util = _tf.train
model_fn_lib = _tf.estimator
estimator = _tf.estimator
export_output = _tf.estimator.export
fc = _tf.feature_column
signature_constants = _tf.saved_model.signature_constants


class control_flow_ops:  # noqa: N801 - TF's module name
    with_dependencies = staticmethod(_with_dependencies)


class _LossRelativeChangeHook(session_run_hook.SessionRunHook):
    """Stops when the change in loss goes below a tolerance."""

    def __init__(self, loss_tensor, tolerance):
        """Creates a _LossRelativeChangeHook."""
        self._loss_tensor = loss_tensor
        self._tolerance = tolerance
        self._prev_loss = None

    def before_run(self, run_context):
        del run_context  # unused
        return session_run_hook.SessionRunArgs(self._loss_tensor)

    def after_run(self, run_context, run_values):
        loss = run_values.results
        assert loss is not None
        if self._prev_loss:
            relative_change = abs(loss - self._prev_loss) / (1 + abs(self._prev_loss))
            if relative_change < self._tolerance:
                run_context.request_stop()
        self._prev_loss = loss


class _InitializeClustersHook(session_run_hook.SessionRunHook):
    """Initializes the cluster centers."""

    def __init__(self, init_op, is_initialized_var, is_chief):
        """Creates an _InitializeClustersHook."""
        self._init_op = init_op
        self._is_initialized_var = is_initialized_var
        self._is_chief = is_chief

    def after_create_session(self, session, coord):
        del coord  # unused
        assert self._init_op.graph is ops.get_default_graph()
        assert self._is_initialized_var.graph is self._init_op.graph
        while True:
            try:
                if session.run(self._is_initialized_var):
                    break
                elif self._is_chief:
                    session.run(self._init_op)
                else:
                    time.sleep(1)
            except RuntimeError as e:
                logging.info(e)


def _parse_features_if_necessary(features, feature_columns):
    """Helper function to convert the input points into a usable format."""
    if not isinstance(features, dict):
        return features

    if feature_columns:
        return fc.input_layer(features, feature_columns)

    keys = sorted(features.keys())
    with ops.colocate_with(features[keys[0]]):
        return array_ops.concat([features[k] for k in keys], axis=1)


class _ModelFn(object):
    """Model function for the estimator."""

    def __init__(
        self,
        num_clusters,
        initial_clusters,
        distance_metric,
        random_seed,
        use_mini_batch,
        mini_batch_steps_per_iteration,
        kmeans_plus_plus_num_retries,
        relative_tolerance,
        feature_columns,
        kmeans=clustering_ops.KMeans,
    ):
        self._kmeans = kmeans
        self._num_clusters = num_clusters
        self._initial_clusters = initial_clusters
        self._distance_metric = distance_metric
        self._random_seed = random_seed
        self._use_mini_batch = use_mini_batch
        self._mini_batch_steps_per_iteration = mini_batch_steps_per_iteration
        self._kmeans_plus_plus_num_retries = kmeans_plus_plus_num_retries
        self._relative_tolerance = relative_tolerance
        self._feature_columns = feature_columns

    def model_fn(self, features, mode, config):
        """Model function for the estimator."""
        input_points = _parse_features_if_necessary(features, self._feature_columns)

        (all_distances, model_predictions, losses, is_initialized, init_op, training_op) = (
            self._kmeans(
                inputs=input_points,
                num_clusters=self._num_clusters,
                initial_clusters=self._initial_clusters,
                distance_metric=self._distance_metric,
                use_mini_batch=self._use_mini_batch,
                mini_batch_steps_per_iteration=self._mini_batch_steps_per_iteration,
                random_seed=self._random_seed,
                kmeans_plus_plus_num_retries=self._kmeans_plus_plus_num_retries,
            ).training_graph()
        )

        loss = math_ops.reduce_sum(losses)
        summary.scalar("loss/raw", loss)

        incr_step = state_ops.assign_add(training_util.get_global_step(), 1)
        training_op = control_flow_ops.with_dependencies([training_op, incr_step], loss)

        training_hooks = [_InitializeClustersHook(init_op, is_initialized, config.is_chief)]
        if self._relative_tolerance is not None:
            training_hooks.append(_LossRelativeChangeHook(loss, self._relative_tolerance))

        export_outputs = {
            KMeansClustering.ALL_DISTANCES: export_output.PredictOutput(all_distances[0]),
            KMeansClustering.CLUSTER_INDEX: export_output.PredictOutput(model_predictions[0]),
            signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY: export_output.PredictOutput(
                model_predictions[0]
            ),
        }

        return model_fn_lib.EstimatorSpec(
            mode=mode,
            predictions={
                KMeansClustering.ALL_DISTANCES: all_distances[0],
                KMeansClustering.CLUSTER_INDEX: model_predictions[0],
            },
            loss=loss,
            train_op=training_op,
            eval_metric_ops={KMeansClustering.SCORE: metrics.mean(loss)},
            training_hooks=training_hooks,
            export_outputs=export_outputs,
        )


class KMeansClustering(estimator.Estimator):
    """An Estimator for K-Means clustering."""

    SQUARED_EUCLIDEAN_DISTANCE = clustering_ops.SQUARED_EUCLIDEAN_DISTANCE
    COSINE_DISTANCE = clustering_ops.COSINE_DISTANCE

    RANDOM_INIT = clustering_ops.RANDOM_INIT
    KMEANS_PLUS_PLUS_INIT = clustering_ops.KMEANS_PLUS_PLUS_INIT

    SCORE = "score"

    CLUSTER_INDEX = "cluster_index"
    ALL_DISTANCES = "all_distances"

    CLUSTER_CENTERS_VAR_NAME = clustering_ops.CLUSTERS_VAR_NAME

    _KMEANS = clustering_ops.KMeans   # the graph builder (the core one for KMeans)

    def __init__(
        self,
        num_clusters,
        model_dir=None,
        initial_clusters=RANDOM_INIT,
        distance_metric=SQUARED_EUCLIDEAN_DISTANCE,
        random_seed=0,
        use_mini_batch=True,
        mini_batch_steps_per_iteration=1,
        kmeans_plus_plus_num_retries=2,
        relative_tolerance=None,
        config=None,
        feature_columns=None,
    ):
        """Creates an Estimator for running KMeans training and inference."""
        if isinstance(initial_clusters, str) and initial_clusters not in [
            KMeansClustering.RANDOM_INIT,
            KMeansClustering.KMEANS_PLUS_PLUS_INIT,
        ]:
            raise ValueError("Unsupported initialization algorithm '%s'" % initial_clusters)
        if distance_metric not in [
            KMeansClustering.SQUARED_EUCLIDEAN_DISTANCE,
            KMeansClustering.COSINE_DISTANCE,
        ]:
            raise ValueError("Unsupported distance metric '%s'" % distance_metric)
        super(KMeansClustering, self).__init__(
            model_fn=_ModelFn(
                num_clusters,
                initial_clusters,
                distance_metric,
                random_seed,
                use_mini_batch,
                mini_batch_steps_per_iteration,
                kmeans_plus_plus_num_retries,
                relative_tolerance,
                feature_columns,
                self._KMEANS,
            ).model_fn,
            model_dir=model_dir,
            config=config,
        )

    def _predict_one_key(self, input_fn, predict_key):
        for result in self.predict(input_fn=input_fn, predict_keys=[predict_key]):
            yield result[predict_key]

    def predict_cluster_index(self, input_fn):
        """Finds the index of the closest cluster center to each input point."""
        for index in self._predict_one_key(input_fn, KMeansClustering.CLUSTER_INDEX):
            yield index

    def score(self, input_fn):
        """Returns the sum of squared distances to nearest clusters."""
        return self.evaluate(input_fn=input_fn, steps=1)[KMeansClustering.SCORE]

    def transform(self, input_fn):
        """Transforms each input point to its distances to all cluster centers."""
        for distances in self._predict_one_key(input_fn, KMeansClustering.ALL_DISTANCES):
            yield distances

    def cluster_centers(self):
        """Returns the cluster centers."""
        return self.get_variable_value(KMeansClustering.CLUSTER_CENTERS_VAR_NAME)


class KMeans(KMeansClustering):
    """tf.estimator.experimental.KMeans (TF 1.14's canned kmeans.py): KMeansClustering with
    `seed` (default None: the graph-level seed, through get_seed) for `random_seed`, the
    core clustering_ops graph, and `transform` giving Euclidean distances (the square
    roots) under SQUARED_EUCLIDEAN_DISTANCE."""

    _KMEANS = clustering_ops.CoreKMeans

    def __init__(self, num_clusters, model_dir=None,
                 initial_clusters=KMeansClustering.RANDOM_INIT,
                 distance_metric=KMeansClustering.SQUARED_EUCLIDEAN_DISTANCE, seed=None,
                 use_mini_batch=True, mini_batch_steps_per_iteration=1,
                 kmeans_plus_plus_num_retries=2, relative_tolerance=None, config=None,
                 feature_columns=None):
        """Creates an Estimator for running KMeans training and inference."""
        super().__init__(num_clusters, model_dir=model_dir,
                         initial_clusters=initial_clusters,
                         distance_metric=distance_metric, random_seed=seed,
                         use_mini_batch=use_mini_batch,
                         mini_batch_steps_per_iteration=mini_batch_steps_per_iteration,
                         kmeans_plus_plus_num_retries=kmeans_plus_plus_num_retries,
                         relative_tolerance=relative_tolerance, config=config,
                         feature_columns=feature_columns)
        self._distance_metric = distance_metric

    def transform(self, input_fn):
        """Transforms each input point to its distances to all cluster centers (Euclidean,
        not squared, under SQUARED_EUCLIDEAN_DISTANCE)."""
        for distances in self._predict_one_key(input_fn, KMeansClustering.ALL_DISTANCES):
            if self._distance_metric == KMeansClustering.SQUARED_EUCLIDEAN_DISTANCE:
                yield np.sqrt(distances)
            else:
                yield distances
