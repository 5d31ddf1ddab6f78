"""What the probe programs in tests/pprobe8_scripts print under TF 1.14: whole seeded TF1
training loops and their tools in the style of public tutorials (MonitoredSession with a
ChiefSessionCreator, a Scaffold, custom SessionRunHooks, FinalOpsHook and SummarySaverHook;
SingularMonitoredSession with run_step_fn, LoggingTensorHook at_end and NanTensorHook;
CheckpointSaverHook listeners and a resumed MonitoredTrainingSession; Saver over var_list
dicts with max_to_keep; init_from_checkpoint and warm_start; slim.learning.train and
contrib.training.train; optimize_loss given its optimizer in every form; BERT's warmup and
AdamWeightDecayOptimizer; ConditionalAccumulator and SyncReplicasOptimizer; summaries read
back with summary_iterator; global-step rules; EMA and slim fine-tune restores; Keras
learning-rate schedules under tf.train optimizers; more tf.contrib.opt optimizers;
Supervisor, FeedFnHook and basic_train_loop; import_meta_graph resumes); op counts and
values at full precision (or hashes of their bytes)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe8_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
