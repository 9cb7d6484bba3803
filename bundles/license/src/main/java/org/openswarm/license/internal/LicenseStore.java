package org.openswarm.license.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseInfo;
import org.openswarm.api.license.LicensePayload;
import org.openswarm.api.license.SignedLicense;
import org.openswarm.api.license.Token;
import org.openswarm.api.license.TokenRequest;
import org.openswarm.api.license.Usage;
import org.openswarm.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonParseException;

/**
 * The license server's state: installed licenses and leased tokens, kept in {@code <dir>/state.json} (rewritten
 * atomically on every change, so a restart neither loses nor double-issues a token). Every operation holds the
 * store's lock, so capacity is checked and a token issued as one step. Expired tokens are dropped lazily at the start
 * of every operation.
 */
final class LicenseStore {
    private static final Logger LOG = LoggerFactory.getLogger(LicenseStore.class);
    static final String STATE_FILE = "state.json";
    static final String COMMUNITY_ID = "community";
    static final String COMMUNITY_LICENSEE = "OpenSwarm Community";
    static final String BUILT_IN_KEY = "built-in";
    private static final int MAX_HOLDER_LENGTH = 256;
    private static final Pattern TOKEN_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** The community edition's capacity (reference §8.2): 4 SN, 16 SL, SWOP and SWCI unlimited. */
    static final Map<Feature, Integer> COMMUNITY_CAPACITY = Map.of(Feature.SN, 4, Feature.SL, 16, Feature.SWOP,
            LicensePayload.UNLIMITED, Feature.SWCI, LicensePayload.UNLIMITED);

    /** A token as stored: the expiry in milliseconds, so short test TTLs are exact. */
    record StoredToken(String id, Feature feature, String holder, String licenseId, long expiresAtMillis,
            int ttlSeconds) {
        Token toToken() {
            return new Token(id, feature, holder, licenseId, Math.floorDiv(expiresAtMillis + 999, 1000), ttlSeconds);
        }

        StoredToken renewed(long now, int ttl) {
            return new StoredToken(id, feature, holder, licenseId, now + ttl * 1000L, ttl);
        }
    }

    /** The file's content. */
    record State(int version, List<SignedLicense> licenses, List<StoredToken> tokens) {
    }

    /** An acquisition's answer: the token, and whether it is new (else the holder's existing token, renewed). */
    record Acquired(Token token, boolean created) {
    }

    /** An installation's answer: the license, and whether it is new (else it was installed already). */
    record Installed(LicenseInfo license, boolean created) {
    }

    private record Active(SignedLicense signed, LicensePayload payload) {
    }

    private final Path file;
    private final Supplier<Map<String, PublicKey>> trustedKeys;
    private final Clock clock;
    private volatile int ttlSeconds;
    private final Map<String, Active> licenses = new LinkedHashMap<>();
    /** Stored licenses no trusted key verifies now (a key file went away): kept in the file, not counted. */
    private final List<SignedLicense> dormant = new ArrayList<>();
    private final Map<String, StoredToken> tokens = new LinkedHashMap<>();
    private boolean writeFailing;

    LicenseStore(Path dir, Supplier<Map<String, PublicKey>> trustedKeys, Clock clock, int ttlSeconds) {
        this.file = dir.resolve(STATE_FILE);
        this.trustedKeys = trustedKeys;
        this.clock = clock;
        setTtlSeconds(ttlSeconds);
        load();
    }

    void setTtlSeconds(int seconds) {
        if (seconds < 1)
            throw SwarmException.badRequest("tokenTtlSeconds must be at least 1, was " + seconds);
        ttlSeconds = seconds;
    }

    int ttlSeconds() {
        return ttlSeconds;
    }

    Path file() {
        return file;
    }

    // ---- tokens ----

    synchronized Acquired acquire(TokenRequest request) {
        if (request == null)
            throw SwarmException.badRequest("acquireLicense: the body must be {\"feature\": ..., \"holder\": ...}");
        if (request.feature() == null)
            throw SwarmException.badRequest("acquireLicense: feature is missing or unknown; expected one of SN, SL, "
                    + "SWOP, SWCI");
        String holder = request.holder();
        if (holder == null || holder.isBlank())
            throw SwarmException.badRequest("acquireLicense: holder is missing (the uid of the component that asks)");
        if (holder.length() > MAX_HOLDER_LENGTH || holder.chars().anyMatch(Character::isISOControl))
            throw SwarmException.badRequest("acquireLicense: holder must be at most " + MAX_HOLDER_LENGTH
                    + " printable characters");
        long now = clock.millis();
        boolean changed = purgeExpired(now);
        Feature feature = request.feature();
        int ttl = ttlSeconds;
        for (StoredToken held : tokens.values()) {
            if (held.feature() == feature && held.holder().equals(holder)) {
                StoredToken renewed = held.renewed(now, ttl);
                tokens.put(renewed.id(), renewed);
                save();
                return new Acquired(renewed.toToken(), false);
            }
        }
        Instant at = Instant.ofEpochMilli(now);
        int capacity = capacity(feature, at);
        int inUse = inUse(feature);
        if (capacity != LicensePayload.UNLIMITED && inUse >= capacity) {
            if (changed)
                save();
            throw new SwarmException(ErrorCode.CONFLICT, "acquireLicense: no free " + feature + " token: capacity "
                    + capacity + ", in use " + inUse + ". Stop a " + feature + " that holds one (its token is "
                    + "released), wait up to " + ttl + " s for the token of a dead one to expire, or install a "
                    + "license with more " + feature + " capacity (swarm:license-install)");
        }
        StoredToken token = new StoredToken(UUID.randomUUID().toString(), feature, holder,
                chooseLicense(feature, at), now + ttl * 1000L, ttl);
        tokens.put(token.id(), token);
        save();
        LOG.info("Token {} for {} leased to {} ({} of {} in use)", token.id(), feature, holder, inUse + 1,
                capacity == LicensePayload.UNLIMITED ? "unlimited" : capacity);
        return new Acquired(token.toToken(), true);
    }

    synchronized Token renew(String id) {
        checkTokenId(id);
        long now = clock.millis();
        purgeExpired(now);
        StoredToken held = tokens.get(id);
        if (held == null) {
            save();
            throw SwarmException.notFound("renewLicense: token " + id + " is unknown or expired; acquire a new one "
                    + "(POST /v1/tokens)");
        }
        StoredToken renewed = held.renewed(now, ttlSeconds);
        tokens.put(id, renewed);
        save();
        return renewed.toToken();
    }

    synchronized void release(String id) {
        checkTokenId(id);
        purgeExpired(clock.millis());
        StoredToken gone = tokens.remove(id);
        save();
        if (gone == null)
            throw SwarmException.notFound("releaseLicense: token " + id + " is unknown or already expired");
        LOG.info("Token {} for {} released by {}", id, gone.feature(), gone.holder());
    }

    synchronized List<Token> tokens() {
        if (purgeExpired(clock.millis()))
            save();
        return tokens.values().stream().map(StoredToken::toToken).toList();
    }

    synchronized List<Usage> usage() {
        if (purgeExpired(clock.millis()))
            save();
        Instant now = clock.instant();
        List<Usage> usage = new ArrayList<>();
        for (Feature feature : Feature.values())
            usage.add(new Usage(feature, capacity(feature, now), inUse(feature)));
        return usage;
    }

    private static void checkTokenId(String id) {
        if (id == null || !TOKEN_ID.matcher(id).matches())
            throw SwarmException.badRequest("Malformed token id: " + id);
    }

    private boolean purgeExpired(long now) {
        boolean changed = false;
        for (Iterator<StoredToken> it = tokens.values().iterator(); it.hasNext();) {
            StoredToken token = it.next();
            if (token.expiresAtMillis() <= now) {
                it.remove();
                changed = true;
                LOG.info("Token {} for {} held by {} expired (not renewed within {} s)", token.id(),
                        token.feature(), token.holder(), token.ttlSeconds());
            }
        }
        return changed;
    }

    private int inUse(Feature feature) {
        int count = 0;
        for (StoredToken token : tokens.values())
            if (token.feature() == feature)
                count++;
        return count;
    }

    /** All licenses valid at {@code now} together; -1 when one of them is unlimited. */
    private int capacity(Feature feature, Instant now) {
        long total = 0;
        for (Active license : validLicenses(now)) {
            int capacity = license.payload().features().getOrDefault(feature, 0);
            if (capacity == LicensePayload.UNLIMITED)
                return LicensePayload.UNLIMITED;
            total += capacity;
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    /** The first valid license with room left for {@code feature} counts the new token. */
    private String chooseLicense(Feature feature, Instant now) {
        Map<String, Integer> counted = new LinkedHashMap<>();
        for (StoredToken token : tokens.values())
            if (token.feature() == feature)
                counted.merge(token.licenseId(), 1, Integer::sum);
        String fallback = null;
        for (Active license : validLicenses(now)) {
            int capacity = license.payload().features().getOrDefault(feature, 0);
            if (capacity == 0)
                continue;
            if (fallback == null)
                fallback = license.payload().id();
            if (capacity == LicensePayload.UNLIMITED || counted.getOrDefault(license.payload().id(), 0) < capacity)
                return license.payload().id();
        }
        return fallback;
    }

    private List<Active> validLicenses(Instant now) {
        List<Active> valid = new ArrayList<>();
        valid.add(community());
        for (Active license : licenses.values())
            if (LicenseSigning.validAt(license.payload(), now))
                valid.add(license);
        return valid;
    }

    private static Active community() {
        return new Active(null, new LicensePayload(COMMUNITY_ID, COMMUNITY_LICENSEE,
                new EnumMap<>(COMMUNITY_CAPACITY), Instant.EPOCH.toString(), Instant.MAX.toString()));
    }

    // ---- licenses ----

    synchronized List<LicenseInfo> licenses() {
        List<LicenseInfo> list = new ArrayList<>();
        list.add(info(community()));
        licenses.values().stream().map(LicenseStore::info).forEach(list::add);
        return list;
    }

    synchronized Installed install(SignedLicense signed) {
        LicensePayload payload = LicenseSigning.verifySignature(signed, trustedKeys.get());
        LicenseSigning.checkValidAt(payload, clock.instant());
        if (COMMUNITY_ID.equals(payload.id()))
            throw new SwarmException(ErrorCode.CONFLICT, "License id '" + COMMUNITY_ID
                    + "' belongs to the built-in community license; issue the license with another id");
        Active installed = licenses.get(payload.id());
        if (installed != null) {
            if (installed.signed().equals(signed))
                return new Installed(info(installed), false);
            throw new SwarmException(ErrorCode.CONFLICT, "Another license with id " + payload.id()
                    + " is installed; remove it first (swarm:license-remove " + payload.id() + ")");
        }
        Active added = new Active(signed, payload);
        licenses.put(payload.id(), added);
        dormant.removeIf(signed::equals);
        save();
        LOG.info("License {} for {} installed: {} until {}", payload.id(), payload.licensee(), payload.features(),
                payload.notAfter());
        return new Installed(info(added), true);
    }

    synchronized void remove(String id) {
        if (COMMUNITY_ID.equals(id))
            throw new SwarmException(ErrorCode.CONFLICT,
                    "The built-in community license cannot be removed");
        if (licenses.remove(id) == null)
            throw SwarmException.notFound("No license with id " + id + " is installed");
        save();
        LOG.info("License {} removed; tokens already out stay out until released or expired", id);
    }

    private static LicenseInfo info(Active license) {
        LicensePayload payload = license.payload();
        boolean builtIn = license.signed() == null;
        return new LicenseInfo(payload.id(), payload.licensee(), new EnumMap<>(payload.features()),
                builtIn ? 0 : Instant.parse(payload.notBefore()).getEpochSecond(),
                builtIn ? Long.MAX_VALUE : Instant.parse(payload.notAfter()).getEpochSecond(),
                builtIn ? BUILT_IN_KEY : license.signed().keyId(), builtIn);
    }

    // ---- persistence ----

    private void load() {
        if (!Files.exists(file))
            return;
        State state;
        try {
            state = Json.gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), State.class);
        } catch (IOException | JsonParseException e) {
            Path aside = file.resolveSibling(STATE_FILE + ".broken-" + clock.millis());
            LOG.error("Cannot read the license server state {} ({}); starting with the community license only and "
                    + "keeping the old file as {}", file, e.getMessage(), aside);
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                LOG.warn("Cannot move {} aside: {}", file, moveFailed.getMessage());
            }
            return;
        }
        if (state == null)
            return;
        Map<String, PublicKey> trusted = trustedKeys.get();
        if (state.licenses() != null) {
            for (SignedLicense signed : state.licenses()) {
                try {
                    LicensePayload payload = LicenseSigning.verifySignature(signed, trusted);
                    licenses.put(payload.id(), new Active(signed, payload));
                } catch (SwarmException e) {
                    dormant.add(signed);
                    LOG.warn("An installed license does not count until its key is trusted again: {}",
                            e.getMessage());
                }
            }
        }
        long now = clock.millis();
        if (state.tokens() != null)
            for (StoredToken token : state.tokens())
                if (token != null && token.id() != null && token.feature() != null && token.holder() != null
                        && token.expiresAtMillis() > now)
                    tokens.put(token.id(), token);
        LOG.info("License server state loaded: {} license(s), {} live token(s)", licenses.size(), tokens.size());
    }

    /** Writes the state to a temporary file and moves it over the old one in one step. */
    private void save() {
        List<SignedLicense> signed = new ArrayList<>();
        licenses.values().forEach(license -> signed.add(license.signed()));
        signed.addAll(dormant);
        List<StoredToken> held = new ArrayList<>(tokens.values());
        String json = Json.gson().toJson(new State(1, signed, held));
        Path temp = file.resolveSibling(STATE_FILE + ".tmp");
        try {
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (writeFailing)
                LOG.info("License server state written to {} again", file);
            writeFailing = false;
        } catch (IOException e) {
            // Serving from memory beats refusing tokens: a restart is the only thing that would lose this change.
            if (!writeFailing)
                LOG.error("Cannot write the license server state {} ({}); serving from memory, a restart would "
                        + "lose the changes since", file, e.getMessage());
            writeFailing = true;
        }
    }
}
