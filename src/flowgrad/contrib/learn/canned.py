"""What contrib.learn's canned estimators share: predict() giving one prediction key unless
`outputs` names some (classes for classifiers, scores for regressors), predict_classes /
predict_proba / predict_scores."""
from __future__ import annotations

from .constants import PredictionKey
from .estimator import Estimator

__all__ = ["Canned", "Classifier", "Regressor"]


class Canned(Estimator):
    """predict() of a canned estimator: one prediction key unless `outputs` names some."""

    _KEY = None

    def predict(self, x=None, input_fn=None, batch_size=None, outputs=None,
                as_iterable=True):
        if not outputs:
            return self._predict_key(self._KEY, x, input_fn, batch_size, as_iterable)
        return super().predict(x=x, input_fn=input_fn, batch_size=batch_size,
                               outputs=outputs, as_iterable=as_iterable)

    def _predict_key(self, key, x, input_fn, batch_size, as_iterable):
        preds = super().predict(x=x, input_fn=input_fn, batch_size=batch_size,
                                outputs=[key], as_iterable=as_iterable)
        if as_iterable:
            return (p[key] for p in preds)
        return preds[key].reshape(-1) if key == PredictionKey.CLASSES else preds[key]

    def export(self, export_dir, input_fn=None, input_feature_key=None,
               use_deprecated_input_fn=True, signature_fn=None, default_batch_size=1,
               exports_to_keep=None):
        """contrib.learn's session_bundle export (not implemented)."""
        raise NotImplementedError("tf.contrib.learn canned estimators' export "
                                  "(session_bundle) is not implemented by flowgrad")


class Classifier(Canned):
    _KEY = PredictionKey.CLASSES

    def predict_classes(self, x=None, input_fn=None, batch_size=None, as_iterable=True):
        """The predicted class ids."""
        return self._predict_key(PredictionKey.CLASSES, x, input_fn, batch_size, as_iterable)

    def predict_proba(self, x=None, input_fn=None, batch_size=None, as_iterable=True):
        """The predicted class probabilities."""
        return self._predict_key(PredictionKey.PROBABILITIES, x, input_fn, batch_size,
                                 as_iterable)


class Regressor(Canned):
    _KEY = PredictionKey.SCORES

    def predict_scores(self, x=None, input_fn=None, batch_size=None, as_iterable=True):
        """The predicted scores."""
        return self._predict_key(PredictionKey.SCORES, x, input_fn, batch_size, as_iterable)
