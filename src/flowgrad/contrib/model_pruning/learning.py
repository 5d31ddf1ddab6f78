"""tf.contrib.model_pruning.train (TF 1.14 contrib/model_pruning/python/learning.py):
slim's training loop, running the mask update op after every train step."""
from ..slim import learning as _slim_learning

_USE_DEFAULT = 0

train_step = _slim_learning.train_step


def train(train_op, logdir, mask_update_op, train_step_fn=train_step,
          train_step_kwargs=_USE_DEFAULT, log_every_n_steps=1, graph=None, master="",
          is_chief=True, global_step=None, number_of_steps=None, init_op=_USE_DEFAULT,
          init_feed_dict=None, local_init_op=_USE_DEFAULT, init_fn=None, ready_op=_USE_DEFAULT,
          summary_op=_USE_DEFAULT, save_summaries_secs=600, summary_writer=_USE_DEFAULT,
          startup_delay_steps=0, saver=None, save_interval_secs=600, sync_optimizer=None,
          session_config=None, trace_every_n_steps=None):
    """slim.learning.train with `mask_update_op` run after each train_step_fn step.

    Returns the loss of the last step (TF unpacks slim's return value as a pair, so a
    slim train that returns a float loss raises TypeError, as it does in TF 1.14)."""

    def train_step_with_pruning_fn(sess, train_op, global_step, train_step_kwargs):
        total_loss, should_stop = train_step_fn(sess, train_op, global_step,
                                                train_step_kwargs)
        sess.run(mask_update_op)
        return total_loss, should_stop

    total_loss, _ = _slim_learning.train(
        train_op, logdir, train_step_fn=train_step_with_pruning_fn,
        train_step_kwargs=train_step_kwargs, log_every_n_steps=log_every_n_steps,
        graph=graph, master=master, is_chief=is_chief, global_step=global_step,
        number_of_steps=number_of_steps, init_op=init_op, init_feed_dict=init_feed_dict,
        local_init_op=local_init_op, init_fn=init_fn, ready_op=ready_op,
        summary_op=summary_op, save_summaries_secs=save_summaries_secs,
        summary_writer=summary_writer, startup_delay_steps=startup_delay_steps, saver=saver,
        save_interval_secs=save_interval_secs, sync_optimizer=sync_optimizer,
        session_config=session_config, trace_every_n_steps=trace_every_n_steps)
    return total_loss
