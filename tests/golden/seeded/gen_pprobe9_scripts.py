"""What the probe programs in tests/pprobe9_scripts print under TF 1.14: whole seeded TF1
models in the style of public repositories (NMT with Bahdanau/Luong monotonic attention
and a BeamSearchDecoder over tile_batch'ed memory; AttentionCellWrapper; highway
networks; a tied-weight contractive autoencoder; a conditional GAN; a Transformer with
positional encodings, masks, label smoothing and a Noam schedule; video blocks without ConvLSTM
(extract_volume_patches, 3-D pooling, (2+1)D convolutions, conv3d_transpose);
tf.contrib.factorization KMeans and WALSModel; tf.contrib.image transforms;
ctc_beam_search_decoder; NASCell/GridLSTMCell/IndRNN/IndyLSTM/IndyGRU/UGRNN cells;
stack_bidirectional_dynamic_rnn and stack_bidirectional_rnn; an NTM-style memory in a
tf.while_loop; a character-level CNN; embedding_lookup_sparse combiners;
sampled_softmax_loss with and without remove_accidental_hits); op counts and values at
full precision (or hashes of their bytes)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe9_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
