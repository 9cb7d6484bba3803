package org.openswarm.swop.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ledger.TaskType;
import org.openswarm.swop.internal.exec.PeerResult;
import org.openswarm.swop.internal.exec.TaskSpec;
import org.openswarm.swop.internal.profile.Profiles;

class UserContentTest {
    @TempDir
    Path dir;
    private Server server;
    private int port;

    @BeforeEach
    void serve() throws Exception {
        byte[] archive = ArchivesTest.gzip(ArchivesTest.tar(Map.of("model/mnist.py", "print()\n")));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = Request.getPathInContext(request);
                if (path.equals("/mnist/model.tgz")) {
                    response.setStatus(200);
                    response.write(true, ByteBuffer.wrap(archive), callback);
                } else if (path.equals("/mnist/data.csv")) {
                    response.setStatus(200);
                    response.write(true, ByteBuffer.wrap("1,2\n".getBytes()), callback);
                } else {
                    Response.writeError(request, response, callback, 404);
                }
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private ProcessContext context() throws Exception {
        return new ProcessContext(new Profiles().load(Path.of("../../config/swop/profile-process.yaml")), dir,
                new SwopDirs(dir.resolve("swop")), null, "127.0.0.1", 30304, "", Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }

    private static TaskSpec content(String type, List<Map<String, Object>> ops) {
        return new TaskSpec("download-task", TaskType.MAKE_SWARM_USER_CONTENT, "ROOTTASK", "mnist-msn",
                Map.of("ContentType", type, "OpsList", ops));
    }

    @Test
    void downloadsFromHttpAndFileUrlsAndExtractsPerNode() throws Exception {
        Path local = Files.writeString(dir.resolve("local.txt"), "local\n");
        String base = "http://127.0.0.1:" + port + "/mnist/";
        PeerResult result = new UserContent(context()).execute(content("SWARMCONTENT", List.of(
                Map.of("Operation", "DOWNLOAD", "Target", base + "model.tgz", "Options", List.of()),
                Map.of("Operation", "DOWNLOAD", "Target", base + "data.csv", "Options", List.of(Map.of("Out",
                        "data/data.csv"))),
                Map.of("Operation", "DOWNLOAD", "Target", local.toUri().toString(), "Options", List.of()),
                Map.of("Operation", "EXTRACT", "Target", "model.tgz", "Options", List.of(Map.of("Out", "code"))))));
        assertTrue(result.complete(), result.description());
        for (int idx : new int[] { 0, 1 }) {
            Path node = dir.resolve("swop/content/mnist-msn/" + idx);
            assertEquals("1,2\n", Files.readString(node.resolve("data/data.csv")));
            assertEquals("local\n", Files.readString(node.resolve("local.txt")));
            assertEquals("print()\n", Files.readString(node.resolve("code/model/mnist.py")));
        }
        // A RUN_SWARM VOLUME source names this content: each node gets its own copy.
        assertEquals(dir.resolve("swop/content/mnist-msn/1"), context().source("mnist-msn",
                org.openswarm.swop.internal.profile.Profile.MountType.VOLUME, 1));
    }

    @Test
    void failuresNameTheOperationAndLeaveNoHalfContent() throws Exception {
        String base = "http://127.0.0.1:" + port + "/mnist/";
        PeerResult missing = new UserContent(context()).execute(content("BUILDCONTENT", List.of(
                Map.of("Operation", "DOWNLOAD", "Target", base + "model.tgz", "Options", List.of()),
                Map.of("Operation", "DOWNLOAD", "Target", base + "nothing.bin", "Options", List.of()))));
        assertFalse(missing.complete());
        assertTrue(missing.description().contains("nothing.bin: HTTP 404"), missing.description());
        assertFalse(Files.exists(dir.resolve("swop/content/mnist-msn")));

        PeerResult escape = new UserContent(context()).execute(content("BUILDCONTENT", List.of(
                Map.of("Operation", "DOWNLOAD", "Target", base + "data.csv", "Options", List.of(Map.of("Out",
                        "../../outside.csv"))))));
        assertFalse(escape.complete());
        assertTrue(escape.description().contains("path traversal"), escape.description());

        PeerResult ftp = new UserContent(context()).execute(content("BUILDCONTENT", List.of(
                Map.of("Operation", "DOWNLOAD", "Target", "ftp://x/y", "Options", List.of()))));
        assertTrue(ftp.description().contains("only http, https and file URLs"), ftp.description());
    }
}
