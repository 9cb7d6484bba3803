/**
 * The {@link org.openswarm.api.merge.MergeEngine} rules every engine applies around its arithmetic
 * (docs/merge-engines.md §3), written once: {@link org.openswarm.merge.rules.MergeRules} (argument checks and their
 * messages, participants with weight 0 left out, one participant copied, weight normalisation) and
 * {@link org.openswarm.merge.rules.Weiszfeld} (the GEOMEDIAN iteration control). The Java engine and the native
 * engines (merge-native's KernelEngine) both use it, so their messages, guards and constants cannot drift apart.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.openswarm.merge.rules;
