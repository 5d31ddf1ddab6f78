"""tf.keras.callbacks (TF 1.14 keras/callbacks.py): the hooks fit/evaluate/predict call."""
import importlib
import json
import os
import re
import sys
import time

import numpy as np

__all__ = ["Callback", "CallbackList", "History", "BaseLogger", "ProgbarLogger", "Progbar",
           "LambdaCallback", "EarlyStopping", "TerminateOnNaN", "CSVLogger",
           "LearningRateScheduler", "ReduceLROnPlateau", "ModelCheckpoint",
           "RemoteMonitor", "TensorBoard"]


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


class Progbar:
    """Keras's progress bar: a dynamic bar (verbose=1, redrawn with backspaces and a
    carriage return) or one line at the end (verbose=2); values not in
    `stateful_metrics` are averaged over the samples seen."""

    def __init__(self, target, width=30, verbose=1, interval=0.05, stateful_metrics=None,
                 unit_name="step"):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.stateful_metrics = set(stateful_metrics or [])
        self._dynamic_display = True
        self._total_width = 0
        self._seen_so_far = 0
        self._values = {}
        self._values_order = []
        self._start = time.time()
        self._last_update = 0

    def _format_values(self):
        info = ""
        for k in self._values_order:
            info += " - %s:" % k
            if isinstance(self._values[k], list):
                avg = np.mean(self._values[k][0] / max(1, self._values[k][1]))
                info += (" %.4f" if abs(avg) > 1e-3 else " %.4e") % avg
            else:
                info += " %s" % self._values[k]
        return info

    def update(self, current, values=None):
        """Adds the (name, value) pairs `values` at `current` samples and redraws."""
        for k, v in values or []:
            if k not in self._values_order:
                self._values_order.append(k)
            if k not in self.stateful_metrics:
                base = current - self._seen_so_far
                if k not in self._values:
                    self._values[k] = [v * base, base]
                else:
                    self._values[k][0] += v * base
                    self._values[k][1] += base
            else:
                self._values[k] = [v, 1]
        self._seen_so_far = current
        now = time.time()
        info = " - %.0fs" % (now - self._start)
        numdigits = int(np.floor(np.log10(self.target))) + 1 if self.target else 1
        done = self.target is not None and current >= self.target
        if self.verbose == 1:
            if (now - self._last_update < self.interval and self.target is not None
                    and current < self.target):
                return
            prev_total_width = self._total_width
            sys.stdout.write("\b" * prev_total_width)
            sys.stdout.write("\r")
            if self.target is not None:
                bar = ("%" + str(numdigits) + "d/%d [") % (current, self.target)
                prog_width = int(self.width * float(current) / self.target)
                if prog_width > 0:
                    bar += "=" * (prog_width - 1)
                    bar += ">" if current < self.target else "="
                bar += "." * (self.width - prog_width) + "]"
            else:
                bar = "%7d/Unknown" % current
            self._total_width = len(bar)
            sys.stdout.write(bar)
            time_per_unit = (now - self._start) / current if current else 0
            if self.target is not None and current < self.target:
                eta = time_per_unit * (self.target - current)
                if eta > 3600:
                    eta_format = "%d:%02d:%02d" % (eta // 3600, (eta % 3600) // 60, eta % 60)
                elif eta > 60:
                    eta_format = "%d:%02d" % (eta // 60, eta % 60)
                else:
                    eta_format = "%ds" % eta
                info = " - ETA: %s" % eta_format
            elif time_per_unit >= 1 or time_per_unit == 0:
                info += " %.0fs/%s" % (time_per_unit, self.unit_name)
            elif time_per_unit >= 1e-3:
                info += " %.0fms/%s" % (time_per_unit * 1e3, self.unit_name)
            else:
                info += " %.0fus/%s" % (time_per_unit * 1e6, self.unit_name)
            info += self._format_values()
            self._total_width += len(info)
            if prev_total_width > self._total_width:
                info += " " * (prev_total_width - self._total_width)
            if done:
                info += "\n"
            sys.stdout.write(info)
            sys.stdout.flush()
        elif self.verbose == 2 and done:
            count = ("%" + str(numdigits) + "d/%d") % (current, self.target)
            sys.stdout.write(count + info + self._format_values() + "\n")
            sys.stdout.flush()
        self._last_update = now


class ProgbarLogger(Callback):
    """Prints Keras's progress: 'Epoch i/n' (when n > 1), then a Progbar per epoch
    ('50/50 - 0s - loss: 0.6880 - acc: 0.6400' with verbose=2)."""

    def __init__(self, count_mode="samples", stateful_metrics=None):
        super().__init__()
        if count_mode == "samples":
            self.use_steps = False
        elif count_mode == "steps":
            self.use_steps = True
        else:
            raise ValueError("Unknown `count_mode`: " + str(count_mode))
        self.stateful_metrics = set(stateful_metrics or [])

    def on_train_begin(self, logs=None):
        self.verbose = self.params["verbose"]
        self.epochs = self.params["epochs"]

    def on_epoch_begin(self, epoch, logs=None):
        self.seen = 0
        self.target = self.params["steps"] if self.use_steps else self.params["samples"]
        if self.verbose:
            if self.epochs > 1:
                print("Epoch %d/%d" % (epoch + 1, self.epochs))
        self.progbar = Progbar(target=self.target, verbose=self.verbose,
                               stateful_metrics=self.stateful_metrics,
                               unit_name="step" if self.use_steps else "sample")

    def on_batch_begin(self, batch, logs=None):
        self.log_values = []

    def on_batch_end(self, batch, logs=None):
        logs = logs or {}
        if self.use_steps:
            self.seen += logs.get("num_steps", 1)
        else:
            self.seen += logs.get("size", 0) * logs.get("num_steps", 1)
        for k in self.params["metrics"]:
            if k in logs:
                self.log_values.append((k, logs[k]))
        if self.verbose and (self.target is None or self.seen < self.target):
            self.progbar.update(self.seen, self.log_values)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        for k in self.params["metrics"]:
            if k in logs:
                self.log_values.append((k, logs[k]))
        if self.verbose:
            self.progbar.update(self.seen, self.log_values)


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
        self.restore_best_weights = restore_best_weights
        self.best_weights = None
        self.monitor = monitor
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.min_delta = abs(min_delta)
        self.wait = 0
        self.stopped_epoch = 0
        if mode not in ("auto", "min", "max"):
            _warn("EarlyStopping mode %s is unknown, fallback to auto mode." % mode)
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
            _warn("Early stopping conditioned on metric `%s` which is not available. "
                  "Available metrics are: %s" % (self.monitor, ",".join(list(logs.keys()))))
            return
        if self.monitor_op(current - self.min_delta, self.best):
            self.best = current
            self.wait = 0
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
        else:
            self.wait += 1
            if self.wait >= self.patience:
                self.stopped_epoch = epoch
                self.model.stop_training = True
                if self.restore_best_weights:
                    if self.verbose > 0:
                        print("Restoring model weights from the end of the best epoch.")
                    self.model.set_weights(self.best_weights)

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


class LearningRateScheduler(Callback):
    """Sets the optimizer's learning rate to `schedule(epoch, lr)` (or `schedule(epoch)`)
    at the start of each epoch; logs it as 'lr'."""

    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch, logs=None):
        from . import backend as K  # lazy: callbacks need no graph until here
        if not hasattr(self.model.optimizer, "lr"):
            raise ValueError('Optimizer must have a "lr" attribute.')
        try:
            lr = float(K.get_value(self.model.optimizer.lr))
            lr = self.schedule(epoch, lr)
        except TypeError:
            lr = self.schedule(epoch)
        if not isinstance(lr, (float, np.float32, np.float64)):
            raise ValueError('The output of the "schedule" function should be float.')
        K.set_value(self.model.optimizer.lr, lr)
        if self.verbose > 0:
            print("\nEpoch %05d: LearningRateScheduler reducing learning rate to %s."
                  % (epoch + 1, lr))

    def on_epoch_end(self, epoch, logs=None):
        from . import backend as K  # lazy: callbacks need no graph until here
        logs = logs if logs is not None else {}
        logs["lr"] = K.get_value(self.model.optimizer.lr)


class ReduceLROnPlateau(Callback):
    """Multiplies the learning rate by `factor` when `monitor` has not improved by
    `min_delta` for `patience` epochs (then waits `cooldown` epochs); logs 'lr'."""

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto",
                 min_delta=1e-4, cooldown=0, min_lr=0, **kwargs):
        super().__init__()
        self.monitor = monitor
        if factor >= 1.0:
            raise ValueError("ReduceLROnPlateau does not support a factor >= 1.0.")
        if "epsilon" in kwargs:   # (other keyword arguments are ignored, as TF 1.14's)
            min_delta = kwargs.pop("epsilon")
            _warn("`epsilon` argument is deprecated and will be removed, use `min_delta` "
                  "instead.")
        self.factor = factor
        self.min_lr = min_lr
        self.min_delta = min_delta
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.cooldown_counter = 0
        self.wait = 0
        self.best = 0
        self.mode = mode
        self.monitor_op = None
        self._reset()

    def _reset(self):
        if self.mode not in ("auto", "min", "max"):
            _warn("Learning Rate Plateau Reducing mode %s is unknown, fallback to auto mode."
                  % self.mode)
            self.mode = "auto"
        if self.mode == "min" or (self.mode == "auto" and "acc" not in self.monitor):
            self.monitor_op = lambda a, b: np.less(a, b - self.min_delta)
            self.best = np.inf
        else:
            self.monitor_op = lambda a, b: np.greater(a, b + self.min_delta)
            self.best = -np.inf
        self.cooldown_counter = 0
        self.wait = 0

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        from . import backend as K  # lazy: callbacks need no graph until here
        logs = logs if logs is not None else {}
        logs["lr"] = K.get_value(self.model.optimizer.lr)
        current = logs.get(self.monitor)
        if current is None:
            _warn("Reduce LR on plateau conditioned on metric `%s` which is not available. "
                  "Available metrics are: %s" % (self.monitor, ",".join(list(logs.keys()))))
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self.monitor_op(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                old_lr = float(K.get_value(self.model.optimizer.lr))
                if old_lr > self.min_lr:
                    new_lr = max(old_lr * self.factor, self.min_lr)
                    K.set_value(self.model.optimizer.lr, new_lr)
                    if self.verbose > 0:
                        print("\nEpoch %05d: ReduceLROnPlateau reducing learning rate to %s."
                              % (epoch + 1, new_lr))
                    self.cooldown_counter = self.cooldown
                    self.wait = 0

    def in_cooldown(self):
        return self.cooldown_counter > 0


class ModelCheckpoint(Callback):
    """Saves the model (HDF5, model.save) or its weights (save_weights) after every
    `period` epochs or every `save_freq` samples; `filepath` is formatted with `epoch`
    (1-based) and the logs ('w.{epoch:02d}-{val_loss:.2f}.h5'). With save_best_only it
    saves only when `monitor` improves ('min', 'max', or 'auto': max for names with
    'acc')."""

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", save_freq="epoch",
                 load_weights_on_restart=False, **kwargs):
        super().__init__()
        unknown = set(kwargs) - {"period"}
        if unknown:
            raise TypeError("Unexpected keyword argument(s): " + str(sorted(unknown)))
        self.monitor = monitor
        self.verbose = verbose
        self.filepath = filepath
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        self.load_weights_on_restart = load_weights_on_restart
        self.epochs_since_last_save = 0
        self._samples_seen_since_last_saving = 0
        self._current_epoch = 0
        if "period" in kwargs:
            self.period = kwargs["period"]
            _warn("`period` argument is deprecated. Please use `save_freq` to specify the "
                  "frequency in number of samples seen.")
        else:
            self.period = 1
        if mode not in ("auto", "min", "max"):
            _warn("ModelCheckpoint mode %s is unknown, fallback to auto mode." % (mode,))
            mode = "auto"
        if mode == "min" or mode == "auto" and not ("acc" in monitor or
                                                    monitor.startswith("fmeasure")):
            self.monitor_op, self.best = np.less, np.inf
        else:
            self.monitor_op, self.best = np.greater, -np.inf
        if self.save_freq != "epoch" and not isinstance(self.save_freq, int):
            raise ValueError("Unrecognized save_freq: {}".format(self.save_freq))

    def set_model(self, model):
        self.model = model
        if (not self.save_weights_only and not model._is_graph_network and
                model.__class__.__name__ != "Sequential"):
            self.save_weights_only = True

    def on_train_begin(self, logs=None):
        """As TF 1.14: with load_weights_on_restart, the weights of the most recent file
        matching `filepath` are loaded (a checkpoint prefix tf.train.latest_checkpoint
        names is no file, so TF, and flowgrad, skip it)."""
        filepath_to_load = self._get_most_recently_modified_file_matching_pattern(
            self.filepath)
        if (self.load_weights_on_restart and filepath_to_load is not None and
                os.path.exists(filepath_to_load)):
            try:
                self.model.load_weights(filepath_to_load)
            except (IOError, ValueError) as e:
                raise ValueError("Error loading file from {}. Reason: {}".format(
                    filepath_to_load, e))

    def _get_most_recently_modified_file_matching_pattern(self, pattern):
        """TF 1.14's: tf.train.latest_checkpoint in the directory if its name matches,
        else the matching file modified last (ties: the largest path)."""
        from ..train.checkpoint_management import latest_checkpoint  # lazy: restarts only
        dir_name = os.path.dirname(pattern)
        base_name = os.path.basename(pattern)
        base_name_regex = "^" + re.sub(r"{.*}", r".*", base_name) + "$"
        latest_tf_checkpoint = latest_checkpoint(dir_name)
        if latest_tf_checkpoint is not None and re.match(
                base_name_regex, os.path.basename(latest_tf_checkpoint)):
            return latest_tf_checkpoint
        latest_mod_time = 0
        file_path_with_latest_mod_time = None
        n_file_with_latest_mod_time = 0
        file_path_with_largest_file_name = None
        if os.path.exists(dir_name):
            for file_name in os.listdir(dir_name):
                if re.match(base_name_regex, file_name):
                    file_path = os.path.join(dir_name, file_name)
                    mod_time = os.path.getmtime(file_path)
                    if (file_path_with_largest_file_name is None or
                            file_path > file_path_with_largest_file_name):
                        file_path_with_largest_file_name = file_path
                    if mod_time > latest_mod_time:
                        latest_mod_time = mod_time
                        file_path_with_latest_mod_time = file_path
                        n_file_with_latest_mod_time = 1
                    elif mod_time == latest_mod_time:
                        n_file_with_latest_mod_time += 1
        if n_file_with_latest_mod_time == 1:
            return file_path_with_latest_mod_time
        return file_path_with_largest_file_name

    def on_batch_end(self, batch, logs=None):
        logs = logs or {}
        if isinstance(self.save_freq, int):
            self._samples_seen_since_last_saving += logs.get("size", 1)
            if self._samples_seen_since_last_saving >= self.save_freq:
                self._save_model(self._current_epoch, logs)
                self._samples_seen_since_last_saving = 0

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        self.epochs_since_last_save += 1
        if self.save_freq == "epoch":
            self._save_model(epoch, logs)

    def _write(self, filepath):
        if self.save_weights_only:
            self.model.save_weights(filepath, overwrite=True)
        else:
            self.model.save(filepath, overwrite=True)

    def _save_model(self, epoch, logs):
        logs = logs or {}
        if not (isinstance(self.save_freq, int) or self.epochs_since_last_save >= self.period):
            return
        self.epochs_since_last_save = 0
        filepath = self.filepath.format(epoch=epoch + 1, **logs)
        if self.save_best_only:
            current = logs.get(self.monitor)
            if current is None:
                _warn("Can save best model only with %s available, skipping." % self.monitor)
            elif self.monitor_op(current, self.best):
                if self.verbose > 0:
                    print("\nEpoch %05d: %s improved from %0.5f to %0.5f, saving model to %s"
                          % (epoch + 1, self.monitor, self.best, current, filepath))
                self.best = current
                self._write(filepath)
            elif self.verbose > 0:
                print("\nEpoch %05d: %s did not improve from %0.5f"
                      % (epoch + 1, self.monitor, self.best))
        else:
            if self.verbose > 0:
                print("\nEpoch %05d: saving model to %s" % (epoch + 1, filepath))
            self._write(filepath)


class RemoteMonitor(Callback):
    """Posts each epoch's logs (plus 'epoch') to `root + path` with the `requests`
    library, as TF 1.14: JSON-encoded in the form field `field`, or as an
    application/json body when send_as_json; an unreachable server is only warned of."""

    def __init__(self, root="http://localhost:9000", path="/publish/epoch/end/",
                 field="data", headers=None, send_as_json=False):
        super().__init__()
        self.root = root
        self.path = path
        self.field = field
        self.headers = headers
        self.send_as_json = send_as_json

    def on_epoch_end(self, epoch, logs=None):
        try:
            requests = importlib.import_module("requests")
        except ImportError:
            raise ImportError("RemoteMonitor requires the `requests` library.") from None
        send = {"epoch": epoch}
        send.update(logs or {})
        try:
            if self.send_as_json:
                requests.post(self.root + self.path, json=send, headers=self.headers)
            else:
                requests.post(self.root + self.path, {self.field: json.dumps(send)},
                              headers=self.headers)
        except requests.exceptions.RequestException:
            _warn("Warning: could not reach RemoteMonitor root server at " + str(self.root))


def _warn(msg):
    from .. import logging  # lazy: tf.logging is only needed for a warning
    logging.warning(msg)


class TensorBoard(Callback):
    """TF 1.14's graph-mode TensorBoard callback (keras/callbacks_v1.py).

    Writes the graph (write_graph) and the logs as scalar summaries: 'epoch_<name>' at
    step = epoch (or samples seen with a numeric update_freq) and 'batch_<name>' at each
    batch (update_freq 'batch' or every N samples). With histogram_freq, the merged
    summaries of the graph (weight histograms '<weight name>' with ':' as '_', layer
    outputs '<layer>_out', gradients '<weight>_grad' with write_grads, weight images with
    write_images) are fetched with each validation batch of every histogram_freq-th epoch
    and written at step = validation batches seen. profile_batch: the Session.runs
    between the end of batch profile_batch - 1 and the end of batch profile_batch (counted
    over the whole fit) are traced and saved as TF's profiler saves them
    (flowgrad/profiler/trace.py). embeddings_freq with embeddings_data: the watched
    layers' outputs for embeddings_data are checkpointed every embeddings_freq epochs with a
    projector config (keras/_tb_embeddings.py)."""

    def __init__(self, log_dir="./logs", histogram_freq=0, batch_size=32, write_graph=True,
                 write_grads=False, write_images=False, embeddings_freq=0,
                 embeddings_layer_names=None, embeddings_metadata=None, embeddings_data=None,
                 update_freq="epoch", profile_batch=2):
        super().__init__()
        self.log_dir = log_dir
        self.histogram_freq = histogram_freq
        self.merged = None
        self.batch_size = batch_size
        self.write_graph = write_graph
        self.write_grads = write_grads
        self.write_images = write_images
        self.embeddings_freq = embeddings_freq
        self.embeddings_layer_names = embeddings_layer_names
        self.embeddings_metadata = embeddings_metadata
        self.embeddings_data = embeddings_data
        self.update_freq = 1 if update_freq == "batch" else update_freq
        self._profile_batch = profile_batch
        self._is_profiling = False
        self._current_batch = 0
        self._total_batches_seen = 0
        self._total_val_batches_seen = 0
        self._samples_seen = 0
        self._samples_seen_at_last_write = 0
        self.writer = None
        self._embeddings = None

    def set_model(self, model):
        from ..summary.writer import FileWriter  # lazy: the summary writer on first use
        from ..summary import merge_all  # lazy: with the writer
        self.model = model
        from ..engine.framework.graph import get_default_graph  # lazy: with the writer
        if self.write_graph:
            self.writer = FileWriter(self.log_dir, get_default_graph())
        else:
            self.writer = FileWriter(self.log_dir)
        self._make_histogram_ops(model)
        self.merged = merge_all()
        self._embeddings = None
        if self.embeddings_freq and self.embeddings_data is not None:
            from ._tb_embeddings import EmbeddingWriter  # lazy: only with embeddings
            self._embeddings = EmbeddingWriter(model, self.log_dir, self.writer,
                                               self.embeddings_data,
                                               self.embeddings_layer_names,
                                               self.embeddings_metadata)

    def _make_histogram_ops(self, model):
        """TF 1.14's summaries: per layer, each weight's histogram (and image), the
        trainable weights' gradient histograms, the output's histogram."""
        if not self.histogram_freq or self.merged is not None:
            return
        from .. import summary  # lazy: summary ops on first use
        from ..ops import array_ops  # lazy: with the summary ops
        from . import backend as K  # lazy: with the summary ops
        for layer in self.model.layers:
            for weight in layer.weights:
                name = weight.name.replace(":", "_")
                summary.histogram(name, weight)
                if self.write_images:
                    img = _weight_image(weight, array_ops, K)
                    if img is not None:
                        summary.image(name, img)
            if self.write_grads:
                for weight in layer.trainable_weights:
                    name = weight.name.replace(":", "_")
                    grads = model.optimizer.get_gradients(model.total_loss, weight)
                    grads = [g.values if type(g).__name__ == "IndexedSlices" else g
                             for g in grads]
                    # TF converts the list by packing it (one more leading dimension)
                    summary.histogram("{}_grad".format(name),
                                      array_ops.stack(grads, name="packed"))
            if hasattr(layer, "output"):
                try:
                    output = layer.output
                except AttributeError:
                    continue
                if isinstance(output, list):
                    for i, out in enumerate(output):
                        summary.histogram("{}_out_{}".format(layer.name, i), out)
                else:
                    summary.histogram("{}_out".format(layer.name), output)

    def _fetch_callback(self, summary):
        self.writer.add_summary(summary, self._total_val_batches_seen)
        self._total_val_batches_seen += 1

    def _write_custom_summaries(self, step, logs=None):
        from ..summary import Summary  # lazy: the proto classes load on first use
        for name, value in (logs or {}).items():
            if isinstance(value, np.ndarray):
                value = value.item()
            summary = Summary()
            v = summary.value.add()
            v.simple_value = value
            v.tag = name
            self.writer.add_summary(summary, step)
        self.writer.flush()

    def on_train_begin(self, logs=None):
        if self._profile_batch == 1:
            self._start_profiling()

    def _start_profiling(self):
        from ..profiler import trace  # lazy: the profiler loads when a batch is profiled
        trace.start()
        self._is_profiling = True

    def _save_profile(self):
        from ..profiler import trace  # lazy: as _start_profiling
        self._is_profiling = False
        trace.save(self.log_dir, trace.stop())

    def on_batch_end(self, batch, logs=None):
        logs = logs or {}
        self._samples_seen += logs.get("size", 1)
        since = self._samples_seen - self._samples_seen_at_last_write
        if self.update_freq != "epoch" and since >= self.update_freq:
            batch_logs = {"batch_" + k: v for k, v in logs.items()
                          if k not in ("batch", "size", "num_steps")}
            self._write_custom_summaries(self._total_batches_seen, batch_logs)
            self._samples_seen_at_last_write = self._samples_seen
        self._total_batches_seen += 1
        if self._is_profiling:
            self._save_profile()
        elif self._total_batches_seen == self._profile_batch - 1:
            self._start_profiling()

    def on_epoch_begin(self, epoch, logs=None):
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._epoch = epoch
            self.model._test_fetch_callbacks[self.merged] = self._fetch_callback

    def on_epoch_end(self, epoch, logs=None):
        logs = {"epoch_" + k: v for k, v in (logs or {}).items()
                if k not in ("batch", "size", "num_steps")}
        step = epoch if self.update_freq == "epoch" else self._samples_seen
        self._write_custom_summaries(step, logs)
        if self.histogram_freq:
            self.model._test_fetch_callbacks.pop(self.merged, None)
        if self.embeddings_data is None and self.embeddings_freq:
            raise ValueError("To visualize embeddings, embeddings_data must be provided.")
        if self._embeddings is not None and epoch % self.embeddings_freq == 0:
            self._embeddings.write(epoch, self.batch_size)

    def on_train_end(self, logs=None):
        if self._is_profiling:
            self._save_profile()
        self.writer.close()


def _int_shape(x):
    return tuple(x.shape.as_list())


def _weight_image(weight, array_ops, K):
    """TF 1.14's weight image: a squeezed kernel as [1, rows, cols, 1] (transposed when it
    has more rows than columns), a conv kernel as [channels, h, w, 1], a bias as
    [1, n, 1, 1]; None for other ranks."""
    img = array_ops.squeeze(weight)
    shape = _int_shape(img)
    if len(shape) == 2:
        if shape[0] > shape[1]:
            img = array_ops.transpose(img)
            shape = _int_shape(img)
        img = array_ops.reshape(img, [1, shape[0], shape[1], 1])
    elif len(shape) == 3:
        if K.image_data_format() == "channels_last":
            img = array_ops.transpose(img, perm=[2, 0, 1])
            shape = _int_shape(img)
        img = array_ops.reshape(img, [shape[0], shape[1], shape[2], 1])
    elif len(shape) == 1:
        img = array_ops.reshape(img, [1, shape[0], 1, 1])
    else:
        return None
    return img
