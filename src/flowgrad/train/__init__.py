"""tf.train: optimizers, schedules, Saver, global step."""
# ruff: noqa: F401
from .saver import Saver, SaverDef, export_meta_graph, import_meta_graph
from . import cf_context_kinds as _cf_context_kinds  # noqa: F401 - the context collections
from .checkpoint_management import (CheckpointState, NewCheckpointReader, checkpoint_exists,
                                    generate_checkpoint_state_proto, get_checkpoint_mtimes,
                                    get_checkpoint_state, latest_checkpoint, list_variables,
                                    load_checkpoint, load_variable, meta_graph_filename,
                                    remove_checkpoint, update_checkpoint_state)
from .checkpoint_utils import init_from_checkpoint
from .warm_starting_util import VocabInfo, warm_start
from .checkpointable import Checkpoint, CheckpointManager
from .optimizer import Optimizer
from .optimizers import (AdadeltaOptimizer, AdagradDAOptimizer, AdagradOptimizer, AdamOptimizer,
                         FtrlOptimizer,
                         GradientDescentOptimizer, MomentumOptimizer,
                         ProximalAdagradOptimizer, ProximalGradientDescentOptimizer,
                         RMSPropOptimizer)
from .training_util import (assert_global_step, create_global_step, get_global_step,
                            get_or_create_global_step, global_step)
from ..tools.graph_def import write_graph
from .learning_rate_decay import (cosine_decay, cosine_decay_restarts, exponential_decay,
                                  inverse_time_decay, linear_cosine_decay, natural_exp_decay,
                                  noisy_linear_cosine_decay, piecewise_constant,
                                  polynomial_decay)
from .moving_averages import ExponentialMovingAverage
# queues: coordinator, queue runners (and, below them, input pipelines)
from .coordinator import Coordinator, LooperThread
from .input import (batch, batch_join, input_producer, limit_epochs, maybe_batch,
                    maybe_batch_join, maybe_shuffle_batch, maybe_shuffle_batch_join,
                    range_input_producer, shuffle_batch, shuffle_batch_join,
                    slice_input_producer, string_input_producer)
from .queue_runner import QueueRunner, add_queue_runner, start_queue_runners
from . import queue_runner
# monitored training: hooks, Scaffold, MonitoredSession & co
from .session_run_hook import SessionRunArgs, SessionRunContext, SessionRunHook, SessionRunValues
from .basic_session_run_hooks import (CheckpointSaverHook, CheckpointSaverListener, FeedFnHook,
                                      FinalOpsHook, GlobalStepWaiterHook, LoggingTensorHook,
                                      NanLossDuringTrainingError, NanTensorHook,
                                      SecondOrStepTimer, StepCounterHook, StopAtStepHook,
                                      SummarySaverHook)
from .basic_session_run_hooks import ProfilerHook
from .session_manager import SessionManager
from .monitored_session import (ChiefSessionCreator, MonitoredSession, MonitoredTrainingSession,
                                Scaffold, SessionCreator, SingularMonitoredSession,
                                WorkerSessionCreator)
from ..summary.writer import FileWriterCache as SummaryWriterCache
from .supervisor import Supervisor
# distributed training (flowgrad/distribute; the cluster itself runs on Ray, an extra)
from ..distribute.cluster import ClusterSpec, Server, ServerDef
from ..distribute.device_setter import replica_device_setter
from .sync_replicas_optimizer import SyncReplicasOptimizer
# c3: TF 1.14's loop helpers and aliases
from .loop_utils import basic_train_loop, checkpoints_iterator, summary_iterator
from .learning_rate_decay import piecewise_constant as piecewise_constant_decay
from ..ops.io_extras import match_filenames_once


# tf.train.Example & co: protobuf classes (flowgrad/protos), loaded on first use.
_EXAMPLE_PROTOS = ("Example", "SequenceExample", "Features", "Feature", "FeatureList",
                   "FeatureLists", "BytesList", "FloatList", "Int64List")


def __getattr__(name):
    if name == "experimental":   # the loss scales (keras mixed precision uses them)
        import importlib  # lazy: the submodule loads on first use
        return importlib.import_module(__name__ + ".experimental")
    if name in ("ClusterDef", "JobDef"):   # protobuf classes, built on first use
        from ..distribute import protos  # lazy: protobuf loads on first use
        value = getattr(protos, name)
        globals()[name] = value
        return value
    if name in _EXAMPLE_PROTOS:
        from ..protos import example_pb2, feature_pb2  # lazy: protobuf loads on first use
        value = getattr(example_pb2 if hasattr(example_pb2, name) else feature_pb2, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'flowgrad.train' has no attribute '{name}'")
