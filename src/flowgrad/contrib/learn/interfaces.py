"""`tf.contrib.learn.Evaluable` and `Trainable` (TF 1.14's contrib/learn/.../evaluable.py and
trainable.py): the abstract interfaces BaseEstimator implements (model_dir and evaluate;
fit)."""
from __future__ import annotations

import abc

__all__ = ["Evaluable", "Trainable"]


class Evaluable(abc.ABC):
    """Interface for objects that are evaluatable by, e.g., `Experiment`."""

    @property
    @abc.abstractmethod
    def model_dir(self):
        """The directory where the model's checkpoints are (evaluate reads the latest)."""
        raise NotImplementedError

    @abc.abstractmethod
    def evaluate(self, x=None, y=None, input_fn=None, feed_fn=None, batch_size=None,
                 steps=None, metrics=None, name=None, checkpoint_path=None, hooks=None):
        """Evaluates the model on the data: a dict of the metrics and 'global_step'."""
        raise NotImplementedError


class Trainable(abc.ABC):
    """Interface for objects that are trainable by, e.g., `Experiment`."""

    @abc.abstractmethod
    def fit(self, x=None, y=None, input_fn=None, steps=None, batch_size=None, monitors=None,
            max_steps=None):
        """Trains the model on the data; returns self."""
        raise NotImplementedError
