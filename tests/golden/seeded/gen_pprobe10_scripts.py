"""What the probe programs in tests/pprobe10_scripts print under TF 1.14: whole seeded TF1
programs in the style of the tf.keras and tf.estimator tutorials in graph mode (fit with
validation_data, sample weights and seeded shuffling; ModelCheckpoint and CSVLogger files read
back; train_on_batch / test_on_batch / predict_on_batch; Embedding + LSTM / GRU text models
on pad_sequences; Bidirectional merge modes with TimeDistributed and temporal sample
weights; a Conv1D text classifier; a custom Layer with add_weight / add_update, Lambda and
shared layers; regularizers and constraints; BatchNormalization and seeded Dropout with
EarlyStopping / ReduceLROnPlateau / LearningRateScheduler and a custom Callback; to_json /
from_config / clone_model / set_weights / TF-format save_weights; keras.backend functions;
the graph of TF-format load_weights and Checkpoint.restore; model_to_estimator; canned
DNN / Linear estimators; train_and_evaluate and export_saved_model; fit_generator / evaluate_generator /
predict_generator with a Sequence, a stateful SimpleRNN, shuffle="batch"; an LSTM
autoencoder with Masking / RepeatVector, keras Attention and the 1-D padding, cropping,
upsampling and locally connected layers); op counts and values at
full precision (or hashes of their bytes). Only SGD-family optimizers and norms of fewer than
8 values are used: TF 1.14's float32 Sqrt / Rsqrt packets (Adam, RMSprop, Adagrad, fused
batch norm) take the CPU's RSQRTPS estimate, which differs between CPU vendors."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe10_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
