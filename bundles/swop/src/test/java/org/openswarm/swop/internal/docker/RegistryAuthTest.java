package org.openswarm.swop.internal.docker;

import com.github.dockerjava.api.model.AuthConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PULL_IMAGE's image name and Auth forms (reference §5.5). */
class RegistryAuthTest {

    @Test
    void imageReferencesJoinOrgAndRegRepoNameAndTag() {
        assertEquals("hub.docker.hpecorp.net/hub/tensorflow-tensorflow:2.7.0",
                RegistryAuth.imageReference("hub.docker.hpecorp.net/hub/", "tensorflow-tensorflow", "2.7.0"));
        assertEquals("myorg/app:latest", RegistryAuth.imageReference("myorg", "app", "latest"));
        assertEquals("app:1", RegistryAuth.imageReference(null, "app", "1"));
        assertThrows(IllegalArgumentException.class, () -> RegistryAuth.imageReference("x/", "app", " "));
        assertEquals("hub.docker.hpecorp.net", RegistryAuth.registryOf("hub.docker.hpecorp.net/hub/tf:2.7.0"));
        assertEquals("localhost:5000", RegistryAuth.registryOf("localhost:5000/app"));
        assertEquals("docker.io", RegistryAuth.registryOf("tensorflow/tensorflow:2.7.0"));
    }

    @Test
    void aConfigJsonGivesTheRegistrysCredentials(@TempDir Path dir) throws IOException {
        String auth = Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8));
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"auths\":{\"registry.example.org\":{\"auth\":\"" + auth + "\"}}}");
        AuthConfig a = RegistryAuth.fromConfigFile(config, "registry.example.org");
        assertEquals("bob", a.getUsername());
        assertEquals("pw", a.getPassword());
        assertEquals("registry.example.org", a.getRegistryAddress());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RegistryAuth.fromConfigFile(config, "other.example.org")).getMessage()
                .contains("holds no credentials for other.example.org"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RegistryAuth.fromConfigFile(dir.resolve("nope/config.json"), "r")).getMessage()
                .contains("no Docker config.json"));
        assertThrows(IllegalArgumentException.class, () -> RegistryAuth.usernamePassword("r", "", "pw"));
    }
}
