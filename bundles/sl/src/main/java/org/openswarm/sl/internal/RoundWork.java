package org.openswarm.sl.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.CheckoutMode;
import org.openswarm.api.ledger.ContractInfo;
import org.openswarm.api.ledger.ContractStatus;
import org.openswarm.api.ledger.RoundCheckin;
import org.openswarm.api.ledger.RoundInfo;
import org.openswarm.api.merge.MergeResult;
import org.openswarm.api.merge.ModelMerger;
import org.openswarm.api.sn.NodeView;
import org.openswarm.common.sn.SnClient;

/**
 * The steps of a sync round (design §5) for one session: check-in, the leader's quorum wait, freeze, fetch, verify,
 * merge and publish, the participants' fetch of the merged model, and failover. {@link #advance} does one poll step,
 * so the caller decides how long to wait and what to report meanwhile. All ledger access goes through the SN API.
 */
final class RoundWork {
    /** Where a waiting session stands, for status and logs. */
    interface Status {
        void update(String state, long round, String detail);
    }

    private final String uid;
    private final SessionParams params;
    private final SnClient sn;
    private final BlobStore store;
    private final PeerFetcher fetcher;
    private final Supplier<ModelMerger> merger;
    private final RoundSettings settings;
    private final ExecutorService fetchPool;
    private final SwLog log;

    private long quorumRound = -1;
    private long quorumSince;
    private String watchedPhase = "";
    private long watchedSince;

    RoundWork(String uid, SessionParams params, SnClient sn, BlobStore store, PeerFetcher fetcher,
            Supplier<ModelMerger> merger, RoundSettings settings, ExecutorService fetchPool, SwLog log) {
        this.uid = uid;
        this.params = params;
        this.sn = sn;
        this.store = store;
        this.fetcher = fetcher;
        this.merger = merger;
        this.settings = settings;
        this.fetchPool = fetchPool;
        this.log = log;
    }

    String contract() {
        return params.contract();
    }

    ContractInfo contractInfo() {
        return sn.contract(contract());
    }

    RoundInfo round(long round) {
        return sn.round(contract(), round);
    }

    /**
     * Checks a blob in for round {@code round} (or, when that round froze meanwhile, the next one, as the contract
     * decides) and answers the round it counts for. The blob is served for both candidate rounds from before the
     * check-in, so a fast leader never finds it missing.
     */
    long checkin(long round, Blob blob) {
        for (int attempt = 0;; attempt++) {
            store.recordContribution(contract(), round, blob.sha256());
            store.recordContribution(contract(), round + 1, blob.sha256());
            try {
                long effective = sn.checkin(contract(), round, uid, blob.sha256(), params.weight());
                if (effective != round)
                    store.forgetContribution(contract(), round);
                else
                    store.forgetContribution(contract(), round + 1);
                log.info("Checked in for round " + effective + " (parameters " + blob.sha256().substring(0, 12)
                        + ", weight " + params.weight() + ")" + (effective != round ? " [late for round " + round
                                + ": counted for the next round]" : ""));
                return effective;
            } catch (SwarmException e) {
                store.forgetContribution(contract(), round + 1);
                String reason = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
                if (e.code() == ErrorCode.CONFLICT && reason.contains("already checked in")) {
                    log.warn("Round " + round + " already has an earlier check-in of this node; it stands");
                    return round;
                }
                store.forgetContribution(contract(), round);
                if (e.code() == ErrorCode.CONFLICT && reason.contains("already merged") && attempt < 5) {
                    round = contractInfo().currentRound();
                    continue;
                }
                throw e;
            }
        }
    }

    /** One poll step for a round this node checked in for: the merged model once there is one. */
    Optional<Merged> advance(long round, Status status) {
        RoundInfo info = round(round);
        if (info.mergedHash() != null)
            return Optional.of(obtainMerged(info));
        if (!info.frozen()) {
            waitOrFreeze(info, status);
            return Optional.empty();
        }
        if (uid.equals(info.leader()))
            return leadMerge(info, status);
        watchLeader(info, status);
        return Optional.empty();
    }

    /**
     * The latest merged model of the training (for a node that joins late or fell more than one round behind), or
     * empty when no round has merged yet.
     */
    Optional<Merged> latestMerged(long currentRound) {
        if (currentRound <= 1)
            return Optional.empty();
        Merged merged = obtainMerged(round(currentRound - 1));
        return Optional.of(new Merged(merged.blob(), merged.round(), false));
    }

    /** The uids of live enrolled nodes that still take part in rounds and have not checked in for this one. */
    List<String> missingLivePeers(RoundInfo info) {
        ContractStatus status = sn.contractStatus(contract());
        Set<String> alive = new HashSet<>();
        for (NodeView node : sn.nodes())
            if (node.alive())
                alive.add(node.uid());
        Set<String> in = checkinUids(info);
        List<String> missing = new ArrayList<>();
        for (ContractStatus.NodeState node : status.nodes()) {
            boolean retired = node.closed() && node.checkoutMode() == CheckoutMode.INACTIVE;
            if (!retired && alive.contains(node.uid()) && !in.contains(node.uid()))
                missing.add(node.uid());
        }
        return missing;
    }

    static Set<String> checkinUids(RoundInfo info) {
        Set<String> uids = new LinkedHashSet<>();
        for (RoundCheckin checkin : info.checkins())
            uids.add(checkin.uid());
        return uids;
    }

    // ------------------------------------------------------------------------------------------- before the freeze

    private void waitOrFreeze(RoundInfo info, Status status) {
        long round = info.round();
        int count = info.checkins().size();
        if (!uid.equals(info.leader())) {
            String leader = info.leader() == null ? "no node eligible as leader has checked in yet"
                    : "leader " + info.leader();
            // A leader that died before its freeze; the contract hands over only the current round.
            if (count >= params.minPeers() && info.leader() != null && leaderOverdue(info)
                    && contractInfo().currentRound() == round) {
                failover(info, status, "did not freeze the round in time after its quorum");
                return;
            }
            status.update(count < params.minPeers() ? "WAITING_FOR_QUORUM" : "WAITING_FOR_PEERS", round,
                    count + " of minPeers " + params.minPeers() + " checked in for round " + round + "; " + leader);
            return;
        }
        ContractInfo contract = contractInfo();
        if (contract.currentRound() != round) {
            status.update("WAITING_FOR_QUORUM", round, "round " + round + " starts once round "
                    + contract.currentRound() + " has merged");
            return;
        }
        if (count < contract.minPeers()) {
            quorumRound = -1;
            status.update("WAITING_FOR_QUORUM", round, count + " of minPeers " + contract.minPeers()
                    + " checked in for round " + round + "; waiting (this node leads the round)");
            return;
        }
        long now = System.currentTimeMillis();
        if (quorumRound != round) {
            quorumRound = round;
            quorumSince = now;
            log.info("Quorum reached for round " + round + ": " + count + " of minPeers " + contract.minPeers()
                    + " checked in");
        }
        List<String> missing = missingLivePeers(info);
        long waited = now - quorumSince;
        if (!missing.isEmpty() && waited < settings.fullQuorumWaitMillis()) {
            status.update("WAITING_FOR_PEERS", round, count + " checked in for round " + round + "; waiting up to "
                    + (settings.fullQuorumWaitMillis() - waited) / 1000 + " s more for " + missing.size()
                    + " live peer(s)");
            return;
        }
        List<String> participants = new ArrayList<>(checkinUids(info));
        if (params.maxPeers() > 0 && participants.size() > params.maxPeers()) {
            participants = new ArrayList<>(participants.subList(0, params.maxPeers()));
            if (!participants.contains(uid))
                participants.set(participants.size() - 1, uid);
        }
        sn.freeze(contract(), round, uid, participants);
        log.info("Round " + round + " frozen with " + participants.size() + " participant(s)"
                + (missing.isEmpty() ? "" : "; " + missing.size() + " live peer(s) did not arrive in time"));
    }

    // ---------------------------------------------------------------------------------------------- the leader

    private record Input(String uid, Blob blob, double weight) {
    }

    private Optional<Merged> leadMerge(RoundInfo info, Status status) {
        long round = info.round();
        List<String> participants = info.participants();
        status.update("MERGING", round, "this node leads round " + round + ": fetching " + participants.size()
                + " models");
        log.info("Starting Swarm merging round " + round + " as leader: " + participants.size() + " participant(s), "
                + params.mergeMethod().name().toLowerCase(Locale.ROOT));
        long started = System.currentTimeMillis();
        List<Future<Input>> fetches = new ArrayList<>();
        for (String participant : participants) {
            RoundCheckin checkin = findCheckin(info, participant);
            fetches.add(fetchPool.submit(() -> fetchInput(round, participant, checkin)));
        }
        List<Input> inputs = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (int i = 0; i < fetches.size(); i++) {
            try {
                Input input = fetches.get(i).get();
                if (input != null)
                    inputs.add(input);
                else
                    excluded.add(participants.get(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SwarmException(ErrorCode.UNAVAILABLE, "Interrupted while fetching round " + round);
            } catch (ExecutionException e) {
                log.warn("Fetching the parameters of " + participants.get(i) + " failed: " + e.getCause());
                excluded.add(participants.get(i));
            }
        }
        try {
            inputs = consistentLayout(inputs, excluded);
            if (inputs.isEmpty()) {
                status.update("MERGING", round, "no verified parameters to merge for round " + round + "; retrying");
                log.error("Round " + round + ": no participant's parameters could be fetched and verified; retrying");
                return Optional.empty();
            }
            Path output = store.tempFile("merged-" + round);
            List<Path> files = inputs.stream().map(in -> in.blob().file()).toList();
            double[] weights = inputs.stream().mapToDouble(Input::weight).toArray();
            MergeResult result;
            try {
                result = merger.get().merge(files, weights, params.mergeMethod(), params.mergeParams(), output);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Merging round " + round + " failed", e);
            }
            Blob merged = store.adopt(output, result.sha256());
            store.recordMerged(contract(), round, merged.sha256());
            try {
                sn.publishMerged(contract(), round, uid, merged.sha256());
            } catch (SwarmException e) {
                if (e.code() != ErrorCode.CONFLICT)
                    throw e;
                // Another leader took the round over and published first: its model counts, ours is dropped.
                log.warn("Round " + round + " was merged by another leader: " + e.getMessage());
                store.unpin(merged.sha256());
                return Optional.empty();
            }
            log.info("Merge Done: round " + round + ", " + inputs.size() + " of " + participants.size()
                    + " models merged with " + params.mergeMethod().name().toLowerCase(Locale.ROOT) + " by the "
                    + result.engine() + " engine in " + result.millis() + " ms (round took "
                    + (System.currentTimeMillis() - started) + " ms)" + (excluded.isEmpty() ? ""
                            : "; left out: " + excluded));
            boolean contributed = inputs.stream().anyMatch(in -> in.uid().equals(uid));
            return Optional.of(new Merged(merged, round, contributed));
        } finally {
            for (Input input : inputs)
                store.unpin(input.blob().sha256());
        }
    }

    /** One participant's verified blob, or null when it cannot be had (the merge goes on without it). */
    private Input fetchInput(long round, String participant, RoundCheckin checkin) {
        if (checkin == null) {
            log.warn("Participant " + participant + " has no check-in for round " + round + " on the ledger");
            return null;
        }
        if (participant.equals(uid)) {
            Optional<Blob> own = store.find(checkin.paramHash());
            if (own.isEmpty()) {
                log.warn("This node's own parameters of round " + round + " are gone (restart?); merging without");
                return null;
            }
            store.pin(own.get().sha256());
            return new Input(participant, own.get(), checkin.weight());
        }
        for (int attempt = 1; attempt <= settings.fetchAttempts(); attempt++) {
            try {
                NodeView node = sn.node(participant);
                Blob blob = fetcher.fetch(PeerFetcher.paramsUri(node.host(), node.port(), contract(), round,
                        participant), checkin.paramHash());
                return new Input(participant, blob, checkin.weight());
            } catch (SwarmException e) {
                if (e.code() == ErrorCode.CONFLICT) {
                    log.warn("Refused the parameters of " + participant + " for round " + round + ": "
                            + e.getMessage());
                    return null;
                }
                log.debug("Fetching the parameters of " + participant + " (attempt " + attempt + "): "
                        + e.getMessage());
                sleep(Math.max(settings.pollMillis(), 500));
            }
        }
        log.warn("Could not fetch the parameters of " + participant + " for round " + round + "; merging without");
        return null;
    }

    /** Drops inputs whose tensors differ from the reference (this node's own, or the first). */
    private List<Input> consistentLayout(List<Input> inputs, List<String> excluded) {
        if (inputs.size() < 2)
            return inputs;
        Input reference = inputs.stream().filter(in -> in.uid().equals(uid)).findFirst().orElse(inputs.get(0));
        List<Input> kept = new ArrayList<>();
        for (Input input : inputs) {
            String difference = input == reference ? null
                    : Layouts.difference(reference.blob().file(), input.blob().file());
            if (difference == null) {
                kept.add(input);
            } else {
                log.warn("Refused the parameters of " + input.uid() + ": " + difference);
                excluded.add(input.uid());
                store.unpin(input.blob().sha256());
            }
        }
        return kept;
    }

    // ------------------------------------------------------------------------------------------ the participants

    private void watchLeader(RoundInfo info, Status status) {
        boolean participant = info.participants().contains(uid);
        if (participant && leaderOverdue(info)) {
            failover(info, status, "did not publish the merged model in time");
            return;
        }
        status.update("MERGING", info.round(), "leader " + info.leader() + " merges round " + info.round() + " ("
                + info.participants().size() + " participants)" + (participant ? "" : "; this node is not one"));
    }

    /**
     * Whether the leader is past both the contract's deadline (after the quorum or the freeze) and this SL's own
     * {@code leaderTimeoutSeconds}, counted from when this SL first saw the round in that state with that leader.
     */
    private boolean leaderOverdue(RoundInfo info) {
        long now = System.currentTimeMillis();
        String phase = info.round() + "/" + info.frozen() + "/" + info.leader();
        if (!phase.equals(watchedPhase)) {
            watchedPhase = phase;
            watchedSince = now;
        }
        return info.leaderDeadline() > 0 && now >= info.leaderDeadline() * 1000L
                && now - watchedSince >= settings.leaderTimeoutMillis();
    }

    private void failover(RoundInfo info, Status status, String why) {
        log.warn("Leader " + info.leader() + " of round " + info.round() + " " + why + "; handing the merge to the "
                + "next participant (failover)");
        status.update("FAILOVER", info.round(), "leader " + info.leader() + " missed its deadline");
        // Whatever the answer, wait a full timeout before trying again in this phase.
        watchedSince = System.currentTimeMillis();
        try {
            sn.failover(contract(), info.round(), uid, info.leader());
        } catch (SwarmException e) {
            if (e.code() != ErrorCode.CONFLICT)
                throw e;
            log.warn("Failover of round " + info.round() + " refused: " + e.getMessage());
        }
    }

    /** The merged model of a published round: from the store, else from its leader or another participant. */
    Merged obtainMerged(RoundInfo info) {
        long round = info.round();
        boolean contributed = info.participants().contains(uid);
        Optional<Blob> local = store.find(info.mergedHash());
        if (local.isPresent()) {
            store.pin(local.get().sha256());
            store.recordMerged(contract(), round, local.get().sha256());
            return new Merged(local.get(), round, contributed);
        }
        Set<String> sources = new LinkedHashSet<>();
        if (info.leader() != null)
            sources.add(info.leader());
        sources.addAll(info.participants());
        sources.remove(uid);
        StringBuilder failures = new StringBuilder();
        for (String source : sources) {
            try {
                NodeView node = sn.node(source);
                Blob blob = fetcher.fetch(PeerFetcher.mergedUri(node.host(), node.port(), contract(), round),
                        info.mergedHash());
                store.recordMerged(contract(), round, blob.sha256());
                return new Merged(blob, round, contributed);
            } catch (SwarmException e) {
                failures.append("; ").append(source).append(": ").append(e.getMessage());
            }
        }
        throw new SwarmException(ErrorCode.UNAVAILABLE, "No peer serves the merged model of round " + round
                + " yet" + failures);
    }

    private static RoundCheckin findCheckin(RoundInfo info, String uid) {
        for (RoundCheckin checkin : info.checkins())
            if (checkin.uid().equals(uid))
                return checkin;
        return null;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmException(ErrorCode.UNAVAILABLE, "Interrupted");
        }
    }
}
