"""tf.contrib.seq2seq (TF 1.14): helpers, BasicDecoder, dynamic_decode, attention,
beam search and the sequence loss."""
from .attention_wrapper import (AttentionMechanism, AttentionWrapper, AttentionWrapperState,
                                BahdanauAttention, BahdanauMonotonicAttention, LuongAttention,
                                LuongMonotonicAttention, hardmax, monotonic_attention,
                                safe_cumprod)
from .beam_search_decoder import (BeamSearchDecoder, BeamSearchDecoderOutput,
                                  BeamSearchDecoderState, FinalBeamSearchDecoderOutput,
                                  gather_tree, tile_batch)
from .decoder import BasicDecoder, BasicDecoderOutput, Decoder, dynamic_decode
from .helper import (CustomHelper, GreedyEmbeddingHelper, Helper, InferenceHelper,
                     SampleEmbeddingHelper, ScheduledEmbeddingTrainingHelper,
                     ScheduledOutputTrainingHelper, TrainingHelper)
from .loss import sequence_loss

__all__ = ["AttentionMechanism", "AttentionWrapper", "AttentionWrapperState",
           "BahdanauAttention", "BahdanauMonotonicAttention", "BasicDecoder",
           "BasicDecoderOutput", "BeamSearchDecoder", "BeamSearchDecoderOutput",
           "BeamSearchDecoderState", "CustomHelper", "Decoder", "FinalBeamSearchDecoderOutput",
           "GreedyEmbeddingHelper", "Helper", "InferenceHelper", "LuongAttention",
           "LuongMonotonicAttention", "SampleEmbeddingHelper",
           "ScheduledEmbeddingTrainingHelper", "ScheduledOutputTrainingHelper",
           "TrainingHelper", "dynamic_decode", "gather_tree", "hardmax", "monotonic_attention",
           "safe_cumprod", "sequence_loss", "tile_batch"]
