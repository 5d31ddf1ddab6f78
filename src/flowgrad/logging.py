"""tf.logging: TF 1.x's logging module, on Python's `logging` ("tensorflow" logger).

As in TF 1.14: messages go to stderr as "LEVEL:tensorflow:message" unless the
root logger already has handlers, and the default verbosity is WARN.

>>> tf.logging.set_verbosity(tf.logging.INFO)
>>> tf.logging.info("step %d", 3)        # prints INFO:tensorflow:step 3
"""
from __future__ import annotations

import logging as _logging
import os as _os
import sys as _sys
import threading as _threading
import time as _time
import traceback as _traceback

DEBUG = _logging.DEBUG
INFO = _logging.INFO
WARN = _logging.WARNING
ERROR = _logging.ERROR
FATAL = _logging.FATAL

_logger = None
_lock = _threading.Lock()


class _StderrHandler(_logging.StreamHandler):
    """A StreamHandler that writes to the current sys.stderr (so redirection works)."""

    def __init__(self):
        super().__init__(_sys.stderr)

    @property
    def stream(self):
        return _sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def _find_caller(stack_info=False, stacklevel=1):
    """The logger's findCaller, as TF 1.14 sets it: the first frame outside Python's
    logging and this module (so a record's file:line, which absl's format shows after
    tf.app.run, is the line that called tf.logging.info)."""
    ours = (_os.path.normcase(__file__), _os.path.normcase(_logging.__file__))
    f = _sys._getframe(1)
    while f is not None and _os.path.normcase(f.f_code.co_filename) in ours:
        f = f.f_back
    if f is None:
        return "(unknown file)", 0, "(unknown function)", None
    sinfo = None
    if stack_info:
        sinfo = "Stack (most recent call last):\n" + "".join(_traceback.format_stack(f))
    return f.f_code.co_filename, f.f_lineno, f.f_code.co_name, sinfo


def get_logger():
    """The "tensorflow" logger (`tf.get_logger()`), configured on first use as TF does."""
    global _logger
    if _logger is not None:
        return _logger
    with _lock:
        if _logger is None:
            logger = _logging.getLogger("tensorflow")
            logger.findCaller = _find_caller
            if not _logging.getLogger().handlers:
                logger.addHandler(_new_handler())
            _logger = logger
    return _logger


def _new_handler():
    handler = _StderrHandler()
    handler.setFormatter(_logging.Formatter(_logging.BASIC_FORMAT, None))
    return handler


def _setup_at_import():
    """The logger as a script's `import tensorflow` leaves it (TF configures it then):
    flowgrad's own stderr handler only if the root logger has none at this point (a
    script that called logging.basicConfig first gets its lines once, from the root)."""
    logger = get_logger()
    ours = [h for h in logger.handlers if isinstance(h, _StderrHandler)]
    if _logging.getLogger().handlers:
        for h in ours:
            logger.removeHandler(h)
    elif not ours:
        logger.addHandler(_new_handler())


def log(level, msg, *args, **kwargs):
    get_logger().log(level, msg, *args, **kwargs)


def debug(msg, *args, **kwargs):
    get_logger().debug(msg, *args, **kwargs)


def info(msg, *args, **kwargs):
    get_logger().info(msg, *args, **kwargs)


def warning(msg, *args, **kwargs):
    get_logger().warning(msg, *args, **kwargs)


warn = warning


def error(msg, *args, **kwargs):
    get_logger().error(msg, *args, **kwargs)


def fatal(msg, *args, **kwargs):
    get_logger().fatal(msg, *args, **kwargs)


def vlog(level, msg, *args, **kwargs):
    get_logger().log(level, msg, *args, **kwargs)


def log_if(level, msg, condition, *args):
    """Logs `msg` at `level` if `condition` is true."""
    if condition:
        vlog(level, msg, *args)


_counts: dict = {}


def _caller_key():
    """TF 1.14's counter token (_GetFileAndLine): from the frame that called
    log_every_n / log_first_n, the first frame up the stack in another file, or
    ('<unknown>', 0). So calls on different lines of one function (or of a script's
    top level) share one count, as in TF."""
    f = _sys._getframe(2)
    our_file = f.f_code.co_filename
    f = f.f_back
    while f is not None:
        if f.f_code.co_filename != our_file:
            return (f.f_code.co_filename, f.f_lineno)
        f = f.f_back
    return ("<unknown>", 0)


def log_every_n(level, msg, n, *args):
    """Logs `msg` the 1st, (n+1)th, (2n+1)th, ... time its counter is reached (_caller_key)."""
    key = _caller_key()
    count = _counts.get(key, 0)
    _counts[key] = count + 1
    log_if(level, msg, not (count % n), *args)


def log_first_n(level, msg, n, *args):
    """Logs `msg` only the first `n` times its counter is reached (_caller_key)."""
    key = _caller_key()
    count = _counts.get(key, 0)
    _counts[key] = count + 1
    log_if(level, msg, count < n, *args)


def flush():
    for h in get_logger().handlers:
        h.flush()


def get_verbosity():
    """The effective level of the "tensorflow" logger (WARN = 30 by default)."""
    return get_logger().getEffectiveLevel()


def set_verbosity(v):
    """Sets the threshold: tf.logging.DEBUG, INFO, WARN, ERROR or FATAL (or an int)."""
    get_logger().setLevel(v)


def TaskLevelStatusMessage(msg):
    error(msg)


def google2_log_prefix(level, timestamp=None, file_and_line=None):
    """The glog-style prefix "Lmmdd hh:mm:ss.uuuuuu  pid file:line] " TF builds."""
    now = timestamp if timestamp is not None else _time.time()
    lt = _time.localtime(now)
    usec = int((now - int(now)) * 1e6)
    letter = {DEBUG: "I", INFO: "I", WARN: "W", ERROR: "E", FATAL: "F"}.get(level, "I")
    filename, line = file_and_line or ("<unknown>", 0)
    return "%s%02d%02d %02d:%02d:%02d.%06d %5d %s:%d] " % (
        letter, lt.tm_mon, lt.tm_mday, lt.tm_hour, lt.tm_min, lt.tm_sec, usec, _os.getpid(),
        _os.path.basename(filename), line)


# As importing TF 1.14 does: the "tensorflow" logger is set up now, with its own stderr
# handler unless the root logger has handlers already; so tf.logging still prints its
# "INFO:tensorflow:" lines after absl's app.run puts its handler on the root logger.
get_logger()
