package org.openswarm.swop.internal.docker;

/**
 * Names of content volumes in docker mode: MAKE_SWARM_USER_CONTENT's Outcome for BUILDCONTENT, and for SWARMCONTENT
 * one volume per profile node, which a RUN_SWARM mount of the Outcome resolves to the node's own.
 */
public final class ContentVolumes {
    private ContentVolumes() {
    }

    /** The node's copy of SWARMCONTENT {@code outcome}: {@code <outcome>-<idx>}. */
    public static String perNode(String outcome, int idx) {
        return outcome + "-" + idx;
    }
}
