package org.openswarm.api.merge;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openswarm.api.SwarmException;

/** How N participants' values are combined. */
public enum MergeMethod {
    /** Weighted mean per coordinate (the reference's {@code mean}, enum value 1). */
    MEAN,
    /** Weighted median per coordinate (the reference's {@code coordmedian}, enum value 2). */
    COORDMEDIAN,
    /** Weighted geometric median per tensor, Weiszfeld iterations (the reference's {@code geomedian}, value 3). */
    GEOMEDIAN,
    /** Per coordinate: drop the beta*N smallest and largest values, weighted mean of the rest. */
    TRIMMEDMEAN,
    /** The one participant whose model is closest to its N-f-2 nearest neighbours (Blanchard et al. 2017). */
    KRUM;

    /**
     * Parses a method name, case-insensitive; also the reference's enum values "1", "2", "3" for mean, coordmedian
     * and geomedian.
     *
     * @throws SwarmException bad request listing the allowed values
     */
    public static MergeMethod parse(String value) {
        if (value != null) {
            String v = value.trim();
            switch (v) {
                case "1":
                    return MEAN;
                case "2":
                    return COORDMEDIAN;
                case "3":
                    return GEOMEDIAN;
                default:
                    for (MergeMethod m : values()) {
                        if (m.name().equalsIgnoreCase(v)) {
                            return m;
                        }
                    }
            }
        }
        throw SwarmException.badRequest("unknown merge method '" + value + "'; allowed: "
                + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " (or 1, 2, 3 for mean, coordmedian, geomedian)");
    }

    /** The method's name as the reference writes it (lower case). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
