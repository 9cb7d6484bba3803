package org.openswarm.sl.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.CheckoutMode;
import org.openswarm.api.ledger.TrainingContracts;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;

/**
 * A session's parameters, validated from the ML program's open request (docs/ml-api.md). The ML context, the part
 * every node of a training must share, is hashed for enrollment.
 */
record SessionParams(int syncFrequency, int minPeers, int maxPeers, String contract, boolean adaptiveSync,
        CheckoutMode endMode, int weight, MergeMethod mergeMethod, MergeParams mergeParams, int totalEpochs,
        String program, Path modelDir, String platform) {

    private static final int MAX_TEXT = 160;

    /** The JSON body of {@code POST /v1/sessions}; every field may be absent. */
    record OpenRequest(Integer syncFrequency, Integer minPeers, Integer maxPeers, String trainingContract,
            Boolean useAdaptiveSync, String checkinModelOnTrainEnd, Integer nodeWeightage, String mergeMethod,
            Map<String, Object> mergeParams, Integer totalEpochs, String program, String modelDir, String platform) {
    }

    static SessionParams from(OpenRequest r, Path defaultModelDir) {
        int syncFrequency = required(r.syncFrequency(), "syncFrequency", "syncFrequency has to be a positive integer");
        if (syncFrequency < 1)
            throw SwarmException.badRequest("syncFrequency has to be a positive integer, was " + syncFrequency);
        int minPeers = required(r.minPeers(), "minPeers", "minPeers has to be a positive integer");
        if (minPeers < 1 || minPeers > 65535)
            throw SwarmException.badRequest("minPeers has to be a positive integer (at most 65535), was " + minPeers);
        int maxPeers = r.maxPeers() == null ? 0 : r.maxPeers();
        if (maxPeers != 0 && maxPeers < minPeers)
            throw SwarmException.badRequest("maxPeers must be 0 (no limit) or at least minPeers (" + minPeers
                    + "), was " + maxPeers);
        String contract = r.trainingContract() == null ? TrainingContracts.DEFAULT : r.trainingContract().trim();
        if (contract.isEmpty() || contract.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT)
            throw SwarmException.badRequest("trainingContract must be 1.." + MAX_TEXT + " bytes");
        boolean adaptive = Boolean.TRUE.equals(r.useAdaptiveSync());
        CheckoutMode endMode = endMode(r.checkinModelOnTrainEnd());
        int weight = r.nodeWeightage() == null ? 1 : r.nodeWeightage();
        if (weight < 1 || weight > 100)
            throw SwarmException.badRequest("nodeWeightage must be an integer within 1..100, was " + weight);
        MergeMethod method = r.mergeMethod() == null ? MergeMethod.MEAN : MergeMethod.parse(r.mergeMethod());
        MergeParams mergeParams = r.mergeParams() == null ? MergeParams.defaults() : MergeParams.of(r.mergeParams());
        int totalEpochs = r.totalEpochs() == null ? 0 : r.totalEpochs();
        if (totalEpochs < 0)
            throw SwarmException.badRequest("totalEpochs must be 0 or more, was " + totalEpochs);
        String program = r.program() == null || r.program().isBlank() ? "ml" : r.program().trim();
        if (!program.matches("[A-Za-z0-9._-]{1,100}"))
            throw SwarmException.badRequest("program must be 1..100 letters, digits, '.', '_' or '-', was '"
                    + program + "'");
        Path modelDir = defaultModelDir;
        if (r.modelDir() != null && !r.modelDir().isBlank()) {
            modelDir = Path.of(r.modelDir());
            if (!modelDir.isAbsolute())
                throw SwarmException.badRequest("modelDir must be an absolute path, was '" + r.modelDir() + "'");
        }
        String platform = r.platform() == null ? "" : r.platform().trim().toUpperCase(Locale.ROOT);
        return new SessionParams(syncFrequency, minPeers, maxPeers, contract, adaptive, endMode, weight, method,
                mergeParams, totalEpochs, program, modelDir, platform);
    }

    /**
     * SHA-256 of the ML context: what every node of one training must share (reference: "Swarm expects same ML model
     * and parameters across nodes"). Merge parameters count only for the method that reads them.
     */
    String contextHash() {
        StringBuilder context = new StringBuilder("openswarm-ml-context-v1")
                .append("|syncFrequency=").append(syncFrequency)
                .append("|minPeers=").append(minPeers)
                .append("|maxPeers=").append(maxPeers)
                .append("|useAdaptiveSync=").append(adaptiveSync)
                .append("|mergeMethod=").append(mergeMethod.name());
        if (mergeMethod == MergeMethod.TRIMMEDMEAN)
            context.append("|beta=").append(mergeParams.trimFraction());
        if (mergeMethod == MergeMethod.KRUM)
            context.append("|f=").append(mergeParams.byzantine());
        return Sha256.of(context.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static int required(Integer value, String name, String message) {
        if (value == null)
            throw SwarmException.badRequest(message + " (" + name + " is required)");
        return value;
    }

    private static CheckoutMode endMode(String value) {
        if (value == null || value.isBlank())
            return CheckoutMode.SNAPSHOT;
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "snapshot", "3" -> CheckoutMode.SNAPSHOT;
            case "active", "2" -> CheckoutMode.ACTIVE;
            case "inactive", "1" -> CheckoutMode.INACTIVE;
            default -> throw SwarmException.badRequest(
                    "checkinModelOnTrainEnd must be one of inactive, snapshot, active; was '" + value + "'");
        };
    }
}
