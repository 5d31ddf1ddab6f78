"""`tf.contrib.training`: HParams, the training and evaluation loops and their helpers, and
the parameter-server placement strategies."""
from ...distribute.device_setter import GreedyLoadBalancingStrategy, byte_size_load_fn
from .bucket_ops import bucket, bucket_by_sequence_length
from .feeding_queue_runner import FeedingQueueRunner
from .evaluation import (StopAfterNEvalsHook, SummaryAtEndHook, checkpoints_iterator,
                         evaluate_once, evaluate_repeatedly, get_or_create_eval_step,
                         wait_for_new_checkpoint)
from .hparam import HParams, parse_values
from .random_strategy import RandomStrategy
from .sequence_queueing_state_saver import (NextQueuedSequenceBatch,
                                            SequenceQueueingStateSaver,
                                            batch_sequences_with_states)
from .sampling import (rejection_sample, resample_at_rate, stratified_sample,
                       weighted_resample)
from .training import (add_gradients_summaries, clip_gradient_norms, clip_gradient_norms_fn,
                       create_train_op, multiply_gradients, train)

__all__ = ["GreedyLoadBalancingStrategy", "byte_size_load_fn", "HParams", "parse_values",
           "StopAfterNEvalsHook", "SummaryAtEndHook", "checkpoints_iterator", "evaluate_once",
           "evaluate_repeatedly", "get_or_create_eval_step", "wait_for_new_checkpoint",
           "add_gradients_summaries", "clip_gradient_norms", "clip_gradient_norms_fn",
           "create_train_op", "multiply_gradients", "train", "rejection_sample",
           "resample_at_rate", "stratified_sample", "weighted_resample", "bucket",
           "bucket_by_sequence_length", "FeedingQueueRunner", "RandomStrategy",
           "NextQueuedSequenceBatch", "SequenceQueueingStateSaver",
           "batch_sequences_with_states"]
