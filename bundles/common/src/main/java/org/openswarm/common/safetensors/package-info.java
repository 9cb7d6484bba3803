/**
 * The safetensors codec: parameters travel between ML programs and SLs, and between SLs, as one safetensors file.
 * A minimal version (F64, F32, I64 and raw bytes for the rest) until the full codec lands.
 */
@Export
@Version("1.0.0")
package org.openswarm.common.safetensors;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
