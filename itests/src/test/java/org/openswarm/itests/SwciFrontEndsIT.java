package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openswarm.itests.harness.Names.unique;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.SwarmException;
import org.openswarm.common.sn.SnClient;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.SharedInstance;
import org.openswarm.itests.harness.ShellResult;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

/**
 * The SWCI front ends of the real distribution against its SN: the web API over HTTP, the reference's Python
 * {@code Swci} wrapper driving it, {@code swarm:swci} with a script and the typed shell commands, and
 * {@code bin/swci --init-script}. The SWCI bundle runs inside the distribution (the openswarm-swci boot feature), so
 * these also show that it resolves and starts there.
 */
@ExtendWith(SharedInstance.class)
class SwciFrontEndsIT {
    private static final Gson GSON = new Gson();

    @TempDir
    Path dir;

    private static String web(KarafInstance openswarm, String path) {
        return "http://127.0.0.1:" + openswarm.port(KarafInstance.SWCI_WEB) + path;
    }

    /** The SN's ledger is up and the SWCI web API answers. */
    private static void ready(KarafInstance openswarm) {
        SnClient client = new SnClient(URI.create(openswarm.snApiUrl("/")), openswarm.joinToken(),
                Duration.ofSeconds(60));
        Await.require(Duration.ofSeconds(60), "the ledger", () -> {
            try {
                return client.ledger().ledger().healthy() && !client.nodes().isEmpty();
            } catch (SwarmException e) {
                return false;
            }
        });
        Await.require(Duration.ofSeconds(60), "the SWCI web API", () -> {
            try {
                return exec(openswarm, "pwd").status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static Http.Response exec(KarafInstance openswarm, String command) throws IOException {
        return Http.send(HttpRequest.newBuilder(URI.create(web(openswarm, "/exec?cmd="
                + URLEncoder.encode(command, StandardCharsets.UTF_8)))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static List<String> content(Http.Response response) {
        assertEquals(200, response.status(), response.body());
        Map<String, List<String>> body = GSON.fromJson(response.body(),
                new TypeToken<Map<String, List<String>>>() { }.getType());
        return body.get("CONTENT");
    }

    private static List<String> ok(KarafInstance openswarm, String command) throws IOException {
        List<String> lines = content(exec(openswarm, command));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("ERROR ")), command + " -> " + lines);
        return lines;
    }

    private static Http.Response upload(KarafInstance openswarm, String filename, String text) throws IOException {
        String boundary = "----it" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/x-yaml\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
        return Http.send(HttpRequest.newBuilder(URI.create(web(openswarm, "/uploadTaskDef")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String task(String name) {
        return "Name: " + name + "\nTaskType: MAKE_USER_ENV\nAuthor: it\nPrereq: ROOTTASK\nOutcome: env-" + name
                + "\nBody:\n  BuildSteps:\n    - python3 -m venv .\n    - echo built\n";
    }

    private static void assertError(Http.Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.body().contains("\"error\":\"" + code + "\""), response.body());
    }

    @Test
    void webApiRunsCommandsAndTakesTaskFilesOverHttp(KarafInstance openswarm) throws Exception {
        ready(openswarm);
        String context = unique("web");
        assertEquals(List.of("API Server is UP!", "CONTEXT CREATED : " + context),
                ok(openswarm, "create context " + context + " with ip 127.0.0.1 " + openswarm.port(KarafInstance.SN_API)));
        assertEquals(List.of("DEFAULT CONTEXT SET TO : " + context), ok(openswarm, "switch context " + context));
        assertTrue(ok(openswarm, "list contexts").contains(context + " (current)"));
        assertTrue(ok(openswarm, "get context version").stream().anyMatch(l -> l.startsWith("VERSION")));
        String contract = unique("ct");
        assertEquals(List.of("CONTRACT CREATED : " + contract), ok(openswarm, "create contract " + contract));
        assertTrue(ok(openswarm, "list contracts").contains(contract));

        String missing = unique("missing");
        assertEquals(List.of("ERROR : No task named " + missing),
                content(exec(openswarm, "get task info " + missing)));

        String name = unique("webtask").replace('-', '_');
        assertEquals(List.of("Task definition is valid", "Task definition uploaded : " + name + ".yaml"),
                content(upload(openswarm, name + ".yaml", task(name))));
        List<String> created = ok(openswarm, "create task from " + name + ".yaml");
        assertTrue(created.contains("Task Registered : " + name), created.toString());
        assertTrue(ok(openswarm, "list tasks").contains(name));

        List<String> invalid = content(upload(openswarm, "broken.yaml", "Name: broken\nTaskType: NOPE\nBody: {}\n"));
        assertEquals(1, invalid.size(), invalid.toString());
        assertTrue(invalid.get(0).startsWith("ERROR : Task definition broken.yaml is invalid:"), invalid.get(0));
        assertTrue(invalid.get(0).contains("$.Author") && invalid.get(0).contains("$.TaskType"), invalid.get(0));
        assertFalse(ok(openswarm, "ls").contains("broken.yaml"));

        assertError(Http.send(HttpRequest.newBuilder(URI.create(web(openswarm, "/exec"))).POST(
                HttpRequest.BodyPublishers.noBody())), 400, "BAD_REQUEST");
        assertError(Http.get(web(openswarm, "/exec?cmd=pwd")), 405, "METHOD_NOT_ALLOWED");
        assertError(Http.post(web(openswarm, "/somewhere"), new byte[0]), 404, "NOT_FOUND");
        assertError(Http.post(web(openswarm, "/uploadTaskDef"), task("x").getBytes(StandardCharsets.UTF_8)), 415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void theReferencePythonWrapperDrivesTheWebApi(KarafInstance openswarm) throws Exception {
        ready(openswarm);
        String context = unique("py");
        String name = unique("pytask").replace('-', '_');
        Path yaml = dir.resolve(name + ".yaml");
        Files.writeString(yaml, task(name));
        Path program = dir.resolve("drive_swci.py");
        Files.writeString(program, String.join("\n",
                "import json, os, sys",
                "from swarmlearning.swci import Swci",
                "port, sn_port, ctx, yaml_path, name = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], "
                        + "sys.argv[5]",
                "s = Swci('127.0.0.1', port=port)",
                "out = {}",
                "out['create'] = s.createContext(ctx, ip='127.0.0.1', port=sn_port)",
                "out['switch'] = s.switchContext(ctx)",
                "out['contexts'] = s.listContexts()",
                "out['upload'] = json.loads(s.uploadTaskDefintion(yaml_path))['CONTENT']",
                "out['register'] = s.registerTask(os.path.basename(yaml_path))",
                "out['tasks'] = s.listTasks()",
                "out['info'] = s.getTaskInfo(name)",
                "out['body'] = s.getTaskBody(name)",
                "out['runners'] = s.listTaskRunners()",
                "out['missing'] = s.getTaskInfo('no_such_task_' + name)",
                "out['errors'] = s.getErrors()",
                "out['nodes'] = s.listNodes()",
                "print(json.dumps(out))", ""));
        Path clients = Path.of(System.getProperty("basedir", ".")).resolve("../clients/python").toAbsolutePath()
                .normalize();
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", program.toString(),
                String.valueOf(openswarm.port(KarafInstance.SWCI_WEB)), String.valueOf(openswarm.port(KarafInstance.SN_API)), context,
                yaml.toString(), name).redirectErrorStream(false);
        builder.environment().put("PYTHONPATH", clients.toString());
        Process python = builder.start();
        String stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), stdout + stderr);
        Map<String, Object> out = GSON.fromJson(stdout.strip().lines().reduce((a, b) -> b).orElse("{}"),
                new TypeToken<Map<String, Object>>() { }.getType());
        assertEquals(List.of("API Server is UP!", "CONTEXT CREATED : " + context), out.get("create"), stderr);
        assertEquals(List.of("DEFAULT CONTEXT SET TO : " + context), out.get("switch"));
        assertTrue(((List<?>) out.get("contexts")).contains(context + " (current)"), out.toString());
        assertEquals(List.of("Task definition is valid", "Task definition uploaded : " + name + ".yaml"),
                out.get("upload"));
        assertEquals(List.of("Registered Task : " + name), out.get("register"), stderr);
        assertTrue(((List<?>) out.get("tasks")).contains(name), out.toString());
        assertTrue(((List<?>) out.get("info")).contains("FINALIZED   : true")
                || out.get("info").toString().contains("true"), out.toString());
        assertEquals("0000: ---", ((List<?>) out.get("body")).get(0));
        assertEquals(List.of(), out.get("missing"));
        assertTrue(String.valueOf(out.get("errors")).startsWith("ERROR "), out.toString());
        assertEquals("NodeType,HostIP,Port,ContainerName,UUID,ParentUUID,i-am-alive",
                ((List<?>) out.get("nodes")).get(0));
    }

    @Test
    void swarmSwciRunsAScriptAndTheTypedCommandsReadTheLedger(KarafInstance openswarm) throws Exception {
        ready(openswarm);
        String context = unique("sh");
        String contract = unique("shct");
        String runner = unique("shtr");
        String name = unique("shtask").replace('-', '_');
        Path yaml = openswarm.home().resolve(name + ".yaml");
        Files.writeString(yaml, task(name));
        Path script = openswarm.home().resolve(name + ".swci");
        Files.write(script, List.of("# typed-commands fixture", "EXIT ON FAILURE ON",
                "CREATE CONTEXT " + context + " WITH IP 127.0.0.1 " + openswarm.port(KarafInstance.SN_API),
                "SWITCH CONTEXT " + context, "CREATE CONTRACT " + contract, "CREATE TASKRUNNER " + runner,
                "CREATE TASK FROM " + yaml, "FINALIZE TASK " + name, "EXIT"));
        String out = shellOk(openswarm, "swarm:swci " + script);
        assertTrue(out.contains("# typed-commands fixture"), out);
        assertTrue(out.contains("> CREATE CONTEXT " + context), out);
        assertTrue(out.contains("CONTEXT CREATED : " + context), out);
        assertTrue(out.contains("Task Registered : " + name), out);
        assertTrue(out.contains("Task Finalized : " + name), out);

        assertTrue(shellOk(openswarm, "swarm:contexts").contains(context), "contexts");
        assertTrue(shellOk(openswarm, "swarm:contracts").contains(contract), "contracts");
        String tasks = shellOk(openswarm, "swarm:tasks --no-format");
        assertTrue(tasks.contains(name) && tasks.contains("MAKE_USER_ENV"), tasks);
        assertTrue(shellOk(openswarm, "swarm:taskrunners").contains(runner), "taskrunners");
        assertTrue(shellOk(openswarm, "swarm:task-assign " + name + " " + runner + " --peers 1")
                .contains("Task assigned to TaskRunner"));
        String runners = shellOk(openswarm, "swarm:taskrunners --no-format");
        assertTrue(runners.lines().anyMatch(l -> l.contains(runner) && l.contains(name)), runners);
        assertTrue(shellOk(openswarm, "swarm:perfdata " + contract).contains("No node enrolled in " + contract));

        ShellResult neither = openswarm.shell("swarm:task-assign " + name + " " + runner);
        assertTrue(neither.output().contains("exactly one of"), neither.output());
        Path failing = openswarm.home().resolve(name + "-fails.swci");
        Files.write(failing, List.of("EXIT ON FAILURE ON", "GET TASK INFO no_such_" + name, "LIST TASKS"));
        ShellResult stopped = openswarm.shell("swarm:swci " + failing);
        assertTrue(stopped.output().contains("EXIT ON FAILURE: stopping at line 2"), stopped.output());
        assertFalse(stopped.output().contains("> LIST TASKS"), stopped.output());
        shellOk(openswarm, "swarm:swci " + writeScript(openswarm, "EXIT ON FAILURE OFF"));
    }

    private static Path writeScript(KarafInstance openswarm, String... lines) throws IOException {
        Path file = openswarm.home().resolve(unique("script") + ".swci");
        Files.write(file, List.of(lines));
        return file;
    }

    private static String shellOk(KarafInstance openswarm, String command) {
        ShellResult result = openswarm.shell(command);
        assertEquals(0, result.exitCode(), command + " -> " + result.output());
        assertFalse(result.output().contains("Error executing command"), command + " -> " + result.output());
        return result.output();
    }

    @Test
    void binSwciRunsAnInitScriptWithoutKaraf(KarafInstance openswarm) throws Exception {
        ready(openswarm);
        String context = unique("cli");
        Path script = dir.resolve("init.swci");
        Files.write(script, List.of("# bin/swci fixture", "EXIT ON FAILURE ON",
                "WAIT FOR IP 127.0.0.1 " + openswarm.port(KarafInstance.SN_API),
                "CREATE CONTEXT " + context + " WITH IP 127.0.0.1 " + openswarm.port(KarafInstance.SN_API),
                "SWITCH CONTEXT " + context, "LIST CONTEXTS", "LIST NODES", "EXIT"));
        ShellResult run = openswarm.run(Duration.ofSeconds(120), "bin/swci", "--init-script", script.toString());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("CONTEXT CREATED : " + context), run.output());
        assertTrue(run.output().contains(context + " (current)"), run.output());
        assertTrue(run.output().contains("NodeType,HostIP,Port,ContainerName,UUID,ParentUUID,i-am-alive"),
                run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.matches("(SN|SENTINEL),127\\.0\\.0\\.1,.*")),
                run.output());
        assertFalse(run.output().contains("SWCI:8 >"), "no REPL after EXIT: " + run.output());

        // No context at all: --sn names the SN that ledger commands reach.
        Path fresh = dir.resolve("fresh.swci");
        Files.write(fresh, List.of("LIST CONTRACTS", "EXIT"));
        ShellResult withSn = openswarm.run(Duration.ofSeconds(120), "bin/swci", "--init-script", fresh.toString(),
                "--sn", "127.0.0.1:" + openswarm.port(KarafInstance.SN_API), "--state", dir.resolve("fresh-state").toString());
        assertEquals(0, withSn.exitCode(), withSn.output());
        assertFalse(withSn.output().contains("ERROR"), withSn.output());

        Path failing = dir.resolve("failing.swci");
        Files.write(failing, List.of("EXIT ON FAILURE ON", "GET CONTRACT INFO no-such-" + context, "EXIT"));
        ShellResult failed = openswarm.run(Duration.ofSeconds(120), "bin/swci", "--init-script", failing.toString());
        assertNotEquals(0, failed.exitCode(), failed.output());
        assertTrue(failed.output().contains("EXIT ON FAILURE: stopping at line 2"), failed.output());
    }
}
