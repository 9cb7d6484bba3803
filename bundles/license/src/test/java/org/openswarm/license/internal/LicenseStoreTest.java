package org.openswarm.license.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseInfo;
import org.openswarm.api.license.LicensePayload;
import org.openswarm.api.license.SignedLicense;
import org.openswarm.api.license.Token;
import org.openswarm.api.license.TokenRequest;
import org.openswarm.api.license.Usage;

class LicenseStoreTest {
    private static final int TTL = 60;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final Issuer issuer = new Issuer();

    private LicenseStore open() {
        return new LicenseStore(dir, issuer::trust, clock, TTL);
    }

    private static Token take(LicenseStore store, Feature feature, String holder) {
        return store.acquire(new TokenRequest(feature, holder)).token();
    }

    private static Usage usage(LicenseStore store, Feature feature) {
        return store.usage().stream().filter(u -> u.feature() == feature).findFirst().orElseThrow();
    }

    private static SwarmException refused(ErrorCode code, Runnable action) {
        SwarmException e = assertThrows(SwarmException.class, action::run);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void aFreshServerHasTheCommunityLicense() {
        LicenseStore store = open();
        List<LicenseInfo> licenses = store.licenses();
        assertEquals(1, licenses.size());
        LicenseInfo community = licenses.get(0);
        assertEquals("community", community.id());
        assertEquals("OpenSwarm Community", community.licensee());
        assertTrue(community.builtIn());
        assertEquals(List.of(new Usage(Feature.SN, 4, 0), new Usage(Feature.SL, 16, 0), new Usage(Feature.SWOP, -1, 0),
                new Usage(Feature.SWCI, -1, 0)), store.usage());
        refused(ErrorCode.CONFLICT, () -> store.remove("community"));
        refused(ErrorCode.NOT_FOUND, () -> store.remove("nope"));
    }

    @Test
    void exhaustedCapacityIsAClearConflict() {
        LicenseStore store = open();
        for (int i = 0; i < 4; i++)
            assertEquals("community", take(store, Feature.SN, "sn-" + i).licenseId());
        SwarmException e = refused(ErrorCode.CONFLICT, () -> take(store, Feature.SN, "sn-4"));
        assertTrue(e.getMessage().startsWith("acquireLicense: no free SN token: capacity 4, in use 4"),
                e.getMessage());
        assertTrue(e.getMessage().contains("install a license with more SN capacity"), e.getMessage());
        for (int i = 0; i < 100; i++)
            take(store, Feature.SWOP, "swop-" + i);
        assertEquals(new Usage(Feature.SWOP, -1, 100), usage(store, Feature.SWOP));
    }

    @Test
    void theSameHolderGetsItsTokenRenewed() {
        LicenseStore store = open();
        LicenseStore.Acquired first = store.acquire(new TokenRequest(Feature.SL, "sl-1"));
        clock.advance(Duration.ofSeconds(10));
        LicenseStore.Acquired again = store.acquire(new TokenRequest(Feature.SL, "sl-1"));
        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.token().id(), again.token().id());
        assertEquals(first.token().expiresAt() + 10, again.token().expiresAt());
        assertEquals(1, usage(store, Feature.SL).inUse());
        assertNotEquals(first.token().id(), take(store, Feature.SN, "sl-1").id(), "another feature, another token");
    }

    @Test
    void expiryFreesCapacity() {
        LicenseStore store = open();
        for (int i = 0; i < 4; i++)
            take(store, Feature.SN, "sn-" + i);
        clock.advance(Duration.ofSeconds(TTL - 1));
        refused(ErrorCode.CONFLICT, () -> take(store, Feature.SN, "late"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, usage(store, Feature.SN).inUse());
        take(store, Feature.SN, "late");
    }

    @Test
    void renewExtendsAndAnExpiredTokenIsGone() {
        LicenseStore store = open();
        Token token = take(store, Feature.SN, "sn-1");
        clock.advance(Duration.ofSeconds(TTL - 1));
        Token renewed = store.renew(token.id());
        assertEquals(token.expiresAt() + TTL - 1, renewed.expiresAt());
        clock.advance(Duration.ofSeconds(TTL - 1));
        assertEquals(1, usage(store, Feature.SN).inUse(), "renewed, so still held");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(refused(ErrorCode.NOT_FOUND, () -> store.renew(token.id())).getMessage()
                .contains("acquire a new one"));
        refused(ErrorCode.NOT_FOUND, () -> store.renew("00000000-0000-0000-0000-000000000000"));
        refused(ErrorCode.BAD_REQUEST, () -> store.renew("../../etc"));
    }

    @Test
    void releaseFreesCapacity() {
        LicenseStore store = open();
        List<Token> held = new ArrayList<>();
        for (int i = 0; i < 4; i++)
            held.add(take(store, Feature.SN, "sn-" + i));
        store.release(held.get(0).id());
        assertEquals(3, usage(store, Feature.SN).inUse());
        take(store, Feature.SN, "sn-4");
        refused(ErrorCode.NOT_FOUND, () -> store.release(held.get(0).id()));
    }

    @Test
    void capacitiesAddUpAndUnlimitedWins() {
        LicenseStore store = open();
        Instant now = clock.instant();
        assertTrue(store.install(issuer.license("a", now, Map.of(Feature.SN, 2))).created());
        store.install(issuer.license("b", now, Map.of(Feature.SN, 3, Feature.SL, -1)));
        assertEquals(new Usage(Feature.SN, 9, 0), usage(store, Feature.SN));
        assertEquals(new Usage(Feature.SL, -1, 0), usage(store, Feature.SL));
        List<String> counted = new ArrayList<>();
        for (int i = 0; i < 9; i++)
            counted.add(take(store, Feature.SN, "sn-" + i).licenseId());
        assertEquals(List.of("community", "community", "community", "community", "a", "a", "b", "b", "b"), counted);
        refused(ErrorCode.CONFLICT, () -> take(store, Feature.SN, "sn-9"));
    }

    @Test
    void anExpiredLicenseStopsCounting() {
        LicenseStore store = open();
        Instant now = clock.instant();
        store.install(issuer.sign(new LicensePayload("short", "ACME", Map.of(Feature.SN, 2), now.toString(),
                now.plusSeconds(3600).toString())));
        assertEquals(6, usage(store, Feature.SN).capacity());
        clock.advance(Duration.ofHours(1));
        assertEquals(4, usage(store, Feature.SN).capacity());
    }

    @Test
    void installingTheSameLicenseAgainIsANoOp() {
        LicenseStore store = open();
        SignedLicense license = issuer.license("a", clock.instant(), Map.of(Feature.SN, 2));
        assertTrue(store.install(license).created());
        assertFalse(store.install(license).created());
        assertEquals(2, store.licenses().size());
        refused(ErrorCode.CONFLICT, () -> store.install(issuer.license("a", clock.instant(), Map.of(Feature.SN, 3))));
        refused(ErrorCode.CONFLICT, () -> store.install(issuer.license("community", clock.instant(),
                Map.of(Feature.SN, 3))));
    }

    @Test
    void removingALicenseKeepsTokensOutButIssuesNoMore() {
        LicenseStore store = open();
        store.install(issuer.license("a", clock.instant(), Map.of(Feature.SN, 2)));
        for (int i = 0; i < 6; i++)
            take(store, Feature.SN, "sn-" + i);
        store.remove("a");
        assertEquals(new Usage(Feature.SN, 4, 6), usage(store, Feature.SN));
        refused(ErrorCode.CONFLICT, () -> take(store, Feature.SN, "sn-6"));
        Token beyond = store.tokens().get(5);
        assertEquals("a", beyond.licenseId());
        assertEquals(beyond.id(), store.renew(beyond.id()).id(), "tokens already out still renew");
    }

    @Test
    void aRestartKeepsLicensesAndLiveTokens() throws Exception {
        LicenseStore store = open();
        store.install(issuer.license("a", clock.instant(), Map.of(Feature.SN, 1)));
        List<Token> held = new ArrayList<>();
        for (int i = 0; i < 5; i++)
            held.add(take(store, Feature.SN, "sn-" + i));
        store.release(held.remove(0).id());

        LicenseStore restarted = open();
        assertEquals(List.of("community", "a"), restarted.licenses().stream().map(LicenseInfo::id).toList());
        assertEquals(held, restarted.tokens());
        assertEquals(new Usage(Feature.SN, 5, 4), usage(restarted, Feature.SN));
        take(restarted, Feature.SN, "sn-5");
        refused(ErrorCode.CONFLICT, () -> take(restarted, Feature.SN, "sn-6"));
        assertEquals(held.get(0).id(), take(restarted, Feature.SN, "sn-1").id(), "no double issue to a holder");
        assertFalse(Files.exists(dir.resolve(LicenseStore.STATE_FILE + ".tmp")));

        clock.advance(Duration.ofSeconds(TTL));
        assertEquals(0, usage(open(), Feature.SN).inUse(), "tokens that lapsed while down are gone");
    }

    @Test
    void aLicenseWhoseKeyIsNoLongerTrustedIsKeptButDoesNotCount() {
        LicenseStore store = open();
        store.install(issuer.license("a", clock.instant(), Map.of(Feature.SN, 1)));
        LicenseStore untrusting = new LicenseStore(dir, Map::of, clock, TTL);
        assertEquals(4, usage(untrusting, Feature.SN).capacity());
        take(untrusting, Feature.SL, "sl-1"); // writes the state again
        assertEquals(5, usage(open(), Feature.SN).capacity(), "trusted again: counts again");
    }

    @Test
    void aBrokenStateFileIsSetAsideAndTheServerStillStarts() throws Exception {
        Files.writeString(dir.resolve(LicenseStore.STATE_FILE), "{not json");
        LicenseStore store = open();
        assertEquals(4, usage(store, Feature.SN).capacity());
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("state.json.broken-")));
        }
    }

    @Test
    void malformedRequestsAreBadRequests() {
        LicenseStore store = open();
        refused(ErrorCode.BAD_REQUEST, () -> store.acquire(null));
        refused(ErrorCode.BAD_REQUEST, () -> store.acquire(new TokenRequest(null, "x")));
        refused(ErrorCode.BAD_REQUEST, () -> store.acquire(new TokenRequest(Feature.SN, " ")));
        refused(ErrorCode.BAD_REQUEST, () -> store.acquire(new TokenRequest(Feature.SN, "a\nb")));
        refused(ErrorCode.BAD_REQUEST, () -> store.acquire(new TokenRequest(Feature.SN, "x".repeat(300))));
    }
}
