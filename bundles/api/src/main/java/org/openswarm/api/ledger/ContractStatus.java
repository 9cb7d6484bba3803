package org.openswarm.api.ledger;

import java.util.List;

/**
 * A training contract's dynamic state: its information and each node enrolled in the current training.
 *
 * @param contract the contract's information
 * @param nodes    the enrolled nodes, in enrollment order
 */
public record ContractStatus(ContractInfo contract, List<NodeState> nodes) {
    /**
     * One enrolled node.
     *
     * @param uid            its UUID
     * @param eligibleLeader whether it may lead a round
     * @param closed         whether it checked out
     * @param checkoutMode   how it checked out, null while it has not
     * @param perf           its latest PERFDATA, null before its first report
     */
    public record NodeState(String uid, boolean eligibleLeader, boolean closed, CheckoutMode checkoutMode,
            PerfData perf) {
    }
}
