package org.openswarm.merge.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads a bundle's JNI library. Inside OSGi the bundle declares the library in {@code Bundle-NativeCode}, the
 * framework extracts it into its own per-bundle cache, and {@code System.loadLibrary} <em>called from a class of
 * that bundle</em> finds it (so each bundle passes a lambda that makes the call itself: the JVM binds a library to
 * the caller's class loader). Outside OSGi (unit tests, benchmarks) the library is a class-path resource next to
 * the binding class; it is copied to a temporary file and loaded with {@code System.load} from the same lambda.
 * JavaCPP's own {@code Loader} is not used: inside Felix it fails without {@code --add-opens} (merge-notes §7b).
 */
public final class NativeLibrary {
    /** Loads a library the way the caller's class loader sees it: {@code System.loadLibrary} or {@code System.load}. */
    @FunctionalInterface
    public interface LoadCall {
        void load(String nameOrPath);
    }

    private NativeLibrary() {
    }

    /** The JavaCPP platform folder of this JVM, e.g. {@code linux-x86_64}; null where we build no library. */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "linux-x86_64";
        }
        return null;
    }

    /**
     * Loads {@code lib<name>.so}. {@code loadLibrary} is {@code System::loadLibrary} and {@code load} is
     * {@code System::load}, both written in the calling bundle's class.
     *
     * @throws UnsatisfiedLinkError with the reason (no library for this platform, a missing dependency, ...)
     */
    public static void load(Class<?> anchor, String name, LoadCall loadLibrary, LoadCall load) {
        String platform = platform();
        if (platform == null) {
            throw new UnsatisfiedLinkError("no " + name + " library for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " (built for linux-x86_64 only)");
        }
        UnsatisfiedLinkError first;
        try {
            loadLibrary.load(name); // OSGi: Bundle-NativeCode
            return;
        } catch (UnsatisfiedLinkError e) {
            first = e;
        }
        String resource = platform + "/lib" + name + ".so";
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("no " + name + " library for " + platform + " in this bundle (its "
                        + "compiler was missing when it was built)");
            }
            Path dir = Files.createTempDirectory("openswarm-" + name);
            Path file = dir.resolve("lib" + name + ".so");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            load.load(file.toString());
        } catch (IOException e) {
            throw new UnsatisfiedLinkError("cannot extract " + resource + ": " + e.getMessage());
        }
    }
}
