package org.openswarm.swci.internal.exec;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named SN target: {@code host}/{@code port} (plain HTTP), or {@code service} (a reverse-proxied HTTPS FQDN with
 * an optional port, 443 when none), and context-scoped environment variables.
 */
public record Context(String name, String host, int port, String service, Map<String, String> env) {

    public Context {
        env = env == null ? new LinkedHashMap<>() : new LinkedHashMap<>(env);
    }

    /** The SN API this context targets. */
    public URI apiBase() {
        if (service != null) {
            return URI.create("https://" + service + "/");
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
    }

    /** The context with {@code key} set to {@code value}. */
    Context withEnv(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(key, value);
        return new Context(name, host, port, service, copy);
    }
}
