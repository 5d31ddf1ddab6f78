"""Monitored training: Scaffold, session creators, MonitoredSession,
SingularMonitoredSession and MonitoredTrainingSession (TF's monitored_session.py).

A monitored session runs the hooks' begin() while the graph can still change,
finalizes the graph (Scaffold.finalize), creates the session (restoring the
latest checkpoint of `checkpoint_dir`, else running the init ops), and wraps
every run() in the hooks' before_run/after_run. Used as a context manager, an
OutOfRangeError (end of input) ends the `with` block cleanly and the hooks'
end() runs.
"""
from __future__ import annotations

import inspect
import sys

from .. import logging
from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.config import RunMetadata, RunOptions
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import get_default_graph
from ..engine.framework.graph_keys import GraphKeys
from ..engine.ops.joining import concat
from ..engine.ops.ordering import group, no_op
from ..ops import variables
from ..summary.summary_ops import merge_all
from ..distribute.cluster import server_for_target
from . import basic_session_run_hooks as hooks_lib
from .coordinator import Coordinator
from .queue_runner import start_queue_runners
from .saver import Saver
from .session_manager import SessionManager
from .session_run_hook import SessionRunArgs, SessionRunContext, SessionRunValues

__all__ = ["Scaffold", "MonitoredTrainingSession", "SessionCreator", "ChiefSessionCreator",
           "WorkerSessionCreator", "MonitoredSession", "SingularMonitoredSession"]

# the default of MonitoredTrainingSession's save_* arguments: "not given"
USE_DEFAULT = object()

_PREEMPTION_ERRORS = (errors.AbortedError, errors.UnavailableError)
_RESOURCES = "resources"
_LOCAL_RESOURCES = "local_resources"


def _initialize_resources(resource_list, name="init"):
    # flowgrad has no resources in these collections (lookup tables would add them)
    if resource_list:
        raise NotImplementedError("Scaffold: initializing the graph's 'resources' collection "
                                  "(%d entries)" % len(resource_list))
    return no_op(name=name)


def _report_uninitialized_resources(resource_list, name="report_uninitialized_resources"):
    if resource_list:
        raise NotImplementedError("Scaffold: reporting the graph's 'resources' collection "
                                  "(%d entries)" % len(resource_list))
    with get_default_graph().name_scope(name):
        return constant([], dtype=_dt.string)


def _tables_initializer(name="init_all_tables"):
    initializers = get_default_graph().get_collection(GraphKeys.TABLE_INITIALIZERS)
    if initializers:
        return group(*initializers, name=name)
    return no_op(name=name)


def _saver_or_default():
    """The graph's single SAVERS entry, else a new sharded Saver added to SAVERS."""
    graph = get_default_graph()
    savers = graph.get_collection(GraphKeys.SAVERS)
    if savers:
        if len(savers) > 1:
            raise RuntimeError("More than one item in collection {}. Please indicate which one "
                               "to use by passing it to the constructor."
                               .format(GraphKeys.SAVERS))
        return savers[0]
    saver = Saver(sharded=True, allow_empty=True)
    graph.add_to_collection(GraphKeys.SAVERS, saver)
    return saver


class Scaffold:
    """The pieces a monitored session needs to create and initialize a session: init_op,
    init_feed_dict, init_fn(scaffold, session), ready_op, ready_for_local_init_op,
    local_init_op, summary_op, saver. finalize() fills the missing ones with TF's defaults
    (taken from the graph's collections when there) and finalizes the graph."""

    def __init__(self, init_op=None, init_feed_dict=None, init_fn=None, ready_op=None,
                 ready_for_local_init_op=None, local_init_op=None, summary_op=None,
                 saver=None, copy_from_scaffold=None):
        if copy_from_scaffold is not None:
            if not isinstance(copy_from_scaffold, Scaffold):
                raise TypeError("copy_from_scaffold is not a Scaffold instance.")

            def coalesce(a, b):
                return a if a is not None else b

            init_op = coalesce(init_op, copy_from_scaffold.init_op)
            init_feed_dict = coalesce(init_feed_dict, copy_from_scaffold.init_feed_dict)
            # the copied scaffold's user function, called with this scaffold
            init_fn = coalesce(init_fn, copy_from_scaffold._user_init_fn)
            ready_op = coalesce(ready_op, copy_from_scaffold.ready_op)
            ready_for_local_init_op = coalesce(ready_for_local_init_op,
                                               copy_from_scaffold.ready_for_local_init_op)
            local_init_op = coalesce(local_init_op, copy_from_scaffold.local_init_op)
            summary_op = coalesce(summary_op, copy_from_scaffold.summary_op)
            saver = coalesce(saver, copy_from_scaffold.saver)
        self._user_init_fn = init_fn
        self._init_fn = (lambda sess: init_fn(self, sess)) if init_fn else None
        self._init_op = init_op
        self._init_feed_dict = init_feed_dict
        self._ready_op = ready_op
        self._ready_for_local_init_op = ready_for_local_init_op
        self._local_init_op = local_init_op
        self._summary_op = summary_op
        self._saver = saver

    def finalize(self):
        """Creates the missing ops and the saver, then finalizes the graph."""
        if self._init_op is None:
            def default_init_op():
                return group(variables.global_variables_initializer(),
                             _initialize_resources(get_default_graph().get_collection(
                                 _RESOURCES)))
            self._init_op = Scaffold.get_or_default("init_op", GraphKeys.INIT_OP,
                                                    default_init_op)
        if self._ready_op is None:
            def default_ready_op():
                graph = get_default_graph()
                resources = (graph.get_collection(_RESOURCES)
                             + graph.get_collection(_LOCAL_RESOURCES))
                return concat([variables.report_uninitialized_variables(),
                               _report_uninitialized_resources(resources)], 0)
            self._ready_op = Scaffold.get_or_default("ready_op", GraphKeys.READY_OP,
                                                     default_ready_op)
        if self._ready_for_local_init_op is None:
            def default_ready_for_local_init_op():
                return concat([variables.report_uninitialized_variables(
                                   variables.global_variables()),
                               _report_uninitialized_resources(
                                   get_default_graph().get_collection(_RESOURCES))], 0)
            self._ready_for_local_init_op = Scaffold.get_or_default(
                "ready_for_local_init_op", GraphKeys.READY_FOR_LOCAL_INIT_OP,
                default_ready_for_local_init_op)
        if self._local_init_op is None:
            self._local_init_op = Scaffold.get_or_default(
                "local_init_op", GraphKeys.LOCAL_INIT_OP, Scaffold.default_local_init_op)
        if self._summary_op is None:
            self._summary_op = Scaffold.get_or_default("summary_op", GraphKeys.SUMMARY_OP,
                                                       merge_all)
        if self._saver is None:
            self._saver = _saver_or_default()
        self._saver.build()
        get_default_graph().finalize()
        logging.info("Graph was finalized.")
        return self

    @property
    def init_fn(self):
        return self._init_fn

    @property
    def init_op(self):
        return self._init_op

    @property
    def ready_op(self):
        return self._ready_op

    @property
    def ready_for_local_init_op(self):
        return self._ready_for_local_init_op

    @property
    def local_init_op(self):
        return self._local_init_op

    @property
    def summary_op(self):
        return self._summary_op

    @property
    def saver(self):
        return self._saver

    @property
    def init_feed_dict(self):
        return self._init_feed_dict

    @staticmethod
    def get_or_default(arg_name, collection_key, default_constructor):
        """The single op in `collection_key`, else `default_constructor()` added to it."""
        graph = get_default_graph()
        elements = graph.get_collection(collection_key)
        if elements:
            if len(elements) > 1:
                # TF 1.14 passes the format and its arguments to RuntimeError unformatted
                raise RuntimeError("More than one item in the collection \"%s\". Please "
                                   "indicate which one to use by passing it to the tf.Scaffold "
                                   "constructor as:  tf.Scaffold(%s=item to use)",
                                   collection_key, arg_name)
            return elements[0]
        op = default_constructor()
        if op is not None:
            graph.add_to_collection(collection_key, op)
        return op

    @staticmethod
    def default_local_init_op():
        """group(local variables' initializer, tables_initializer, local resources' init)."""
        return group(variables.local_variables_initializer(), _tables_initializer(),
                     _initialize_resources(get_default_graph().get_collection(
                         _LOCAL_RESOURCES)))


def _check_master(master, who):
    if master and server_for_target(master) is not None:
        return   # a tf.train.Server of this process: its sessions run on its cluster
    if master:
        raise NotImplementedError("%s(master=%r): flowgrad runs in-process sessions only "
                                  "(master='')" % (who, master))


class SessionCreator:
    """A factory of tf.Session objects."""

    def create_session(self):
        raise NotImplementedError("create_session is not implemented for {}.".format(self))


class ChiefSessionCreator(SessionCreator):
    """Creates a session that restores the latest checkpoint of `checkpoint_dir` (or
    `checkpoint_filename_with_path`), else initializes the model with the scaffold."""

    def __init__(self, scaffold=None, master="", config=None, checkpoint_dir=None,
                 checkpoint_filename_with_path=None):
        _check_master(master, "ChiefSessionCreator")
        self._checkpoint_dir = checkpoint_dir
        self._checkpoint_filename_with_path = checkpoint_filename_with_path
        self._scaffold = scaffold or Scaffold()
        self._session_manager = None
        self._master = master
        self._config = config

    def _get_session_manager(self):
        if self._session_manager is None:
            self._session_manager = SessionManager(
                local_init_op=self._scaffold.local_init_op,
                ready_op=self._scaffold.ready_op,
                ready_for_local_init_op=self._scaffold.ready_for_local_init_op,
                graph=get_default_graph())
        return self._session_manager

    def create_session(self):
        self._scaffold.finalize()
        return self._get_session_manager().prepare_session(
            self._master, saver=self._scaffold.saver, checkpoint_dir=self._checkpoint_dir,
            checkpoint_filename_with_path=self._checkpoint_filename_with_path,
            config=self._config, init_op=self._scaffold.init_op,
            init_feed_dict=self._scaffold.init_feed_dict, init_fn=self._scaffold.init_fn)


class WorkerSessionCreator(SessionCreator):
    """Creates a session that waits (up to `max_wait_secs`) for the chief to initialize the
    model; then runs the local init op."""

    def __init__(self, scaffold=None, master="", config=None, max_wait_secs=30 * 60):
        _check_master(master, "WorkerSessionCreator")
        self._scaffold = scaffold or Scaffold()
        self._session_manager = None
        self._master = master
        self._config = config
        self._max_wait_secs = max_wait_secs

    def _get_session_manager(self):
        if self._session_manager is None:
            self._session_manager = SessionManager(
                local_init_op=self._scaffold.local_init_op,
                ready_op=self._scaffold.ready_op,
                ready_for_local_init_op=self._scaffold.ready_for_local_init_op,
                graph=get_default_graph())
        return self._session_manager

    def create_session(self):
        self._scaffold.finalize()
        return self._get_session_manager().wait_for_session(
            self._master, config=self._config, max_wait_secs=self._max_wait_secs)


class _WrappedSession:
    """A session wrapper that forwards run() and knows when to stop."""

    def __init__(self, sess):
        self._sess = sess
        self._wrapped_is_stoppable = isinstance(self._sess, _WrappedSession)

    @property
    def graph(self):
        return self._sess.graph

    @property
    def sess_str(self):
        return self._sess.sess_str

    def should_stop(self):
        if self._check_stop():
            return True
        if self._sess:
            return self._wrapped_is_stoppable and self._sess.should_stop()
        return True

    def _check_stop(self):
        return False

    def close(self):
        if self._sess:
            try:
                self._sess.close()
            except _PREEMPTION_ERRORS as e:
                logging.warning("An error occurred when attempting to close the session. This "
                                "may be due to a preemption in a connected worker or parameter "
                                "server. Error: %s", e)
            finally:
                self._sess = None

    def run(self, *args, **kwargs):
        return self._sess.run(*args, **kwargs)

    def run_step_fn(self, step_fn, raw_session, run_with_hooks):
        run_with_hooks = run_with_hooks or self.run
        return step_fn(_MonitoredSession.StepContext(raw_session, run_with_hooks))


class _HookedSession(_WrappedSession):
    """Calls the hooks around every run()."""

    def __init__(self, sess, hooks):
        super().__init__(sess)
        self._hooks = hooks
        self._should_stop = False

    def _check_stop(self):
        return self._should_stop

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        if self.should_stop():
            raise RuntimeError("Run called even after should_stop requested.")
        actual_fetches = {"caller": fetches}
        run_context = SessionRunContext(original_args=SessionRunArgs(fetches, feed_dict),
                                        session=self._sess)
        options = options or RunOptions()
        feed_dict = self._call_hook_before_run(run_context, actual_fetches, feed_dict, options)
        # flowgrad fills a RunMetadata with the plan's listing (costly per step): only when
        # the caller passed one or the options ask for a trace; hooks get an empty one else
        wanted = (run_metadata is not None or options.trace_level > 0
                  or options.output_partition_graphs)
        run_metadata = run_metadata or RunMetadata()
        outputs = self._sess.run(actual_fetches, feed_dict=feed_dict, options=options,
                                 run_metadata=run_metadata if wanted else None)
        for hook in self._hooks:
            hook.after_run(run_context, SessionRunValues(results=outputs.get(hook),
                                                         options=options,
                                                         run_metadata=run_metadata))
        self._should_stop = self._should_stop or run_context.stop_requested
        return outputs["caller"]

    def _call_hook_before_run(self, run_context, fetch_dict, user_feed_dict, options):
        hook_feeds = {}
        for hook in self._hooks:
            request = hook.before_run(run_context)
            if request is None:
                continue
            if request.fetches is not None:
                fetch_dict[hook] = request.fetches
            if request.feed_dict:
                _raise_if_feeds_intersect(hook_feeds, request.feed_dict,
                                          "Same tensor is fed by two hooks.")
                hook_feeds.update(request.feed_dict)
            if request.options:
                _merge_run_options(options, request.options)
        if not hook_feeds:
            return user_feed_dict
        if not user_feed_dict:
            return hook_feeds
        _raise_if_feeds_intersect(user_feed_dict, hook_feeds,
                                  "Same tensor is fed by a SessionRunHook and user.")
        hook_feeds.update(user_feed_dict)
        return hook_feeds


def _raise_if_feeds_intersect(feeds1, feeds2, message):
    intersection = set(feeds1.keys()) & set(feeds2.keys())
    if intersection:
        raise RuntimeError(message + " Conflict(s): " + str(list(intersection)))


def _merge_run_options(options, incoming):
    """A hook's RunOptions merged into the call's: the larger trace level and timeout."""
    options.trace_level = max(options.trace_level, incoming.trace_level)
    options.timeout_in_ms = max(options.timeout_in_ms, incoming.timeout_in_ms)
    options.inter_op_thread_pool = max(options.inter_op_thread_pool,
                                       incoming.inter_op_thread_pool)
    options.output_partition_graphs = max(options.output_partition_graphs,
                                          incoming.output_partition_graphs)
    options.report_tensor_allocations_upon_oom = max(
        options.report_tensor_allocations_upon_oom,
        incoming.report_tensor_allocations_upon_oom)


class _CoordinatedSession(_WrappedSession):
    """Stops when the coordinator does; close() stops and joins its threads; an error from
    run() yields to an error a thread reported to the coordinator."""

    def __init__(self, sess, coord, stop_grace_period_secs=120):
        super().__init__(sess)
        self._coord = coord
        self._stop_grace_period_secs = stop_grace_period_secs

    def _check_stop(self):
        self._coord.raise_requested_exception()
        return self._coord.should_stop()

    def close(self):
        self._coord.request_stop()
        try:
            self._coord.join(stop_grace_period_secs=self._stop_grace_period_secs,
                             ignore_live_threads=True)
        finally:
            try:
                _WrappedSession.close(self)
            except Exception:  # noqa: BLE001 - TF ignores errors closing the session here
                pass

    def _coordinated(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except _PREEMPTION_ERRORS:
            raise
        except Exception:
            original = sys.exc_info()[1]
            # an exception a thread reported to the coordinator wins over the one from run()
            self._coord.raise_requested_exception()
            raise original from None

    def run(self, *args, **kwargs):
        return self._coordinated(self._sess.run, *args, **kwargs)

    def run_step_fn(self, step_fn, raw_session, run_with_hooks):
        return self._coordinated(self._sess.run_step_fn, step_fn, raw_session,
                                 run_with_hooks or self.run)


class _RecoverableSession(_WrappedSession):
    """Creates a new session (restoring the latest checkpoint) after a preemption error."""

    def __init__(self, sess_creator):
        self._sess_creator = sess_creator
        super().__init__(self._create_session())

    def _create_session(self):
        while True:
            try:
                return self._sess_creator.create_session()
            except _PREEMPTION_ERRORS as e:
                logging.info("An error was raised while a session was being created. This may "
                             "be due to a preemption of a connected worker or parameter "
                             "server. A new session will be created. This error may also "
                             "occur due to a gRPC failure caused by high memory or network "
                             "bandwidth usage in the parameter servers. If this error occurs "
                             "repeatedly, try increasing the number of parameter servers "
                             "assigned to the job. Error: %s", e)

    def _check_stop(self):
        try:
            if self._sess:
                return self._sess._check_stop()
            return True
        except _PREEMPTION_ERRORS as e:
            logging.info("An error was raised while considering whether the session is "
                         "complete. This may be due to a preemption in a connected worker or "
                         "parameter server. The current session will be closed and a new "
                         "session will be created. This error may also occur due to a gRPC "
                         "failure caused by high memory or network bandwidth usage in the "
                         "parameter servers. If this error occurs repeatedly, try increasing "
                         "the number of parameter servers assigned to the job. Error: %s", e)
            self.close()
            self._sess = self._create_session()
            return False

    def _recovering(self, call):
        while True:
            try:
                if not self._sess:
                    self._sess = self._create_session()
                return call()
            except _PREEMPTION_ERRORS as e:
                logging.info("An error was raised. This may be due to a preemption in a "
                             "connected worker or parameter server. The current session will "
                             "be closed and a new session will be created. This error may also "
                             "occur due to a gRPC failure caused by high memory or network "
                             "bandwidth usage in the parameter servers. If this error occurs "
                             "repeatedly, try increasing the number of parameter servers "
                             "assigned to the job. Error: %s", e)
                self.close()
                self._sess = None

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        return self._recovering(lambda: self._sess.run(fetches, feed_dict=feed_dict,
                                                       options=options,
                                                       run_metadata=run_metadata))

    def run_step_fn(self, step_fn, raw_session, run_with_hooks):
        return self._recovering(lambda: self._sess.run_step_fn(step_fn, raw_session,
                                                               run_with_hooks or self.run))


class _CoordinatedSessionCreator(SessionCreator):
    """Creates the raw session, starts the queue runners, calls after_create_session."""

    def __init__(self, session_creator, hooks, stop_grace_period_secs):
        self._session_creator = session_creator
        self._hooks = hooks
        self.coord = None
        self.tf_sess = None
        self._stop_grace_period_secs = stop_grace_period_secs

    def create_session(self):
        self.tf_sess = self._session_creator.create_session()
        self.coord = Coordinator(clean_stop_exception_types=[])
        if get_default_graph().get_collection(GraphKeys.QUEUE_RUNNERS):
            start_queue_runners(sess=self.tf_sess, coord=self.coord)
        for hook in self._hooks:
            hook.after_create_session(self.tf_sess, self.coord)
        return _CoordinatedSession(_HookedSession(self.tf_sess, self._hooks), self.coord,
                                   self._stop_grace_period_secs)


def _fn_args(fn):
    """The positional argument names of `fn` (bound methods include 'self')."""
    target = fn.__func__ if inspect.ismethod(fn) else fn
    return tuple(inspect.getfullargspec(target).args)


class _MonitoredSession:
    """The shared implementation of MonitoredSession and SingularMonitoredSession."""

    def __init__(self, session_creator, hooks, should_recover, stop_grace_period_secs=120):
        self._graph_was_finalized = get_default_graph().finalized
        self._hooks = hooks or []
        for h in self._hooks:
            h.begin()
        self._coordinated_creator = _CoordinatedSessionCreator(
            session_creator=session_creator or ChiefSessionCreator(), hooks=self._hooks,
            stop_grace_period_secs=stop_grace_period_secs)
        if should_recover:
            self._sess = _RecoverableSession(self._coordinated_creator)
        else:
            self._sess = self._coordinated_creator.create_session()

    @property
    def graph(self):
        return self._tf_sess().graph

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Session.run with the hooks around it."""
        return self._sess.run(fetches, feed_dict=feed_dict, options=options,
                              run_metadata=run_metadata)

    def run_step_fn(self, step_fn):
        """Calls step_fn(step_context): step_context.session is the raw session,
        step_context.run_with_hooks(...) runs with the hooks, step_context.request_stop()
        ends the loop."""
        args = _fn_args(step_fn)
        if args != ("step_context",) and args != ("self", "step_context"):
            raise ValueError("`step_fn` may either have one `step_context` argument, or `self` "
                             "and `step_context` arguments if it's an instance method. Got {} "
                             "instead.".format(args))
        return self._sess.run_step_fn(step_fn, self._tf_sess(), run_with_hooks=None)

    class StepContext:
        """What step_fn receives: the raw `session`, `run_with_hooks`, `request_stop`."""

        def __init__(self, session, run_with_hooks_fn):
            self._session = session
            self._run_with_hooks_fn = run_with_hooks_fn

        @property
        def session(self):
            return self._session

        def run_with_hooks(self, *args, **kwargs):
            return self._run_with_hooks_fn(*args, **kwargs)

        def request_stop(self):
            raise StopIteration("step_fn has requested the iterations to stop.")

    def should_stop(self):
        return self._sess is None or self._sess.should_stop()

    def close(self):
        self._close_internal()

    def __enter__(self):
        return self

    def __exit__(self, exception_type, exception_value, traceback):
        if exception_type in (errors.OutOfRangeError, StopIteration):
            exception_type = None
        self._close_internal(exception_type)
        # the end of the input (or a stop from step_fn) is a clean exit
        return exception_type is None

    def _close_internal(self, exception_type=None):
        try:
            if not exception_type:
                for h in self._hooks:
                    h.end(self._coordinated_creator.tf_sess)
        finally:
            try:
                if self._sess is None:
                    raise RuntimeError("Session is already closed.")
                self._sess.close()
            finally:
                self._sess = None
                self._coordinated_creator.tf_sess = None
                self._coordinated_creator.coord = None
                if not self._graph_was_finalized:
                    get_default_graph()._unsafe_unfinalize()

    def _is_closed(self):
        return self._sess is None

    def _tf_sess(self):
        return self._coordinated_creator.tf_sess


class MonitoredSession(_MonitoredSession):
    """A session that runs hooks, handles initialization and restoring, and recovers from
    preemption errors by creating a new session."""

    def __init__(self, session_creator=None, hooks=None, stop_grace_period_secs=120):
        super().__init__(session_creator, hooks, should_recover=True,
                         stop_grace_period_secs=stop_grace_period_secs)


class SingularMonitoredSession(_MonitoredSession):
    """A MonitoredSession for a single process, without recovery; raw_session() gives the
    underlying tf.Session."""

    def __init__(self, hooks=None, scaffold=None, master="", config=None, checkpoint_dir=None,
                 stop_grace_period_secs=120, checkpoint_filename_with_path=None):
        session_creator = ChiefSessionCreator(
            scaffold=scaffold, master=master, config=config, checkpoint_dir=checkpoint_dir,
            checkpoint_filename_with_path=checkpoint_filename_with_path)
        super().__init__(session_creator, hooks, should_recover=False,
                         stop_grace_period_secs=stop_grace_period_secs)

    def raw_session(self):
        return self._tf_sess()


def MonitoredTrainingSession(master="", is_chief=True, checkpoint_dir=None, scaffold=None,  # noqa: N802
                             hooks=None, chief_only_hooks=None,
                             save_checkpoint_secs=USE_DEFAULT, save_summaries_steps=USE_DEFAULT,
                             save_summaries_secs=USE_DEFAULT, config=None,
                             stop_grace_period_secs=120, log_step_count_steps=100,
                             max_wait_secs=7200, save_checkpoint_steps=USE_DEFAULT,
                             summary_dir=None):
    """A MonitoredSession for training: restores or initializes the model, and (chief with a
    checkpoint_dir) adds a StepCounterHook, a SummarySaverHook (every 100 steps unless told)
    and a CheckpointSaverHook (every 600 s unless told) before `hooks`."""
    if save_summaries_steps is USE_DEFAULT and save_summaries_secs is USE_DEFAULT:
        save_summaries_steps, save_summaries_secs = 100, None
    elif save_summaries_secs is USE_DEFAULT:
        save_summaries_secs = None
    elif save_summaries_steps is USE_DEFAULT:
        save_summaries_steps = None
    if save_checkpoint_steps is USE_DEFAULT and save_checkpoint_secs is USE_DEFAULT:
        save_checkpoint_steps, save_checkpoint_secs = None, 600
    elif save_checkpoint_secs is USE_DEFAULT:
        save_checkpoint_secs = None
    elif save_checkpoint_steps is USE_DEFAULT:
        save_checkpoint_steps = None

    scaffold = scaffold or Scaffold()
    if not is_chief:
        session_creator = WorkerSessionCreator(scaffold=scaffold, master=master, config=config,
                                               max_wait_secs=max_wait_secs)
        return MonitoredSession(session_creator=session_creator, hooks=hooks or [],
                                stop_grace_period_secs=stop_grace_period_secs)

    all_hooks = list(chief_only_hooks or [])
    session_creator = ChiefSessionCreator(scaffold=scaffold, checkpoint_dir=checkpoint_dir,
                                          master=master, config=config)
    summary_dir = summary_dir or checkpoint_dir
    if summary_dir:
        if log_step_count_steps and log_step_count_steps > 0:
            all_hooks.append(hooks_lib.StepCounterHook(output_dir=summary_dir,
                                                       every_n_steps=log_step_count_steps))
        if ((save_summaries_steps and save_summaries_steps > 0)
                or (save_summaries_secs and save_summaries_secs > 0)):
            all_hooks.append(hooks_lib.SummarySaverHook(
                scaffold=scaffold, save_steps=save_summaries_steps,
                save_secs=save_summaries_secs, output_dir=summary_dir))
    if checkpoint_dir:
        if ((save_checkpoint_secs and save_checkpoint_secs > 0)
                or (save_checkpoint_steps and save_checkpoint_steps > 0)):
            all_hooks.append(hooks_lib.CheckpointSaverHook(
                checkpoint_dir, save_steps=save_checkpoint_steps,
                save_secs=save_checkpoint_secs, scaffold=scaffold))
    if hooks:
        all_hooks.extend(hooks)
    return MonitoredSession(session_creator=session_creator, hooks=all_hooks,
                            stop_grace_period_secs=stop_grace_period_secs)
