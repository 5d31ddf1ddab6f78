"""An MNIST-style MLP with tf.keras (Sequential, compile, fit, evaluate, predict) on
locally generated data, TF 1.14 style."""
import numpy as np
import tensorflow as tf

np.random.seed(42)
num_classes = 10
x_train = np.random.rand(300, 784).astype("float32")
y_train = np.random.randint(0, num_classes, 300)
x_test = np.random.rand(60, 784).astype("float32")
y_test = np.random.randint(0, num_classes, 60)
y_train = tf.keras.utils.to_categorical(y_train, num_classes)
y_test = tf.keras.utils.to_categorical(y_test, num_classes)

init = tf.keras.initializers.glorot_uniform
model = tf.keras.Sequential()
model.add(tf.keras.layers.Dense(64, activation="relu", input_shape=(784,),
                                kernel_initializer=init(seed=1)))
model.add(tf.keras.layers.Dense(32, activation="relu", kernel_initializer=init(seed=2)))
model.add(tf.keras.layers.Dense(num_classes, activation="softmax",
                                kernel_initializer=init(seed=3)))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
print([w.name for w in model.weights])

history = model.fit(x_train, y_train, batch_size=32, epochs=4, verbose=0,
                    validation_data=(x_test, y_test))
for key in sorted(history.history):
    print(key, " ".join("%.4f" % v for v in history.history[key]))
score = model.evaluate(x_test, y_test, verbose=0)
print("Test loss: %.4f" % score[0])
print("Test accuracy: %.4f" % score[1])
print(np.round(model.predict(x_test[:2]), 4))
print(model.predict(x_test).argmax(axis=1)[:20])
