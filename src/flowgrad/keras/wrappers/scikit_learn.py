"""tf.keras.wrappers.scikit_learn (TF 1.14): KerasClassifier and KerasRegressor, the
scikit-learn estimator interface (fit, predict, predict_proba, score, get_params,
set_params) around a function or callable that builds a compiled Keras model.

scikit-learn itself is not needed: the wrappers only have its interface, as in TF 1.14
(plus the tags scikit-learn 1.6 and later ask for).
"""
import copy
import inspect
import types

import numpy as np

from ..engine.sequential import Sequential
from ..utils import to_categorical

__all__ = ["KerasClassifier", "KerasRegressor"]


def _has_arg(fn, name):
    """Whether `fn` takes a parameter `name` (positional or keyword-only, not **kwargs)."""
    params = inspect.signature(fn).parameters
    p = params.get(name)
    return p is not None and p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                        inspect.Parameter.KEYWORD_ONLY)


def _is_categorical_crossentropy(loss):
    """TF 1.14's losses.is_categorical_crossentropy: the class, a wrapper of the function,
    the function, or its name."""
    if type(loss).__name__ == "CategoricalCrossentropy":
        return True
    fn = getattr(loss, "fn", None)
    if fn is not None and getattr(fn, "__name__", None) == "categorical_crossentropy":
        return True
    return getattr(loss, "__name__", None) == "categorical_crossentropy" or \
        (isinstance(loss, str) and loss == "categorical_crossentropy")


class BaseWrapper(object):
    """The scikit-learn interface around `build_fn` (a function, a callable object, or
    None for a subclass's `__call__`) that returns a compiled model; `sk_params` are the
    arguments of build_fn and of fit/predict/predict_classes/evaluate."""

    def __init__(self, build_fn=None, **sk_params):
        self.build_fn = build_fn
        self.sk_params = sk_params
        self.check_params(sk_params)

    def _build_target(self):
        if self.build_fn is None:
            return self.__call__
        if not isinstance(self.build_fn, (types.FunctionType, types.MethodType)):
            return self.build_fn.__call__
        return self.build_fn

    def check_params(self, params):
        """ValueError for a parameter none of the model functions takes."""
        legal = [Sequential.fit, Sequential.predict, Sequential.predict_classes,
                 Sequential.evaluate, self._build_target()]
        for name in params:
            if name != "nb_epoch" and not any(_has_arg(fn, name) for fn in legal):
                raise ValueError("{} is not a legal parameter".format(name))

    def get_params(self, **params):
        """A copy of sk_params with build_fn."""
        res = copy.deepcopy(self.sk_params)
        res.update({"build_fn": self.build_fn})
        return res

    def set_params(self, **params):
        """Updates sk_params (checked as in the constructor); returns self."""
        self.check_params(params)
        self.sk_params.update(params)
        return self

    def fit(self, x, y, **kwargs):
        """Builds the model (build_fn with its sk_params) and fits it; returns the
        History."""
        target = self._build_target()
        if self.build_fn is None:
            self.model = self.__call__(**self.filter_sk_params(target))
        else:
            self.model = self.build_fn(**self.filter_sk_params(target))
        if _is_categorical_crossentropy(self.model.loss) and len(y.shape) != 2:
            y = to_categorical(y)
        fit_args = copy.deepcopy(self.filter_sk_params(Sequential.fit))
        fit_args.update(kwargs)
        return self.model.fit(x, y, **fit_args)

    def __sklearn_tags__(self):
        """scikit-learn >= 1.6 asks every estimator for its tags (TF 1.14 predates them):
        a classifier or regressor that needs y."""
        from sklearn.utils import (ClassifierTags, RegressorTags,  # lazy: only sklearn asks
                                   TargetTags, Tags)
        classifier = isinstance(self, KerasClassifier)
        return Tags(estimator_type="classifier" if classifier else "regressor",
                    target_tags=TargetTags(required=True),
                    classifier_tags=ClassifierTags() if classifier else None,
                    regressor_tags=None if classifier else RegressorTags())

    def filter_sk_params(self, fn, override=None):
        """The sk_params `fn` takes, updated with `override`."""
        res = {name: value for name, value in self.sk_params.items() if _has_arg(fn, name)}
        res.update(override or {})
        return res


class KerasClassifier(BaseWrapper):
    """scikit-learn classifier interface: labels as given (classes_), one-hot when the
    loss is categorical_crossentropy."""

    def fit(self, x, y, **kwargs):
        """Fits on labels `y` (1-D, (n, 1), or one-hot (n, k))."""
        y = np.array(y)
        if len(y.shape) == 2 and y.shape[1] > 1:
            self.classes_ = np.arange(y.shape[1])
        elif (len(y.shape) == 2 and y.shape[1] == 1) or len(y.shape) == 1:
            self.classes_ = np.unique(y)
            y = np.searchsorted(self.classes_, y)
        else:
            raise ValueError("Invalid shape for y: " + str(y.shape))
        self.n_classes_ = len(self.classes_)
        return super().fit(x, y, **kwargs)

    def predict(self, x, **kwargs):
        """The predicted labels (from classes_)."""
        kwargs = self.filter_sk_params(Sequential.predict_classes, kwargs)
        classes = self.model.predict_classes(x, **kwargs)
        return self.classes_[classes]

    def predict_proba(self, x, **kwargs):
        """Class probabilities, (n, 2) for a single sigmoid output."""
        kwargs = self.filter_sk_params(Sequential.predict_proba, kwargs)
        probs = self.model.predict_proba(x, **kwargs)
        if probs.shape[1] == 1:
            probs = np.hstack([1 - probs, probs])
        return probs

    def score(self, x, y, **kwargs):
        """The model's accuracy on (x, y); ValueError without an accuracy metric."""
        y = np.searchsorted(self.classes_, y)
        kwargs = self.filter_sk_params(Sequential.evaluate, kwargs)
        loss_name = self.model.loss
        if hasattr(loss_name, "__name__"):
            loss_name = loss_name.__name__
        if loss_name == "categorical_crossentropy" and len(y.shape) != 2:
            y = to_categorical(y)
        outputs = self.model.evaluate(x, y, **kwargs)
        if not isinstance(outputs, list):
            outputs = [outputs]
        for name, output in zip(self.model.metrics_names, outputs):
            if name in ["accuracy", "acc"]:
                return output
        raise ValueError("The model is not configured to compute accuracy. You should pass "
                         "`metrics=[\"accuracy\"]` to the `model.compile()` method.")


class KerasRegressor(BaseWrapper):
    """scikit-learn regressor interface."""

    def predict(self, x, **kwargs):
        """The model's predictions, squeezed."""
        kwargs = self.filter_sk_params(Sequential.predict, kwargs)
        return np.squeeze(self.model.predict(x, **kwargs))

    def score(self, x, y, **kwargs):
        """The negated loss on (x, y)."""
        kwargs = self.filter_sk_params(Sequential.evaluate, kwargs)
        loss = self.model.evaluate(x, y, **kwargs)
        if isinstance(loss, list):
            return -loss[0]
        return -loss
