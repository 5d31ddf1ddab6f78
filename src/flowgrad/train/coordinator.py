"""`tf.train.Coordinator` and `tf.train.LooperThread`: stopping a set of threads together.

    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess, coord=coord)
    try:
        while not coord.should_stop():
            sess.run(train_op)
    except tf.errors.OutOfRangeError:
        pass
    finally:
        coord.request_stop()
    coord.join(threads)

The first exception reported through `request_stop(ex)` (other than the clean
stop types, OutOfRangeError by default) is re-raised by `join`, as in TF 1.14.
"""
from __future__ import annotations

import contextlib
import sys
import threading
import time

from .. import logging
from ..engine.framework import errors

__all__ = ["Coordinator", "LooperThread"]


class Coordinator:
    """Coordinates the termination of a set of threads."""

    def __init__(self, clean_stop_exception_types=None):
        if clean_stop_exception_types is None:
            clean_stop_exception_types = (errors.OutOfRangeError,)
        self._clean_stop_exception_types = tuple(clean_stop_exception_types)
        self._lock = threading.Lock()
        self._stop_event = threading.Event()
        self._exc_info_to_raise = None
        self._joined = False
        self._registered_threads = set()

    def _filter_exception(self, ex):
        ex2 = ex[1] if isinstance(ex, tuple) else ex
        if isinstance(ex2, self._clean_stop_exception_types):
            return None
        return ex

    def request_stop(self, ex=None):
        """Requests that the threads stop; `ex` (an exception or exc_info) is kept for join."""
        with self._lock:
            ex = self._filter_exception(ex)
            if self._joined:
                if isinstance(ex, tuple):
                    raise ex[1].with_traceback(ex[2])
                if ex is not None:
                    info = sys.exc_info()
                    raise (info[1] if info[1] is not None else ex)
            if self._stop_event.is_set():
                return
            if ex and self._exc_info_to_raise is None:
                if isinstance(ex, tuple):
                    logging.info("Error reported to Coordinator: %s", str(ex[1]), exc_info=ex)
                    self._exc_info_to_raise = ex
                else:
                    logging.info("Error reported to Coordinator: %s, %s", type(ex), str(ex))
                    # as TF 1.14: the current exception is kept, not `ex`; outside an except
                    # block there is none, and TF's message for that (a '%' with the empty
                    # exc_info tuple) fails: TypeError, the stop not set, the tuple kept
                    self._exc_info_to_raise = sys.exc_info()
                    if self._exc_info_to_raise[1] is None:
                        raise TypeError("not all arguments converted during string formatting")
            self._stop_event.set()

    def clear_stop(self):
        """Clears the stop flag and the recorded exception (the coordinator can be reused)."""
        with self._lock:
            self._joined = False
            self._exc_info_to_raise = None
            if self._stop_event.is_set():
                self._stop_event.clear()

    def should_stop(self):
        """True once a stop was requested."""
        return self._stop_event.is_set()

    @contextlib.contextmanager
    def stop_on_exception(self):
        """A context manager that requests a stop if its body raises."""
        try:
            yield
        except:  # noqa: E722 - as TF: anything the body raises requests a stop
            self.request_stop(ex=sys.exc_info())

    def wait_for_stop(self, timeout=None):
        """Waits until a stop is requested (or `timeout` seconds); returns should_stop()."""
        return self._stop_event.wait(timeout)

    def register_thread(self, thread):
        """Registers a thread for `join` to wait for."""
        with self._lock:
            self._registered_threads.add(thread)

    def join(self, threads=None, stop_grace_period_secs=120, ignore_live_threads=False):
        """Waits for the threads to stop, then re-raises the first reported exception.

        Raises:
          RuntimeError: threads still running `stop_grace_period_secs` after the stop
            request (unless `ignore_live_threads`).
        """
        with self._lock:
            if threads is None:
                threads = self._registered_threads
            else:
                threads = self._registered_threads.union(set(threads))
            threads = list(threads)
        while any(t.is_alive() for t in threads) and not self.wait_for_stop(1.0):
            pass
        wait = 0.001
        while any(t.is_alive() for t in threads) and stop_grace_period_secs >= 0.0:
            time.sleep(wait)
            stop_grace_period_secs -= wait
            wait = max(min(2 * wait, stop_grace_period_secs), 0.001)
        stragglers = [t.name for t in threads if t.is_alive()]
        with self._lock:
            self._joined = True
            self._registered_threads = set()
            if self._exc_info_to_raise:
                _reraise(self._exc_info_to_raise)
            if stragglers:
                if ignore_live_threads:
                    logging.info("Coordinator stopped with threads still running: %s",
                                 " ".join(stragglers))
                else:
                    raise RuntimeError("Coordinator stopped with threads still running: %s"
                                       % " ".join(stragglers))

    @property
    def joined(self):
        return self._joined

    def raise_requested_exception(self):
        """Re-raises the exception reported through request_stop, if any."""
        with self._lock:
            if self._exc_info_to_raise:
                _reraise(self._exc_info_to_raise)


def _reraise(exc_info):
    """six.reraise as TF calls it: an empty exc_info (see request_stop) fails calling None."""
    _, value, tb = exc_info
    if value is None:
        raise TypeError("'NoneType' object is not callable")
    raise value.with_traceback(tb)


class LooperThread(threading.Thread):
    """A thread that runs `target(*args, **kwargs)` (or `run_loop`) every `timer_interval_secs`
    until the coordinator stops; exceptions are reported to the coordinator."""

    def __init__(self, coord, timer_interval_secs, target=None, args=None, kwargs=None):
        if not isinstance(coord, Coordinator):
            raise ValueError("'coord' argument must be a Coordinator: %s" % coord)
        super().__init__()
        self.daemon = True
        self._coord = coord
        self._timer_interval_secs = timer_interval_secs
        self._target = target
        if self._target:
            self._args = args or ()
            self._kwargs = kwargs or {}
        elif args or kwargs:
            raise ValueError("'args' and 'kwargs' argument require that you also pass 'target'")
        self._coord.register_thread(self)

    @staticmethod
    def loop(coord, timer_interval_secs, target, args=None, kwargs=None):
        """Starts a LooperThread that calls `target` periodically; returns it."""
        looper = LooperThread(coord, timer_interval_secs, target=target, args=args,
                              kwargs=kwargs)
        looper.start()
        return looper

    def run(self):
        with self._coord.stop_on_exception():
            self.start_loop()
            if self._timer_interval_secs is None:
                while not self._coord.should_stop():
                    self.run_loop()
            else:
                # as TF 1.14: the first call at once, then on a fixed schedule
                next_timer = time.time()
                while not self._coord.wait_for_stop(next_timer - time.time()):
                    next_timer += self._timer_interval_secs
                    self.run_loop()
            self.stop_loop()

    def start_loop(self):
        """Called once before the loop."""

    def stop_loop(self):
        """Called once after the loop."""

    def run_loop(self):
        """One iteration: calls the target."""
        if self._target:
            self._target(*self._args, **self._kwargs)
