package org.openswarm.sl.internal;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.CheckoutMode;
import org.openswarm.api.ledger.ContractInfo;
import org.openswarm.api.ledger.PerfData;
import org.openswarm.api.ledger.RoundInfo;
import org.openswarm.api.ledger.TrainingStatus;
import org.openswarm.common.sn.SnClient;

/**
 * One ML program's session on this SL (docs/ml-api.md): its syncs in order, its metrics, its close and the final
 * model. A single worker thread runs the rounds, so syncs and the close happen in the order the ML sent them; the
 * ML's long polls only wait on their job.
 */
final class Session implements AutoCloseable {
    /** How many consecutive unexpected failures a job survives before it gives up. */
    private static final int MAX_FAILURES = 20;

    private final String id;
    private final String uid;
    private final SessionParams params;
    private final boolean resumed;
    private final SnClient sn;
    private final BlobStore store;
    private final RoundWork work;
    private final RoundSettings settings;
    private final long maxModelBytes;
    private final SwLog log;
    private final AdaptiveSync adaptive;
    private final ExecutorService worker;
    private final Map<Integer, SyncJob> syncs = new ConcurrentHashMap<>();
    private final Object submitLock = new Object();

    private volatile boolean superseded;
    private volatile SyncJob closeJob;
    private volatile String lastState = "OPEN";
    private volatile String lastDetail = "";
    private int lastSeq;
    /** The round of the merged model the ML holds; 0 before the first. */
    private volatile long modelRound;
    private volatile Merged held;
    private volatile long epochsDone;

    Session(String id, String uid, SessionParams params, boolean resumed, SnClient sn, BlobStore store,
            RoundWork work, RoundSettings settings, long maxModelBytes, SwLog log) {
        this.id = id;
        this.uid = uid;
        this.params = params;
        this.resumed = resumed;
        this.sn = sn;
        this.store = store;
        this.work = work;
        this.settings = settings;
        this.maxModelBytes = maxModelBytes;
        this.log = log;
        this.adaptive = new AdaptiveSync(params.syncFrequency(), params.adaptiveSync());
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "openswarm-sl-session-" + id.substring(0, 8));
            thread.setDaemon(true);
            return thread;
        });
    }

    String id() {
        return id;
    }

    SessionParams params() {
        return params;
    }

    boolean resumed() {
        return resumed;
    }

    int syncInterval() {
        return adaptive.interval();
    }

    long modelRound() {
        return modelRound;
    }

    boolean closed() {
        return closeJob != null;
    }

    String state() {
        return lastState;
    }

    String detail() {
        return lastDetail;
    }

    SwLog log() {
        return log;
    }

    /** A newer session of the same SL took over; this one's calls answer CONFLICT from now on. */
    void supersede() {
        superseded = true;
        SwarmException gone = new SwarmException(ErrorCode.CONFLICT, "Session " + id
                + " was superseded by a newer session of this SL");
        syncs.values().forEach(job -> job.fail(gone));
        if (closeJob != null)
            closeJob.fail(gone);
        close();
    }

    // ---------------------------------------------------------------------------------------------------- syncs

    /** Takes the parameters of sync {@code seq}; a retry of the last accepted seq answers the same job. */
    SyncJob submitSync(int seq, InputStream body, long epochs) {
        synchronized (submitLock) {
            requireLive();
            if (closeJob != null)
                throw new SwarmException(ErrorCode.CONFLICT, "Session " + id + " is closed; no more syncs");
            SyncJob existing = syncs.get(seq);
            if (existing != null) {
                Blob again = store.receive(body, maxModelBytes, null);
                store.unpin(again.sha256());
                if (!again.sha256().equals(existing.params().sha256()))
                    throw new SwarmException(ErrorCode.CONFLICT, "Sync " + seq + " was already accepted with other "
                            + "parameters");
                return existing;
            }
            if (seq != lastSeq + 1)
                throw new SwarmException(ErrorCode.CONFLICT, "Sync number " + seq + " is out of order; expected "
                        + (lastSeq + 1));
            Blob params = store.receive(body, maxModelBytes, null);
            if (epochs >= 0)
                epochsDone = epochs;
            SyncJob job = new SyncJob(seq, params, epochsDone);
            syncs.put(seq, job);
            syncs.remove(seq - 2);
            lastSeq = seq;
            worker.execute(() -> run(job, () -> sync(job)));
            return job;
        }
    }

    Optional<SyncJob> sync(int seq) {
        requireLive();
        return Optional.ofNullable(syncs.get(seq));
    }

    private SyncJob.Result sync(SyncJob job) {
        ContractInfo info = work.contractInfo();
        long current = info.currentRound();
        boolean initial = job.seq() == 1;
        if (initial)
            log.info("Starting Swarm merging round " + current + " (train begin; training contract "
                    + params.contract() + ")");
        boolean behind = initial ? current > 1 : modelRound < current - 2;
        if (behind) {
            Optional<Merged> latest = work.latestMerged(current);
            if (latest.isPresent()) {
                log.info((initial ? "Joining:" : "More than one round behind (at round " + modelRound + "):")
                        + " adopting the latest merged model of round " + latest.get().round());
                return deliver(job, latest.get());
            }
        }
        long round = work.checkin(current, job.params());
        return deliver(job, waitForMerge(job, round));
    }

    private Merged waitForMerge(SyncJob job, long round) {
        String reported = null;
        while (true) {
            Optional<Merged> merged = work.advance(round, (state, r, detail) -> status(job, state, r, detail));
            if (merged.isPresent())
                return merged.get();
            if (!job.state().equals(reported)) {
                reported = job.state();
                log.info("Round " + round + ": " + job.state() + " - " + job.detail());
            }
            RoundWork.sleep(settings.pollMillis());
        }
    }

    private SyncJob.Result deliver(SyncJob job, Merged merged) {
        Merged previous = held;
        held = merged;
        modelRound = merged.round();
        if (previous != null && !previous.blob().sha256().equals(merged.blob().sha256()))
            store.unpin(previous.blob().sha256());
        store.unpin(job.params().sha256());
        int next = adaptive.interval();
        log.info("Merge Done: round " + merged.round() + (merged.contributed() ? "" : " (without this node's "
                + "parameters)") + "; next sync in " + next + " batches");
        status(job, "DONE", merged.round(), "merged model of round " + merged.round() + " ready");
        return new SyncJob.Result(merged.blob(), merged.round(), next, merged.contributed(), false);
    }

    // -------------------------------------------------------------------------------------------------- metrics

    /** Records the ML's loss and metric on a merged model as PERFDATA and feeds adaptive sync. */
    void metrics(int seq, double loss, double metric, long epochs, long totalEpochs) {
        requireLive();
        if (epochs >= 0)
            epochsDone = epochs;
        long total = Math.max(Math.max(totalEpochs, params.totalEpochs()), epochsDone);
        long round = modelRound;
        SyncJob job = syncs.get(seq);
        if (job != null && job.isDone())
            round = job.round();
        sn.reportPerf(params.contract(), uid, new PerfData(round, loss, metric, epochsDone, total));
        adaptive.onLoss(loss);
        log.info("Calculated local loss using merged parameters = " + loss + ", metric = " + metric + " (round "
                + round + ")");
    }

    // ---------------------------------------------------------------------------------------------------- close

    /** Ends local training as {@code checkinModelOnTrainEnd} says; idempotent. */
    SyncJob submitClose(InputStream body, boolean hasBody, long epochs) {
        synchronized (submitLock) {
            requireLive();
            if (closeJob != null) {
                if (hasBody)
                    store.unpin(store.receive(body, maxModelBytes, null).sha256());
                return closeJob;
            }
            Blob finalParams = hasBody ? store.receive(body, maxModelBytes, null) : null;
            if (finalParams != null && finalParams.bytes() == 0) {
                store.unpin(finalParams.sha256());
                finalParams = null;
            }
            if (finalParams == null && params.endMode() == CheckoutMode.SNAPSHOT)
                throw SwarmException.badRequest("checkinModelOnTrainEnd=snapshot needs the final parameters in the "
                        + "close body");
            if (epochs >= 0)
                epochsDone = epochs;
            SyncJob job = new SyncJob(Integer.MAX_VALUE, finalParams, epochsDone);
            closeJob = job;
            worker.execute(() -> run(job, () -> finish(job)));
            return job;
        }
    }

    Optional<SyncJob> closeJob() {
        requireLive();
        return Optional.ofNullable(closeJob);
    }

    /** The close: a last check-in, checkout, then rounds without training until every node has closed. */
    private SyncJob.Result finish(SyncJob job) {
        CheckoutMode mode = params.endMode();
        log.info("Finished local training; checking out as " + mode.name().toLowerCase() + ". Final merging starts "
                + "at training end. Waiting for other peers to complete ...");
        Blob contribution = switch (mode) {
            case SNAPSHOT -> job.params();
            case ACTIVE -> held != null ? held.blob() : job.params();
            case INACTIVE -> null;
        };
        long pending = -1;
        ContractInfo info = work.contractInfo();
        if (contribution != null && modelRound >= info.currentRound() - 2)
            pending = work.checkin(info.currentRound(), contribution);
        sn.checkout(params.contract(), uid, mode);
        Merged last = held;
        while (true) {
            if (pending > 0) {
                long round = pending;
                Optional<Merged> merged = work.advance(round, (state, r, detail) -> status(job, state, r, detail));
                if (merged.isPresent()) {
                    last = keep(last, merged.get());
                    if (mode == CheckoutMode.ACTIVE)
                        contribution = merged.get().blob();
                    pending = -1;
                    continue;
                }
                RoundWork.sleep(settings.pollMillis());
                continue;
            }
            info = work.contractInfo();
            long current = info.currentRound();
            RoundInfo round = work.round(current);
            boolean checkedIn = RoundWork.checkinUids(round).contains(uid);
            if (info.status() == TrainingStatus.FINISHED) {
                if (round.checkins().isEmpty() || finalRoundCannotMerge(info, round)) {
                    Merged fin = current > 1 ? work.obtainMerged(work.round(current - 1)) : null;
                    if (fin != null)
                        last = keep(last, fin);
                    return finalResult(job, last, contribution);
                }
                if (contribution != null && !checkedIn)
                    pending = work.checkin(current, contribution);
                else if (checkedIn)
                    pending = current;
                else
                    status(job, "WAITING_FOR_PEERS_TO_FINISH", current, "the last round " + current + " is merging");
            } else {
                if (contribution != null && !checkedIn && othersTraining(round))
                    pending = work.checkin(current, contribution);
                else if (checkedIn && contribution != null)
                    pending = current;
                else
                    status(job, "WAITING_FOR_PEERS_TO_FINISH", current, info.closedCount() + " of "
                            + info.enrolledCount() + " nodes have finished training");
            }
            if (pending < 0)
                RoundWork.sleep(settings.pollMillis());
        }
    }

    private Merged keep(Merged previous, Merged next) {
        if (previous != null && !previous.blob().sha256().equals(next.blob().sha256()))
            store.unpin(previous.blob().sha256());
        held = next;
        return next;
    }

    /** Whether a check-in of the round came from a node still training (closed nodes only follow such rounds). */
    private boolean othersTraining(RoundInfo round) {
        if (round.checkins().isEmpty())
            return false;
        var open = new java.util.HashSet<String>();
        for (var node : sn.contractStatus(params.contract()).nodes())
            if (!node.closed())
                open.add(node.uid());
        return RoundWork.checkinUids(round).stream().anyMatch(open::contains);
    }

    /** Every node still in the rounds has checked in to the last round, but fewer than minPeers: it cannot merge. */
    private boolean finalRoundCannotMerge(ContractInfo info, RoundInfo round) {
        return !round.frozen() && round.checkins().size() < info.minPeers() && work.missingLivePeers(round).isEmpty();
    }

    private SyncJob.Result finalResult(SyncJob job, Merged last, Blob contribution) {
        if (last == null) {
            Blob own = job.params() != null ? job.params() : contribution;
            if (own == null)
                throw new SwarmException(ErrorCode.CONFLICT, "The training ended before any merge and this node "
                        + "handed in no parameters at close");
            log.warn("The training ended without any merge; the final model is this node's own");
            status(job, "DONE", 0, "training over");
            return new SyncJob.Result(own, 0, adaptive.interval(), true, true);
        }
        log.info("All peers and Swarm training rounds finished. Final Swarm model of round " + last.round()
                + " is ready (" + last.blob().sha256() + ")");
        status(job, "DONE", last.round(), "training over");
        return new SyncJob.Result(last.blob(), last.round(), adaptive.interval(), last.contributed(), true);
    }

    // ---------------------------------------------------------------------------------------------------- abort

    /** The ML gives up: the node checks out as inactive. */
    void abort() {
        requireLive();
        sn.checkout(params.contract(), uid, CheckoutMode.INACTIVE);
        log.warn("The ML program aborted the session; this node checked out as inactive");
        supersede();
    }

    // -------------------------------------------------------------------------------------------------- plumbing

    private interface Step {
        SyncJob.Result run();
    }

    /** Runs a job to its end, riding out an unreachable SN or peer; gives up after repeated unexpected failures. */
    private void run(SyncJob job, Step step) {
        int failures = 0;
        while (!superseded && !job.isDone()) {
            try {
                job.complete(step.run());
            } catch (SwarmException e) {
                if (superseded)
                    return;
                if (e.code() != ErrorCode.UNAVAILABLE && ++failures >= MAX_FAILURES) {
                    log.error("Giving up on " + describe(job) + ": " + e.getMessage());
                    job.fail(e);
                    return;
                }
                status(job, job.state(), job.round(), "retrying: " + e.getMessage());
                log.warn(describe(job) + ": " + e.getMessage() + "; retrying");
                RoundWork.sleep(Math.max(1000, settings.pollMillis()));
            } catch (RuntimeException e) {
                if (++failures >= MAX_FAILURES) {
                    job.fail(new SwarmException(ErrorCode.INTERNAL, describe(job) + " failed: " + e));
                    return;
                }
                log.error(describe(job) + " failed: " + e + "; retrying");
                RoundWork.sleep(Math.max(1000, settings.pollMillis()));
            }
        }
    }

    private static String describe(SyncJob job) {
        return job.seq() == Integer.MAX_VALUE ? "the close" : "sync " + job.seq();
    }

    private void status(SyncJob job, String state, long round, String detail) {
        job.update(state, round, detail);
        lastState = state;
        lastDetail = detail;
    }

    private void requireLive() {
        if (superseded)
            throw new SwarmException(ErrorCode.CONFLICT, "Session " + id + " was superseded by a newer session of "
                    + "this SL; open a new one");
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
