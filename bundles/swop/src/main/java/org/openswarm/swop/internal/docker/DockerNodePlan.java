package org.openswarm.swop.internal.docker;

/**
 * The two containers of one SL/ML pair, in start order: the SL first, then the ML, which joins the SL's network
 * namespace to reach the SL's loopback-only ML API.
 */
public record DockerNodePlan(ContainerSpec sl, ContainerSpec ml) {
}
