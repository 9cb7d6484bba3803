package org.openswarm.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * A JSON schema (draft 2020-12) compiled once, and the problems of a document against it, one operator line each
 * ({@code $.Body.BuildSteps[3]: longer than 160 characters}), in the validator's (document) order, each once.
 * Documents are plain values as {@link YamlDocuments} reads them. Immutable and thread-safe.
 */
public final class DocumentSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Schema schema;
    private final Map<String, Optional<String>> wordings;

    private DocumentSchema(Schema schema, Map<String, Optional<String>> wordings) {
        this.schema = schema;
        this.wordings = Map.copyOf(wordings);
    }

    /** The schema at {@code resource} relative to {@code owner}, as {@link Class#getResourceAsStream} finds it. */
    public static DocumentSchema load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            return load(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema at {@code resource} (a full path such as {@code org/example/x-schema.json}) of {@code loader}. */
    public static DocumentSchema load(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return load(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DocumentSchema load(InputStream in, String resource) throws IOException {
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        JsonNode node = MAPPER.readTree(in);
        return new DocumentSchema(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node),
                Map.of());
    }

    /**
     * This schema with its own wording for {@code keyword}: the line becomes {@code $.path: wording}, or no line at
     * all when {@code wording} is null (for keywords whose errors only repeat a more precise one, e.g. a
     * {@code const} that serves only an if/then condition).
     */
    public DocumentSchema withWording(String keyword, String wording) {
        Map<String, Optional<String>> more = new HashMap<>(wordings);
        more.put(keyword, Optional.ofNullable(wording));
        return new DocumentSchema(schema, more);
    }

    /** Every problem of {@code document} (plain values), each once; empty when it is valid. */
    public List<String> problems(Object document) {
        JsonNode node = MAPPER.valueToTree(document);
        Set<String> out = new LinkedHashSet<>();
        for (Error error : schema.validate(node)) {
            String line = describe(error);
            if (line != null) {
                out.add(line);
            }
        }
        return new ArrayList<>(out);
    }

    private String describe(Error error) {
        Optional<String> own = error.getKeyword() == null ? null : wordings.get(error.getKeyword());
        if (own != null) {
            return own.map(w -> ProblemWording.path(error.getInstanceLocation()) + ": " + w).orElse(null);
        }
        return ProblemWording.describe(error);
    }
}
