/** Row formats (FP32, FP16, INT8, INT4, INT2), their byte layouts and quantization. */
package dev.ember.engine.format;
