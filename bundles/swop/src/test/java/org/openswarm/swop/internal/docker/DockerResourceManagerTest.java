package org.openswarm.swop.internal.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.swop.internal.exec.PeerResult;
import org.openswarm.swop.internal.exec.TaskRun;
import org.openswarm.swop.internal.exec.TaskSpec;
import org.openswarm.swop.internal.process.SwopDirs;
import org.openswarm.swop.internal.profile.Profile;
import org.openswarm.swop.internal.profile.Profiles;

/**
 * The DOCKER resource manager's glue from a parsed profile and task to Engine API requests, checked against
 * {@link RecordingDockerEngine}. THIS IS NOT A RUN AGAINST DOCKER: no engine runs on the build machines, so these
 * tests check which requests the SWOP sends for each task type and how it reads the (recorded) answers.
 */
class DockerResourceManagerTest {
    private static final String TASKRUNNER = "defaulttaskbb.taskdb.sml.hpe";
    private static final String PROFILE = """
            groupname  : demo
            taskrunner : defaulttaskbb.taskdb.sml.hpe
            policyuri  : ~
            resourcemgr: { mgrtype: DOCKER, accessinfo: { accesstype: FROMENV } }
            network    : host-1-net
            apls       : { locator: { host: 172.1.1.1, port: ~ } }
            apisrv     : { locator: { host: 172.1.1.2, port: 30304, service: ~ } }
            envvars    : [ SL_LOG_LEVEL: INFO, http_proxy: ~ ]
            dns        : [ 10.0.0.53 ]
            nodes:
              - slnodedef:
                  idx: 0
                  identity:
                    - attribute: { aType: KEY, mType: BIND, src: certs/sl-1-key.pem, tgt: /swarm-cert/sl-1-key.pem, subPath: null }
                  slhostname: sl1
                  slhostip: 172.1.1.1
                  slport: 16000
                  usrhostname: user1
                  privatedata: { src: data/node0, mType: BIND }
                  slenvvars: [ SL_LOG_LEVEL: DEBUG ]
                  sllabels: { team: vision }
                  usrenvvars: [ SCRATCH_DIR: user1 ]
                  usrcontaineropts: [ gpus: "all" ]
              - slnodedef:
                  idx: 1
                  identity: ~
                  slhostname: sl2
                  slhostip: 172.1.1.1
                  slport: 16001
                  slnetworkopts: [ ip: 10.0.0.12 ]
                  usrhostname: user2
                  privatedata: { src: node1-data, mType: VOLUME }
                  slenvvars: ~
                  usrenvvars: [ SCRATCH_DIR: user2, MAX_EPOCHS: 5 ]
                  usrcontaineropts:
                    - device: [ "/dev/kfd", "/dev/dri" ]
                    - group-add: [ video ]
                    - ipc: host
                    - shm-size: 16G
            """;
    private static final TaskSpec BUILD = new TaskSpec("user_env_tf_build_task", TaskType.MAKE_USER_CONTAINER,
            "ROOTTASK", "user-env-tf2.7.0-swop", Map.of());

    @TempDir
    Path dir;
    private RecordingDockerEngine recorder;
    private DockerResourceManager manager;

    @BeforeEach
    void start() throws Exception {
        recorder = new RecordingDockerEngine();
        manager = manager(PROFILE, recorder.endpoint());
        // SWARMCONTENT built on this SWOP earlier: a RUN_SWARM mount of it is each node's own volume.
        Files.createDirectories(dir.resolve("swop/content/mnist-msn"));
        Files.writeString(dir.resolve("swop/content/mnist-msn/.openswarm-per-node"), "t\n");
    }

    @AfterEach
    void stop() throws Exception {
        manager.close();
        recorder.close();
    }

    private DockerResourceManager manager(String profileText, DockerEndpoint endpoint) throws Exception {
        Files.writeString(dir.resolve("profile.yaml"), profileText);
        Profile profile = new Profiles().load(dir.resolve("profile.yaml"));
        return new DockerResourceManager(profile, new DockerSettings("swop1", TASKRUNNER, "openswarm/sl:0.1.0",
                "busybox:1.36", "127.0.0.1", 30304, "1000:1000", dir, new SwopDirs(dir.resolve("swop")),
                Duration.ofSeconds(1)), DockerEngine.open(endpoint));
    }

    private static TaskSpec swarm(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Entrypoint", "python3");
        body.put("Command", "model/mnist_tf.py --epochs 2");
        body.put("WorkingDir", "/tmp/test");
        body.put("Envvars", List.of(Map.of("MODEL_DIR", "model"), Map.of("MAX_EPOCHS", 2),
                Map.of("SCRATCH_DIR", "shared")));
        body.put("PrivateContent", "/tmp/test/data/");
        body.put("SharedContent", List.of(Map.of("Src", "model", "Tgt", "/tmp/test/model", "MType", "BIND"),
                Map.of("Src", "mnist-msn", "Tgt", "/tmp/test/content", "MType", "VOLUME")));
        return new TaskSpec(name, TaskType.RUN_SWARM, BUILD.name(), name, body);
    }

    @Test
    void runSwarmStartsOnePairPerNodeAndCompletesWhenEveryMlExitsZero() throws Exception {
        TaskSpec task = swarm("swarm_mnist_task");
        PeerResult result = manager.execute(new TaskRun(task, BUILD, 7));

        assertTrue(result.complete(), result.description());
        assertEquals("2 ML container(s) exited 0", result.description());
        assertEquals("GET /v1.41/_ping", line(recorder.requests().get(0)), "the engine is pinged first");
        List<RecordingDockerEngine.Recorded> creates = recorder.to("POST", "/containers/create");
        assertEquals(List.of("swop1-swarm_mnist_task-0-sl", "swop1-swarm_mnist_task-0-ml",
                "swop1-swarm_mnist_task-1-sl", "swop1-swarm_mnist_task-1-ml"),
                creates.stream().map(r -> r.param("name")).toList());
        assertEquals(1, recorder.to("POST", "/networks/create").size(), "the profile's network, created once");
        assertEquals(4, recorder.to("POST", "/containers/[^/]+/start").size());
        assertEquals(2, recorder.to("POST", "/containers/[^/]+/wait").size());

        JsonObject sl0 = creates.get(0).json();
        JsonObject sl1 = creates.get(2).json();
        assertEquals("openswarm/sl:0.1.0", sl0.get("Image").getAsString());
        List<String> sl0Env = strings(sl0.getAsJsonArray("Env"));
        String token0 = value(sl0Env, "SWARM_SL_TOKEN");
        assertTrue(token0.matches("[0-9a-f]{48}"), token0);
        assertEquals(List.of("SN_NODE_IP=172.1.1.2", "SN_API_SERVER_PORT=30304", "THIS_NODE_IP=172.1.1.1",
                "SL_FS_PORT=16000", "SWARM_LICENSE_AUTOPASSJ_SERVER_PRIMARY_IP=172.1.1.1",
                "SWARM_LICENSE_AUTOPASSJ_SERVER_PRIMARY_PORT=5814", "SWARM_ID_KEY=/swarm-cert/sl-1-key.pem",
                "SL_LOG_LEVEL=DEBUG", "http_proxy=", "SWARM_SL_TOKEN=" + token0, "SWARM_SL_ML_PORT=30310"), sl0Env);
        assertEquals("SL_LOG_LEVEL=INFO", find(strings(sl1.getAsJsonArray("Env")), "SL_LOG_LEVEL="),
                "a node without slenvvars keeps the profile's envvars");
        JsonObject sl0Host = sl0.getAsJsonObject("HostConfig");
        assertEquals(List.of(dir.resolve("certs/sl-1-key.pem") + ":/swarm-cert/sl-1-key.pem:ro"),
                strings(sl0Host.getAsJsonArray("Binds")), "a relative BIND source is relative to the profile");
        assertEquals("host-1-net", sl0Host.get("NetworkMode").getAsString());
        assertEquals(List.of("10.0.0.53"), strings(sl0Host.getAsJsonArray("Dns")));
        assertEquals("vision", sl0.getAsJsonObject("Labels").get("team").getAsString());
        assertEquals("10.0.0.12", sl1.getAsJsonObject("NetworkingConfig").getAsJsonObject("EndpointsConfig")
                .getAsJsonObject("host-1-net").getAsJsonObject("IPAMConfig").get("IPv4Address").getAsString());
        assertEquals("16001", sl1.getAsJsonObject("HostConfig").getAsJsonObject("PortBindings")
                .getAsJsonArray("30305/tcp").get(0).getAsJsonObject().get("HostPort").getAsString());

        JsonObject ml0 = creates.get(1).json();
        JsonObject ml1 = creates.get(3).json();
        assertEquals("user-env-tf2.7.0-swop", ml0.get("Image").getAsString(), "the Prereq's Outcome");
        assertEquals(List.of("python3"), strings(ml0.getAsJsonArray("Entrypoint")));
        assertEquals(List.of("model/mnist_tf.py", "--epochs", "2"), strings(ml0.getAsJsonArray("Cmd")));
        assertEquals("/tmp/test", ml0.get("WorkingDir").getAsString());
        assertEquals("1000:1000", ml0.get("User").getAsString());
        assertEquals(List.of("MODEL_DIR=model", "MAX_EPOCHS=2", "SCRATCH_DIR=user1",
                "SWARM_SL_URL=http://127.0.0.1:30310", "SWARM_SL_TOKEN=" + token0),
                strings(ml0.getAsJsonArray("Env")), "the node's usrenvvars win over the task's Envvars");
        String token1 = value(strings(sl1.getAsJsonArray("Env")), "SWARM_SL_TOKEN");
        assertFalse(token1.equals(token0), "every pair has its own token");
        assertEquals(List.of("MODEL_DIR=model", "MAX_EPOCHS=5", "SCRATCH_DIR=user2",
                "SWARM_SL_URL=http://127.0.0.1:30310", "SWARM_SL_TOKEN=" + token1),
                strings(ml1.getAsJsonArray("Env")));
        JsonObject ml0Host = ml0.getAsJsonObject("HostConfig");
        assertEquals(List.of(dir.resolve("data/node0") + ":/tmp/test/data:rw",
                dir.resolve("model") + ":/tmp/test/model:rw", "mnist-msn-0:/tmp/test/content:rw"),
                strings(ml0Host.getAsJsonArray("Binds")));
        assertEquals(List.of("node1-data:/tmp/test/data:rw", dir.resolve("model") + ":/tmp/test/model:rw",
                "mnist-msn-1:/tmp/test/content:rw"),
                strings(ml1.getAsJsonObject("HostConfig").getAsJsonArray("Binds")));
        assertEquals("container:swop1-swarm_mnist_task-0-sl", ml0Host.get("NetworkMode").getAsString());
        JsonObject gpu = ml0Host.getAsJsonArray("DeviceRequests").get(0).getAsJsonObject();
        assertEquals("nvidia", gpu.get("Driver").getAsString());
        assertEquals(-1, gpu.get("Count").getAsInt());
        JsonObject ml1Host = ml1.getAsJsonObject("HostConfig");
        assertTrue(absent(ml1Host, "DeviceRequests"), "node 1 asks for AMD devices, not NVIDIA GPUs");
        List<String> devices = new ArrayList<>();
        ml1Host.getAsJsonArray("Devices").forEach(d -> devices.add(d.getAsJsonObject().get("PathOnHost")
                .getAsString() + ">" + d.getAsJsonObject().get("PathInContainer").getAsString()));
        assertEquals(List.of("/dev/kfd>/dev/kfd", "/dev/dri>/dev/dri"), devices);
        assertEquals(List.of("video"), strings(ml1Host.getAsJsonArray("GroupAdd")));
        assertEquals("host", ml1Host.get("IpcMode").getAsString());
        assertEquals(16L << 30, ml1Host.get("ShmSize").getAsLong());
        JsonObject labels = ml1.getAsJsonObject("Labels");
        assertEquals("swop1", labels.get(TaskLabels.SWOP).getAsString());
        assertEquals(TASKRUNNER, labels.get(TaskLabels.TASKRUNNER).getAsString());
        assertEquals("swarm_mnist_task", labels.get(TaskLabels.TASK).getAsString());
        assertEquals("1", labels.get(TaskLabels.NODE).getAsString());
    }

    @Test
    void aNonZeroExitIsAnErrorNamingTheContainerItsCodeAndItsLastLogLine() throws Exception {
        recorder.exitCode("swop1-failing_task-1-ml", 3);
        recorder.logText("epoch 1 loss 0.9\nFileNotFoundError: missing training data\n");
        PeerResult result = manager.execute(new TaskRun(swarm("failing_task"), BUILD, 8));

        assertFalse(result.complete());
        assertEquals("ML container swop1-failing_task-1-ml (node 1) exited 3: FileNotFoundError: missing training "
                + "data", result.description());
        assertEquals(1, recorder.to("GET", "/containers/[^/]+/logs").size());
        assertTrue(recorder.to("POST", "/containers/[^/]+/stop").size() >= 2, "the run's containers are stopped");
    }

    @Test
    void aResetDuringTheRunInterruptsTheWaitsAndStopsTheContainers() throws Exception {
        recorder.waitDelay(20_000); // ML containers that are still training
        java.util.concurrent.atomic.AtomicReference<Object> ended = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                ended.set(manager.execute(new TaskRun(swarm("long_task"), BUILD, 9)));
            } catch (InterruptedException e) {
                ended.set(e);
            }
        });
        worker.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (recorder.to("POST", "/containers/[^/]+/wait").size() < 2 && System.currentTimeMillis() < deadline)
            Thread.sleep(50);
        assertEquals(2, recorder.to("POST", "/containers/[^/]+/wait").size(), "both MLs are waited for");
        long start = System.nanoTime();
        worker.interrupt(); // what the taskrunner loop does on RESET
        worker.join(10_000);
        assertFalse(worker.isAlive(), "the run stopped");
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000);
        assertTrue(ended.get() instanceof InterruptedException, String.valueOf(ended.get()));
        assertEquals(4, recorder.to("POST", "/containers/[^/]+/stop").size(), "both pairs are stopped");
        assertEquals(4, recorder.containerCount(), "removal is release's job");
    }

    @Test
    void releaseRemovesTheTaskContainersByLabelUnlessKept() throws Exception {
        TaskSpec task = swarm("swarm_mnist_task");
        assertTrue(manager.execute(new TaskRun(task, BUILD, 7)).complete());
        assertEquals(4, recorder.containerCount());

        manager.release(task, true);
        assertEquals(4, recorder.containerCount(), "keepOnReset keeps the containers");
        assertEquals(2, recorder.to("POST", "/containers/[^/]+/stop").size(), "but stops the SLs still running");

        manager.release(task, false);
        assertEquals(0, recorder.containerCount());
        RecordingDockerEngine.Recorded list = recorder.to("GET", "/containers/json").get(0);
        assertEquals("true", list.param("all"));
        String filters = list.param("filters");
        for (String label : List.of(TaskLabels.SWOP + "=swop1", TaskLabels.TASKRUNNER + "=" + TASKRUNNER,
                TaskLabels.TASK + "=swarm_mnist_task"))
            assertTrue(filters.contains(label), filters);
        assertEquals(4, recorder.to("DELETE", "/containers/[^/]+").size());
    }

    @Test
    void aProblemInTheProfileOrPrereqFailsBeforeAnyContainerIsCreated() throws Exception {
        TaskSpec env = new TaskSpec("env", TaskType.MAKE_USER_ENV, "ROOTTASK", "venv", Map.of());
        PeerResult wrongPrereq = manager.execute(new TaskRun(swarm("t"), env, 1));
        assertEquals("RUN_SWARM t: RUN_SWARM t: Prereq env is a MAKE_USER_ENV task; under DOCKER the Prereq must make an "
                + "image (MAKE_USER_CONTAINER or PULL_IMAGE) (MAKE_USER_ENV belongs to resourcemgr PROCESS)",
                wrongPrereq.description());
        PeerResult noPrereq = manager.execute(new TaskRun(swarm("t"), null, 1));
        assertTrue(noPrereq.description().contains("has no Prereq"), noPrereq.description());

        manager.close();
        manager = manager(PROFILE.replace("gpus: \"all\"", "gpu: \"all\""), recorder.endpoint());
        PeerResult typo = manager.execute(new TaskRun(swarm("t"), BUILD, 1));
        assertEquals("RUN_SWARM t: node 0: usrcontaineropts: unknown option 'gpu' (known: gpus, device, ipc, "
                + "shm-size, group-add, cap-add, security-opt, privileged)", typo.description());
        assertTrue(recorder.to("POST", "/containers/create").isEmpty());
    }

    @Test
    void makeUserEnvIsRefusedUnderDocker() throws Exception {
        PeerResult result = manager.execute(new TaskRun(new TaskSpec("env", TaskType.MAKE_USER_ENV, "ROOTTASK",
                "venv", Map.of("BuildSteps", List.of("true"))), null, 1));
        assertFalse(result.complete());
        assertTrue(result.description().startsWith("MAKE_USER_ENV env: MAKE_USER_ENV is the PROCESS resource "
                + "manager's extension"), result.description());
    }

    @Test
    void makeUserContainerBuildsTheOutcomeFromTheBuildContextVolumeAndTheSteps() throws Exception {
        recorder.volumeFiles("sl-cli-lib", Map.of("swarmlearning-client.whl", "wheel"));
        recorder.knownImage("busybox:latest");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BuildContext", "sl-cli-lib");
        body.put("BuildType", "INLINE");
        body.put("BuildSteps", List.of("FROM busybox", "COPY swarmlearning-client.whl /tmp/", "RUN echo built"));
        PeerResult result = manager.execute(new TaskRun(new TaskSpec("user_env_tf_build_task",
                TaskType.MAKE_USER_CONTAINER, "ROOTTASK", "user-env-tf2.7.0-swop", body), null, 2));

        assertTrue(result.complete(), result.description());
        assertTrue(result.description().startsWith("image user-env-tf2.7.0-swop built"), result.description());
        RecordingDockerEngine.Recorded build = recorder.to("POST", "/build").get(0);
        assertEquals("user-env-tf2.7.0-swop", build.param("t"));
        Map<String, String> context = untar(build.body());
        assertEquals("FROM busybox\nCOPY swarmlearning-client.whl /tmp/\nRUN echo built\n", context.get("Dockerfile"));
        assertEquals("wheel", context.get("swarmlearning-client.whl"));
        assertTrue(Files.readString(dir.resolve("swop/logs/user_env_tf_build_task/build.log"))
                .contains("Successfully tagged user-env-tf2.7.0-swop"));

        body.put("BuildContext", null);
        body.put("BuildSteps", List.of("FROM busybox", "RUN false"));
        PeerResult failed = manager.execute(new TaskRun(new TaskSpec("bad_build", TaskType.MAKE_USER_CONTAINER,
                "ROOTTASK", "bad", body), null, 3));
        assertFalse(failed.complete());
        assertTrue(failed.description().contains("returned a non-zero code: 1")
                && failed.description().endsWith("log <swop data>/logs/bad_build/build.log"), failed.description());
    }

    @Test
    void pullImagePullsWithTheTaskCredentialsAndTagsTheOutcome() throws Exception {
        Map<String, Object> body = Map.of("Tag", "2.7.0", "RepoName", "tensorflow-tensorflow", "OrgAndReg",
                "hub.docker.hpecorp.net/hub/", "Auth", Map.of("Username", "alice", "Password", "s3cret"));
        PeerResult result = manager.execute(new TaskRun(new TaskSpec("pull-task-tf2", TaskType.PULL_IMAGE,
                "ROOTTASK", "tf:2.7.0", body), null, 4));

        assertTrue(result.complete(), result.description());
        assertEquals("image hub.docker.hpecorp.net/hub/tensorflow-tensorflow:2.7.0 pulled, tagged tf:2.7.0",
                result.description());
        RecordingDockerEngine.Recorded pull = recorder.to("POST", "/images/create").get(0);
        assertEquals("hub.docker.hpecorp.net/hub/tensorflow-tensorflow", pull.param("fromImage"));
        assertEquals("2.7.0", pull.param("tag"));
        String auth = new String(Base64.getUrlDecoder().decode(pull.headers().get("X-Registry-Auth")),
                StandardCharsets.UTF_8);
        assertTrue(auth.contains("\"username\":\"alice\"") && auth.contains("\"password\":\"s3cret\"")
                && auth.contains("hub.docker.hpecorp.net"), auth);
        RecordingDockerEngine.Recorded tag = recorder.to("POST", "/images/.+/tag").get(0);
        assertEquals("tf", tag.param("repo"));
        assertEquals("2.7.0", tag.param("tag"));
    }

    @Test
    void swarmContentIsDownloadedThenWrittenIntoOneVolumePerNode() throws Exception {
        Path source = Files.writeString(dir.resolve("mnist_tf.py"), "print('train')\n");
        Map<String, Object> body = Map.of("ContentType", "SWARMCONTENT", "OpsList", List.of(Map.of("Operation",
                "DOWNLOAD", "Target", source.toUri().toString(), "Options", List.of(Map.of("Out",
                        "model/mnist_tf.py")))));
        PeerResult result = manager.execute(new TaskRun(new TaskSpec("download-task", TaskType
                .MAKE_SWARM_USER_CONTENT, "ROOTTASK", "mnist-data", body), null, 5));

        assertTrue(result.complete(), result.description());
        assertEquals("content volumes mnist-data-0, mnist-data-1 ready", result.description());
        assertEquals(1, recorder.to("POST", "/images/create").size(), "the helper image is pulled when missing");
        for (String volume : List.of("mnist-data-0", "mnist-data-1")) {
            assertEquals("print('train')\n", recorder.filesOf(volume).get("model/mnist_tf.py"), volume);
        }
        assertEquals(0, recorder.containerCount(), "the helper containers are removed");
    }

    @Test
    void anUnreachableEngineIsAClearErrorWithinSeconds() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        manager.close();
        manager = manager(PROFILE, DockerEndpoint.tcp("127.0.0.1:" + port, "DOCKER_HOST"));
        long start = System.nanoTime();
        PeerResult result = manager.execute(new TaskRun(swarm("t"), BUILD, 1));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertFalse(result.complete());
        assertTrue(result.description().startsWith("docker not available: tcp://127.0.0.1:" + port
                + " (DOCKER_HOST): "), result.description());
        assertTrue(millis < 10_000, "took " + millis + " ms");
        manager.release(swarm("t"), false); // logs, does not throw
    }

    private static Map<String, String> untar(byte[] tar) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (var e = in.getNextTarEntry(); e != null; e = in.getNextTarEntry())
                if (e.isFile())
                    out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String line(RecordingDockerEngine.Recorded r) {
        return r.method() + " " + r.path();
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        if (array != null)
            for (JsonElement e : array)
                out.add(e.getAsString());
        return out;
    }

    private static String find(List<String> env, String prefix) {
        return env.stream().filter(e -> e.startsWith(prefix)).findFirst().orElse(null);
    }

    private static String value(List<String> env, String key) {
        String entry = find(env, key + "=");
        return entry == null ? null : entry.substring(key.length() + 1);
    }

    private static boolean absent(JsonObject o, String key) {
        return !o.has(key) || o.get(key).isJsonNull();
    }
}
