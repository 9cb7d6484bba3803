package org.openswarm.license.internal.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openswarm.api.SwarmException;
import org.openswarm.api.license.Feature;
import org.openswarm.license.internal.LicenseSigning;

/** Issues a signed license with a key from swarm:license-keygen. Needs no license server. */
@Command(scope = "swarm", name = "license-issue", description = "Issues a license signed with your key: capacity "
        + "per feature (-1 = unlimited), valid for --days from now; prints the license JSON or writes it to --out")
@Service
public class LicenseIssueCommand implements Action {
    @Option(name = "--key", required = true, description = "The private key file (<name>.key from license-keygen)")
    String key;

    @Option(name = "--licensee", required = true, description = "Who the license is for")
    String licensee;

    @Option(name = "--id", description = "License id (default: a new one)")
    String id;

    @Option(name = "--sn", description = "SN capacity")
    Integer sn;

    @Option(name = "--sl", description = "SL capacity")
    Integer sl;

    @Option(name = "--swop", description = "SWOP capacity")
    Integer swop;

    @Option(name = "--swci", description = "SWCI capacity")
    Integer swci;

    @Option(name = "--days", required = true, description = "Days the license is valid from now")
    int days;

    @Option(name = "--out", description = "Write the license to this file instead of printing it")
    String out;

    @Override
    public Object execute() throws Exception {
        Map<Feature, Integer> features = new EnumMap<>(Feature.class);
        put(features, Feature.SN, sn);
        put(features, Feature.SL, sl);
        put(features, Feature.SWOP, swop);
        put(features, Feature.SWCI, swci);
        try {
            String json = LicenseSigning.issue(Path.of(key).toAbsolutePath().normalize(), id, licensee, features,
                    days, Instant.now());
            if (out == null) {
                System.out.println(json);
            } else {
                Path target = Path.of(out).toAbsolutePath().normalize();
                Files.writeString(target, json + "\n");
                System.out.println("License written to " + target + "; install it with swarm:license-install "
                        + target);
            }
        } catch (SwarmException e) {
            System.err.println(e.getMessage());
        }
        return null;
    }

    private static void put(Map<Feature, Integer> features, Feature feature, Integer capacity) {
        if (capacity != null)
            features.put(feature, capacity);
    }
}
