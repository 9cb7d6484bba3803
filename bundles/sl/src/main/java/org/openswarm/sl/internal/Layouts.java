package org.openswarm.sl.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.openswarm.common.safetensors.SafetensorsFile;
import org.openswarm.common.safetensors.TensorInfo;

/** Compares the tensor layout (names, dtypes, shapes) of two safetensors blobs before a merge. */
final class Layouts {
    private Layouts() {
    }

    /** Null when both blobs have the same layout, otherwise what differs (for the log). */
    static String difference(Path reference, Path candidate) {
        try (SafetensorsFile a = SafetensorsFile.open(reference); SafetensorsFile b = SafetensorsFile.open(candidate)) {
            List<TensorInfo> left = a.tensors();
            List<TensorInfo> right = b.tensors();
            if (left.size() != right.size())
                return right.size() + " tensors instead of " + left.size();
            for (TensorInfo expected : left) {
                TensorInfo actual;
                try {
                    actual = b.tensor(expected.name());
                } catch (RuntimeException missing) {
                    actual = null;
                }
                if (actual == null)
                    return "tensor " + expected.name() + " is missing";
                if (actual.dtype() != expected.dtype())
                    return "tensor " + expected.name() + " is " + actual.dtype() + " instead of " + expected.dtype();
                if (!Arrays.equals(actual.shape(), expected.shape()))
                    return "tensor " + expected.name() + " has shape " + Arrays.toString(actual.shape())
                            + " instead of " + Arrays.toString(expected.shape());
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return "not a readable safetensors file (" + e.getMessage() + ")";
        }
    }
}
