package org.openswarm.swop.internal.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLs as named factory configurations {@code org.openswarm.sl~<name>} created through ConfigurationAdmin, exactly
 * what an operator's {@code etc/org.openswarm.sl-<name>.cfg} makes: the SL bundle's component starts one SL per
 * configuration and writes {@code ml.env} (SWARM_SL_URL, SWARM_SL_TOKEN) under its data directory once it serves.
 */
public final class ConfigAdminSlInstances implements SlInstances {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigAdminSlInstances.class);
    static final String SL_FACTORY_PID = "org.openswarm.sl";

    private final ConfigurationAdmin configAdmin;

    public ConfigAdminSlInstances(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    @Override
    public SlEndpoint start(String name, Map<String, Object> properties, Path dataDir, Duration timeout)
            throws InterruptedException {
        Path env = dataDir.resolve("ml.env");
        try {
            Files.deleteIfExists(env); // a stale one would point at a closed port
            Configuration config = configAdmin.getFactoryConfiguration(SL_FACTORY_PID, name, "?");
            config.update(new Hashtable<>(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot configure SL " + name + ": " + e.getMessage(), e);
        }
        LOG.info("SWOP: SL {} configured ({}~{})", name, SL_FACTORY_PID, name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SlEndpoint endpoint = read(name, env);
            if (endpoint != null)
                return endpoint;
            Thread.sleep(200);
        }
        throw new IllegalStateException("SL " + name + " did not start within " + timeout.toSeconds()
                + " s (no " + env + "): is feature openswarm-sl installed? See karaf.log");
    }

    private static SlEndpoint read(String name, Path env) {
        try {
            if (!Files.exists(env))
                return null;
            String url = null;
            String token = null;
            for (String line : Files.readAllLines(env, StandardCharsets.UTF_8)) {
                if (line.startsWith("SWARM_SL_URL="))
                    url = line.substring("SWARM_SL_URL=".length()).trim();
                else if (line.startsWith("SWARM_SL_TOKEN="))
                    token = line.substring("SWARM_SL_TOKEN=".length()).trim();
            }
            return url == null || token == null ? null : new SlEndpoint(name, url, token);
        } catch (IOException e) {
            return null; // being written
        }
    }

    @Override
    public void remove(String name) {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=" + SL_FACTORY_PID + "~" + name + ")");
            if (found != null)
                for (Configuration config : found)
                    config.delete();
            LOG.info("SWOP: SL {} removed", name);
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.warn("SWOP: cannot remove SL {}: {}", name, e.getMessage());
        }
    }
}
