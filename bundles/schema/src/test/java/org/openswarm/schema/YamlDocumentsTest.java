package org.openswarm.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class YamlDocumentsTest {

    @Test
    void readsPlainMapsListsAndScalarsWithStringKeys() throws Exception {
        Object doc = YamlDocuments.readOne("a: 1\n2: [x, ~, true]\nwhen: 2024-01-02T03:04:05Z\n", "a file");
        assertEquals(Map.of("a", 1, "2", java.util.Arrays.asList("x", null, true), "when", "2024-01-02T03:04:05Z"),
                doc);
    }

    @Test
    void duplicateKeysAreErrorsWithTheirPosition() {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> YamlDocuments.readOne("a: 1\nb: 2\na: 3\n", "a file"));
        assertEquals(1, e.problems().size());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("malformed YAML at line 3, column 1: found duplicate key a"), problem);
    }

    @Test
    void noTagBuildsAJavaType() {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> YamlDocuments.readOne(
                "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://h/\"]]]]\n",
                "a file"));
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("malformed YAML at line 1, column 4: "), problem);
        assertTrue(problem.contains("javax.script.ScriptEngineManager"), problem);
    }

    @Test
    void malformedYamlNamesLineAndColumnCountedFromOne() {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> YamlDocuments.readOne("a: 1\nb: [1, 2\nc: 3\n", "a file"));
        String problem = e.problems().get(0);
        assertTrue(problem.matches("malformed YAML at line 3, column 2: .+"), problem);
        assertTrue(e.getMessage().startsWith("Invalid document:\n  malformed YAML at line 3"), e.getMessage());
    }

    @Test
    void oneFileHoldsExactlyOneDocument() throws Exception {
        InvalidDocumentException none = assertThrows(InvalidDocumentException.class,
                () -> YamlDocuments.readOne("", "a task file"));
        assertEquals(List.of("a task file holds exactly one YAML document, found 0"), none.problems());
        InvalidDocumentException two = assertThrows(InvalidDocumentException.class,
                () -> YamlDocuments.readOne("a: 1\n---\nb: 2\n", "a profile"));
        assertEquals(List.of("a profile holds exactly one YAML document, found 2"), two.problems());
        assertEquals(2, YamlDocuments.readAll("a: 1\n---\nb: 2\n").size());
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("b").append(i).append(": &b").append(i).append(" [*a, *a]\n");
        }
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> YamlDocuments.readAll(yaml.toString()));
        assertTrue(e.problems().get(0).startsWith("malformed YAML"), e.problems().toString());
    }
}
