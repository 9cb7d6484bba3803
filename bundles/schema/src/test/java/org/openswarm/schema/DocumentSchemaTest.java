package org.openswarm.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DocumentSchemaTest {

    private final DocumentSchema schema = DocumentSchema.load(DocumentSchemaTest.class, "sample-schema.json");

    private List<String> problems(String yaml) throws InvalidDocumentException {
        return schema.problems(YamlDocuments.readOne(yaml, "a sample"));
    }

    @Test
    void aValidDocumentHasNoProblems() throws Exception {
        assertEquals(List.of(), problems("Name: ok\nKind: A\nBody: { Steps: [a, b], port: 80, one: { k: v } }\n"));
    }

    @Test
    void eachProblemIsOneLineWithItsPathInDocumentOrder() throws Exception {
        assertEquals(List.of(
                "$.Name: longer than 8 characters",
                "$.Kind: must be one of [\"A\", \"B\"]",
                "$.Body.Steps[1]: longer than 10 characters",
                "$.Body.port: is string, expected [integer, null]",
                "$.Body.extra: unknown field (not allowed here)"),
                problems("Name: far-too-long\nKind: C\nBody: { Steps: [a, bbbbbbbbbbbbb], port: x, extra: 1 }\n"));
    }

    @Test
    void missingFieldsCountsAndBoundsAreWorded() throws Exception {
        assertEquals(List.of("$.Body: required field is missing"), problems("Name: n\n"));
        assertEquals(List.of("$.Name: shorter than 1 characters"), problems("Name: ''\nBody: {}\n"));
        assertEquals(List.of("$.Body.Steps: fewer than 1 items"), problems("Name: n\nBody: { Steps: [] }\n"));
        assertEquals(List.of("$.Body.Steps: more than 3 items"), problems("Name: n\nBody: { Steps: [a, b, c, d] }\n"));
        assertEquals(List.of("$.Body.Steps: items must be unique"), problems("Name: n\nBody: { Steps: [a, a] }\n"));
        assertEquals(List.of("$.Body.port: must be at least 1"), problems("Name: n\nBody: { port: 0 }\n"));
        assertEquals(List.of("$.Body.port: must be at most 65535"), problems("Name: n\nBody: { port: 70000 }\n"));
        assertEquals(List.of("$.Body.one: must hold exactly one key"), problems("Name: n\nBody: { one: { a: 1, b: 2 } }\n"));
    }

    @Test
    void aBundleMayWordOrSilenceAKeyword() throws Exception {
        String yaml = "Name: far-too-long\nKind: C\nBody: {}\n";
        assertEquals(List.of("$.Name: longer than 8 characters", "$.Kind: must be one of [\"A\", \"B\"]"),
                problems(yaml));
        DocumentSchema worded = schema.withWording("enum", "must be A or B").withWording("maxLength", null);
        assertEquals(List.of("$.Kind: must be A or B"), worded.problems(YamlDocuments.readOne(yaml, "a sample")));
        assertEquals(2, problems(yaml).size(), "withWording leaves the original schema as it was");
    }

    @Test
    void aMissingSchemaResourceFailsAtLoad() {
        assertThrows(IllegalStateException.class, () -> DocumentSchema.load(DocumentSchemaTest.class, "none.json"));
        assertThrows(IllegalStateException.class,
                () -> DocumentSchema.load(DocumentSchemaTest.class.getClassLoader(), "org/openswarm/schema/none.json"));
        DocumentSchema byLoader = DocumentSchema.load(DocumentSchemaTest.class.getClassLoader(),
                "org/openswarm/schema/sample-schema.json");
        assertEquals(List.of("$: required field is missing".replace("$:", "$.Name:")), byLoader.problems(
                java.util.Map.of("Body", java.util.Map.of())));
    }
}
