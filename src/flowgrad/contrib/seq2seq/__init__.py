"""tf.contrib.seq2seq: the sequence loss (TF 1.14's contrib/seq2seq/python/ops/loss.py)."""
from .loss import sequence_loss

__all__ = ["sequence_loss"]
