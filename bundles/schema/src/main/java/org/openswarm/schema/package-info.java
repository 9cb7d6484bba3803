/**
 * Operator documents (SWCI task files, SWOP profiles): safe YAML loading ({@link org.openswarm.schema.YamlDocuments}),
 * JSON Schema validation with one operator line per problem ({@link org.openswarm.schema.DocumentSchema}) and the
 * exception that carries those lines ({@link org.openswarm.schema.InvalidDocumentException}). Documents travel as
 * plain Java maps, lists and scalars, so no YAML or Jackson type appears in this API.
 */
@Export
@Version("1.0.0")
package org.openswarm.schema;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
