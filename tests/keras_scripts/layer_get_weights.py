"""Layer.get_weights() called with no `with tf.Session()` block: TF 1.14 reads the values in
keras.backend.get_session() (the session fit/predict used; a default session when there is
one), for a tf.keras layer and for a tf.layers layer alike."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
np.random.seed(3)
x = np.random.rand(16, 4).astype(np.float32)
y = (x.sum(1) > 2).astype(np.float32)
model = tf.keras.Sequential([tf.keras.layers.Dense(3, activation="relu", input_shape=(4,),
                                                   name="hidden"),
                             tf.keras.layers.Dense(1, activation="sigmoid")])
model.compile("sgd", "binary_crossentropy")
model.fit(x, y, epochs=2, batch_size=8, verbose=0)
kernel, bias = model.get_layer("hidden").get_weights()
print(kernel.shape, np.round(kernel, 5).tolist(), np.round(bias, 5).tolist())
print([w.shape for w in model.layers[1].get_weights()])

dense = tf.layers.Dense(2, name="plain")
out = dense(tf.constant(x[:2]))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(np.round(dense.get_weights()[0], 5).tolist(), sess.run(out).shape)
