"""tf.contrib.learn's key classes and errors under TF 1.14 (tests/test_heads.py): the
values of ModeKeys, PredictionKey, ProblemType and TaskType, ModeKeys.validate's error,
NanLossDuringTrainingError's message and NotFittedError's bases."""


def _public(cls):
    return {k: v for k, v in sorted(vars(cls).items())
            if not k.startswith("_") and not callable(getattr(cls, k))}


def cases(tf):
    learn = tf.contrib.learn
    out = {name: _public(getattr(learn, name))
           for name in ("ModeKeys", "PredictionKey", "ProblemType", "TaskType")}
    try:
        learn.ModeKeys.validate("predict")
    except ValueError as e:
        out["validate"] = e
    out["nan_loss"] = [str(learn.NanLossDuringTrainingError()),
                       [c.__name__ for c in learn.NanLossDuringTrainingError.__mro__[1:]]]
    out["not_fitted"] = [c.__name__ for c in learn.NotFittedError.__mro__[1:]]
    return out
