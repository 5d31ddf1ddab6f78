"""tf.contrib.legacy_seq2seq (TF 1.14), the part flowgrad implements: the static RNN
decoders and seq2seq models without attention, and the per-step sequence losses."""
from .seq2seq import (basic_rnn_seq2seq, embedding_rnn_decoder, rnn_decoder,
                      sequence_loss, sequence_loss_by_example, tied_rnn_seq2seq)

__all__ = ["basic_rnn_seq2seq", "embedding_rnn_decoder", "rnn_decoder", "sequence_loss",
           "sequence_loss_by_example", "tied_rnn_seq2seq"]
