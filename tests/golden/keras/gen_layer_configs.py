"""Keras layers' get_config() as TF 1.14 returns them: the keys in TF's order,
initializers, regularizers and constraints serialized ({'class_name', 'config'})."""


def _layers(tf):
    L = tf.keras.layers
    reg, con = tf.keras.regularizers, tf.keras.constraints
    return [
        L.Dense(2), L.Dense(3, activation="relu", kernel_regularizer=reg.l2(0.01),
                            bias_regularizer=reg.l1_l2(0.1, 0.2),
                            kernel_constraint=con.max_norm(2.), use_bias=True),
        L.Conv1D(2, 3), L.Conv2D(2, 3, strides=2, padding="same"), L.Conv3D(2, 3),
        L.Conv2DTranspose(2, 3, output_padding=1, strides=2), L.Conv3DTranspose(2, 3),
        L.SeparableConv1D(2, 3), L.SeparableConv2D(2, 3, depth_multiplier=2),
        L.DepthwiseConv2D(3, depthwise_regularizer=reg.l2(0.1)),
        L.LSTM(2), L.GRU(2, reset_after=True), L.SimpleRNN(2, activity_regularizer=reg.l1(0.1)),
        L.LSTMCell(2), L.GRUCell(2), L.SimpleRNNCell(2), L.RNN(L.LSTMCell(3)),
        L.StackedRNNCells([L.LSTMCell(2), L.GRUCell(2)]),
        L.Embedding(5, 2), L.Embedding(5, 2, mask_zero=True, input_length=4),
        L.BatchNormalization(), L.BatchNormalization(axis=1, momentum=0.9, center=False),
        L.PReLU(), L.LeakyReLU(), L.ELU(), L.ReLU(), L.ThresholdedReLU(), L.Softmax(),
        L.LocallyConnected1D(2, 3), L.LocallyConnected2D(2, 3), L.ConvLSTM2D(2, 3),
        L.Bidirectional(L.LSTM(2)), L.TimeDistributed(L.Dense(2)), L.Dropout(0.5),
        L.SpatialDropout2D(0.2), L.AlphaDropout(0.1), L.GaussianNoise(0.1),
        L.GaussianDropout(0.1), L.Flatten(), L.MaxPooling2D(), L.AveragePooling1D(),
        L.GlobalAveragePooling2D(), L.GlobalMaxPooling1D(), L.UpSampling2D(), L.ZeroPadding2D(),
        L.Cropping2D(), L.Activation("relu"), L.Reshape((2, 2)), L.Permute((2, 1)),
        L.RepeatVector(3), L.Masking(), L.ActivityRegularization(0.1),
        L.Concatenate(), L.Add(), L.Dot(axes=1), L.CuDNNLSTM(2), L.CuDNNGRU(2),
        L.MaxPooling1D(3), L.UpSampling1D(3), L.UpSampling2D(interpolation="bilinear"),
        L.UpSampling3D(), L.ZeroPadding1D(2), L.ZeroPadding2D(((1, 0), (2, 3))),
        L.ZeroPadding3D(), L.Cropping1D(), L.Cropping2D(((1, 2), (3, 4))), L.Cropping3D(),
        L.Attention(), L.AdditiveAttention(use_scale=False),
    ]


def cases(tf):
    return {"%02d_%s" % (i, type(l).__name__): str(l.get_config())
            for i, l in enumerate(_layers(tf))}
