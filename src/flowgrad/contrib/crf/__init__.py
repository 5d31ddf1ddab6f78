"""tf.contrib.crf (TF 1.14): linear-chain conditional random fields."""
from .crf import (CrfDecodeBackwardRnnCell, CrfDecodeForwardRnnCell, CrfForwardRnnCell,
                  crf_binary_score, crf_decode, crf_log_likelihood, crf_log_norm,
                  crf_multitag_sequence_score, crf_sequence_score, crf_unary_score,
                  viterbi_decode)

__all__ = ["CrfDecodeBackwardRnnCell", "CrfDecodeForwardRnnCell", "CrfForwardRnnCell",
           "crf_binary_score", "crf_decode", "crf_log_likelihood", "crf_log_norm",
           "crf_multitag_sequence_score", "crf_sequence_score", "crf_unary_score",
           "viterbi_decode"]
