package org.openswarm.license.internal.command;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openswarm.api.SwarmException;
import org.openswarm.api.license.LicenseInfo;
import org.openswarm.api.license.SignedLicense;
import org.openswarm.common.json.Json;
import org.openswarm.license.internal.LicenseAdmin;

import com.google.gson.JsonParseException;

/** Installs a license file (the SignedLicense JSON that swarm:license-issue writes). */
@Command(scope = "swarm", name = "license-install", description = "Verifies and installs a license file")
@Service
public class LicenseInstallCommand extends LicenseCommandSupport {
    @Argument(index = 0, name = "file", required = true, description = "The license file (JSON)")
    String file;

    @Override
    protected Object doExecute(LicenseAdmin admin) throws Exception {
        Path path = Path.of(file).toAbsolutePath().normalize();
        SignedLicense license;
        try {
            license = Json.gson().fromJson(Files.readString(path), SignedLicense.class);
        } catch (JsonParseException e) {
            throw SwarmException.badRequest(path + " is not a license file: " + e.getMessage());
        }
        LicenseInfo info = admin.install(license);
        System.out.println("License " + info.id() + " for " + info.licensee() + " installed: " + info.features());
        return null;
    }
}
