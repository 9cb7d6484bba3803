/** Karaf shell commands of the SWOP ({@code swarm:swop}). */
package org.openswarm.swop.internal.command;
