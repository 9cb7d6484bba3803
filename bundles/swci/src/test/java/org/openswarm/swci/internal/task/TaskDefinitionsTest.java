package org.openswarm.swci.internal.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openswarm.api.ledger.TaskType;

class TaskDefinitionsTest {

    private final TaskDefinitions definitions = new TaskDefinitions();

    private static String resource(String name) throws IOException {
        try (InputStream in = TaskDefinitionsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private TaskDefinition valid(String name) throws Exception {
        return definitions.parse(name, resource(name));
    }

    private List<String> problems(String yaml) {
        return assertThrows(InvalidTaskDefinitionException.class, () -> definitions.parse("t.yaml", yaml))
                .problems();
    }

    @Test
    void runSwarmExampleIsValid() throws Exception {
        TaskDefinition task = valid("swarm_mnist_task.yaml");
        assertEquals("swarm_mnist_task", task.name());
        assertEquals(TaskType.RUN_SWARM, task.type());
        assertEquals("user_env_tf_build_task", task.prereq());
        assertEquals("python3", task.body().get("Entrypoint"));
        assertEquals("---", task.bodyLines().get(0));
    }

    @Test
    void contentExampleIsValid() throws Exception {
        TaskDefinition task = valid("download-task-mnist-local.yaml");
        assertEquals(TaskType.MAKE_SWARM_USER_CONTENT, task.type());
        assertEquals("mnist-msn", task.outcome());
    }

    @Test
    void pullExampleIsValidWithNullAuth() throws Exception {
        TaskDefinition task = valid("pull-task-tf2.yaml");
        assertEquals(TaskType.PULL_IMAGE, task.type());
        assertNull(task.body().get("Auth"));
        assertTrue(task.body().containsKey("Auth"));
    }

    @Test
    void buildExampleIsValid() throws Exception {
        TaskDefinition task = valid("user_env_tf_build_task.yaml");
        assertEquals(TaskType.MAKE_USER_CONTAINER, task.type());
        assertEquals("user-env-tf2.7.0-swop", task.outcome());
        assertEquals(new org.openswarm.api.ledger.TaskHeader("user_env_tf_build_task", TaskType.MAKE_USER_CONTAINER,
                "HPESwarm", "ROOTTASK", "user-env-tf2.7.0-swop"), task.header());
    }

    @Test
    void makeUserEnvIsValid() throws Exception {
        TaskDefinition task = valid("user_env_py_build_task.yaml");
        assertEquals(TaskType.MAKE_USER_ENV, task.type());
        assertEquals(List.of("python3 -m venv --system-site-packages .", "bin/pip install numpy"),
                task.body().get("BuildSteps"));
    }

    @Test
    void everyBodyLineFitsTheRegistryAndDecodesBack() throws Exception {
        for (String name : List.of("swarm_mnist_task.yaml", "download-task-mnist-local.yaml", "pull-task-tf2.yaml",
                "user_env_tf_build_task.yaml", "user_env_py_build_task.yaml")) {
            TaskDefinition task = valid(name);
            for (String line : task.bodyLines()) {
                assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 160, name + ": " + line);
            }
            assertEquals(task.body(), TaskBodyCodec.decode(task.bodyLines()), name);
        }
    }

    @Test
    void headerLimitsAndUnknownFieldsAreAllListed() {
        String yaml = """
                Name: %s
                TaskType: MAKE_USER_ENV
                Author: ""
                Outcome: env
                Colour: blue
                Body:
                  BuildSteps: [ok]
                """.formatted("n".repeat(161));
        List<String> problems = problems(yaml);
        assertTrue(problems.contains("$.Name: longer than 160 characters"), problems.toString());
        assertTrue(problems.contains("$.Author: shorter than 1 characters"), problems.toString());
        assertTrue(problems.contains("$.Prereq: required field is missing"), problems.toString());
        assertTrue(problems.contains("$.Colour: unknown field (not allowed here)"), problems.toString());
        assertEquals(4, problems.size(), problems.toString());
    }

    @Test
    void makeUserEnvBodyProblemsNameTheirPath() {
        String yaml = """
                Name: env
                TaskType: MAKE_USER_ENV
                Author: me
                Prereq: ROOTTASK
                Outcome: env
                Body:
                  BuildSteps: [a, b, c, %s, 7]
                  BuildType: INLINE
                """.formatted("x".repeat(161));
        List<String> problems = problems(yaml);
        assertTrue(problems.contains("$.Body.BuildSteps[3]: longer than 160 characters"), problems.toString());
        assertTrue(problems.contains("$.Body.BuildSteps[4]: is integer, expected string"), problems.toString());
        assertTrue(problems.contains("$.Body.BuildType: unknown field (not allowed here)"), problems.toString());
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void tooManyOrNoBuildSteps() {
        String base = "Name: env\nTaskType: MAKE_USER_ENV\nAuthor: me\nPrereq: ROOTTASK\nOutcome: env\n";
        assertEquals(List.of("$.Body.BuildSteps: fewer than 1 items"),
                problems(base + "Body:\n  BuildSteps: []\n"));
        String many = "Body:\n  BuildSteps:\n" + "  - step\n".repeat(81);
        assertEquals(List.of("$.Body.BuildSteps: more than 80 items"), problems(base + many));
        assertEquals(List.of("$.Body.BuildSteps: required field is missing"), problems(base + "Body: {}\n"));
    }

    @Test
    void brokenRunSwarmListsEveryProblem() {
        String yaml = """
                Name: run
                TaskType: RUN_SWARM
                Author: me
                Prereq: build
                Outcome: run
                Body:
                  Command: train.py
                  WorkingDir: /
                  Envvars: null
                  PrivateContent: null
                  SharedContent:
                  - { Src: /data, Tgt: /mnt, MType: NFS }
                """;
        List<String> problems = problems(yaml);
        assertTrue(problems.contains("$.Body.Entrypoint: required field is missing"), problems.toString());
        assertTrue(problems.contains("$.Body.WorkingDir: shorter than 2 characters"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.Body.SharedContent[0].MType: must be one of")),
                problems.toString());
    }

    @Test
    void brokenPullAndContentBodies() {
        List<String> pull = problems("""
                Name: p
                TaskType: PULL_IMAGE
                Author: me
                Prereq: ROOTTASK
                Outcome: img
                Body: { Tag: "", RepoName: r }
                """);
        assertTrue(pull.contains("$.Body.Tag: shorter than 1 characters"), pull.toString());
        assertTrue(pull.contains("$.Body.OrgAndReg: required field is missing"), pull.toString());
        assertTrue(pull.contains("$.Body.Auth: required field is missing"), pull.toString());
        List<String> content = problems("""
                Name: c
                TaskType: MAKE_SWARM_USER_CONTENT
                Author: me
                Prereq: ROOTTASK
                Outcome: vol
                Body:
                  ContentType: SWARMCONTENT
                  OpsList:
                  - { Operation: COPY, Target: x, Options: [ In: y ] }
                """);
        assertTrue(content.stream().anyMatch(p -> p.startsWith("$.Body.OpsList[0].Operation: must be one of")),
                content.toString());
        assertTrue(content.contains("$.Body.OpsList[0].Options[0].In: unknown field (not allowed here)"),
                content.toString());
    }

    @Test
    void unknownTaskTypeIsNamed() {
        List<String> problems = problems("Name: x\nTaskType: BUILD_SWARM\nAuthor: a\nPrereq: b\nOutcome: c\n"
                + "Body: {}\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("$.TaskType: must be one of"), problems.toString());
    }

    @Test
    void malformedYamlGivesLineAndColumn() {
        List<String> problems = problems("Name: x\nTaskType: [RUN_SWARM\nAuthor: a\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("malformed YAML at line "), problems.get(0));
        assertTrue(problems.get(0).contains("column"), problems.get(0));
    }

    @Test
    void duplicateKeysAreRejected() {
        List<String> problems = problems("Name: x\nName: y\n");
        assertTrue(problems.get(0).contains("line 2"), problems.toString());
    }

    @Test
    void notAMappingAndSeveralDocuments() {
        assertEquals(List.of("$: is string, expected object"), problems("just text\n"));
        assertTrue(problems("Name: a\n---\nName: b\n").get(0).contains("exactly one YAML document"));
    }

    @Test
    void javaTypeTagsAreNotConstructed() {
        List<String> problems = problems("Name: !!javax.script.ScriptEngineManager [x]\n");
        assertTrue(problems.get(0).startsWith("malformed YAML"), problems.toString());
    }

    @Test
    void schemaResourceMatchesTheDocsCopy() throws Exception {
        java.nio.file.Path docs = java.nio.file.Path.of("../../docs/task-schema.json");
        if (java.nio.file.Files.exists(docs)) {
            assertEquals(resource(TaskSchema.RESOURCE), java.nio.file.Files.readString(docs));
        }
    }

    @Test
    void decodeRejectsNonMappings() {
        assertThrows(IllegalArgumentException.class, () -> TaskBodyCodec.decode(List.of("---", "- a")));
        assertEquals(Map.of(), TaskBodyCodec.decode(List.of("---")));
    }
}
