"""contrib.learn's key classes (ModeKeys, PredictionKey, ProblemType, TaskType) and its
errors NanLossDuringTrainingError and NotFittedError."""


class ModeKeys:
    """contrib.learn's mode keys (tf.estimator.ModeKeys calls INFER 'PREDICT')."""
    TRAIN = "train"
    EVAL = "eval"
    INFER = "infer"

    @classmethod
    def validate(cls, key):
        if key not in (cls.TRAIN, cls.EVAL, cls.INFER):
            raise ValueError("Invalid mode %s." % key)


class PredictionKey:
    """contrib.learn's prediction keys."""
    CLASSES = "classes"
    PROBABILITIES = "probabilities"
    LOGITS = "logits"
    LOGISTIC = "logistic"
    SCORES = "scores"
    TOP_K = "top_k"
    GENERIC = "output"


class ProblemType:
    """contrib.learn's problem types."""
    UNSPECIFIED = 0
    CLASSIFICATION = 1
    LINEAR_REGRESSION = 2
    LOGISTIC_REGRESSION = 3


class TaskType:
    """contrib.learn's cluster task types."""
    MASTER = "master"
    PS = "ps"
    WORKER = "worker"


class NanLossDuringTrainingError(RuntimeError):
    """contrib.learn's NaN-loss error (a class of its own, not tf.train's)."""

    def __str__(self):
        return "NaN loss during training."


class NotFittedError(ValueError, AttributeError):
    """contrib.learn's error for an estimator used before fitting."""
