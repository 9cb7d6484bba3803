package org.openswarm.api.merge;

/**
 * What a model merge produced.
 *
 * @param sha256 hex SHA-256 of the output file
 * @param bytes  size of the output file
 * @param engine name of the engine that merged ({@link MergeEngine#name()})
 * @param millis wall time of the merge
 */
public record MergeResult(String sha256, long bytes, String engine, long millis) {
}
