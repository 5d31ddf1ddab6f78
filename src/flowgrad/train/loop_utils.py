"""tf.train.summary_iterator, checkpoints_iterator and basic_train_loop (TF 1.14's
summary_iterator.py, checkpoint_utils.py and basic_loops.py)."""
from __future__ import annotations

import time

from ..engine.framework import errors
from ..logging import info as _info
from ..python_io import tf_record_iterator
from .checkpoint_management import latest_checkpoint

__all__ = ["summary_iterator", "checkpoints_iterator", "basic_train_loop"]


def summary_iterator(path):
    """Yields the Event protos of an event file (TFRecords of serialized Events)."""
    from .. import summary  # lazy: tensorboard's proto classes load on first use
    for record in tf_record_iterator(path):
        yield summary.Event.FromString(record)


def _wait_for_new_checkpoint(checkpoint_dir, last_checkpoint=None, seconds_to_sleep=1,
                             timeout=None):
    _info("Waiting for new checkpoint at %s", checkpoint_dir)
    stop_time = time.time() + timeout if timeout is not None else None
    while True:
        path = latest_checkpoint(checkpoint_dir)
        if path is None or path == last_checkpoint:
            if stop_time is not None and time.time() + seconds_to_sleep > stop_time:
                return None
            time.sleep(seconds_to_sleep)
        else:
            _info("Found new checkpoint at %s", path)
            return path


def checkpoints_iterator(checkpoint_dir, min_interval_secs=0, timeout=None, timeout_fn=None):
    """Yields each new checkpoint of `checkpoint_dir` as it appears (at most one per
    `min_interval_secs`); after `timeout` seconds without one, stops unless `timeout_fn`
    returns False."""
    checkpoint_path = None
    while True:
        new_path = _wait_for_new_checkpoint(checkpoint_dir, checkpoint_path, timeout=timeout)
        if new_path is None:
            if not timeout_fn:
                _info("Timed-out waiting for a checkpoint.")
                return
            if timeout_fn():
                return
            continue
        start = time.time()
        checkpoint_path = new_path
        yield checkpoint_path
        wait = start + min_interval_secs - time.time()
        if wait > 0:
            time.sleep(wait)


def basic_train_loop(supervisor, train_step_fn, args=None, kwargs=None, master=""):
    """Runs train_step_fn(sess, *args, **kwargs) in supervisor.managed_session(master)
    until the supervisor says stop; restarts the session after an AbortedError."""
    if args is None:
        args = []
    if kwargs is None:
        kwargs = {}
    should_retry = True
    while should_retry:
        try:
            should_retry = False
            with supervisor.managed_session(master) as sess:
                while not supervisor.should_stop():
                    train_step_fn(sess, *args, **kwargs)
        except errors.AbortedError:
            should_retry = True
