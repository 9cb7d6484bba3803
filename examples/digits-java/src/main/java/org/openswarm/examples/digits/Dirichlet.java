package org.openswarm.examples.digits;

import java.util.Random;

/** Dirichlet draws from Gamma draws (Marsaglia and Tsang), so the split needs no statistics library. */
final class Dirichlet {
    private Dirichlet() {
    }

    /** One draw of a symmetric Dirichlet(alpha) over {@code k} parts. */
    static double[] sample(Random random, double alpha, int k) {
        double[] g = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            g[i] = gamma(random, alpha);
            sum += g[i];
        }
        for (int i = 0; i < k; i++) {
            g[i] = sum > 0 ? g[i] / sum : 1.0 / k;
        }
        return g;
    }

    /** Gamma(shape, 1); shapes below 1 use the boost Gamma(a) = Gamma(a + 1) * U^(1/a). */
    static double gamma(Random random, double shape) {
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(random, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
