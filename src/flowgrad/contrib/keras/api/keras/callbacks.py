"""tf.contrib.keras.callbacks (TF 1.14): the objects of tf.keras.callbacks that TF 1.14's
contrib.keras exports under the same names. TF 1.14 also exports TF 2's TensorBoard
callback here (tensorflow.python.keras.callbacks.TensorBoard, not tf.keras's v1 one),
which flowgrad does not implement (AttributeError)."""
from .....keras.callbacks import (  # noqa: F401
    BaseLogger, CSVLogger, Callback, EarlyStopping, History, LambdaCallback,
    LearningRateScheduler, ModelCheckpoint, ProgbarLogger, ReduceLROnPlateau, RemoteMonitor,
    TerminateOnNaN)

__all__ = ["BaseLogger", "CSVLogger", "Callback", "EarlyStopping", "History", "LambdaCallback",
           "LearningRateScheduler", "ModelCheckpoint", "ProgbarLogger", "ReduceLROnPlateau",
           "RemoteMonitor", "TerminateOnNaN"]


def __getattr__(name):
    if name == "TensorBoard":
        raise AttributeError("flowgrad does not implement tensorflow.contrib.keras.callbacks."
                             "TensorBoard (TF 1.14 exports TF 2's TensorBoard callback here)")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
