package org.openswarm.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openswarm.client.SwarmError;

/**
 * The reference callback's parameter checks (reference §6.2) plus the ML API's ranges (docs/ml-api.md), each raising
 * a {@link SwarmError} that names the parameter and the rule. Kept apart from the callback so each rule is testable.
 */
public final class ParameterRules {
    public static final List<String> MERGE_METHODS = List.of("mean", "coordmedian", "geomedian", "trimmedmean", "krum");
    public static final List<String> CHECKIN_MODES = List.of("inactive", "snapshot", "active");
    public static final int MAX_CONTRACT_BYTES = 160;

    private ParameterRules() {
    }

    public static void syncFrequency(int value) {
        require(value > 0, "syncFrequency has to be a positive integer, got " + value);
    }

    public static void minPeers(int value) {
        require(value > 0, "minPeers has to be a positive integer, got " + value);
    }

    public static void maxPeers(int value, int minPeers) {
        require(value == 0 || value >= minPeers,
                "maxPeers has to be 0 (no limit) or at least minPeers (" + minPeers + "), got " + value);
    }

    public static void trainingContract(String value) {
        require(value != null, "trainingContract must not be null");
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        require(bytes >= 1 && bytes <= MAX_CONTRACT_BYTES,
                "trainingContract has to be 1 to " + MAX_CONTRACT_BYTES + " bytes long, got " + bytes);
    }

    public static void adaptiveSync(boolean useAdaptiveSync, boolean hasValidationData) {
        require(!useAdaptiveSync || hasValidationData,
                "adsValData is mandatory when useAdaptiveSync is true: give the validation data the SL derives the"
                        + " sync interval from");
    }

    public static void nodeWeightage(int value) {
        require(value >= 1 && value <= 100, "nodeWeightage has to be an integer between 1 and 100, got " + value);
    }

    /** The lower-cased method. */
    public static String mergeMethod(String value) {
        require(value != null, "mergeMethod must not be null; one of " + String.join(", ", MERGE_METHODS));
        String method = value.trim().toLowerCase(Locale.ROOT);
        require(MERGE_METHODS.contains(method),
                "mergeMethod has to be one of " + String.join(", ", MERGE_METHODS) + ", got '" + value + "'");
        return method;
    }

    /** Checks each key applies to the method and lies in range: trimmedmean beta in [0, 0.5), krum f a count. */
    public static void mergeParams(String method, Map<String, ? extends Number> params) {
        require(params != null, "mergeParams must not be null (an empty map means the defaults)");
        Set<String> allowed = switch (method) {
            case "trimmedmean" -> Set.of("beta");
            case "krum" -> Set.of("f");
            default -> Set.of();
        };
        for (Map.Entry<String, ? extends Number> entry : params.entrySet()) {
            String key = entry.getKey();
            require(allowed.contains(key), "mergeParams key '" + key + "' does not apply to mergeMethod " + method
                    + (allowed.isEmpty() ? ", which takes none" : "; it takes " + String.join(", ", allowed)));
            Number number = entry.getValue();
            require(number != null, "mergeParams " + key + " must not be null");
            double v = number.doubleValue();
            if ("beta".equals(key)) {
                require(v >= 0 && v < 0.5, "mergeParams beta of trimmedmean has to be in [0, 0.5), got " + number);
            } else {
                require(v >= 0 && v == Math.rint(v) && !Double.isInfinite(v),
                        "mergeParams f of krum has to be a non-negative integer, got " + number);
            }
        }
    }

    /** The lower-cased mode. */
    public static String checkinModelOnTrainEnd(String value) {
        String mode = value == null ? null : value.trim().toLowerCase(Locale.ROOT);
        require(mode != null && CHECKIN_MODES.contains(mode),
                "checkinModelOnTrainEnd has to be one of " + String.join(", ", CHECKIN_MODES) + ", got '" + value + "'");
        return mode;
    }

    /** {@code null} means not given; given, it has to be positive. */
    public static void totalEpochs(Integer value) {
        require(value == null || value > 0, "totalEpochs has to be a positive integer, got " + value);
    }

    public static void program(String value) {
        require(value != null && !value.isBlank() && value.matches("[A-Za-z0-9._-]{1,100}"),
                "program has to be 1 to 100 characters of letters, digits, '.', '_' or '-', got '" + value + "'");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new SwarmError(message);
        }
    }
}
