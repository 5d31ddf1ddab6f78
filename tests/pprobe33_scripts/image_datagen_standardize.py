"""ImageDataGenerator without its SciPy/Pillow paths (TF 1.14's oracle has neither):
get_random_transform drawn with a seed for rotation, width/height shifts (fractions,
pixels, lists), zoom, shear, channel shift, brightness and flips, in both data formats;
fit with featurewise_center / featurewise_std_normalization and then standardize with
rescale, samplewise centering and a preprocessing_function; utils.to_categorical
(shapes, num_classes, dtypes) and utils.normalize (axes, orders); then a seeded small
Conv2D classifier fed by a keras.utils.Sequence that flips and standardizes its images
with those seeded transforms, through fit_generator with validation, 2 epochs."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def R(d):
    return sorted((k, repr(float(v)) if isinstance(v, (float, np.floating)) else v)
                  for k, v in d.items())


K = tf.keras
IDG = K.preprocessing.image.ImageDataGenerator
for kw in (dict(rotation_range=30, horizontal_flip=True, vertical_flip=True),
           dict(width_shift_range=0.2, height_shift_range=3, zoom_range=[0.8, 1.3]),
           dict(width_shift_range=[-2, 0, 2], height_shift_range=0.5, shear_range=10.,
                zoom_range=0.1, channel_shift_range=20.),
           dict(brightness_range=(0.5, 1.5), data_format="channels_first",
                rotation_range=5, zoom_range=(1.0, 1.0))):
    g = IDG(**kw)
    shape = (3, 8, 6) if kw.get("data_format") == "channels_first" else (8, 6, 3)
    for seed in (1, 2):
        print(R(g.get_random_transform(shape, seed=seed)))
try:
    IDG(zoom_range="big")
except ValueError as e:
    print("ValueError", e)
try:
    IDG(data_format="nchw")
except ValueError as e:
    print("ValueError", e)

rs = np.random.RandomState(4)
imgs = rs.randint(0, 256, (12, 8, 8, 3)).astype("float32")
labels = rs.randint(0, 3, 12)
g = IDG(featurewise_center=True, featurewise_std_normalization=True, rescale=1. / 255)
g.fit(imgs)
print(H(g.mean), H(g.std), [repr(float(v)) for v in g.mean.ravel()],
      [repr(float(v)) for v in g.std.ravel()])
st = g.standardize(imgs[0].copy())
print(H(st), repr(float(st.sum())), repr(float(st.max())))
g2 = IDG(samplewise_center=True, samplewise_std_normalization=True,
         preprocessing_function=lambda x: x * 2. - 1.)
st2 = g2.standardize(imgs[1].copy())
print(H(st2), repr(float(st2.mean())), repr(float(st2.std())))
g3 = IDG(featurewise_center=True, data_format="channels_first")
g3.fit(np.transpose(imgs, (0, 3, 1, 2)))
print(H(g3.mean), g3.std)

U = K.utils
print(U.to_categorical([0, 2, 1, 2]).tolist(), U.to_categorical([[1], [0]], 4).tolist())
print(H(U.to_categorical(np.array([[0, 1], [2, 1]]), 3)), U.to_categorical(3, 5).tolist())
print(U.to_categorical([1, 0], dtype="int32").dtype, U.to_categorical(np.int64(2), 3).shape)
print(H(U.to_categorical(labels)), U.to_categorical(np.array([[[1]], [[0]]])).shape)
x = rs.uniform(-1, 1, (4, 5)).astype("float32")
for axis, order in ((-1, 2), (0, 2), (1, 1), (-1, np.inf)):
    n = U.normalize(x, axis, order)
    print(axis, order, H(n), [repr(float(v)) for v in n[0]])
print(U.normalize(np.zeros((2, 3))).tolist(), U.normalize(np.array([3., 4.])).tolist())

tf.set_random_seed(33)
flip = IDG(horizontal_flip=True, vertical_flip=True)


class Augmented(K.utils.Sequence):
    def __init__(self, x, y, bs, seed):
        self.x, self.y, self.bs, self.seed = x, y, bs, seed

    def __len__(self):
        return len(self.x) // self.bs

    def __getitem__(self, i):
        out = []
        for j in range(i * self.bs, (i + 1) * self.bs):
            p = flip.get_random_transform(self.x[j].shape, seed=self.seed + j)
            im = self.x[j]
            if p["flip_horizontal"]:
                im = im[:, ::-1]
            if p["flip_vertical"]:
                im = im[::-1]
            out.append(g.standardize(im.copy()))
        return np.stack(out), U.to_categorical(self.y[i * self.bs:(i + 1) * self.bs], 3)


model = K.Sequential([
    K.layers.Conv2D(4, 3, activation="relu", input_shape=(8, 8, 3),
                    kernel_initializer=K.initializers.he_normal(seed=1)),
    K.layers.MaxPooling2D(),
    K.layers.Flatten(),
    K.layers.Dense(3, activation="softmax",
                   kernel_initializer=K.initializers.glorot_uniform(seed=2))])
model.compile(K.optimizers.Adagrad(0.1), "categorical_crossentropy",
              metrics=["categorical_accuracy"])
h = model.fit_generator(Augmented(imgs, labels, 4, 10), epochs=2, workers=0,
                        validation_data=Augmented(imgs[:8], labels[:8], 4, 50), verbose=0)
for k in sorted(h.history):
    print(k, [repr(float(v)) for v in h.history[k]])
print([H(w) for w in model.get_weights()])
print(len(tf.get_default_graph().get_operations()))
