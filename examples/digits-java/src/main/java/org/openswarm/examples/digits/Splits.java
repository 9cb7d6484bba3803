package org.openswarm.examples.digits;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The experiment's data split, a pure function of the seed: a pooled, stratified test share, then every class's
 * remaining samples dealt to the nodes in Dirichlet(alpha) proportions (non-IID: each node sees mostly a few digits).
 *
 * @param test the pooled test set every node and baseline is measured on
 * @param nodes each node's training split
 */
public record Splits(Dataset test, List<Dataset> nodes) {

    /** The union of all nodes' training splits (the central baseline's data). */
    public Dataset union() {
        int total = nodes.stream().mapToInt(Dataset::size).sum();
        float[][] x = new float[total][];
        int[] y = new int[total];
        int k = 0;
        for (Dataset node : nodes) {
            for (int i = 0; i < node.size(); i++, k++) {
                x[k] = node.x()[i];
                y[k] = node.y()[i];
            }
        }
        return new Dataset(x, y);
    }

    public static Splits of(Dataset all, int nodeCount, double alpha, double testShare, long seed) {
        Random random = new Random(seed);
        List<Integer> testRows = new ArrayList<>();
        List<List<Integer>> nodeRows = new ArrayList<>();
        for (int n = 0; n < nodeCount; n++) {
            nodeRows.add(new ArrayList<>());
        }
        for (int c = 0; c < Dataset.CLASSES; c++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.y()[i] == c) {
                    rows.add(i);
                }
            }
            java.util.Collections.shuffle(rows, random);
            int testCount = (int) Math.round(rows.size() * testShare);
            testRows.addAll(rows.subList(0, testCount));
            List<Integer> train = rows.subList(testCount, rows.size());
            double[] share = Dirichlet.sample(random, alpha, nodeCount);
            // Cumulative cut points, as numpy's np.split(idx, (cumsum(p) * len(idx)).astype(int)[:-1]).
            double cumulative = 0;
            int from = 0;
            for (int n = 0; n < nodeCount; n++) {
                cumulative += share[n];
                int to = n == nodeCount - 1 ? train.size() : (int) (cumulative * train.size());
                to = Math.max(from, Math.min(to, train.size()));
                nodeRows.get(n).addAll(train.subList(from, to));
                from = to;
            }
        }
        List<Dataset> nodes = new ArrayList<>();
        for (List<Integer> rows : nodeRows) {
            nodes.add(all.subset(rows.stream().mapToInt(Integer::intValue).toArray()));
        }
        return new Splits(all.subset(testRows.stream().mapToInt(Integer::intValue).toArray()), List.copyOf(nodes));
    }
}
