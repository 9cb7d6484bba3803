package org.openswarm.swci.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openswarm.common.sn.SnClient;

/** Completes task names. */
@Service
public class TaskNames extends LedgerNames {
    @Override
    List<String> names(SnClient sn) {
        return sn.tasks();
    }
}
