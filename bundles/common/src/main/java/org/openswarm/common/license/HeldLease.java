package org.openswarm.common.license;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseLeases;

/**
 * The license lease a component holds while a license client is bound (design §10): taken when the client binds,
 * replaced when another binds, released when it goes and when the component stops. Without a client there is no
 * lease and the component runs all the same; {@link #get()} is then null.
 */
public final class HeldLease implements Supplier<LicenseLeases.Lease> {
    private final Feature feature;
    private final AtomicReference<LicenseLeases.Lease> current = new AtomicReference<>();

    public HeldLease(Feature feature) {
        this.feature = feature;
    }

    /** Starts leasing through {@code leases} for {@code holder}; a lease held before is released. */
    public void take(LicenseLeases leases, String holder) {
        close(current.getAndSet(leases.lease(feature, holder)));
    }

    /** Releases the lease held, if any; safe to call more than once. */
    public void release() {
        close(current.getAndSet(null));
    }

    /** The lease held now, or null without a license client. */
    @Override
    public LicenseLeases.Lease get() {
        return current.get();
    }

    /** The lease's one-line state, or {@code withoutClient} when no license client is bound. */
    public String status(String withoutClient) {
        LicenseLeases.Lease held = current.get();
        return held == null ? withoutClient : held.status();
    }

    private static void close(LicenseLeases.Lease lease) {
        if (lease != null)
            lease.close();
    }
}
