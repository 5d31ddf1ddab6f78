"""The files of TF-format weights: model.save_weights, tf.train.Checkpoint.save and
CheckpointManager write one data shard for the variables and one for the object graph
(which TF 1.14 places on CPU:0), and load_weights reads them back."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

d = tempfile.mkdtemp()
try:
    model = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,),
                                                       kernel_initializer="ones")])
    model.compile("adam", "mse")
    model.fit(np.ones((4, 3)), np.ones((4, 2)), verbose=0)
    model.save_weights(os.path.join(d, "w", "weights"))
    print(sorted(os.listdir(os.path.join(d, "w"))))
    model.load_weights(os.path.join(d, "w", "weights"))
    print(np.round(model.get_weights()[0], 4))

    v = tf.Variable([1.0, 2.0], name="v")
    ckpt = tf.train.Checkpoint(v=v)
    manager = tf.train.CheckpointManager(ckpt, os.path.join(d, "run"), max_to_keep=2)
    sess = tf.keras.backend.get_session()
    sess.run(v.initializer)
    print(os.path.basename(ckpt.save(os.path.join(d, "ck", "model"), session=sess)))
    print(sorted(os.listdir(os.path.join(d, "ck"))))
    with sess.as_default():
        print([os.path.basename(manager.save()) for _ in range(3)])
    print(sorted(os.listdir(os.path.join(d, "run"))))
    print(sorted(tf.train.list_variables(os.path.join(d, "run", "ckpt-3"))))
finally:
    shutil.rmtree(d)
