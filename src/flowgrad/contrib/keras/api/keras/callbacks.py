"""tf.contrib.keras.callbacks (TF 1.14): the objects of
tf.keras.callbacks that TF 1.14's
contrib.keras exports under the same names. TF 1.14 also exports TF 2's TensorBoard
callback and RemoteMonitor here, which flowgrad does not implement (AttributeError)."""
from .....keras.callbacks import (  # noqa: F401
    BaseLogger, CSVLogger, Callback, EarlyStopping, History, LambdaCallback,
    LearningRateScheduler, ModelCheckpoint, ProgbarLogger, ReduceLROnPlateau,
    TerminateOnNaN)

__all__ = ["BaseLogger", "CSVLogger", "Callback", "EarlyStopping", "History", "LambdaCallback",
           "LearningRateScheduler", "ModelCheckpoint", "ProgbarLogger", "ReduceLROnPlateau",
           "TerminateOnNaN"]


def __getattr__(name):
    if name in ("TensorBoard", "RemoteMonitor"):
        raise AttributeError(f"flowgrad does not implement tensorflow.contrib.keras.callbacks."
                             f"{name} (TF 1.14 exports TF 2's TensorBoard callback and "
                             "RemoteMonitor here)")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
