package org.openswarm.itests.harness;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every test class that asks for a {@link KarafInstance} the same booted instance, started once per test run
 * and stopped when the run ends, so the suite pays for one boot. Tests that change its state restore it.
 *
 * <pre>
 * &#64;ExtendWith(SharedInstance.class)
 * class MyIT {
 *     &#64;Test void works(KarafInstance openswarm) { ... }
 * }
 * </pre>
 */
public final class SharedInstance implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedInstance.class);

    /** Closes the instance when the root context (the whole run) closes; JUnit closes AutoCloseable store values. */
    private record Holder(KarafInstance instance) implements AutoCloseable {
        @Override
        public void close() {
            instance.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KarafInstance.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("shared", key -> new Holder(KarafInstance.builder("shared").build().start()),
                        Holder.class)
                .instance();
    }
}
