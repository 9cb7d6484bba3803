/**
 * Merging N participants' models into one: the {@link org.openswarm.api.merge.ModelMerger} service the SL leader
 * uses on safetensors files, and the {@link org.openswarm.api.merge.MergeEngine} SPI that merges one tensor in
 * memory, implemented by the pure-Java engine ({@code engine=java}) and by native engines ({@code native},
 * {@code cuda}, {@code rocm}). The rules every engine follows are in docs/merge-engines.md.
 */
@Export
@Version("1.0.0")
package org.openswarm.api.merge;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
