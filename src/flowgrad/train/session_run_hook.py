"""SessionRunHook and the values passed to it (TF's session_run_hook.py).

A hook sees every `MonitoredSession.run` call: `before_run` may add fetches,
feeds and options (a SessionRunArgs), `after_run` receives their results (a
SessionRunValues) and may ask the loop to stop through the SessionRunContext.
"""
from __future__ import annotations

import collections

__all__ = ["SessionRunHook", "SessionRunArgs", "SessionRunContext", "SessionRunValues"]


class SessionRunHook:
    """Hook to extend calls to MonitoredSession.run(); every method does nothing by default."""

    def begin(self):
        """Called once before the session is created; the graph may still be changed."""

    def after_create_session(self, session, coord):
        """Called when the session has been created (and after each recovery)."""

    def before_run(self, run_context):
        """Called before each run(); return None or a SessionRunArgs to add to the call."""
        return None

    def after_run(self, run_context, run_values):
        """Called after each run() with the results of what before_run requested."""

    def end(self, session):
        """Called when the monitored session is closed without an error."""


class SessionRunArgs(collections.namedtuple("SessionRunArgs",
                                            ["fetches", "feed_dict", "options"])):
    """What a hook adds to a run() call: fetches, feed_dict and RunOptions."""

    def __new__(cls, fetches, feed_dict=None, options=None):
        return super().__new__(cls, fetches, feed_dict, options)


class SessionRunValues(collections.namedtuple("SessionRunValues",
                                              ["results", "options", "run_metadata"])):
    """The results of a hook's SessionRunArgs: results, options, run_metadata."""


class SessionRunContext:
    """The call a hook is watching: original_args, session, and request_stop()."""

    def __init__(self, original_args, session):
        self._original_args = original_args
        self._session = session
        self._stop_requested = False

    @property
    def original_args(self):
        """The SessionRunArgs of the user's run() call."""
        return self._original_args

    @property
    def session(self):
        """The session the hook runs in (raw, without the hooks)."""
        return self._session

    @property
    def stop_requested(self):
        return self._stop_requested

    def request_stop(self):
        """Ends the loop after this call: the monitored session's should_stop() turns True."""
        self._stop_requested = True
