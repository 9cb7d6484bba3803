package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openswarm.ledger.internal.ChainFixture.account;
import static org.openswarm.ledger.internal.ChainFixture.assertReverts;
import static org.openswarm.ledger.internal.ChainFixture.id;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openswarm.ledger.internal.contracts.Registry;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Every function and every revert of Registry.sol, against a real anvil. */
class RegistryContractTest extends ContractTestSupport {
    private static final BigInteger SENTINEL = BigInteger.ZERO;
    private static final BigInteger SN = BigInteger.ONE;
    private static final BigInteger SL = BigInteger.TWO;
    private static final BigInteger TRAINING_CONTRACT = BigInteger.ZERO;
    private static final BigInteger TASKRUNNER = BigInteger.ONE;
    private static final BigInteger PORT = BigInteger.valueOf(30304);
    private static final byte[] NONE = new byte[32];

    Registry asSentinel;
    Registry asStranger;

    @BeforeEach
    void deploy() throws Exception {
        asSentinel = Registry.deploy(chain.web3, chain.signer(0), chain.gas).send();
        asStranger = Registry.load(asSentinel.getContractAddress(), chain.web3, chain.signer(3), chain.gas);
    }

    private TransactionReceipt register(Registry as, int uid, BigInteger type, String host, int port, String account)
            throws Exception {
        return as.registerNode(id(uid), type, "node-" + uid, host, BigInteger.valueOf(port), NONE, id(200 + uid),
                account).send();
    }

    @Test
    void deployerIsSentinelAndWriter() throws Exception {
        assertEquals(account(0).getAddress(), asSentinel.sentinel().send());
        assertTrue(asSentinel.writers(account(0).getAddress()).send());
        assertFalse(asSentinel.writers(account(3).getAddress()).send());
    }

    @Test
    void registersAndReadsANode() throws Exception {
        TransactionReceipt receipt = register(asSentinel, 1, SENTINEL, "10.0.0.1", 30304, account(0).getAddress());
        assertEquals(1, asSentinel.getNodeRegisteredEvents(receipt).size());
        Registry.Node node = asSentinel.getNode(id(1)).send();
        assertArrayEquals(id(1), node.uid);
        assertEquals(SENTINEL, node.nodeType);
        assertEquals("node-1", node.name);
        assertEquals("10.0.0.1", node.host);
        assertEquals(PORT, node.port);
        assertArrayEquals(id(201), node.fingerprint);
        assertTrue(node.active);
        assertEquals(BigInteger.ONE, asSentinel.nodeCount().send());
        assertTrue(asSentinel.isRegistered(id(1)).send());
        assertFalse(asSentinel.isRegistered(id(2)).send());
    }

    @Test
    void repeatingARegistrationIsANoOpAndAChangeIsAnUpdate() throws Exception {
        register(asSentinel, 1, SL, "h", 1, "0x0000000000000000000000000000000000000000");
        TransactionReceipt same = register(asSentinel, 1, SL, "h", 1, "0x0000000000000000000000000000000000000000");
        assertTrue(asSentinel.getNodeRegisteredEvents(same).isEmpty());
        assertTrue(asSentinel.getNodeUpdatedEvents(same).isEmpty());
        TransactionReceipt moved = register(asSentinel, 1, SL, "h", 2, "0x0000000000000000000000000000000000000000");
        assertEquals(1, asSentinel.getNodeUpdatedEvents(moved).size());
        assertEquals(BigInteger.TWO, asSentinel.getNode(id(1)).send().port);
        assertEquals(BigInteger.ONE, asSentinel.nodeCount().send());
    }

    @Test
    void registeringAnSnMakesItsAccountAWriter() throws Exception {
        assertReverts("Registry: caller is not a registered SN account",
                () -> register(asStranger, 9, SL, "h", 1, account(3).getAddress()));
        TransactionReceipt receipt = register(asSentinel, 2, SN, "10.0.0.2", 30304, account(3).getAddress());
        assertEquals(1, asSentinel.getWriterAddedEvents(receipt).size());
        register(asStranger, 9, SL, "10.0.0.2", 30305, account(3).getAddress());
        assertTrue(asStranger.isRegistered(id(9)).send());
    }

    @Test
    void authorizingAnAccountMakesItAWriterOnce() throws Exception {
        assertReverts("Registry: caller is not a registered SN account",
                () -> asStranger.authorize(account(3).getAddress()).send());
        TransactionReceipt first = asSentinel.authorize(account(3).getAddress()).send();
        assertEquals(1, asSentinel.getWriterAddedEvents(first).size());
        TransactionReceipt again = asSentinel.authorize(account(3).getAddress()).send();
        assertTrue(asSentinel.getWriterAddedEvents(again).isEmpty());
        register(asStranger, 9, SN, "10.0.0.3", 30304, account(3).getAddress());
        assertTrue(asStranger.isRegistered(id(9)).send());
        assertReverts("Registry: account must not be zero",
                () -> asSentinel.authorize("0x0000000000000000000000000000000000000000").send());
    }

    @Test
    void refusesBadRegistrations() {
        assertReverts("Registry: uid must not be zero", () -> asSentinel.registerNode(NONE, SL, "n", "h",
                PORT, NONE, NONE, account(0).getAddress()).send());
        assertReverts("Registry: host must not be empty", () -> register(asSentinel, 1, SL, "", 1, account(0).getAddress()));
        assertReverts("Registry: host is too long", () -> register(asSentinel, 1, SL, "h".repeat(161), 1,
                account(0).getAddress()));
        assertReverts("Registry: name is too long", () -> asSentinel.registerNode(id(1), SL, "n".repeat(161), "h",
                PORT, NONE, NONE, account(0).getAddress()).send());
    }

    @Test
    void refusesAnotherIdentityOrTypeForAKnownUid() throws Exception {
        register(asSentinel, 1, SL, "h", 1, account(0).getAddress());
        assertReverts("Registry: uid already registered with another identity", () -> asSentinel.registerNode(id(1),
                SL, "node-1", "h", BigInteger.ONE, NONE, id(99), account(0).getAddress()).send());
        assertReverts("Registry: uid already registered with another node type",
                () -> register(asSentinel, 1, SN, "h", 1, account(0).getAddress()));
    }

    @Test
    void heartbeatsStampNodesAndRefuseUnknownOnes() throws Exception {
        register(asSentinel, 1, SL, "h", 1, account(0).getAddress());
        register(asSentinel, 2, SL, "h", 2, account(0).getAddress());
        TransactionReceipt receipt = asSentinel.heartbeat(List.of(id(1), id(2))).send();
        assertEquals(2, asSentinel.getHeartbeatEvents(receipt).size());
        assertReverts("Registry: heartbeat for an unknown node", () -> asSentinel.heartbeat(List.of(id(7))).send());
        assertReverts("Registry: caller is not a registered SN account",
                () -> asStranger.heartbeat(List.of(id(1))).send());
    }

    @Test
    void deregisteredNodesStayListedButInactive() throws Exception {
        register(asSentinel, 1, SL, "h", 1, account(0).getAddress());
        TransactionReceipt receipt = asSentinel.deregister(id(1)).send();
        assertEquals(1, asSentinel.getNodeDeregisteredEvents(receipt).size());
        assertFalse(asSentinel.getNode(id(1)).send().active);
        assertReverts("Registry: heartbeat for a deregistered node", () -> asSentinel.heartbeat(List.of(id(1))).send());
        assertReverts("Registry: unknown node", () -> asSentinel.deregister(id(5)).send());
        assertReverts("Registry: unknown node", () -> asSentinel.getNode(id(5)).send());
        register(asSentinel, 1, SL, "h", 1, account(0).getAddress());
        assertTrue(asSentinel.getNode(id(1)).send().active);
    }

    @Test
    void listsNodesPageByPage() throws Exception {
        for (int i = 1; i <= 5; i++)
            register(asSentinel, i, SL, "h", i, account(0).getAddress());
        List<?> first = asSentinel.listNodes(BigInteger.ZERO, BigInteger.valueOf(3)).send();
        List<?> rest = asSentinel.listNodes(BigInteger.valueOf(3), BigInteger.valueOf(3)).send();
        List<?> beyond = asSentinel.listNodes(BigInteger.valueOf(9), BigInteger.valueOf(3)).send();
        assertEquals(3, first.size());
        assertEquals(2, rest.size());
        assertEquals(0, beyond.size());
    }

    @Test
    void directoryNamesContractsOnce() throws Exception {
        String address = "0x00000000000000000000000000000000000000aa";
        TransactionReceipt receipt = asSentinel.registerEntry("defaultbb.cqdb.sml.hpe", TRAINING_CONTRACT, address).send();
        assertEquals(1, asSentinel.getEntryRegisteredEvents(receipt).size());
        TransactionReceipt again = asSentinel.registerEntry("defaultbb.cqdb.sml.hpe", TRAINING_CONTRACT, address).send();
        assertTrue(asSentinel.getEntryRegisteredEvents(again).isEmpty());
        assertTrue(asSentinel.hasEntry("defaultbb.cqdb.sml.hpe").send());
        assertEquals(address, asSentinel.getEntry("defaultbb.cqdb.sml.hpe").send().addr);
        assertEquals(BigInteger.ONE, asSentinel.entryCount().send());
        assertEquals(1, asSentinel.listEntries(BigInteger.ZERO, BigInteger.TEN).send().size());

        assertReverts("Registry: entry name already taken", () -> asSentinel.registerEntry("defaultbb.cqdb.sml.hpe",
                TASKRUNNER, address).send());
        assertReverts("Registry: entry name must not be empty",
                () -> asSentinel.registerEntry("", TASKRUNNER, address).send());
        assertReverts("Registry: entry name is too long",
                () -> asSentinel.registerEntry("x".repeat(161), TASKRUNNER, address).send());
        assertReverts("Registry: entry address must not be zero", () -> asSentinel.registerEntry("x", TASKRUNNER,
                "0x0000000000000000000000000000000000000000").send());
        assertReverts("Registry: no entry with that name", () -> asSentinel.getEntry("nope").send());
        assertReverts("Registry: caller is not a registered SN account",
                () -> asStranger.registerEntry("y", TASKRUNNER, address).send());
    }
}
