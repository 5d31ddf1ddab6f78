"""tf.summary: summaries and FileWriter (event files TensorBoard reads)."""
