"""tf.contrib.factorization.GMM (TF 1.14 contrib/factorization/python/ops/gmm.py): a
contrib.learn Estimator over gmm_ops.gmm."""

from __future__ import annotations

import numpy as np

import flowgrad as _tf

from ...ops.control_flow_ops import with_dependencies
from . import gmm_ops
from .kmeans import _InitializeClustersHook   # the same hook as k-means'

constant_op = array_ops = state_ops = ops = _tf
logging = _tf.logging
framework = _tf.contrib.framework
checkpoint_utils = _tf.contrib.framework
session_run_hook = training_util = _tf.train
estimator = model_fn_lib = _tf.contrib.learn


def _streaming_sum(scalar_tensor):
    """Create a sum metric and update op."""
    sum_metric = framework.local_variable(constant_op.constant(0.0))
    sum_update = sum_metric.assign_add(scalar_tensor)
    return sum_metric, sum_update


class GMM(estimator.Estimator):
    """An estimator for GMM clustering."""

    SCORES = "scores"
    LOG_LIKELIHOOD = "loss"
    ASSIGNMENTS = "assignments"

    def __init__(
        self,
        num_clusters,
        model_dir=None,
        random_seed=0,
        params="wmc",
        initial_clusters="random",
        covariance_type="full",
        config=None,
    ):
        """Creates a model for running GMM training and inference."""
        self._num_clusters = num_clusters
        self._params = params
        self._training_initial_clusters = initial_clusters
        self._covariance_type = covariance_type
        self._training_graph = None
        self._random_seed = random_seed
        super(GMM, self).__init__(
            model_fn=self._model_builder(), model_dir=model_dir, config=config
        )

    def predict_assignments(self, input_fn=None, batch_size=None, outputs=None):
        """See BaseEstimator.predict."""
        results = self.predict(input_fn=input_fn, batch_size=batch_size, outputs=outputs)
        for result in results:
            yield result[GMM.ASSIGNMENTS]

    def score(self, input_fn=None, batch_size=None, steps=None):
        """Predict total log-likelihood."""
        results = self.evaluate(input_fn=input_fn, batch_size=batch_size, steps=steps)
        return np.log(np.sum(np.exp(results[GMM.SCORES])))

    def weights(self):
        """Returns the cluster weights."""
        return checkpoint_utils.load_variable(self.model_dir, gmm_ops.GmmAlgorithm.CLUSTERS_WEIGHT)

    def clusters(self):
        """Returns cluster centers."""
        clusters = checkpoint_utils.load_variable(
            self.model_dir, gmm_ops.GmmAlgorithm.CLUSTERS_VARIABLE
        )
        return np.squeeze(clusters, 1)

    def covariances(self):
        """Returns the covariances."""
        return checkpoint_utils.load_variable(
            self.model_dir, gmm_ops.GmmAlgorithm.CLUSTERS_COVS_VARIABLE
        )

    def _parse_tensor_or_dict(self, features):
        if isinstance(features, dict):
            return array_ops.concat([features[k] for k in sorted(features.keys())], 1)
        return features

    def _model_builder(self):
        """Creates a model function."""

        def _model_fn(features, labels, mode, config):
            """Model function."""
            assert labels is None, labels
            (loss, scores, model_predictions, training_op, init_op, is_initialized) = gmm_ops.gmm(
                self._parse_tensor_or_dict(features),
                self._training_initial_clusters,
                self._num_clusters,
                self._random_seed,
                self._covariance_type,
                self._params,
            )
            incr_step = state_ops.assign_add(training_util.get_global_step(), 1)
            training_op = with_dependencies([training_op, incr_step], loss)
            training_hooks = [_InitializeClustersHook(init_op, is_initialized, config.is_chief)]
            predictions = {
                GMM.ASSIGNMENTS: model_predictions[0][0],
            }
            eval_metric_ops = {
                GMM.SCORES: scores,
                GMM.LOG_LIKELIHOOD: _streaming_sum(loss),
            }
            return model_fn_lib.ModelFnOps(
                mode=mode,
                predictions=predictions,
                eval_metric_ops=eval_metric_ops,
                loss=loss,
                train_op=training_op,
                training_hooks=training_hooks,
            )

        return _model_fn
