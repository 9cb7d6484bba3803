package org.openswarm.swci.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.openswarm.common.sn.SnClient;
import org.openswarm.swci.internal.SwciService;

/** Completes names that the SN lists (through the SWCI session's SN); no SN, no candidates, never an error. */
abstract class LedgerNames implements Completer {
    @Reference
    SwciService swci;

    abstract List<String> names(SnClient sn);

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<String> names;
        try {
            names = swci.session().withSn(this::names);
        } catch (RuntimeException e) {
            return -1;
        }
        return new StringsCompleter(names).complete(session, commandLine, candidates);
    }
}
