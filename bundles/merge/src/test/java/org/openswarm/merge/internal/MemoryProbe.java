package org.openswarm.merge.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeResult;

/** Run in a child JVM with a small heap by StreamingModelMergerTest: merges args[1..] into args[0]. */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> in = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            in.add(Path.of(args[i]));
        }
        try (JavaMergeEngine engine = new JavaMergeEngine(2)) {
            MergeResult r = new StreamingModelMerger(engine, 1 << 20, null).merge(in, null, MergeMethod.MEAN, null,
                    Path.of(args[0]));
            System.out.println("MERGED " + r.bytes() + " max heap " + Runtime.getRuntime().maxMemory());
        }
    }
}
