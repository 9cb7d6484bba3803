package org.openswarm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Every parameter rule of reference §6.2 and docs/ml-api.md, checked at build time, loopback or not. */
class ParameterValidationTest {
    private static final Evaluator EVALUATOR = () -> new Evaluation(0.5, 0.9);

    private static String error(int syncFrequency, int minPeers, Consumer<SwarmCallback.Builder> setup) {
        SwarmCallback.Builder builder = SwarmCallback.builder(syncFrequency, minPeers).loopback(true)
                .logger(Logger.getLogger("test.validation"));
        setup.accept(builder);
        return assertThrows(SwarmError.class, () -> builder.build(new VectorModel(1))).getMessage();
    }

    private static String error(Consumer<SwarmCallback.Builder> setup) {
        return error(4, 2, setup);
    }

    @Test
    void syncFrequencyHasToBePositive() {
        assertTrue(error(0, 2, b -> { }).startsWith("syncFrequency has to be a positive integer"));
        assertTrue(error(-3, 2, b -> { }).startsWith("syncFrequency has to be a positive integer"));
    }

    @Test
    void minPeersHasToBePositive() {
        assertTrue(error(4, 0, b -> { }).startsWith("minPeers has to be a positive integer"));
    }

    @Test
    void maxPeersIsZeroOrAtLeastMinPeers() {
        assertTrue(error(b -> b.maxPeers(1)).startsWith("maxPeers has to be 0 (no limit) or at least minPeers (2)"));
        SwarmCallback.builder(4, 2).loopback(true).maxPeers(3).build(new VectorModel(1));
    }

    @Test
    void trainingContractIsNotNullAndFitsTheLedger() {
        assertEquals("trainingContract must not be null", error(b -> b.trainingContract(null)));
        assertTrue(error(b -> b.trainingContract("")).startsWith("trainingContract has to be 1 to 160 bytes"));
        assertTrue(error(b -> b.trainingContract("x".repeat(161))).startsWith("trainingContract has to be 1 to 160"));
    }

    @Test
    void adaptiveSyncNeedsValidationData() {
        assertTrue(error(b -> b.useAdaptiveSync(true)).startsWith("adsValData is mandatory when useAdaptiveSync is true"));
        SwarmCallback.builder(4, 2).loopback(true).useAdaptiveSync(true).adsValData(EVALUATOR).build(new VectorModel(1));
    }

    @Test
    void nodeWeightageIsOneToHundred() {
        assertTrue(error(b -> b.nodeWeightage(0)).startsWith("nodeWeightage has to be an integer between 1 and 100"));
        assertTrue(error(b -> b.nodeWeightage(101)).startsWith("nodeWeightage has to be an integer between 1 and 100"));
        SwarmCallback.builder(4, 2).loopback(true).nodeWeightage(100).build(new VectorModel(1));
    }

    @Test
    void mergeMethodIsOneOfFiveAnyCase() {
        assertEquals("mergeMethod has to be one of mean, coordmedian, geomedian, trimmedmean, krum, got 'median'",
                error(b -> b.mergeMethod("median")));
        assertTrue(error(b -> b.mergeMethod(null)).startsWith("mergeMethod must not be null"));
        SwarmCallback cb = SwarmCallback.builder(4, 2).loopback(true).mergeMethod("GeoMedian").build(new VectorModel(1));
        assertTrue(cb.toString().contains("mergeMethod=geomedian"));
    }

    @Test
    void mergeParamsFitTheMethod() {
        assertTrue(error(b -> b.mergeMethod("trimmedmean").mergeParams(Map.of("beta", 0.5)))
                .startsWith("mergeParams beta of trimmedmean has to be in [0, 0.5)"));
        assertTrue(error(b -> b.mergeMethod("trimmedmean").mergeParams(Map.of("beta", -0.1)))
                .startsWith("mergeParams beta of trimmedmean has to be in [0, 0.5)"));
        assertTrue(error(b -> b.mergeMethod("krum").mergeParams(Map.of("f", -1)))
                .startsWith("mergeParams f of krum has to be a non-negative integer"));
        assertTrue(error(b -> b.mergeMethod("krum").mergeParams(Map.of("f", 1.5)))
                .startsWith("mergeParams f of krum has to be a non-negative integer"));
        assertEquals("mergeParams key 'beta' does not apply to mergeMethod mean, which takes none",
                error(b -> b.mergeParams(Map.of("beta", 0.1))));
        assertEquals("mergeParams key 'f' does not apply to mergeMethod trimmedmean; it takes beta",
                error(b -> b.mergeMethod("trimmedmean").mergeParams(Map.of("f", 1))));
        SwarmCallback.builder(4, 2).loopback(true).mergeMethod("KRUM").mergeParams(Map.of("f", 2))
                .build(new VectorModel(1));
        SwarmCallback.builder(4, 2).loopback(true).mergeMethod("trimmedmean").mergeParams(Map.of("beta", 0.2))
                .build(new VectorModel(1));
    }

    @Test
    void checkinModelOnTrainEndIsOneOfThreeAnyCase() {
        assertEquals("checkinModelOnTrainEnd has to be one of inactive, snapshot, active, got 'passive'",
                error(b -> b.checkinModelOnTrainEnd("passive")));
        assertTrue(error(b -> b.checkinModelOnTrainEnd(null)).startsWith("checkinModelOnTrainEnd has to be one of"));
        SwarmCallback.builder(4, 2).loopback(true).checkinModelOnTrainEnd("ACTIVE").build(new VectorModel(1));
    }

    @Test
    void totalEpochsIsPositiveWhenGiven() {
        assertTrue(error(b -> b.totalEpochs(0)).startsWith("totalEpochs has to be a positive integer"));
        SwarmCallback.builder(4, 2).loopback(true).totalEpochs(3).build(new VectorModel(1));
    }

    @Test
    void programAndModelDirAreChecked() {
        assertTrue(error(b -> b.program("a b")).startsWith("program has to be 1 to 100 characters"));
        assertTrue(error(b -> b.modelDir("relative/dir")).startsWith("modelDir has to be an absolute directory"));
    }

    @Test
    void modelIsRequired() {
        SwarmCallback.Builder builder = SwarmCallback.builder(4, 2).loopback(true);
        assertTrue(assertThrows(SwarmError.class, () -> builder.build(null)).getMessage()
                .startsWith("model must not be null"));
    }

    @Test
    void defaultsAreTheReferences() {
        SwarmCallback cb = SwarmCallback.builder(4, 2).loopback(true).build(new VectorModel(1));
        String text = cb.toString();
        assertTrue(text.contains("trainingContract=defaultbb.cqdb.sml.hpe"), text);
        assertTrue(text.contains("checkinModelOnTrainEnd=snapshot"), text);
        assertTrue(text.contains("nodeWeightage=1,"), text);
        assertTrue(text.contains("mergeMethod=mean"), text);
        assertTrue(text.contains("maxPeers=0"), text);
        assertEquals("SwarmCallback", cb.logger().getName());
        assertFalse(cb.isTrainingOver());
    }

    @Test
    void aMissingSlAddressIsAClearErrorOutsideLoopback() {
        SwarmCallback.Builder noUrl = SwarmCallback.builder(4, 2).environment(name -> null);
        assertTrue(assertThrows(SwarmError.class, () -> noUrl.build(new VectorModel(1))).getMessage()
                .startsWith("SWARM_SL_URL is not set"));
        SwarmCallback.Builder noToken = SwarmCallback.builder(4, 2)
                .environment(name -> name.equals("SWARM_SL_URL") ? "http://127.0.0.1:30310" : null);
        assertTrue(assertThrows(SwarmError.class, () -> noToken.build(new VectorModel(1))).getMessage()
                .startsWith("SWARM_SL_TOKEN is not set"));
    }
}
