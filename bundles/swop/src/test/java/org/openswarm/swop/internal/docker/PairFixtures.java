package org.openswarm.swop.internal.docker;

import java.util.List;
import java.util.Map;

/** The reference's MNIST pair (§4.3 profile node 0, §5.6 swarm_mnist_task) as a {@link SwarmNodeRequest}. */
final class PairFixtures {

    private PairFixtures() {
    }

    static SwarmNodeRequest mnistNode(String swop, String taskrunner, int idx, UserContainerOptions options) {
        SwarmNodeRequest.Sl sl = new SwarmNodeRequest.Sl("openswarm/sl:0.1.0", "sl" + (idx + 1), "172.1.1.1",
                16000 + idx, null, null,
                List.of(Map.of("SL_LOG_LEVEL", "INFO"), nullValue("http_proxy")),
                List.of(Map.of("SL_LOG_LEVEL", "DEBUG")),
                List.of(new SwarmNodeRequest.Identity("KEY",
                                new MountSpec(MountSpec.Type.BIND, "/certs/sl-1-key.pem", "/swarm-cert/sl-1-key.pem", true)),
                        new SwarmNodeRequest.Identity("CAPATH",
                                new MountSpec(MountSpec.Type.BIND, "/certs/ca/capath", "/swarm-cert/capath", true))),
                Map.of("team", "vision"), "172.1.1.1", 30304, null, null, null, "tok-" + idx, 30310);
        SwarmNodeRequest.Ml ml = new SwarmNodeRequest.Ml("user-env-tf2.7.0-swop", "python3", "model/mnist_tf.py",
                "/tmp/test",
                List.of(Map.of("MODEL_DIR", "model"), Map.of("MAX_EPOCHS", 2), Map.of("MIN_PEERS", 2),
                        Map.of("SCRATCH_DIR", "shared")),
                List.of(Map.of("SCRATCH_DIR", "user" + (idx + 1))),
                new MountSpec(MountSpec.Type.BIND, "/data/node" + idx, "/tmp/test/data", false),
                List.of(new MountSpec(MountSpec.Type.BIND, "/project/model", "/tmp/test/model", false)),
                options, Map.of(), "1000:1000");
        return new SwarmNodeRequest(swop, taskrunner, "swarm_mnist_task", "demo", idx, "host-1-net", List.of(),
                sl, ml);
    }

    private static Map<String, Object> nullValue(String key) {
        java.util.HashMap<String, Object> m = new java.util.HashMap<>();
        m.put(key, null);
        return m;
    }
}
