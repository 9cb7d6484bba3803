package org.openswarm.swci.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openswarm.api.ledger.DirectoryEntry;
import org.openswarm.common.sn.SnClient;

/** Completes taskrunner names. */
@Service
public class TaskRunnerNames extends LedgerNames {
    @Override
    List<String> names(SnClient sn) {
        return sn.taskRunners().stream().map(DirectoryEntry::name).toList();
    }
}
