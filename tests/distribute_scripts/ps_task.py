"""A ps task: serves its variables until it is killed."""
import sys

import tensorflow as tf

cluster = tf.train.ClusterSpec({"ps": [sys.argv[1]], "worker": [sys.argv[2]]})
tf.train.Server(cluster, job_name="ps", task_index=0).join()
