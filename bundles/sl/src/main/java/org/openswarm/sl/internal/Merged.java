package org.openswarm.sl.internal;

/**
 * A merged model this SL holds.
 *
 * @param blob        the model (pinned in the store for whoever holds this)
 * @param round       the round it is the merge of
 * @param contributed whether this node's parameters were part of it
 */
record Merged(Blob blob, long round, boolean contributed) {
}
