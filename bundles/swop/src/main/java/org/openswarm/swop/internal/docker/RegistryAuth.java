package org.openswarm.swop.internal.docker;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.core.DockerConfigFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Registry credentials of a {@code PULL_IMAGE} task's {@code Auth} (reference §5.5): {@code ~} (none),
 * {@code {Username, Password}}, or the path of a Docker {@code config.json} whose entry for the registry is used.
 * docker-java sends them base64-encoded in the {@code X-Registry-Auth} header.
 */
public final class RegistryAuth {

    private RegistryAuth() {
    }

    public static AuthConfig usernamePassword(String registry, String username, String password) {
        if (username == null || username.isBlank() || password == null) {
            throw new IllegalArgumentException("Auth needs both Username and Password");
        }
        return new AuthConfig().withRegistryAddress(registry).withUsername(username).withPassword(password);
    }

    /** The credentials for {@code registry} in a Docker config.json (the file or its directory). */
    public static AuthConfig fromConfigFile(Path configJson, String registry) {
        Path dir = Files.isDirectory(configJson) ? configJson : configJson.getParent();
        if (dir == null || !Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException("Auth: no Docker config.json at " + configJson);
        }
        try {
            AuthConfig auth = DockerConfigFile.loadConfig(dir.toString()).resolveAuthConfig(registry);
            if (auth == null) {
                throw new IllegalArgumentException("Auth: " + configJson + " holds no credentials for " + registry);
            }
            return auth.withRegistryAddress(registry);
        } catch (IOException e) {
            throw new IllegalArgumentException("Auth: cannot read " + configJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * The image reference of a PULL_IMAGE body: {@code OrgAndReg} + {@code RepoName} + ":" + {@code Tag}, e.g.
     * {@code hub.docker.hpecorp.net/hub/} + {@code tensorflow-tensorflow} + {@code :2.7.0}.
     */
    public static String imageReference(String orgAndReg, String repoName, String tag) {
        if (repoName == null || repoName.isBlank() || tag == null || tag.isBlank()) {
            throw new IllegalArgumentException("PULL_IMAGE needs RepoName and Tag");
        }
        String prefix = orgAndReg == null ? "" : orgAndReg.trim();
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        return prefix + repoName.trim() + ":" + tag.trim();
    }

    /** The registry host of an image reference ("docker.io" when the first part is not a host). */
    public static String registryOf(String image) {
        int slash = image.indexOf('/');
        if (slash > 0) {
            String first = image.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return first;
            }
        }
        return "docker.io";
    }
}
