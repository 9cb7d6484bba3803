package org.openswarm.api.merge;

import java.util.Map;
import org.openswarm.api.SwarmException;

/**
 * Parameters of the robust methods.
 *
 * @param trimFraction beta of TRIMMEDMEAN: the fraction of participants dropped at each end per coordinate, in
 *                     [0, 0.5); the count dropped at each end is floor(beta*N), kept below N/2 so at least one value
 *                     is left
 * @param byzantine    f of KRUM: how many participants may be byzantine, &gt;= 0; KRUM scores each participant by
 *                     its N-f-2 nearest neighbours (at least 1)
 */
public record MergeParams(double trimFraction, int byzantine) {
    public MergeParams {
        if (!(trimFraction >= 0 && trimFraction < 0.5)) {
            throw SwarmException.badRequest("trim fraction (beta) must be in [0, 0.5), got " + trimFraction);
        }
        if (byzantine < 0) {
            throw SwarmException.badRequest("byzantine count (f) must be >= 0, got " + byzantine);
        }
    }

    /** beta 0.1, f 1. */
    public static MergeParams defaults() {
        return new MergeParams(0.1, 1);
    }

    /**
     * From a map (request body or configuration): {@code beta} or {@code trimFraction}, {@code f} or
     * {@code byzantine}; numbers or numeric strings; absent keys keep the defaults.
     *
     * @throws SwarmException bad request for a non-numeric or out-of-range value
     */
    public static MergeParams of(Map<String, ?> map) {
        MergeParams d = defaults();
        if (map == null) {
            return d;
        }
        double beta = number(map, "beta", "trimFraction", d.trimFraction());
        double f = number(map, "f", "byzantine", d.byzantine());
        if (f != Math.rint(f) || f > Integer.MAX_VALUE) {
            throw SwarmException.badRequest("byzantine count (f) must be a whole number, got " + f);
        }
        return new MergeParams(beta, (int) f);
    }

    private static double number(Map<String, ?> map, String key, String alias, double fallback) {
        Object v = map.containsKey(key) ? map.get(key) : map.get(alias);
        String name = map.containsKey(key) ? key : alias;
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw SwarmException.badRequest("merge parameter '" + name + "' is not a number: '" + v + "'");
        }
    }

    /** Values dropped at each end by TRIMMEDMEAN among n participants: floor(beta*n), capped at (n-1)/2. */
    public int trimCount(int n) {
        return Math.min((int) Math.floor(trimFraction * n), (n - 1) / 2);
    }

    /** Neighbours KRUM scores each of n participants by: n - f - 2, at least 1 (and at most n-1). */
    public int krumNeighbours(int n) {
        return Math.max(1, Math.min(n - 1, n - byzantine - 2));
    }
}
