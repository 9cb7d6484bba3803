/** Task definitions: YAML task files, their schema validation, and the body lines the task registry keeps. */
package org.openswarm.swci.internal.task;
