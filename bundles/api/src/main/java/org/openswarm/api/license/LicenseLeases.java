package org.openswarm.api.license;

/**
 * The license client as components use it: each component takes a lease at start and closes it at stop. The lease
 * acquires, renews and re-acquires its token in the background, so a component never blocks on the license server.
 */
public interface LicenseLeases {
    /** Starts leasing a token of {@code feature} for {@code holder}. */
    Lease lease(Feature feature, String holder);

    /** One component's hold on a token. */
    interface Lease extends AutoCloseable {
        /** Whether a token is held now. */
        boolean hasToken();

        /**
         * Whether the component may start new training sessions: with a token, or within the grace period since the
         * last token (or since start, if it never had one).
         */
        boolean permitsNewSessions();

        /** One line on the lease's state, for status output: held, retrying (with why), or past the grace period. */
        String status();

        /** Releases the token; never throws. */
        @Override
        void close();
    }
}
