"""tf.keras.callbacks (TF 1.14 keras/callbacks.py): the hooks fit/evaluate/predict call."""
import sys

import numpy as np

__all__ = ["Callback", "CallbackList", "History", "BaseLogger", "ProgbarLogger",
           "LambdaCallback", "EarlyStopping", "TerminateOnNaN", "CSVLogger"]


class Callback:
    """Base class: every hook does nothing; `model` and `params` are set by fit."""

    def __init__(self):
        self.validation_data = None
        self.model = None

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self.model = model

    def on_batch_begin(self, batch, logs=None):
        """Alias of on_train_batch_begin."""

    def on_batch_end(self, batch, logs=None):
        """Alias of on_train_batch_end."""

    def on_epoch_begin(self, epoch, logs=None):
        """At the start of an epoch."""

    def on_epoch_end(self, epoch, logs=None):
        """At the end of an epoch."""

    def on_train_batch_begin(self, batch, logs=None):
        self.on_batch_begin(batch, logs=logs)

    def on_train_batch_end(self, batch, logs=None):
        self.on_batch_end(batch, logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        """At the start of an evaluate batch."""

    def on_test_batch_end(self, batch, logs=None):
        """At the end of an evaluate batch."""

    def on_predict_batch_begin(self, batch, logs=None):
        """At the start of a predict batch."""

    def on_predict_batch_end(self, batch, logs=None):
        """At the end of a predict batch."""

    def on_train_begin(self, logs=None):
        """At the start of fit."""

    def on_train_end(self, logs=None):
        """At the end of fit."""

    def on_test_begin(self, logs=None):
        """At the start of evaluate."""

    def on_test_end(self, logs=None):
        """At the end of evaluate."""

    def on_predict_begin(self, logs=None):
        """At the start of predict."""

    def on_predict_end(self, logs=None):
        """At the end of predict."""


class CallbackList:
    """Calls a hook on each callback in order."""

    def __init__(self, callbacks=None):
        self.callbacks = list(callbacks or [])

    def call(self, hook, *args):
        for c in self.callbacks:
            getattr(c, hook)(*args)


class BaseLogger(Callback):
    """Averages the batch values of the metrics over an epoch (TF 1.14 fit does this
    itself for the loss; kept for users that add it)."""

    def __init__(self, stateful_metrics=None):
        super().__init__()
        self.stateful_metrics = set(stateful_metrics or [])

    def on_epoch_begin(self, epoch, logs=None):
        self.seen = 0
        self.totals = {}

    def on_batch_end(self, batch, logs=None):
        logs = logs or {}
        batch_size = logs.get("size", 0)
        self.seen += batch_size
        for k, v in logs.items():
            if k in self.stateful_metrics:
                self.totals[k] = v
            elif k in self.totals:
                self.totals[k] += v * batch_size
            else:
                self.totals[k] = v * batch_size

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            for k in self.params["metrics"]:
                if k in self.totals:
                    if k in self.stateful_metrics:
                        logs[k] = self.totals[k]
                    else:
                        logs[k] = self.totals[k] / self.seen


class History(Callback):
    """Records the epoch logs: `history[name]` lists a value per epoch."""

    def on_train_begin(self, logs=None):
        self.epoch = []
        self.history = {}

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.epoch.append(epoch)
        for k, v in logs.items():
            self.history.setdefault(k, []).append(v)


class ProgbarLogger(Callback):
    """Prints Keras's progress lines: with verbose=2 one line per epoch
    ('50/50 - 0s - loss: 0.6880 - acc: 0.6400'); with verbose=1 a progress bar."""

    def __init__(self, count_mode="samples", stateful_metrics=None):
        super().__init__()
        if count_mode != "samples":
            raise NotImplementedError("flowgrad does not implement ProgbarLogger(count_mode="
                                      + repr(count_mode) + ")")
        self.stateful_metrics = set(stateful_metrics or [])

    def on_train_begin(self, logs=None):
        self.verbose = self.params["verbose"]
        self.epochs = self.params["epochs"]

    def on_epoch_begin(self, epoch, logs=None):
        if self.verbose:
            print("Epoch %d/%d" % (epoch + 1, self.epochs))
        self.seen = 0
        self.target = self.params["samples"]

    def _values(self, logs):
        parts = []
        for k in self.params["metrics"]:
            if k in logs:
                v = logs[k]
                parts.append(" - %s: %s" % (k, ("%.4f" if abs(v) > 1e-3 else "%.4e") % v))
        return "".join(parts)

    def on_batch_end(self, batch, logs=None):
        logs = logs or {}
        self.seen += logs.get("size", 0)
        if self.verbose == 1 and self.seen < self.target:
            width = 30
            numdigits = len(str(self.target))
            prog = float(self.seen) / self.target
            filled = int(width * prog)
            bar = "=" * max(filled - 1, 0) + (">" if filled < width else "=")
            bar += "." * (width - filled)
            sys.stdout.write("\r%*d/%d [%s]%s" % (numdigits, self.seen, self.target, bar,
                                                   self._values(logs)))
            sys.stdout.flush()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.verbose == 1:
            numdigits = len(str(self.target))
            sys.stdout.write("\r%*d/%d [%s] - 0s%s\n" % (numdigits, self.target,
                                                          self.target, "=" * 30,
                                                          self._values(logs)))
        elif self.verbose == 2:
            print("%d/%d - 0s%s" % (self.target, self.target, self._values(logs)))


class LambdaCallback(Callback):
    """A callback from functions: on_epoch_begin(epoch, logs), on_batch_end(batch, logs),
    on_train_begin(logs), ..."""

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_batch_begin=None,
                 on_batch_end=None, on_train_begin=None, on_train_end=None, **kwargs):
        super().__init__()
        self.__dict__.update(kwargs)
        noop2 = lambda a, logs=None: None  # noqa: E731
        noop1 = lambda logs=None: None  # noqa: E731
        self.on_epoch_begin = on_epoch_begin or noop2
        self.on_epoch_end = on_epoch_end or noop2
        self.on_batch_begin = on_batch_begin or noop2
        self.on_batch_end = on_batch_end or noop2
        self.on_train_begin = on_train_begin or noop1
        self.on_train_end = on_train_end or noop1


class EarlyStopping(Callback):
    """Stops fit when `monitor` has not improved by `min_delta` for `patience` epochs."""

    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto",
                 baseline=None, restore_best_weights=False):
        super().__init__()
        if restore_best_weights:
            raise NotImplementedError("flowgrad does not implement "
                                      "EarlyStopping(restore_best_weights=True)")
        self.monitor = monitor
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.min_delta = abs(min_delta)
        self.wait = 0
        self.stopped_epoch = 0
        if mode not in ("auto", "min", "max"):
            print("EarlyStopping mode %s is unknown, fallback to auto mode." % mode)
            mode = "auto"
        if mode == "min" or (mode == "auto" and "acc" not in self.monitor):
            self.monitor_op = np.less
        else:
            self.monitor_op = np.greater
        if self.monitor_op == np.greater:
            self.min_delta *= 1
        else:
            self.min_delta *= -1

    def on_train_begin(self, logs=None):
        self.wait = 0
        self.stopped_epoch = 0
        if self.baseline is not None:
            self.best = self.baseline
        else:
            self.best = np.inf if self.monitor_op == np.less else -np.inf

    def on_epoch_end(self, epoch, logs=None):
        current = (logs or {}).get(self.monitor)
        if current is None:
            print("Early stopping conditioned on metric `%s` which is not available. "
                  "Available metrics are: %s" % (self.monitor, ",".join(list(logs.keys()))))
            return
        if self.monitor_op(current - self.min_delta, self.best):
            self.best = current
            self.wait = 0
        else:
            self.wait += 1
            if self.wait >= self.patience:
                self.stopped_epoch = epoch
                self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print("Epoch %05d: early stopping" % (self.stopped_epoch + 1))


class TerminateOnNaN(Callback):
    """Stops fit when a batch's loss is NaN or infinite."""

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None and (np.isnan(loss) or np.isinf(loss)):
            print("Batch %d: Invalid loss, terminating training" % (batch))
            self.model.stop_training = True


class CSVLogger(Callback):
    """Writes the epoch logs to a CSV file: a header 'epoch,<sorted keys>' then a row per
    epoch (`append` continues an existing file without a new header)."""

    def __init__(self, filename, separator=",", append=False):
        super().__init__()
        self.sep = separator
        self.filename = filename
        self.append = append
        self.writer = None
        self.keys = None
        self.append_header = True

    def on_train_begin(self, logs=None):
        import os  # lazy: only CSVLogger touches files
        if self.append:
            if os.path.exists(self.filename):
                with open(self.filename) as f:
                    self.append_header = not bool(len(f.readline()))
            mode = "a"
        else:
            mode = "w"
        self.csv_file = open(self.filename, mode, newline="")

    def on_epoch_end(self, epoch, logs=None):
        import csv  # lazy: only CSVLogger writes CSV
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs.keys())
        if self.model.stop_training:
            logs = dict((k, logs[k]) if k in logs else (k, "NA") for k in self.keys)
        if not self.writer:
            class CustomDialect(csv.excel):
                delimiter = self.sep
            fieldnames = ["epoch"] + self.keys
            self.writer = csv.DictWriter(self.csv_file, fieldnames=fieldnames,
                                         dialect=CustomDialect)
            if self.append_header:
                self.writer.writeheader()
        row = {"epoch": epoch}
        row.update((key, logs[key]) for key in self.keys)
        self.writer.writerow(row)
        self.csv_file.flush()

    def on_train_end(self, logs=None):
        self.csv_file.close()
        self.writer = None
