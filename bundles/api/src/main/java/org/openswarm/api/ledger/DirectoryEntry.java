package org.openswarm.api.ledger;

/** A named contract in the directory, e.g. {@code defaultbb.cqdb.sml.hpe}. */
public record DirectoryEntry(String name, EntryKind kind, String address) {
}
