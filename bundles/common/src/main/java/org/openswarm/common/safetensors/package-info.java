/**
 * The safetensors format (the one the reference's PyTorch/Keras clients exchange): an 8-byte little-endian header
 * length, a UTF-8 JSON header naming every tensor's dtype, shape and data offsets, then the little-endian data.
 *
 * <p>{@link org.openswarm.common.safetensors.Safetensors} reads and writes whole small models in memory;
 * {@link org.openswarm.common.safetensors.SafetensorsFile} reads single tensors of large files by positional reads
 * (thread-safe) and {@link org.openswarm.common.safetensors.SafetensorsWriter} writes them tensor by tensor, in any
 * order, so that a model never has to be held in memory whole. F16 and BF16 are widened to float32 on read and
 * narrowed back with round-to-nearest-even on write ({@link org.openswarm.common.safetensors.HalfFloats}).
 */
@Export
@Version("1.0.0")
package org.openswarm.common.safetensors;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
