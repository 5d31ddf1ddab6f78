"""`tf.contrib.estimator`'s extenders (TF 1.14's contrib extenders.py): forward_features
(features copied into an Estimator's predictions and predict export outputs) and
clip_gradients_by_norm (an optimizer clipping its gradients by their global norm)."""
from __future__ import annotations

from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import Tensor
from ...estimator.estimator import Estimator
from ...estimator.export.export_output import PredictOutput
from ...ops import math_ops
from ...train.optimizer import Optimizer

__all__ = ["clip_gradients_by_norm", "forward_features"]


def _verify_key_types(keys):
    if keys is None:
        return keys
    if isinstance(keys, str):
        return [keys]
    if not isinstance(keys, (list, tuple)):
        raise TypeError("keys should be either a string or a list of strings. Given: {}"
                        .format(type(keys)))
    for key in keys:
        if not isinstance(key, str):
            raise TypeError("All items in the given keys list should be a string. There "
                            "exist an item with type: {}".format(type(key)))
    return keys


def forward_features(estimator, keys=None, sparse_default_values=None):
    """A new Estimator (same model_dir and config) whose predictions also hold the features
    `keys` (all features when None); a SparseTensor feature named in
    sparse_default_values is made dense with that default."""
    from ...ops import sparse_ops  # lazy: sparse features only
    from ...ops.sparse_tensor import SparseTensor, SparseTensorValue  # lazy: as above
    keys = _verify_key_types(keys)

    def get_keys(features):
        return features.keys() if keys is None else keys

    def verify(features, predictions):
        if not isinstance(predictions, dict):
            raise ValueError("Predictions should be a dict to be able to forward features. "
                             "Given: {}".format(type(predictions)))
        for key in get_keys(features):
            if key not in features:
                raise ValueError(
                    'keys should be exist in features. Key "{}" is not in features dict. '
                    "features dict has following keys: {}. Please check arguments of "
                    "forward_features.".format(key, features.keys()))
            if key in predictions:
                raise ValueError(
                    "Cannot forward feature key ({}). Since it does exist in predictions. "
                    "Existing prediction keys: {}. Please check arguments of "
                    "forward_features.".format(key, predictions.keys()))

    def new_model_fn(features, labels, mode, config):
        spec = estimator.model_fn(features, labels, mode, config)
        predictions = spec.predictions
        if predictions is None:
            return spec
        verify(features, predictions)
        for key in get_keys(features):
            feature = features[key]
            if isinstance(feature, SparseTensorValue):
                feature = SparseTensor(feature.indices, feature.values, feature.dense_shape)
            elif not isinstance(feature, SparseTensor):
                feature = convert_to_tensor(feature)
            if sparse_default_values and key in sparse_default_values:
                if not isinstance(feature, SparseTensor):
                    raise ValueError("Feature ({}) is expected to be a `SparseTensor`."
                                     .format(key))
                feature = sparse_ops.sparse_tensor_to_dense(
                    feature, default_value=sparse_default_values[key])
            if not isinstance(feature, Tensor):
                raise ValueError(
                    "Feature ({}) should be a Tensor. Please use `keys` argument of "
                    "forward_features to filter unwanted features, oradd key to argument "
                    "`sparse_default_values`.Type of features[{}] is {}."
                    .format(key, key, type(feature)))
            predictions[key] = feature
        spec = spec._replace(predictions=predictions)
        if spec.export_outputs:
            for ekey in ("predict", "serving_default"):
                output = spec.export_outputs.get(ekey)
                if isinstance(output, PredictOutput):
                    for key in get_keys(features):
                        output.outputs[key] = predictions[key]
        return spec

    return Estimator(model_fn=new_model_fn, model_dir=estimator.model_dir,
                     config=estimator.config)


class _TransformGradients(Optimizer):
    """An optimizer applying `transform_grads_fn` to the gradients of `optimizer`."""

    def __init__(self, optimizer, transform_grads_fn, name=None):
        super().__init__(use_locking=False, name=name or optimizer.get_name())
        self._optimizer = optimizer
        self._transform_grads_fn = transform_grads_fn

    def compute_gradients(self, *args, **kwargs):
        return self._optimizer.compute_gradients(*args, **kwargs)

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        grads_and_vars = self._transform_grads_fn(grads_and_vars)
        return self._optimizer.apply_gradients(grads_and_vars, global_step, name)

    def get_slot(self, *args, **kwargs):
        return self._optimizer.get_slot(*args, **kwargs)

    def get_slot_names(self, *args, **kwargs):
        return self._optimizer.get_slot_names(*args, **kwargs)


def clip_gradients_by_norm(optimizer, clip_norm):
    """`optimizer` with its gradients clipped by their global norm `clip_norm`."""
    def clip_grads(grads_and_vars):
        gradients, variables = zip(*grads_and_vars)
        gradients = math_ops.clip_by_global_norm(gradients, clip_norm)[0]
        return list(zip(gradients, variables))
    return _TransformGradients(optimizer=optimizer, transform_grads_fn=clip_grads,
                               name="ClipByNorm" + optimizer.get_name())
