package org.openswarm.swop.internal.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openswarm.swop.internal.profile.Profile.MountType;
import org.openswarm.swop.internal.profile.Profile.ResourceManagerType;

class ProfilesTest {
    private final Profiles profiles = new Profiles();

    /** The reference's §4.3 example, placeholders filled in. */
    static final String REFERENCE = """
            groupname  : demo
            taskrunner : defaulttaskbb.taskdb.sml.hpe
            policyuri  : ~
            resourcemgr: { mgrtype: DOCKER, accessinfo: { accesstype: FROMENV } }
            network    : host-1-net
            apls       : { locator: { host: 172.1.1.1, port: ~ } }
            apisrv     : { locator: { host: ~, port: ~, service: ~ } }
            envvars    : [ SL_LOG_LEVEL: INFO, http_proxy: ~, https_proxy: ~, no_proxy: ~ ]
            nodes:
              - slnodedef:
                  idx: 0
                  identity:
                    - attribute: { aType: KEY,    mType: BIND, src: "/certs/sl-1-key.pem",  tgt: "/swarm-cert/sl-1-key.pem",  subPath: null }
                    - attribute: { aType: CERT,   mType: BIND, src: "/certs/sl-1-cert.pem", tgt: "/swarm-cert/sl-1-cert.pem", subPath: null }
                    - attribute: { aType: CAPATH, mType: BIND, src: "/certs/ca/capath",     tgt: "/swarm-cert/capath",        subPath: null }
                  slhostname: sl1
                  slhostip: 172.1.1.1
                  slport: 16000
                  usrhostname: user1
                  privatedata: { src: "/project", mType: BIND }
                  slenvvars: null
                  usrenvvars: [ SCRATCH_DIR: "user1" ]
                  usrcontaineropts: [ gpus: "all" ]
            """;

    @Test
    void theReferenceExampleIsValid() throws Exception {
        Profile profile = profiles.parse("ref.yaml", REFERENCE);
        assertEquals("demo", profile.groupName());
        assertEquals(ResourceManagerType.DOCKER, profile.manager());
        assertEquals("host-1-net", profile.network());
        assertEquals("", profile.envvars().get("http_proxy"));
        assertEquals(1, profile.nodes().size());
        assertEquals(16000, profile.nodes().get(0).slPort());
        assertEquals(MountType.BIND, profile.nodes().get(0).privateType());
        assertEquals("user1", profile.nodes().get(0).usrEnvvars().get("SCRATCH_DIR"));
        assertNull(profile.snHost());
    }

    @Test
    void theSampleProcessProfileIsValidWithoutNetwork() throws Exception {
        Profile profile = profiles.load(Path.of("../../config/swop/profile-process.yaml"));
        assertEquals(ResourceManagerType.PROCESS, profile.manager());
        assertNull(profile.network());
        assertEquals(List.of(0, 1), profile.nodes().stream().map(Profile.NodeDef::idx).toList());
        assertEquals("0", profile.nodes().get(0).usrEnvvars().get("NODE_INDEX"));
    }

    @Test
    void dockerNeedsItsNetworkAndAccessInfo() {
        String yaml = REFERENCE.replace("    network    : host-1-net\n", "").replace("network    : host-1-net\n", "")
                .replace(", accessinfo: { accesstype: FROMENV }", "");
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> profiles.parse("p", yaml));
        assertTrue(e.problems().contains("$.network: required field is missing"), e.problems().toString());
        assertTrue(e.problems().contains("$.resourcemgr.accessinfo: required field is missing"),
                e.problems().toString());
    }

    @Test
    void everyProblemIsReportedWithItsFieldPath() {
        String yaml = REFERENCE.replace("slport: 16000", "slport: many").replace("usrhostname: user1",
                "usrhostname: user1\n      colour: blue").replace("mgrtype: DOCKER", "mgrtype: PODMAN")
                .replace("aType: KEY", "aType: PASSWORD").replace("groupname  : demo\n", "");
        InvalidProfileException e = assertThrows(InvalidProfileException.class, () -> profiles.parse("p", yaml));
        List<String> problems = e.problems();
        assertTrue(problems.contains("$.groupname: required field is missing"), problems.toString());
        assertTrue(problems.contains("$.nodes[0].slnodedef.slport: is string, expected [integer, null]"),
                problems.toString());
        assertTrue(problems.contains("$.nodes[0].slnodedef.colour: unknown field (not allowed here)"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.resourcemgr.mgrtype: must be one of")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("$.nodes[0].slnodedef.identity[0].attribute.aType:")),
                problems.toString());
        assertTrue(e.getMessage().contains("$.groupname"), e.getMessage());
    }

    @Test
    void nodeIndexesAreUnique() {
        String node = REFERENCE.substring(REFERENCE.indexOf("  - slnodedef:"));
        InvalidProfileException e = assertThrows(InvalidProfileException.class,
                () -> profiles.parse("p", REFERENCE + node));
        assertEquals(List.of("$.nodes[1].slnodedef.idx: index 0 is already used by $.nodes[0]"), e.problems());
    }

    @Test
    void malformedYamlNamesItsPosition() {
        InvalidProfileException e = assertThrows(InvalidProfileException.class,
                () -> profiles.parse("p", "groupname: [unclosed\n"));
        assertTrue(e.problems().get(0).startsWith("malformed YAML at line"), e.problems().toString());
        InvalidProfileException tagged = assertThrows(InvalidProfileException.class,
                () -> profiles.parse("p", "groupname: !!java.io.File x\n"));
        assertTrue(tagged.problems().get(0).startsWith("malformed YAML"), tagged.problems().toString());
    }

    @Test
    void schemaResourceMatchesTheDocsCopy() throws Exception {
        try (InputStream in = ProfileSchema.class.getResourceAsStream(ProfileSchema.RESOURCE)) {
            assertEquals(Files.readString(Path.of("../../docs/profile-schema.json")), new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
