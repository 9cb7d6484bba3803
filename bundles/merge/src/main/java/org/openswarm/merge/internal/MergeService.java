package org.openswarm.merge.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.openswarm.api.merge.MergeEngine;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
import org.openswarm.api.merge.MergeResult;
import org.openswarm.api.merge.ModelMerger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModelMerger} service: streams models through the engine chosen by configuration. {@code auto} takes the
 * registered {@link MergeEngine} with the highest {@code service.ranking} (the Java engine registers 0, so any native
 * engine that registers a higher ranking wins); a named engine that is not registered falls back to {@code java}.
 * The choice is logged in one line whenever it changes, with why the other engines were skipped.
 */
@Component(service = ModelMerger.class, immediate = true, configurationPid = MergeConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MergeConfig.class)
public final class MergeService implements ModelMerger {
    private static final Logger LOG = LoggerFactory.getLogger(MergeService.class);

    /** An engine choice and the one-line reason for it. */
    record Choice(MergeEngine engine, String reason) {
    }

    private final MergeEngine javaEngine;
    private final String configured;
    private final int chunkElements;
    private final ExecutorService io;
    private final Map<MergeEngine, Map<String, Object>> engines = new ConcurrentHashMap<>();
    private volatile String lastLogged = "";

    @Activate
    public MergeService(@Reference(target = "(engine=java)") MergeEngine javaEngine, MergeConfig config) {
        this.javaEngine = javaEngine;
        this.configured = config.engine() == null || config.engine().isBlank() ? "auto" : config.engine().trim();
        this.chunkElements = config.chunkElements();
        int threads = config.threads() <= 0 ? Runtime.getRuntime().availableProcessors() : config.threads();
        AtomicInteger count = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "openswarm-merge-io-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // The engines bind right after construction; each bind logs the choice if it changed.
    }

    @Reference(service = MergeEngine.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addEngine(MergeEngine engine, Map<String, Object> properties) {
        engines.put(engine, properties);
        current();
    }

    void removeEngine(MergeEngine engine) {
        engines.remove(engine);
        current();
    }

    @Deactivate
    void deactivate() {
        io.shutdownNow();
    }

    @Override
    public MergeResult merge(List<Path> inputs, double[] weights, MergeMethod method, MergeParams params,
            Path output) throws IOException {
        return new StreamingModelMerger(current().engine(), chunkElements, io)
                .merge(inputs, weights, method, params, output);
    }

    @Override
    public String engine() {
        return current().engine().name();
    }

    private Choice current() {
        Choice c = choose(configured, engines, javaEngine);
        String line = c.engine().name() + " (" + c.reason() + ")";
        if (!line.equals(lastLogged)) {
            lastLogged = line;
            LOG.info("Merge engine: {}", line);
        }
        return c;
    }

    static int ranking(Map<String, Object> props) {
        return props.get("service.ranking") instanceof Integer i ? i : 0;
    }

    static String name(MergeEngine e, Map<String, Object> props) {
        Object n = props.get("engine");
        return n != null ? n.toString() : e.name();
    }

    /** The engine to use: pure function of the configuration and the registered engines (with properties). */
    static Choice choose(String configured, Map<MergeEngine, Map<String, Object>> engines, MergeEngine java) {
        List<Map.Entry<MergeEngine, Map<String, Object>>> sorted = new ArrayList<>(engines.entrySet());
        sorted.sort(Comparator.<Map.Entry<MergeEngine, Map<String, Object>>>comparingInt(e -> -ranking(e.getValue()))
                .thenComparing(e -> name(e.getKey(), e.getValue()).equals(JavaMergeEngine.NAME))
                .thenComparing(e -> name(e.getKey(), e.getValue())));
        if ("auto".equalsIgnoreCase(configured)) {
            if (sorted.isEmpty()) {
                return new Choice(java, "auto: no engine registered besides the built-in java");
            }
            Map.Entry<MergeEngine, Map<String, Object>> best = sorted.get(0);
            StringBuilder why = new StringBuilder("auto: highest service.ranking " + ranking(best.getValue()));
            for (int i = 1; i < sorted.size(); i++) {
                Map.Entry<MergeEngine, Map<String, Object>> e = sorted.get(i);
                why.append(i == 1 ? "; skipped " : ", ").append(name(e.getKey(), e.getValue()))
                        .append(" (ranking ").append(ranking(e.getValue())).append(')');
            }
            List<String> missing = new ArrayList<>(List.of("native", "cuda", "rocm"));
            sorted.forEach(e -> missing.remove(name(e.getKey(), e.getValue())));
            if (!missing.isEmpty()) {
                why.append("; not registered: ").append(String.join(", ", missing));
            }
            return new Choice(best.getKey(), why.toString());
        }
        for (Map.Entry<MergeEngine, Map<String, Object>> e : sorted) {
            if (name(e.getKey(), e.getValue()).equalsIgnoreCase(configured)) {
                return new Choice(e.getKey(), "configured");
            }
        }
        return new Choice(java, "configured engine '" + configured + "' is not registered; falling back to java");
    }
}
