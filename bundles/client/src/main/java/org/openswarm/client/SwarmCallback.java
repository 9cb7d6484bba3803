package org.openswarm.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.openswarm.client.internal.CallbackParameters;
import org.openswarm.client.internal.HttpBackend;
import org.openswarm.client.internal.MergedModel;
import org.openswarm.client.internal.ParameterRules;
import org.openswarm.client.internal.ReferenceLogFormat;
import org.openswarm.client.internal.RetryPolicy;
import org.openswarm.client.internal.SessionInfo;
import org.openswarm.client.internal.SwarmBackend;
import org.openswarm.client.internal.SyncCountdown;
import org.openswarm.common.safetensors.Safetensors;
import org.openswarm.common.safetensors.Tensor;

/**
 * The ML program's side of Swarm Learning, with the reference SwarmCallback's parameters and lifecycle (reference
 * §6.2, §6.3) over the SL's ML API (docs/ml-api.md). The training loop calls {@link #onTrainBegin()} before the first
 * batch, {@link #onBatchEnd()} after every optimizer step, {@link #onEpochEnd()} after every epoch and
 * {@link #onTrainEnd()} after the loop; merged parameters are loaded into the live model at every sync, and after
 * {@code onTrainEnd} the model is the final swarm model, the same on every node.
 *
 * <p>With {@code SWARM_LOOPBACK=true} the parameters are still validated but no SL is called: the program trains alone.
 * Not thread-safe: one training loop drives one callback.
 */
public final class SwarmCallback {
    /** The reference's default training contract, present on every ledger. */
    public static final String DEFAULT_CONTRACT = "defaultbb.cqdb.sml.hpe";
    /** Seconds each long poll asks the SL to hold the answer. */
    static final int DEFAULT_WAIT_SECONDS = 60;

    private final CallbackParameters parameters;
    private final SwarmModel model;
    private final Evaluator evaluator;
    private final Logger logger;
    private final SwarmBackend backend;
    private final SyncCountdown countdown = new SyncCountdown();

    private boolean training;
    private boolean trainingOver;
    private int seq;
    private int epochsCompleted;
    private int mergesDuringTraining;

    private SwarmCallback(CallbackParameters parameters, SwarmModel model, Evaluator evaluator, Logger logger,
            SwarmBackend backend) {
        this.parameters = parameters;
        this.model = model;
        this.evaluator = evaluator;
        this.logger = logger;
        this.backend = backend;
    }

    /** Starts a callback's parameters: both are required by the reference and have no default. */
    public static Builder builder(int syncFrequency, int minPeers) {
        return new Builder(syncFrequency, minPeers);
    }

    /** Opens the session and syncs the initial parameters, so every node starts from the same model. */
    public void onTrainBegin() {
        if (training) {
            throw new SwarmError("onTrainBegin was called twice without onTrainEnd in between");
        }
        training = true;
        trainingOver = false;
        seq = 0;
        epochsCompleted = 0;
        mergesDuringTraining = 0;
        if (isLoopback()) {
            return;
        }
        SessionInfo session = backend.open(parameters);
        logger.info(() -> "Swarm session " + session.sessionId() + " opened on training contract "
                + session.trainingContract() + " (round " + session.round() + (session.resumed() ? ", resumed" : "")
                + ")");
        int cur = session.syncInterval() > 0 ? session.syncInterval() : parameters.syncFrequency();
        countdown.reset(cur);
        syncRound(false);
    }

    /** Counts a batch down; when the countdown was already 0, syncs first (reference §6.3). */
    public void onBatchEnd() {
        if (isLoopback() || !training || trainingOver) {
            return;
        }
        if (countdown.due()) {
            syncRound(true);
        }
        countdown.decrement();
    }

    /** Counts an epoch; the count travels with the next sync or metrics. */
    public void onEpochEnd() {
        epochsCompleted++;
    }

    /**
     * Hands in the final local parameters, waits until every peer has finished and loads the final model. Blocks as
     * long as the slowest peer trains.
     */
    public void onTrainEnd() {
        if (!training) {
            throw new SwarmError("onTrainEnd was called without onTrainBegin");
        }
        training = false;
        logger.info("Finished local training !!!");
        if (isLoopback()) {
            return;
        }
        if (mergesDuringTraining == 0) {
            logger.warning("No Swarm merge happened during training: syncFrequency (" + parameters.syncFrequency()
                    + ") may be high for the " + "number of batches trained; lower it so the peers merge while they"
                    + " train");
        }
        backend.close(parametersBytes(), epochsCompleted);
        logger.info("Final merging starts at training end. Waiting for other peers to complete ...");
        MergedModel last = backend.finalModel();
        load("End", last);
        trainingOver = true;
        logger.info("All peers and Swarm training rounds finished. Final Swarm model was loaded.");
    }

    /**
     * Gives up the training (the reference's kill): the SL checks this node out and contributes nothing more. For a
     * program that cannot go on; a normal end is {@link #onTrainEnd()}.
     */
    public void abort() {
        training = false;
        if (!isLoopback()) {
            backend.abort();
        }
    }

    /** One sync round: hand in, wait for the merge, load it, follow the next interval, report metrics. */
    private void syncRound(boolean inTraining) {
        seq++;
        logger.info("Starting Swarm merging round ...");
        MergedModel merged = backend.sync(seq, parametersBytes(), epochsCompleted);
        load("Sync", merged);
        int cur = countdown.interval();
        int next = merged.nextInterval() > 0 ? merged.nextInterval() : cur;
        countdown.reset(next);
        logger.info("Merge Done: RVInt [cur: " + cur + " Nxt: " + next + "]");
        if (!merged.contributed()) {
            logger.info("This node's parameters were not part of round " + merged.round()
                    + " (late or behind); it continues from the merged model");
        }
        if (inTraining) {
            mergesDuringTraining++;
        }
        if (merged.trainingOver()) {
            trainingOver = true;
            logger.info("The SL reports the Swarm training is over; stop training and call onTrainEnd");
        }
        if (inTraining && evaluator != null) {
            Evaluation evaluation = evaluator.evaluate();
            logger.info("Calculated local loss using merged parameters = " + evaluation.loss());
            if (Double.isFinite(evaluation.loss()) && Double.isFinite(evaluation.metric())) {
                backend.metrics(seq, evaluation, epochsCompleted, parameters.totalEpochs());
            } else {
                logger.warning("Loss or metric is not a finite number; not reported to the SL");
            }
        }
    }

    private void load(String what, MergedModel merged) {
        LinkedHashMap<String, Tensor> tensors;
        try {
            tensors = Safetensors.read(merged.body());
        } catch (IllegalArgumentException e) {
            throw new SwarmError(what + " Swarm call to SL failed - the model it answered is not safetensors: "
                    + e.getMessage(), e);
        }
        model.load(tensors);
    }

    private byte[] parametersBytes() {
        LinkedHashMap<String, Tensor> tensors = model.parameters();
        if (tensors == null || tensors.isEmpty()) {
            throw new SwarmError("the model has no parameters to sync: SwarmModel.parameters() returned none");
        }
        return Safetensors.toBytes(tensors);
    }

    /** True when the SL said the training is over: the loop should stop and call {@link #onTrainEnd()}. */
    public boolean isTrainingOver() {
        return trainingOver;
    }

    /** True when {@code SWARM_LOOPBACK} (or the builder) switched every Swarm call off. */
    public boolean isLoopback() {
        return backend == null;
    }

    /** The logger the callback writes to, e.g. to change its level. */
    public Logger logger() {
        return logger;
    }

    /** Epochs counted by {@link #onEpochEnd()} since {@link #onTrainBegin()}. */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    /** Syncs done since {@link #onTrainBegin()}, the one at train begin included. */
    public int syncsDone() {
        return seq;
    }

    /** The sync interval in force, in batches (it changes with adaptive sync). */
    public int syncInterval() {
        return countdown.interval() > 0 ? countdown.interval() : parameters.syncFrequency();
    }

    /**
     * The callback's parameters, with the reference's names and defaults. {@link #build(SwarmModel)} validates them
     * all and reads {@code SWARM_LOOPBACK}, {@code SWARM_SL_URL} and {@code SWARM_SL_TOKEN} from the environment
     * unless set here.
     */
    public static final class Builder {
        private final int syncFrequency;
        private final int minPeers;
        private int maxPeers;
        private String trainingContract = DEFAULT_CONTRACT;
        private boolean useAdaptiveSync;
        private Evaluator adsValData;
        private int nodeWeightage = 1;
        private String mergeMethod = "mean";
        private Map<String, ? extends Number> mergeParams = Map.of();
        private String checkinModelOnTrainEnd = "snapshot";
        private Integer totalEpochs;
        private Logger logger;
        private String program = "ml";
        private String modelDir;
        private Boolean loopback;
        private String slUrl;
        private String slToken;
        private UnaryOperator<String> environment = System::getenv;
        private SwarmBackend backend;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private int waitSeconds = DEFAULT_WAIT_SECONDS;

        private Builder(int syncFrequency, int minPeers) {
            this.syncFrequency = syncFrequency;
            this.minPeers = minPeers;
        }

        /** The training contract this training belongs to (default {@value SwarmCallback#DEFAULT_CONTRACT}). */
        public Builder trainingContract(String trainingContract) {
            this.trainingContract = trainingContract;
            return this;
        }

        /** Lets the SL vary the sync interval from the reported losses; needs {@link #adsValData(Evaluator)}. */
        public Builder useAdaptiveSync(boolean useAdaptiveSync) {
            this.useAdaptiveSync = useAdaptiveSync;
            return this;
        }

        /** Validation data: evaluates each merged model; the loss and metric go to the SL. */
        public Builder adsValData(Evaluator adsValData) {
            this.adsValData = adsValData;
            return this;
        }

        /** This node's weight in the merge, 1 to 100 (default 1). */
        public Builder nodeWeightage(int nodeWeightage) {
            this.nodeWeightage = nodeWeightage;
            return this;
        }

        /** {@code mean} (default), {@code coordmedian}, {@code geomedian}, {@code trimmedmean} or {@code krum}. */
        public Builder mergeMethod(String mergeMethod) {
            this.mergeMethod = mergeMethod;
            return this;
        }

        /** {@code beta} for trimmedmean (in [0, 0.5), default 0.1), {@code f} for krum (default 1). */
        public Builder mergeParams(Map<String, ? extends Number> mergeParams) {
            this.mergeParams = mergeParams;
            return this;
        }

        /** After local training ends: {@code inactive}, {@code snapshot} (default) or {@code active}. */
        public Builder checkinModelOnTrainEnd(String checkinModelOnTrainEnd) {
            this.checkinModelOnTrainEnd = checkinModelOnTrainEnd;
            return this;
        }

        /** Local epochs planned, for progress in PERFDATA; positive when given. */
        public Builder totalEpochs(int totalEpochs) {
            this.totalEpochs = totalEpochs;
            return this;
        }

        /** Quorum upper bound: 0 (default, no limit) or at least minPeers. */
        public Builder maxPeers(int maxPeers) {
            this.maxPeers = maxPeers;
            return this;
        }

        /** Where the callback logs; default a {@code SwarmCallback} logger at INFO on stdout. */
        public Builder logger(Logger logger) {
            this.logger = logger;
            return this;
        }

        /** The program's name: the SL writes {@code <program>_sw.log} (default {@code ml}). */
        public Builder program(String program) {
            this.program = program;
            return this;
        }

        /** Absolute directory for {@code <program>_sw.log} (default the SL's models directory). */
        public Builder modelDir(String modelDir) {
            this.modelDir = modelDir;
            return this;
        }

        /** Overrides {@code SWARM_LOOPBACK}. */
        public Builder loopback(boolean loopback) {
            this.loopback = loopback;
            return this;
        }

        /** Overrides {@code SWARM_SL_URL}. */
        public Builder slUrl(String slUrl) {
            this.slUrl = slUrl;
            return this;
        }

        /** Overrides {@code SWARM_SL_TOKEN}. */
        public Builder slToken(String slToken) {
            this.slToken = slToken;
            return this;
        }

        /** Tests: where environment variables come from. */
        Builder environment(UnaryOperator<String> environment) {
            this.environment = environment;
            return this;
        }

        /** Tests: the SL side, instead of HTTP. */
        Builder backend(SwarmBackend backend) {
            this.backend = backend;
            return this;
        }

        /** Tests: short back-offs and polls. */
        /** {@code SWARM_SL_POLL_SECONDS} (1..300) shortens or lengthens each long poll; the default is 60 s. */
        private static int pollSeconds(String value, int fallback) {
            if (value == null || value.isBlank())
                return fallback;
            try {
                int seconds = Integer.parseInt(value.trim());
                if (seconds >= 1 && seconds <= 300)
                    return seconds;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new SwarmError("SWARM_SL_POLL_SECONDS must be a whole number of seconds within 1..300, got '" + value
                    + "'");
        }

        Builder retry(Duration initialDelay, Duration maxDelay, int connectAttempts, int waitSeconds) {
            this.retry = new RetryPolicy(initialDelay, maxDelay, connectAttempts);
            this.waitSeconds = waitSeconds;
            return this;
        }

        /** Validates every parameter and makes the callback for {@code model}. */
        public SwarmCallback build(SwarmModel model) {
            ParameterRules.syncFrequency(syncFrequency);
            ParameterRules.minPeers(minPeers);
            ParameterRules.maxPeers(maxPeers, minPeers);
            ParameterRules.trainingContract(trainingContract);
            ParameterRules.adaptiveSync(useAdaptiveSync, adsValData != null);
            ParameterRules.nodeWeightage(nodeWeightage);
            String method = ParameterRules.mergeMethod(mergeMethod);
            ParameterRules.mergeParams(method, mergeParams);
            String checkin = ParameterRules.checkinModelOnTrainEnd(checkinModelOnTrainEnd);
            ParameterRules.totalEpochs(totalEpochs);
            ParameterRules.program(program);
            if (modelDir != null && !modelDir.startsWith("/") && !modelDir.matches("[A-Za-z]:[\\\\/].*")) {
                throw new SwarmError("modelDir has to be an absolute directory, got '" + modelDir + "'");
            }
            if (model == null) {
                throw new SwarmError("model must not be null: give the SwarmModel whose parameters the swarm merges");
            }
            Map<String, Number> params = new LinkedHashMap<>();
            mergeParams.forEach(params::put);
            CallbackParameters parameters = new CallbackParameters(syncFrequency, minPeers, maxPeers,
                    trainingContract, useAdaptiveSync, checkin, nodeWeightage, method, params,
                    totalEpochs == null ? 0 : totalEpochs, program, modelDir, "JAVA");
            Logger log = logger != null ? logger : ReferenceLogFormat.defaultLogger();
            boolean isLoopback = loopback != null ? loopback : loopbackFromEnvironment();
            logParameters(log, parameters, isLoopback);
            if (isLoopback) {
                return new SwarmCallback(parameters, model, adsValData, log, null);
            }
            SwarmBackend sl = backend != null ? backend : httpBackend(log);
            return new SwarmCallback(parameters, model, adsValData, log, sl);
        }

        private boolean loopbackFromEnvironment() {
            String value = System.getProperty("SWARM_LOOPBACK", environment.apply("SWARM_LOOPBACK"));
            return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
        }

        private SwarmBackend httpBackend(Logger log) {
            String url = slUrl != null ? slUrl : environment.apply("SWARM_SL_URL");
            String token = slToken != null ? slToken : environment.apply("SWARM_SL_TOKEN");
            String hint = ": start the ML program through SWOP, or set SWARM_SL_URL and SWARM_SL_TOKEN from the SL's"
                    + " ml.env (<karaf data>/openswarm/sl/<name>/ml.env, or swarm:sl-info <name>); SWARM_LOOPBACK=true"
                    + " trains alone";
            if (url == null || url.isBlank()) {
                throw new SwarmError("SWARM_SL_URL is not set" + hint);
            }
            if (token == null || token.isBlank()) {
                throw new SwarmError("SWARM_SL_TOKEN is not set" + hint);
            }
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new SwarmError("SWARM_SL_URL has to be an http:// or https:// URL, got '" + url + "'");
            }
            return new HttpBackend(url.trim(), token.trim(), log, retry, pollSeconds(environment.apply(
                    "SWARM_SL_POLL_SECONDS"), waitSeconds));
        }

        private void logParameters(Logger log, CallbackParameters p, boolean isLoopback) {
            log.info("***Swarm Callback Params: Inside SwarmCallbackBase at user side***");
            log.info(() -> "syncFrequency: " + p.syncFrequency() + ", minPeers: " + p.minPeers() + ", maxPeers: "
                    + p.maxPeers() + ", trainingContract: " + p.trainingContract() + ", useAdaptiveSync: "
                    + p.useAdaptiveSync() + ", adsValData: " + (adsValData != null) + ", checkinModelOnTrainEnd: "
                    + p.checkinModelOnTrainEnd() + ", nodeWeightage: " + p.nodeWeightage() + ", mergeMethod: "
                    + p.mergeMethod() + ", mergeParams: " + p.mergeParams() + ", totalEpochs: " + p.totalEpochs()
                    + ", program: " + p.program());
            if (adsValData == null) {
                log.warning("No adsValData: merged models are not evaluated and no loss or metric reaches the SL");
            }
            if (totalEpochs == null) {
                log.warning("totalEpochs not given: Training progress or ETA to complete training may not be"
                        + " supported");
            }
            log.info("***** Is Swarm callback in loopback mode: " + isLoopback + " *****");
        }
    }

    @Override
    public String toString() {
        return "SwarmCallback[" + parameters + (isLoopback() ? ", loopback" : "") + "]";
    }
}
