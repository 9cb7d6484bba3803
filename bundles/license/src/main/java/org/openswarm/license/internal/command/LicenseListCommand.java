package org.openswarm.license.internal.command;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseInfo;
import org.openswarm.api.license.LicensePayload;
import org.openswarm.api.license.Usage;
import org.openswarm.license.internal.LicenseAdmin;

/** The installed licenses and the tokens out per feature. */
@Command(scope = "swarm", name = "license-list",
        description = "Lists the licenses of the local license server and the tokens in use per feature")
@Service
public class LicenseListCommand extends LicenseCommandSupport {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Option(name = "--no-format", description = "Plain output without table borders")
    boolean noFormat;

    @Override
    protected Object doExecute(LicenseAdmin admin) {
        ShellTable licenses = new ShellTable();
        licenses.column("Id");
        licenses.column("Licensee");
        for (Feature feature : Feature.values())
            licenses.column(feature.name());
        licenses.column("Valid from");
        licenses.column("Valid until");
        licenses.column("Key");
        for (LicenseInfo info : admin.licenses()) {
            java.util.List<Object> cells = new java.util.ArrayList<>(java.util.List.of(info.id(), info.licensee()));
            for (Feature feature : Feature.values())
                cells.add(capacity(info.features().getOrDefault(feature, 0)));
            java.util.Collections.addAll(cells, info.builtIn() ? "-" : DAY.format(Instant.ofEpochSecond(info.notBefore())),
                    info.builtIn() ? "never expires" : DAY.format(Instant.ofEpochSecond(info.notAfter())),
                    info.keyId());
            licenses.addRow().addContent(cells);
        }
        licenses.print(System.out, !noFormat);

        ShellTable usage = new ShellTable();
        usage.column("Feature");
        usage.column("Capacity");
        usage.column("In use");
        for (Usage line : admin.usage())
            usage.addRow().addContent(line.feature(), capacity(line.capacity()), line.inUse());
        usage.print(System.out, !noFormat);
        return null;
    }

    static String capacity(int value) {
        return value == LicensePayload.UNLIMITED ? "unlimited" : Integer.toString(value);
    }
}
