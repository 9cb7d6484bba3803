package org.openswarm.swop.internal.docker;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact Engine API requests the docker resource manager sends, as recorded by {@link RecordingDockerEngine}.
 * NOT a run against Docker: no engine runs on the build machines, so these tests check the requests (paths, query
 * parameters, headers, JSON bodies), which is what this code decides; what an engine does with them is Docker's.
 */
class DockerEngineRequestsTest {

    private RecordingDockerEngine recorder;
    private DockerEngine engine;

    @BeforeEach
    void start() throws Exception {
        recorder = new RecordingDockerEngine();
        engine = DockerEngine.open(recorder.endpoint());
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        recorder.close();
    }

    @Test
    void pingAsksPingThenVersionOnThePinnedApiVersion() {
        DockerEngine.EngineVersion v = engine.ping();
        assertEquals("24.0.5", v.version());
        assertEquals("1.43", v.apiVersion());
        assertEquals(List.of("GET /v1.41/_ping", "GET /v1.41/version"), lines(recorder.requests()));
    }

    @Test
    void nvidiaPairCreatesNetworkThenSlThenMlWithDeviceRequests() {
        recorder.exitCode(0);
        SwarmNodeRequest node = PairFixtures.mnistNode("swop1", "defaulttaskbb.taskdb.sml.hpe", 0,
                UserContainerOptions.fromList(List.of(Map.of("gpus", "all"))));
        DockerPairLauncher.StartedPair pair = new DockerPairLauncher(engine)
                .start(SwarmPairPlanner.plan(node), Map.of("org.openswarm.swop.swop", "swop1"));

        assertEquals(List.of(
                "GET /v1.41/networks/host-1-net",
                "POST /v1.41/networks/create",
                "POST /v1.41/containers/create",
                "POST /v1.41/containers/" + pair.slId() + "/start",
                "POST /v1.41/containers/create",
                "POST /v1.41/containers/" + pair.mlId() + "/start"), lines(recorder.requests()));

        JsonObject network = recorder.to("POST", "/networks/create").get(0).json();
        assertEquals("host-1-net", network.get("Name").getAsString());
        assertEquals("bridge", network.get("Driver").getAsString());

        List<RecordingDockerEngine.Recorded> creates = recorder.to("POST", "/containers/create");
        assertEquals("swop1-swarm_mnist_task-0-sl", creates.get(0).param("name"));
        assertEquals("swop1-swarm_mnist_task-0-ml", creates.get(1).param("name"));

        JsonObject sl = creates.get(0).json();
        assertEquals("openswarm/sl:0.1.0", sl.get("Image").getAsString());
        assertEquals("sl1", sl.get("Hostname").getAsString());
        assertEquals(List.of("SN_NODE_IP=172.1.1.1", "SN_API_SERVER_PORT=30304", "THIS_NODE_IP=172.1.1.1",
                "SL_FS_PORT=16000", "SWARM_ID_KEY=/swarm-cert/sl-1-key.pem", "SWARM_ID_CAPATH=/swarm-cert/capath",
                "SL_LOG_LEVEL=DEBUG", "http_proxy=", "SWARM_SL_TOKEN=tok-0", "SWARM_SL_ML_PORT=30310"),
                strings(sl.getAsJsonArray("Env")));
        JsonObject slHost = sl.getAsJsonObject("HostConfig");
        assertEquals("host-1-net", slHost.get("NetworkMode").getAsString());
        assertEquals(List.of("/certs/sl-1-key.pem:/swarm-cert/sl-1-key.pem:ro", "/certs/ca/capath:/swarm-cert/capath:ro"),
                strings(slHost.getAsJsonArray("Binds")));
        JsonArray fs = slHost.getAsJsonObject("PortBindings").getAsJsonArray("30305/tcp");
        assertEquals("16000", fs.get(0).getAsJsonObject().get("HostPort").getAsString());
        assertTrue(sl.getAsJsonObject("ExposedPorts").has("30305/tcp"));
        assertEquals(List.of("sl1"), strings(sl.getAsJsonObject("NetworkingConfig").getAsJsonObject("EndpointsConfig")
                .getAsJsonObject("host-1-net").getAsJsonArray("Aliases")));
        JsonObject slLabels = sl.getAsJsonObject("Labels");
        assertEquals("swop1", slLabels.get(TaskLabels.SWOP).getAsString());
        assertEquals("defaulttaskbb.taskdb.sml.hpe", slLabels.get(TaskLabels.TASKRUNNER).getAsString());
        assertEquals("swarm_mnist_task", slLabels.get(TaskLabels.TASK).getAsString());
        assertEquals("sl", slLabels.get(TaskLabels.ROLE).getAsString());
        assertEquals("0", slLabels.get(TaskLabels.NODE).getAsString());
        assertEquals("vision", slLabels.get("team").getAsString());
        assertTrue(absent(slHost, "DeviceRequests"), "the SL uses CPUs only");

        JsonObject ml = creates.get(1).json();
        assertEquals("user-env-tf2.7.0-swop", ml.get("Image").getAsString());
        assertEquals(List.of("python3"), strings(ml.getAsJsonArray("Entrypoint")));
        assertEquals(List.of("model/mnist_tf.py"), strings(ml.getAsJsonArray("Cmd")));
        assertEquals("/tmp/test", ml.get("WorkingDir").getAsString());
        assertEquals("1000:1000", ml.get("User").getAsString());
        assertEquals(List.of("MODEL_DIR=model", "MAX_EPOCHS=2", "MIN_PEERS=2", "SCRATCH_DIR=user1",
                "SWARM_SL_URL=http://127.0.0.1:30310", "SWARM_SL_TOKEN=tok-0"), strings(ml.getAsJsonArray("Env")));
        JsonObject mlHost = ml.getAsJsonObject("HostConfig");
        assertEquals("container:swop1-swarm_mnist_task-0-sl", mlHost.get("NetworkMode").getAsString());
        // docker-java writes the access mode explicitly (rw), which the engine accepts like the CLI's default.
        assertEquals(List.of("/data/node0:/tmp/test/data:rw", "/project/model:/tmp/test/model:rw"),
                strings(mlHost.getAsJsonArray("Binds")));
        JsonArray requests = mlHost.getAsJsonArray("DeviceRequests");
        assertEquals(1, requests.size());
        JsonObject gpu = requests.get(0).getAsJsonObject();
        assertEquals("nvidia", gpu.get("Driver").getAsString());
        assertEquals(-1, gpu.get("Count").getAsInt());
        assertEquals("[[\"gpu\"]]", gpu.get("Capabilities").toString());
        assertTrue(absent(ml, "Hostname"), "the ML shares the SL's network namespace and hostname");
        assertTrue(absent(ml, "NetworkingConfig"));
        assertEquals("ml", ml.getAsJsonObject("Labels").get(TaskLabels.ROLE).getAsString());
    }

    @Test
    void nvidiaDeviceIdsGoToDeviceIdsWithoutACount() {
        recorder.knownNetwork("host-1-net");
        SwarmNodeRequest node = PairFixtures.mnistNode("swop1", "tr", 1,
                UserContainerOptions.fromList(List.of(Map.of("gpus", "device=3,5"))));
        new DockerPairLauncher(engine).start(SwarmPairPlanner.plan(node), Map.of());
        JsonObject gpu = recorder.to("POST", "/containers/create").get(1).json().getAsJsonObject("HostConfig")
                .getAsJsonArray("DeviceRequests").get(0).getAsJsonObject();
        assertEquals(List.of("3", "5"), strings(gpu.getAsJsonArray("DeviceIDs")));
        assertTrue(absent(gpu, "Count"), gpu.toString());
        assertEquals(List.of("GET /v1.41/networks/host-1-net"), lines(recorder.to("GET", "/networks/.*")));
        assertTrue(recorder.to("POST", "/networks/create").isEmpty(), "an existing network is not created again");
    }

    @Test
    void amdOptionsOfTheReferenceExampleMapToDevicesGroupAddAndPrivileged() {
        recorder.knownNetwork("host-1-net");
        // reference §10 mnist-pyt/gpu-based/amd, plus the other AMD keys of §4.2
        List<Map<String, Object>> opts = List.of(
                Map.of("device", List.of("/dev/kfd", "/dev/dri")),
                Map.of("group-add", List.of("video")),
                Map.of("privileged", true),
                Map.of("ipc", "host"),
                Map.of("shm-size", "16G"),
                Map.of("cap-add", List.of("SYS_PTRACE")),
                Map.of("security-opt", List.of("seccomp=unconfined")));
        SwarmNodeRequest node = PairFixtures.mnistNode("swop1", "tr", 0, UserContainerOptions.fromList(opts));
        new DockerPairLauncher(engine).start(SwarmPairPlanner.plan(node), Map.of());
        JsonObject hc = recorder.to("POST", "/containers/create").get(1).json().getAsJsonObject("HostConfig");
        JsonArray devices = hc.getAsJsonArray("Devices");
        assertEquals(2, devices.size());
        assertEquals("{\"CgroupPermissions\":\"rwm\",\"PathInContainer\":\"/dev/kfd\",\"PathOnHost\":\"/dev/kfd\"}",
                sorted(devices.get(0).getAsJsonObject()));
        assertEquals("/dev/dri", devices.get(1).getAsJsonObject().get("PathOnHost").getAsString());
        assertEquals(List.of("video"), strings(hc.getAsJsonArray("GroupAdd")));
        assertTrue(hc.get("Privileged").getAsBoolean());
        assertEquals("host", hc.get("IpcMode").getAsString());
        assertEquals(16L * 1024 * 1024 * 1024, hc.get("ShmSize").getAsLong());
        assertEquals(List.of("SYS_PTRACE"), strings(hc.getAsJsonArray("CapAdd")));
        assertEquals(List.of("seccomp=unconfined"), strings(hc.getAsJsonArray("SecurityOpt")));
        assertTrue(absent(hc, "DeviceRequests"));
    }

    @Test
    void failedMlStartRemovesTheSlAgain() {
        recorder.knownNetwork("host-1-net");
        SwarmNodeRequest node = PairFixtures.mnistNode("swop1", "tr", 0, UserContainerOptions.NONE);
        DockerNodePlan plan = SwarmPairPlanner.plan(node);
        // A leftover container with the ML's name makes the engine refuse the create (409).
        engine.createContainer(plan.ml());
        DockerOperationException e = assertThrows(DockerOperationException.class,
                () -> new DockerPairLauncher(engine).start(plan, Map.of()));
        assertTrue(e.getMessage().contains("create container swop1-swarm_mnist_task-0-ml"), e.getMessage());
        assertTrue(e.getMessage().contains("409") && e.getMessage().contains("already in use"), e.getMessage());
        List<RecordingDockerEngine.Recorded> deletes = recorder.to("DELETE", "/containers/.*");
        assertEquals(1, deletes.size());
        assertEquals("true", deletes.get(0).param("force"));
        assertEquals(1, recorder.containerCount(), "only the leftover remains, the SL is gone");
    }

    @Test
    void pullSendsFromImageTagAndRegistryAuthAndReportsProgress() {
        String image = RegistryAuth.imageReference("hub.docker.hpecorp.net/hub/", "tensorflow-tensorflow", "2.7.0");
        List<String> progress = new ArrayList<>();
        engine.pullImage(image, RegistryAuth.usernamePassword(RegistryAuth.registryOf(image), "alice", "s3cret"),
                progress::add);
        RecordingDockerEngine.Recorded pull = recorder.to("POST", "/images/create").get(0);
        assertEquals("/v1.41/images/create", pull.path());
        assertEquals("hub.docker.hpecorp.net/hub/tensorflow-tensorflow", pull.param("fromImage"));
        assertEquals("2.7.0", pull.param("tag"));
        JsonObject auth = new Gson().fromJson(new String(Base64.getUrlDecoder()
                .decode(pull.headers().get("X-Registry-Auth")), StandardCharsets.UTF_8), JsonObject.class);
        assertEquals("alice", auth.get("username").getAsString());
        assertEquals("s3cret", auth.get("password").getAsString());
        assertEquals("hub.docker.hpecorp.net", auth.get("serveraddress").getAsString());
        assertTrue(progress.contains("a1b2c3 Download complete"), progress.toString());
        assertEquals("Status: Downloaded newer image for hub.docker.hpecorp.net/hub/tensorflow-tensorflow:2.7.0",
                progress.get(progress.size() - 1));
    }

    @Test
    void pullWithoutAuthSendsNoCredentialsAndARefusedPullSaysWhy() {
        engine.pullImage("busybox", null, line -> { });
        RecordingDockerEngine.Recorded pull = recorder.to("POST", "/images/create").get(0);
        assertEquals("busybox", pull.param("fromImage"));
        assertEquals("latest", pull.param("tag"));
        assertNull(pull.headers().get("X-Registry-Auth"));
        DockerOperationException e = assertThrows(DockerOperationException.class,
                () -> engine.pullImage("example.org/no-such-image:1", null, line -> { }));
        assertTrue(e.getMessage().startsWith("pull example.org/no-such-image:1: engine answered HTTP 404: "
                + "pull access denied"), e.getMessage());
    }

    @Test
    void buildSendsAnInMemoryTarWithTheDockerfileAndTheContext(@TempDir Path ctx) throws IOException {
        Files.writeString(ctx.resolve("swarmlearning-client-py3-none-manylinux_2_24_x86_64.whl"), "wheel");
        Files.createDirectories(ctx.resolve("sub"));
        Files.writeString(ctx.resolve("sub/req.txt"), "numpy\n");
        List<String> steps = List.of("FROM tensorflow/tensorflow:2.7.0", " ",
                "RUN pip3 install --upgrade pip && \\", "    pip3 install keras",
                "COPY swarmlearning-client-py3-none-manylinux_2_24_x86_64.whl /tmp/");
        List<String> progress = new ArrayList<>();
        String id = engine.buildImage("user-env-tf2.7.0-swop", steps, ctx, progress::add);
        // docker-java takes the id from the stream's "Successfully built <id>" line.
        assertEquals("feedbeef", id);
        RecordingDockerEngine.Recorded build = recorder.to("POST", "/build").get(0);
        assertEquals("user-env-tf2.7.0-swop", build.param("t"));
        assertEquals("true", build.param("rm"));
        assertEquals("true", build.param("forcerm"));
        assertEquals("application/tar", build.headers().get("Content-Type"));
        Map<String, String> files = untar(build.body());
        assertEquals(List.of("Dockerfile", "sub/req.txt", "swarmlearning-client-py3-none-manylinux_2_24_x86_64.whl"),
                new ArrayList<>(files.keySet()));
        assertEquals("FROM tensorflow/tensorflow:2.7.0\n\nRUN pip3 install --upgrade pip && \\\n"
                + "    pip3 install keras\nCOPY swarmlearning-client-py3-none-manylinux_2_24_x86_64.whl /tmp/\n",
                files.get("Dockerfile"));
        assertEquals("numpy\n", files.get("sub/req.txt"));
        assertTrue(progress.contains("Step 2/2 : RUN echo built"), progress.toString());
    }

    @Test
    void aBuildContextVolumeIsReadThroughAHelperContainerOfTheBaseImage() throws IOException {
        recorder.volumeFiles("sl-cli-lib", Map.of(
                "swarmlearning-client-py3-none-manylinux_2_24_x86_64.whl", "wheel-bytes",
                "docs/README", "readme"));
        List<String> steps = List.of("FROM --platform=linux/amd64 tensorflow/tensorflow:2.7.0 AS base",
                "COPY swarmlearning-client-py3-none-manylinux_2_24_x86_64.whl /tmp/hpe-swarmcli-pkg/");
        List<String> progress = new ArrayList<>();
        assertEquals("feedbeef", engine.buildImageFromVolume("user-env-tf2.7.0-swop", steps, "sl-cli-lib",
                progress::add));

        List<String> calls = lines(recorder.requests());
        // docker-java escapes the slash of the image name inside the path segment, as the engine expects.
        assertEquals("GET /v1.41/images/tensorflow%2Ftensorflow:2.7.0/json", calls.get(0));
        assertEquals("POST /v1.41/images/create", calls.get(1), "the missing base image is pulled first");
        assertEquals("POST /v1.41/containers/create", calls.get(2));
        assertTrue(calls.get(3).matches("GET /v1.41/containers/c\\d+/archive"), calls.get(3));
        assertTrue(calls.get(4).matches("DELETE /v1.41/containers/c\\d+"), calls.get(4));
        assertEquals("POST /v1.41/build", calls.get(5));
        assertEquals(6, calls.size());

        RecordingDockerEngine.Recorded helper = recorder.to("POST", "/containers/create").get(0);
        assertTrue(helper.param("name").startsWith("swop-volume-reader-"), helper.param("name"));
        JsonObject body = helper.json();
        assertEquals("tensorflow/tensorflow:2.7.0", body.get("Image").getAsString());
        assertEquals(List.of("sl-cli-lib:/swop-volume:ro"), strings(body.getAsJsonObject("HostConfig")
                .getAsJsonArray("Binds")));
        assertEquals("none", body.getAsJsonObject("HostConfig").get("NetworkMode").getAsString());
        assertTrue(recorder.to("POST", "/containers/[^/]+/start").isEmpty(), "the helper is never started");
        assertEquals("/swop-volume", recorder.to("GET", "/containers/[^/]+/archive").get(0).param("path"));
        assertEquals("true", recorder.to("DELETE", "/containers/.*").get(0).param("force"));
        assertEquals(0, recorder.containerCount());

        Map<String, String> files = untar(recorder.to("POST", "/build").get(0).body());
        assertEquals(List.of("Dockerfile", "docs/README", "swarmlearning-client-py3-none-manylinux_2_24_x86_64.whl"),
                new ArrayList<>(files.keySet()));
        assertEquals("wheel-bytes", files.get("swarmlearning-client-py3-none-manylinux_2_24_x86_64.whl"));
        assertTrue(progress.get(0).startsWith("Pulling base image tensorflow/tensorflow:2.7.0"), progress.get(0));
    }

    @Test
    void contentIsWrittenIntoAVolumeThroughAHelperContainer(@TempDir Path content) throws IOException {
        Files.createDirectories(content.resolve("model"));
        Files.writeString(content.resolve("model/mnist_tf.py"), "print('train')\n");
        Files.writeString(content.resolve("Dockerfile"), "not a build context");
        engine.writeVolume("mnist-msn-0", content, "openswarm/sl:0.1.0", Map.of(TaskLabels.TASK, "download"));

        List<String> calls = lines(recorder.requests());
        assertEquals(List.of("GET /v1.41/volumes/mnist-msn-0", "POST /v1.41/volumes/create",
                "POST /v1.41/containers/create"), calls.subList(0, 3));
        assertTrue(calls.get(3).matches("PUT /v1.41/containers/c\\d+/archive"), calls.get(3));
        assertTrue(calls.get(4).matches("DELETE /v1.41/containers/c\\d+"), calls.get(4));
        JsonObject helper = recorder.to("POST", "/containers/create").get(0).json();
        assertEquals("openswarm/sl:0.1.0", helper.get("Image").getAsString());
        assertEquals(List.of("mnist-msn-0:/swop-volume:rw"),
                strings(helper.getAsJsonObject("HostConfig").getAsJsonArray("Binds")));
        RecordingDockerEngine.Recorded put = recorder.to("PUT", "/containers/[^/]+/archive").get(0);
        assertEquals("/swop-volume", put.param("path"));
        assertEquals(Map.of("model/mnist_tf.py", "print('train')\n", "Dockerfile", "not a build context"),
                untar(put.body()));
        assertEquals(0, recorder.containerCount(), "the helper is removed");

        // Read back through the read path: the engine's archive names every entry under the mount's directory.
        Map<String, String> back = untar(engine.readVolume("mnist-msn-0", "openswarm/sl:0.1.0"));
        assertEquals("print('train')\n", back.get("swop-volume/model/mnist_tf.py"));
        assertEquals("not a build context", back.get("swop-volume/Dockerfile"));
    }

    @Test
    void aPresentBaseImageIsNotPulledAgain() {
        recorder.knownImage("busybox:1.36");
        recorder.volumeFiles("ctx", Map.of("a.txt", "a"));
        engine.buildImageFromVolume("t:1", List.of("FROM busybox:1.36"), "ctx", line -> { });
        assertTrue(recorder.to("POST", "/images/create").isEmpty());
        assertEquals(1, recorder.to("POST", "/build").size());
    }

    @Test
    void aFailingBuildStepFailsTheBuildWithTheEnginesMessage() {
        List<String> progress = new ArrayList<>();
        DockerOperationException e = assertThrows(DockerOperationException.class,
                () -> engine.buildImage("broken:1", List.of("FROM busybox", "RUN false"), null, progress::add));
        assertEquals("build broken:1: Could not build image: The command '/bin/sh -c false' returned a non-zero "
                + "code: 1", e.getMessage());
        assertEquals("ERROR The command '/bin/sh -c false' returned a non-zero code: 1",
                progress.get(progress.size() - 1));
    }

    @Test
    void pullsByDigestAndFromARegistryWithAPortKeepTheirNames() {
        engine.pullImage("localhost:5000/team/model", null, line -> { });
        engine.pullImage("busybox@sha256:0123456789abcdef", null, line -> { });
        List<RecordingDockerEngine.Recorded> pulls = recorder.to("POST", "/images/create");
        assertEquals("localhost:5000/team/model", pulls.get(0).param("fromImage"));
        assertEquals("latest", pulls.get(0).param("tag"));
        assertEquals("busybox@sha256:0123456789abcdef", pulls.get(1).param("fromImage"));
        assertNull(pulls.get(1).param("tag"));
    }

    @Test
    void volumesAreInspectedAndCreatedOnlyWhenMissing() {
        recorder.knownVolume("sl-cli-lib");
        assertEquals("sl-cli-lib", engine.ensureVolume("sl-cli-lib", Map.of()));
        assertEquals("mnist-msn", engine.ensureVolume("mnist-msn", Map.of("org.openswarm.swop.task", "content")));
        assertEquals(List.of("GET /v1.41/volumes/sl-cli-lib", "GET /v1.41/volumes/mnist-msn",
                "POST /v1.41/volumes/create"), lines(recorder.requests()));
        JsonObject create = recorder.to("POST", "/volumes/create").get(0).json();
        assertEquals("mnist-msn", create.get("Name").getAsString());
        assertEquals("content", create.getAsJsonObject("Labels").get("org.openswarm.swop.task").getAsString());
    }

    @Test
    void waitLogsStopAndRemoveUseTheirRoutes() {
        recorder.exitCode(3);
        recorder.logText("Final Swarm model was loaded.\n");
        SwarmNodeRequest node = PairFixtures.mnistNode("swop1", "tr", 0, UserContainerOptions.NONE);
        recorder.knownNetwork("host-1-net");
        DockerPairLauncher launcher = new DockerPairLauncher(engine);
        DockerPairLauncher.StartedPair pair = launcher.start(SwarmPairPlanner.plan(node), Map.of());
        assertEquals(3, launcher.awaitMl(pair, Duration.ofSeconds(10)));
        assertEquals("Final Swarm model was loaded.\n", engine.logs(pair.mlId(), 100));
        engine.stopContainer(pair.slId(), 10);
        engine.stopContainer(pair.slId(), 10);   // already stopped: 304, not an error
        engine.removeContainer(pair.slId(), false);
        engine.removeContainer(pair.slId(), false);   // already gone: 404, not an error

        assertEquals(1, recorder.to("POST", "/containers/" + pair.mlId() + "/wait").size());
        RecordingDockerEngine.Recorded logs = recorder.to("GET", "/containers/" + pair.mlId() + "/logs").get(0);
        assertEquals("true", logs.param("stdout"));
        assertEquals("true", logs.param("stderr"));
        assertEquals("100", logs.param("tail"));
        RecordingDockerEngine.Recorded stop = recorder.to("POST", "/containers/" + pair.slId() + "/stop").get(0);
        assertEquals("10", stop.param("t"));
        RecordingDockerEngine.Recorded remove = recorder.to("DELETE", "/containers/" + pair.slId()).get(0);
        assertNotEquals("true", remove.param("force"));
        assertEquals("true", remove.param("v"));
    }

    @Test
    void waitingGivesUpAfterTheTimeoutWithoutAnExitCode() {
        recorder.knownNetwork("host-1-net");
        recorder.waitDelay(1500);
        DockerPairLauncher launcher = new DockerPairLauncher(engine);
        DockerPairLauncher.StartedPair pair = launcher.start(
                SwarmPairPlanner.plan(PairFixtures.mnistNode("swop1", "tr", 0, null)), Map.of());
        long start = System.nanoTime();
        assertNull(launcher.awaitMl(pair, Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "returns at the timeout, not at the engine's answer");
    }

    @Test
    void resetRemovesOnlyThisSwopsContainersOfTheTaskrunner() {
        recorder.knownNetwork("host-1-net");
        DockerPairLauncher launcher = new DockerPairLauncher(engine);
        launcher.start(SwarmPairPlanner.plan(PairFixtures.mnistNode("swop1", "tr-a", 0, null)), Map.of());
        launcher.start(SwarmPairPlanner.plan(PairFixtures.mnistNode("swop1", "tr-a", 1, null)), Map.of());
        launcher.start(SwarmPairPlanner.plan(PairFixtures.mnistNode("swop2", "tr-a", 0, null)), Map.of());
        assertEquals(6, recorder.containerCount());

        List<String> kept = launcher.reset("swop1", "tr-a", true, 10);
        assertEquals(4, kept.size());
        assertTrue(recorder.to("DELETE", "/containers/.*").isEmpty(), "SWOP_KEEP_CONTAINERS removes nothing");

        List<String> removed = launcher.reset("swop1", "tr-a", false, 10);
        assertEquals(List.of("swop1-swarm_mnist_task-0-ml", "swop1-swarm_mnist_task-0-sl",
                "swop1-swarm_mnist_task-1-ml", "swop1-swarm_mnist_task-1-sl"), removed.stream().sorted().toList());
        assertEquals(2, recorder.containerCount(), "swop2's pair is untouched");
        RecordingDockerEngine.Recorded list = recorder.to("GET", "/containers/json").get(0);
        assertEquals("true", list.param("all"));
        JsonObject filters = new Gson().fromJson(list.param("filters"), JsonObject.class);
        assertEquals(List.of("org.openswarm.swop.swop=swop1", "org.openswarm.swop.taskrunner=tr-a"),
                strings(filters.getAsJsonArray("label")).stream().sorted().toList());
        assertEquals(4, recorder.to("POST", "/containers/[^/]+/stop").size(), "running containers are stopped first");
    }

    private static Map<String, String> untar(byte[] tar) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextTarEntry()) != null) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static List<String> lines(List<RecordingDockerEngine.Recorded> requests) {
        return requests.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static boolean absent(JsonObject o, String key) {
        return !o.has(key) || o.get(key).isJsonNull();
    }

    private static String sorted(JsonObject o) {
        JsonObject s = new JsonObject();
        o.keySet().stream().sorted().forEach(k -> s.add(k, o.get(k)));
        return s.toString();
    }
}
