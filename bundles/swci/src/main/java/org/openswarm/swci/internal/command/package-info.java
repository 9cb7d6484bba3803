/** The SWCI command language: one line of text becomes one typed {@link org.openswarm.swci.internal.command.Command}. */
package org.openswarm.swci.internal.command;
