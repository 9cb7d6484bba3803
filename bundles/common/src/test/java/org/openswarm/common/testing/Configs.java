package org.openswarm.common.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a typed configuration the way DS does: given values, else the annotation's defaults. */
public final class Configs {
    private Configs() {
    }

    public static <T> T of(Class<T> type, Map<String, Object> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (values.containsKey(method.getName()))
                return values.get(method.getName());
            if (method.getDefaultValue() != null)
                return method.getDefaultValue();
            if (method.getName().equals("toString"))
                return type.getSimpleName() + values;
            throw new UnsupportedOperationException(method.getName());
        });
        return type.cast(proxy);
    }
}
