package org.openswarm.sl.internal;

import java.nio.file.Path;

/**
 * A parameter blob (a safetensors file) in the SL's store, named by its SHA-256.
 *
 * @param file   where it lies
 * @param sha256 its hash, as checked in on the ledger
 * @param bytes  its size
 */
record Blob(Path file, String sha256, long bytes) {
}
