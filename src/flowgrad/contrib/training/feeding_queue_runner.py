"""tf.contrib.training.FeedingQueueRunner: TF 1.14's estimator _FeedingQueueRunner (the
same class, as in TF)."""
from ...estimator.feeding_queue_runner import _FeedingQueueRunner as FeedingQueueRunner

__all__ = ["FeedingQueueRunner"]
