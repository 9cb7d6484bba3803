package org.openswarm.api.license;

/**
 * Tokens out for one feature ({@code GET /v1/status}).
 *
 * @param capacity all valid licenses together; -1 means unlimited
 */
public record Usage(Feature feature, int capacity, int inUse) {
}
