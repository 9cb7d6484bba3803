package org.openswarm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openswarm.itests.harness.Await;
import org.openswarm.itests.harness.Http;
import org.openswarm.itests.harness.KarafInstance;
import org.openswarm.itests.harness.SharedInstance;

/** Training contracts, tasks and taskrunners through the sentinel's SN API. */
@ExtendWith(SharedInstance.class)
class ContractRoutesIT {
    private static final Duration READY = Duration.ofSeconds(60);

    private static void awaitLedger(KarafInstance sn) {
        Await.require(READY, "the ledger", () -> {
            try {
                return Http.get(sn.snApiUrl("/contracts"), sn.joinToken()).status() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Http.Response get(KarafInstance sn, String path) throws Exception {
        return Http.get(sn.snApiUrl(path), sn.joinToken());
    }

    private static Http.Response post(KarafInstance sn, String path, Object body) throws Exception {
        return Http.postJson(sn.snApiUrl(path), sn.joinToken(), body);
    }

    private static Http.Response delete(KarafInstance sn, String path) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(sn.snApiUrl(path))).header("X-Swarm-Token", sn.joinToken())
                .DELETE());
    }

    private static Http.Response postRaw(KarafInstance sn, String path, String body) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(sn.snApiUrl(path))).header("X-Swarm-Token", sn.joinToken())
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
    }

    private static Map<?, ?> ok(int status, Http.Response response) {
        assertEquals(status, response.status(), response.body());
        return status == 204 ? Map.of() : response.json(Map.class);
    }

    private static List<?> names(Http.Response response) {
        assertEquals(200, response.status(), response.body());
        return ((List<?>) response.json(List.class)).stream().map(e -> ((Map<?, ?>) e).get("name")).toList();
    }

    private void finalizedTask(KarafInstance sn, String task) throws Exception {
        ok(201, post(sn, "/tasks", Map.of("name", task, "taskType", "PULL_IMAGE", "author", "itest", "prereq",
                "ROOTTASK", "outcome", "tensorflow:2.7.0")));
        ok(200, post(sn, "/tasks/" + task + "/body", Map.of("lines", List.of("Tag: 2.7.0", "RepoName: tf"))));
        ok(200, post(sn, "/tasks/" + task + "/finalize", Map.of()));
    }

    @Test
    void theDefaultsExistAfterBoot(KarafInstance sn) throws Exception {
        awaitLedger(sn);
        assertTrue(names(get(sn, "/contracts")).contains("defaultbb.cqdb.sml.hpe"));
        assertTrue(names(get(sn, "/taskrunners")).contains("defaulttaskbb.taskdb.sml.hpe"));
        Map<?, ?> info = ok(200, get(sn, "/contracts/defaultbb.cqdb.sml.hpe"));
        assertEquals("defaultbb.cqdb.sml.hpe", info.get("name"));
        assertEquals(600.0, info.get("leaderTimeoutSeconds"));
        assertEquals("ACTIVE", info.get("status"));
        Map<?, ?> runner = ok(200, get(sn, "/taskrunners/defaulttaskbb.taskdb.sml.hpe"));
        assertTrue(String.valueOf(runner.get("address")).matches("0x[0-9a-fA-F]{40}"), runner.toString());
    }

    @Test
    void aTaskIsCreatedAppendedFinalizedAndListed(KarafInstance sn) throws Exception {
        awaitLedger(sn);
        String task = unique("build");
        Map<?, ?> created = ok(201, post(sn, "/tasks", Map.of("name", task, "taskType", "MAKE_USER_CONTAINER",
                "author", "itest", "prereq", "ROOTTASK", "outcome", "user-env:1")));
        assertEquals(false, created.get("finalized"));
        assertEquals("MAKE_USER_CONTAINER", ((Map<?, ?>) created.get("header")).get("taskType"));
        Map<?, ?> appended = ok(200, post(sn, "/tasks/" + task + "/body",
                Map.of("lines", List.of("BuildContext: sl-cli-lib", "BuildType: INLINE"))));
        assertEquals(2.0, appended.get("bodyLineCount"));
        ok(200, post(sn, "/tasks/" + task + "/body", Map.of("lines", List.of("BuildType: INLINE"), "from", 1)));
        ok(200, post(sn, "/tasks/" + task + "/body", Map.of("lines", List.of("BuildSteps:"))));
        assertEquals(Map.of("name", task, "lines", List.of("BuildContext: sl-cli-lib", "BuildType: INLINE",
                "BuildSteps:")), ok(200, get(sn, "/tasks/" + task + "/body")));
        Map<?, ?> finalized = ok(200, post(sn, "/tasks/" + task + "/finalize", Map.of()));
        assertEquals(true, finalized.get("finalized"));
        assertEquals(true, ok(200, get(sn, "/tasks/" + task)).get("finalized"));
        assertTrue(((List<?>) get(sn, "/tasks").json(List.class)).contains(task));
        assertEquals(409, delete(sn, "/tasks/" + task).status(), "a finalized task cannot be deleted");
        assertEquals(409, post(sn, "/tasks/" + task + "/body", Map.of("lines", List.of("late"))).status());

        String broken = unique("broken");
        ok(201, post(sn, "/tasks", Map.of("name", broken, "taskType", "run_swarm", "author", "a", "prereq", task,
                "outcome", "o")));
        ok(204, delete(sn, "/tasks/" + broken));
        assertEquals(404, get(sn, "/tasks/" + broken).status());
    }

    @Test
    void aTaskRunsOnATaskrunnerUntilItsPeerIsComplete(KarafInstance sn) throws Exception {
        awaitLedger(sn);
        String task = unique("pull");
        String runner = unique("runner.itest");
        String swop = UUID.randomUUID().toString();
        Map<?, ?> created = ok(201, post(sn, "/taskrunners", Map.of("name", runner)));
        assertEquals("IDLE", created.get("state"));
        assertEquals(409, post(sn, "/taskrunners", Map.of("name", runner)).status(), "the name is taken");
        assertTrue(names(get(sn, "/taskrunners")).contains(runner));

        ok(201, post(sn, "/tasks", Map.of("name", task, "taskType", "PULL_IMAGE", "author", "itest", "prereq",
                "ROOTTASK", "outcome", "tf:2.7.0")));
        Http.Response unfinalized = post(sn, "/taskrunners/" + runner + "/assign", Map.of("task", task, "peers", 1));
        assertEquals(409, unfinalized.status(), unfinalized.body());
        assertTrue(unfinalized.body().contains("TaskRunner: task is not finalized"), unfinalized.body());
        ok(200, post(sn, "/tasks/" + task + "/finalize", Map.of()));

        ok(204, post(sn, "/taskrunners/" + runner + "/swops", Map.of("uid", swop)));
        Map<?, ?> assigned = ok(200, post(sn, "/taskrunners/" + runner + "/assign", Map.of("task", task, "peers", 1)));
        assertEquals("RUNNING", assigned.get("state"));
        assertEquals(task, assigned.get("currentTask"));
        assertEquals(1.0, assigned.get("assignmentId"));
        ok(204, post(sn, "/taskrunners/" + runner + "/claim", Map.of("uid", swop)));
        ok(204, post(sn, "/taskrunners/" + runner + "/peers/" + swop + "/status",
                Map.of("status", "COMPLETE", "description", "image pulled")));
        Map<?, ?> done = ok(200, get(sn, "/taskrunners/" + runner));
        assertEquals("COMPLETE", done.get("state"));
        assertEquals(List.of(Map.of("uid", swop, "status", "COMPLETE", "description", "image pulled", "pairs", 1.0)),
                done.get("peers"));
        assertEquals(true, done.get("countsPairs"), "a quorum of n peers counts the pairs the SWOPs claim");
        assertEquals(List.of(swop), done.get("enrolledSwops"));
        Map<?, ?> reset = ok(200, post(sn, "/taskrunners/" + runner + "/reset", Map.of()));
        assertEquals("IDLE", reset.get("state"));
    }

    @Test
    void aTrainingContractIsCreatedReadAndReset(KarafInstance sn) throws Exception {
        awaitLedger(sn);
        String name = unique("mnist.contract");
        Map<?, ?> created = ok(201, post(sn, "/contracts", Map.of("name", name, "leaderTimeoutSeconds", 42)));
        assertEquals(42.0, created.get("leaderTimeoutSeconds"));
        assertEquals(1.0, created.get("currentRound"));
        Http.Response again = post(sn, "/contracts", Map.of("name", name));
        assertEquals(409, again.status());
        assertTrue(again.body().contains("training contract already exists"), again.body());
        assertTrue(names(get(sn, "/contracts")).contains(name));
        Map<?, ?> info = ok(200, get(sn, "/contracts/" + name));
        assertEquals(created.get("address"), info.get("address"));
        Map<?, ?> status = ok(200, get(sn, "/contracts/" + name + "/status"));
        assertEquals(List.of(), status.get("nodes"));
        assertEquals(name, ((Map<?, ?>) status.get("contract")).get("name"));
        assertEquals("ACTIVE", ok(200, post(sn, "/contracts/" + name + "/reset", Map.of())).get("status"));
        Map<?, ?> defaulted = ok(201, post(sn, "/contracts", Map.of("name", unique("plain"))));
        assertEquals(600.0, defaulted.get("leaderTimeoutSeconds"));
    }

    @Test
    void everyRouteNeedsTheJoinToken(KarafInstance sn) throws Exception {
        for (String path : List.of("/contracts", "/contracts/defaultbb.cqdb.sml.hpe", "/tasks", "/tasks/x/body",
                "/taskrunners", "/taskrunners/defaulttaskbb.taskdb.sml.hpe")) {
            assertEquals(401, Http.get(sn.snApiUrl(path)).status(), path);
            assertEquals(401, Http.get(sn.snApiUrl(path), "not-the-token").status(), path);
        }
        for (String path : List.of("/contracts", "/tasks", "/taskrunners", "/tasks/x/finalize",
                "/taskrunners/defaulttaskbb.taskdb.sml.hpe/assign", "/contracts/defaultbb.cqdb.sml.hpe/reset"))
            assertEquals(401, Http.post(sn.snApiUrl(path), "{}".getBytes()).status(), path);
    }

    @Test
    void badInputGets400AndUnknownNames404(KarafInstance sn) throws Exception {
        awaitLedger(sn);
        String runner = "/taskrunners/defaulttaskbb.taskdb.sml.hpe";
        assertEquals(400, postRaw(sn, "/tasks", "{oops").status());
        assertEquals(400, postRaw(sn, "/contracts", "").status(), "no body");
        assertEquals(400, post(sn, "/contracts", Map.of()).status(), "name missing");
        assertEquals(400, post(sn, "/contracts", Map.of("name", "x".repeat(161))).status(), "name too long");
        assertEquals(400, post(sn, "/contracts", Map.of("name", "c", "leaderTimeoutSeconds", 0)).status());
        assertEquals(400, postRaw(sn, "/contracts", "{\"name\":\"c\",\"leaderTimeoutSeconds\":\"soon\"}").status());
        assertEquals(400, post(sn, "/tasks", Map.of("name", "t", "taskType", "BAKE_CAKE")).status(), "unknown type");
        assertEquals(400, post(sn, "/tasks", Map.of("taskType", "RUN_SWARM")).status(), "name missing");
        assertEquals(400, post(sn, "/tasks", Map.of("name", "t", "taskType", "RUN_SWARM", "author", "a".repeat(161)))
                .status());
        assertEquals(400, post(sn, "/tasks/x/body", Map.of("lines", List.of())).status(), "no lines");
        assertEquals(400, post(sn, "/tasks/x/body", Map.of("lines", List.of("l".repeat(161)))).status());
        assertEquals(400, postRaw(sn, "/tasks/x/body", "{\"lines\":\"not a list\"}").status());
        assertEquals(400, post(sn, "/taskrunners", Map.of()).status());
        assertEquals(400, post(sn, runner + "/assign", Map.of("task", "t")).status(), "no peer mode");
        assertEquals(400, post(sn, runner + "/assign", Map.of("task", "t", "peers", 0)).status(), "peers >= 1");
        assertEquals(400, post(sn, runner + "/assign", Map.of("task", "t", "peers", 1, "allPeers", true)).status());
        assertEquals(400, post(sn, runner + "/assign", Map.of("task", "t", "target", "not-a-uuid")).status());
        assertEquals(400, post(sn, runner + "/swops", Map.of("uid", "nope")).status());
        assertEquals(400, post(sn, runner + "/claim", Map.of()).status());
        assertEquals(400, post(sn, runner + "/claim", Map.of("uid", UUID.randomUUID().toString(), "pairs", 0))
                .status(), "a claim runs at least one pair");
        assertEquals(400, post(sn, runner + "/claim", Map.of("uid", UUID.randomUUID().toString(), "pairs", 65_536))
                .status(), "pairs fit the contract's uint16");
        assertEquals(400, post(sn, runner + "/peers/not-a-uuid/status", Map.of("status", "COMPLETE")).status());
        assertEquals(400, post(sn, runner + "/peers/" + UUID.randomUUID() + "/status", Map.of("status", "DONE"))
                .status());

        assertEquals(404, get(sn, "/contracts/no.such.contract").status());
        assertEquals(404, get(sn, "/contracts/no.such.contract/status").status());
        assertEquals(404, post(sn, "/contracts/no.such.contract/reset", Map.of()).status());
        assertEquals(404, get(sn, "/contracts/defaulttaskbb.taskdb.sml.hpe").status(), "a taskrunner, not a contract");
        assertEquals(404, get(sn, "/tasks/no.such.task").status());
        assertEquals(404, get(sn, "/tasks/no.such.task/body").status());
        assertEquals(404, post(sn, "/tasks/no.such.task/body", Map.of("lines", List.of("a"))).status());
        assertEquals(404, post(sn, "/tasks/no.such.task/finalize", Map.of()).status());
        assertEquals(404, delete(sn, "/tasks/no.such.task").status());
        assertEquals(404, get(sn, "/taskrunners/no.such.runner").status());
        assertEquals(404, post(sn, "/taskrunners/no.such.runner/swops", Map.of("uid", UUID.randomUUID().toString()))
                .status());
        assertEquals(404, post(sn, runner + "/assign", Map.of("task", "no.such.task", "peers", 1)).status());
        assertEquals(409, post(sn, runner + "/claim", Map.of("uid", UUID.randomUUID().toString())).status(),
                "a SWOP that is not enrolled cannot claim");
    }

    @Test
    void roundRoutesSpeakJsonAndRefuseBadInput(KarafInstance sn) throws Exception {
        awaitLedger(sn);
        String name = unique("round.routes");
        String base = "/contracts/" + name;
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String context = "ab".repeat(32);
        for (String path : List.of(base + "/enroll", base + "/rounds/1/checkin", base + "/rounds/1/freeze",
                base + "/rounds/1/merged", base + "/rounds/1/failover", base + "/perf", base + "/checkout"))
            // No body: a 401 that leaves a request body unread may close the connection under the next request.
            assertEquals(401, Http.send(HttpRequest.newBuilder(URI.create(sn.snApiUrl(path)))
                    .POST(BodyPublishers.noBody())).status(), path);
        assertEquals(401, Http.get(sn.snApiUrl(base + "/rounds/1")).status());

        ok(201, post(sn, "/contracts", Map.of("name", name, "leaderTimeoutSeconds", 60)));
        Map<?, ?> enrolled = ok(200, post(sn, base + "/enroll", Map.of("uid", a, "contextHash", context.toUpperCase(),
                "minPeers", 1, "eligibleLeader", true)));
        assertEquals(context, enrolled.get("contextHash"));
        assertEquals(1.0, enrolled.get("enrolledCount"));
        ok(200, post(sn, base + "/enroll", Map.of("uid", b, "contextHash", context, "minPeers", 1,
                "eligibleLeader", false)));
        Http.Response rejoin = post(sn, base + "/enroll", Map.of("uid", b, "contextHash", "cd".repeat(32),
                "minPeers", 1, "eligibleLeader", false));
        assertEquals(409, rejoin.status(), rejoin.body());
        assertTrue(rejoin.body().contains("cannot change ML context"), rejoin.body());

        assertEquals(Map.of("round", 1.0), ok(200, post(sn, base + "/rounds/1/checkin",
                Map.of("uid", a, "paramHash", "11".repeat(32), "weight", 100))));
        Map<?, ?> round = ok(200, get(sn, base + "/rounds/1"));
        assertEquals(a, round.get("leader"));
        assertEquals(false, round.get("frozen"));
        assertEquals(List.of(Map.of("uid", a, "paramHash", "11".repeat(32), "weight", 100.0)), round.get("checkins"));
        Map<?, ?> frozen = ok(200, post(sn, base + "/rounds/1/freeze", Map.of("uid", a, "participants", List.of(a))));
        assertEquals(true, frozen.get("frozen"));
        assertEquals(List.of(a), frozen.get("participants"));
        assertEquals(Map.of("round", 2.0), ok(200, post(sn, base + "/rounds/1/checkin",
                Map.of("uid", b, "paramHash", "22".repeat(32), "weight", 1))), "late: the next round");
        assertEquals("33".repeat(32), ok(200, post(sn, base + "/rounds/1/merged",
                Map.of("uid", a, "mergedHash", "33".repeat(32)))).get("mergedHash"));
        ok(204, post(sn, base + "/perf", Map.of("uid", a, "round", 1, "loss", 0.5, "metric", 0.9, "epochsDone", 1,
                "totalEpochs", 2)));
        ok(204, post(sn, base + "/checkout", Map.of("uid", a, "mode", "snapshot")));
        Map<?, ?> status = ok(200, get(sn, base + "/status"));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) status.get("nodes")).get(0);
        assertEquals("SNAPSHOT", first.get("checkoutMode"));
        assertEquals(0.5, ((Map<?, ?>) first.get("perf")).get("loss"));
        ok(204, post(sn, base + "/checkout", Map.of("uid", b, "mode", "Inactive")));
        assertEquals("FINISHED", ((Map<?, ?>) ok(200, get(sn, base + "/status")).get("contract")).get("status"));

        for (String r : List.of("0", "-1", "abc", "1.5", "99999999999999999999"))
            assertEquals(400, get(sn, base + "/rounds/" + r).status(), r);
        String checkin = base + "/rounds/2/checkin";
        assertEquals(400, post(sn, base + "/rounds/0/checkin", Map.of("uid", a, "paramHash", "11".repeat(32),
                "weight", 1)).status());
        assertEquals(400, post(sn, checkin, Map.of("uid", "nope", "paramHash", "11".repeat(32), "weight", 1)).status());
        assertEquals(400, post(sn, checkin, Map.of("uid", a, "paramHash", "11", "weight", 1)).status());
        assertEquals(400, post(sn, checkin, Map.of("uid", a, "paramHash", "11".repeat(32), "weight", 0)).status());
        assertEquals(400, post(sn, checkin, Map.of("uid", a, "paramHash", "11".repeat(32), "weight", 101)).status());
        assertEquals(400, post(sn, checkin, Map.of("uid", a, "paramHash", "11".repeat(32))).status(), "no weight");
        assertEquals(400, postRaw(sn, checkin, "{oops").status());
        assertEquals(400, post(sn, base + "/enroll", Map.of("uid", a, "contextHash", context, "minPeers", 1))
                .status(), "no eligibleLeader");
        assertEquals(400, post(sn, base + "/rounds/2/freeze", Map.of("uid", a)).status(), "no participants");
        assertEquals(400, post(sn, base + "/rounds/2/merged", Map.of("uid", a, "mergedHash", "xyz")).status());
        assertEquals(400, post(sn, base + "/rounds/2/failover", Map.of()).status());
        assertEquals(400, post(sn, base + "/perf", Map.of("uid", a, "round", 1, "loss", 0.5)).status());
        assertEquals(400, post(sn, base + "/checkout", Map.of("uid", a, "mode", "LATER")).status());
        assertEquals(404, get(sn, "/contracts/no.such.contract/rounds/1").status());
    }
}
