package org.openswarm.swop.internal.docker;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure planning of one pair: names, ports, environment precedence, mounts, labels. */
class SwarmPairPlannerTest {

    @Test
    void namesAreDockerSafeAndUniquePerSwopTaskNodeAndRole() {
        SwarmNodeRequest r = PairFixtures.mnistNode("SWOP One", "tr", 3, null);
        assertEquals("swop-one-swarm_mnist_task-3-sl", SwarmPairPlanner.containerName(r, "sl"));
        DockerNodePlan plan = SwarmPairPlanner.plan(r);
        assertEquals("swop-one-swarm_mnist_task-3-ml", plan.ml().name());
        assertEquals("container:swop-one-swarm_mnist_task-3-sl", plan.ml().networkMode());
    }

    @Test
    void theFileServerPortComesFromSlportThenSlfsserviceThenTheDefault() {
        SwarmNodeRequest.Sl base = PairFixtures.mnistNode("s", "tr", 0, null).sl();
        assertEquals(16000, SwarmPairPlanner.hostFsPort(base));
        assertEquals(18443, SwarmPairPlanner.hostFsPort(withFs(base, null, "fs.sl-1.swarm:18443")));
        assertEquals(30305, SwarmPairPlanner.hostFsPort(withFs(base, null, "fs.sl-1.swarm")));
        assertEquals(30305, SwarmPairPlanner.hostFsPort(withFs(base, null, null)));
        assertThrows(IllegalArgumentException.class,
                () -> SwarmPairPlanner.hostFsPort(withFs(base, null, "fs.sl-1.swarm:https")));
        ContainerSpec sl = SwarmPairPlanner.plan(new SwarmNodeRequest("s", "tr", "t", "g", 0, "net", List.of(),
                withFs(base, null, "fs.sl-1.swarm:18443"), PairFixtures.mnistNode("s", "tr", 0, null).ml())).sl();
        assertEquals(List.of(new PublishedPort(18443, 30305)), sl.ports());
        assertTrue(sl.env().contains("SL_FS_SERVICE=fs.sl-1.swarm:18443"), sl.env().toString());
        assertTrue(sl.env().contains("SL_FS_PORT=18443"), sl.env().toString());
    }

    @Test
    void nodeVariablesWinOverGroupAndTaskVariablesButNotOverThePairing() {
        SwarmNodeRequest base = PairFixtures.mnistNode("s", "tr", 0, null);
        SwarmNodeRequest.Ml ml = base.ml();
        SwarmNodeRequest.Ml sneaky = new SwarmNodeRequest.Ml(ml.image(), ml.entrypoint(), ml.command(),
                ml.workingDir(), List.of(Map.of("MIN_PEERS", 2), Map.of("SWARM_SL_URL", "http://elsewhere")),
                List.of(Map.of("MIN_PEERS", 3)), null, List.of(), null, Map.of(), null);
        ContainerSpec mlSpec = SwarmPairPlanner.plan(new SwarmNodeRequest("s", "tr", "t", "g", 0, "net", List.of(),
                base.sl(), sneaky)).ml();
        assertEquals(List.of("MIN_PEERS=3", "SWARM_SL_URL=http://127.0.0.1:30310", "SWARM_SL_TOKEN=tok-0"),
                mlSpec.env());
        assertEquals(List.of(), mlSpec.mounts());
    }

    @Test
    void commandsSplitOnBlanksWithQuotesKeepingOne() {
        assertEquals(List.of("model/train.py", "--epochs", "2", "a b"),
                CommandLine.split("model/train.py  --epochs 2 \"a b\""));
        assertEquals(List.of(""), CommandLine.split("\"\""));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.split("python3 \"x"));
    }

    @Test
    void identityTypesNameTheirVariablesAndUnknownOnesAreRefused() {
        assertEquals("SWARM_ID_CERT", SwarmPairPlanner.identityVariable("CERT"));
        assertEquals("SWARM_ID_CACERT", SwarmPairPlanner.identityVariable("cacert"));
        assertEquals("SWARM_SPIFFE_WORKLOAD_API_SOCKET_PATH", SwarmPairPlanner.identityVariable("SPIFFE_SOCKETPATH"));
        assertThrows(IllegalArgumentException.class, () -> SwarmPairPlanner.identityVariable("PASSWORD"));
    }

    @Test
    void labelsComeAsAMapOrAListAndOursWin() {
        assertEquals(Map.of("a", "1", "b", ""), SwarmPairPlanner.labels(List.of("a=1", "b")));
        assertEquals(Map.of("k", "v"), SwarmPairPlanner.labels(Map.of("k", "v")));
        Map<String, String> l = TaskLabels.forContainer(Map.of(TaskLabels.SWOP, "forged", "x", "y"), "swop1", "tr",
                "t", "g", 0, "sl");
        assertEquals("swop1", l.get(TaskLabels.SWOP));
        assertEquals("y", l.get("x"));
    }

    @Test
    void mountsAreCheckedBeforeTheEngineSeesThem() {
        assertEquals("/data:/tmp/test/data", MountSpec.of("BIND", "/data", "/tmp/test/data", false).bindString());
        assertEquals("sl-cli-lib:/tmp/lib:ro", MountSpec.of("volume", "sl-cli-lib", "/tmp/lib", true).bindString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MountSpec.of("BIND", "data", "/x", false))
                .getMessage().contains("absolute host path"));
        assertThrows(IllegalArgumentException.class, () -> MountSpec.of("BIND", "/data", "x", false));
        assertThrows(IllegalArgumentException.class, () -> MountSpec.of("VOLUME", "/abs", "/x", false));
        assertThrows(IllegalArgumentException.class, () -> MountSpec.of("NFS", "/abs", "/x", false));
        assertThrows(IllegalArgumentException.class, () -> MountSpec.of("BIND", "/a:b", "/x", false));
    }

    @Test
    void aContainerSharingANetworkCannotHaveItsOwnHostnameOrPorts() {
        assertThrows(IllegalArgumentException.class, () -> new ContainerSpec("ml", "img", "container:sl", null,
                "user1", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null, Map.of(),
                List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new ContainerSpec("-bad", "img", "net", null, null,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null, Map.of(), List.of(), null));
    }

    @Test
    void envMergeKeepsFirstPositionsAndEmptiesNulls() {
        java.util.HashMap<String, Object> proxy = new java.util.HashMap<>();
        proxy.put("http_proxy", null);
        assertEquals(List.of("A=1", "http_proxy=", "B=false"), new EnvMerge()
                .layer(List.of(Map.of("A", 0), proxy)).layer(List.of(Map.of("A", 1), Map.of("B", false))).toList());
        assertThrows(IllegalArgumentException.class, () -> new EnvMerge().put("BAD=KEY", "x"));
    }

    private static SwarmNodeRequest.Sl withFs(SwarmNodeRequest.Sl b, Integer port, String service) {
        return new SwarmNodeRequest.Sl(b.image(), b.hostname(), b.hostIp(), port, service, b.ipv4Address(),
                b.envvars(), b.slenvvars(), b.identity(), b.labels(), b.snHost(), b.snPort(), b.snService(),
                b.aplsHost(), b.aplsPort(), b.token(), b.mlPort());
    }
}
