package org.openswarm.ledger.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.Ledger;
import org.openswarm.api.ledger.NetworkAdmin;
import org.openswarm.api.sn.JoinAnswer;
import org.openswarm.common.data.DataDirectories;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * Brings the ledger up: starts the embedded chain node (sentinel), joins through the sentinel (other SNs) or connects
 * to the configured RPC endpoint; deploys the contracts on a new chain or reuses the saved addresses; replays the
 * outbox; and only then registers the {@link Ledger} service (and, where this box runs the chain, the
 * {@link NetworkAdmin} the sentinel's SN admits joining SNs with), so nobody sees a half-ready ledger. Start-up runs on its own thread and retries every few
 * seconds while the chain cannot be reached. A configuration change restarts the component.
 */
@Component(configurationPid = LedgerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {})
@Designate(ocd = LedgerConfig.class)
public final class LedgerComponent {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerComponent.class);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(10);

    private final BundleContext context;
    private final LedgerConfig config;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "openswarm-ledger-start");
        // web3j reads resources (the BIP-39 word list) through the context class loader, which OSGi leaves unset.
        thread.setContextClassLoader(LedgerComponent.class.getClassLoader());
        return thread;
    });
    private volatile boolean stopping;
    private AnvilSupervisor supervisor;
    private ChainClient chain;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public LedgerComponent(BundleContext context, LedgerConfig config) {
        this.context = context;
        this.config = config;
        starter.execute(this::startWithRetries);
    }

    private void startWithRetries() {
        LOG.info("Setting up blockchain layer for the swarm node: START");
        while (!stopping) {
            try {
                startOnce();
                LOG.info("Setting up blockchain layer for the swarm node: FINISHED");
                return;
            } catch (SwarmException e) {
                LOG.error("Ledger not ready ({}): {}. Retrying in {}s.", config.backend(), e.getMessage(),
                        RETRY.toSeconds());
                closeChain();
                sleep(RETRY);
            } catch (RuntimeException e) {
                LOG.error("Ledger not ready ({}), retrying in {}s", config.backend(), RETRY.toSeconds(), e);
                closeChain();
                sleep(RETRY);
            }
        }
    }

    private synchronized void startOnce() {
        Path dir = DataDirectories.forComponent("ledger");
        Outbox outbox = new Outbox(dir.resolve("outbox.jsonl"), Clock.systemUTC(),
                Duration.ofSeconds(config.outboxRetentionSeconds()));
        DeployedContracts deployed = new DeployedContracts(dir.resolve("contracts.json"));
        Web3Ledger[] ledgerRef = new Web3Ledger[1];
        String chainUrl = null;
        Map<String, String> addresses;
        switch (config.backend()) {
            case "embedded" -> {
                Path chainDir = dir.resolve("chain");
                AnvilProcess.Settings settings = new AnvilProcess.Settings(anvilBinary(), chainDir,
                        config.chainPort(), config.chainId(), ChainKeys.mnemonic(chainDir));
                supervisor = new AnvilSupervisor(settings, config.memoryCapMb() * 1024L * 1024L,
                        Duration.ofSeconds(config.stallSeconds()), why -> afterChainRestart(ledgerRef[0], deployed));
                AnvilProcess anvil = supervisor.start();
                chainUrl = anvil.rpcUrl();
                chain = new ChainClient(chainUrl, Credentials.create(anvil.privateKey(0)), config.chainId());
                Map<String, String> before = deployed.all();
                addresses = new ContractBootstrap(chain, deployed).deployOrReuse();
                if (!addresses.equals(before))
                    supervisor.awaitSnapshot(SNAPSHOT_WAIT); // new contracts survive a kill -9 from here on
            }
            case "sentinel" -> {
                SentinelJoin join = new SentinelJoin(config.sentinelUrl(), config.joinToken());
                Credentials credentials = Credentials.create(ChainKeys.ownKey(dir));
                JoinAnswer answer = join.join(credentials.getAddress());
                chain = new ChainClient(join.relayUrl(answer), join.token(), credentials, answer.chainId());
                answer.contracts().forEach(deployed::put);
                addresses = answer.contracts();
                LOG.info("Joined the network through the sentinel at {}: chain id {}, relay {}", config.sentinelUrl(),
                        answer.chainId(), join.relayUrl(answer));
            }
            case "rpc" -> {
                if (config.rpcUrl().isBlank())
                    throw SwarmException.badRequest("backend rpc needs rpcUrl in etc/" + LedgerConfig.PID + ".cfg");
                chain = new ChainClient(config.rpcUrl(),
                        Credentials.create(ChainKeys.privateKey(config.privateKey(), config.keyFile())),
                        config.chainId());
                addresses = new ContractBootstrap(chain, deployed).deployOrReuse();
            }
            default -> throw SwarmException.badRequest("Unknown ledger backend '" + config.backend()
                    + "': use embedded, sentinel or rpc");
        }
        Web3Ledger ledger = new Web3Ledger(config.backend(), chain, outbox, addresses,
                () -> supervisor == null ? null : supervisor.problem());
        ledgerRef[0] = ledger;
        ledger.replayOutbox();
        if (stopping)
            return;
        registrations.add(context.registerService(Ledger.class, ledger, null));
        if (chainUrl != null)
            registrations.add(context.registerService(NetworkAdmin.class,
                    new EmbeddedNetworkAdmin(chainUrl, chain, ledger, addresses), null));
        LOG.info("Ledger ready: backend {}, chain id {}, account {}, Registry at {}", config.backend(),
                chain.chainId(), chain.address(), addresses.get(ContractNames.REGISTRY));
    }

    /** After the supervisor restarted the chain node: contracts back in place, then the outbox replayed. */
    private void afterChainRestart(Web3Ledger ledger, DeployedContracts deployed) {
        ChainClient client = chain;
        if (ledger == null || client == null)
            return;
        if (new ChainRecovery(client, deployed).afterRestart(ledger) < 0) {
            LOG.error("The chain came back without its state and the contracts at other addresses; restarting the "
                    + "ledger (nodes re-register, recent writes are replayed)");
            starter.execute(this::restartLedger);
        }
    }

    private void restartLedger() {
        synchronized (this) {
            registrations.forEach(ServiceRegistration::unregister);
            registrations.clear();
            closeChain();
        }
        startWithRetries();
    }

    private Path anvilBinary() {
        if (!config.anvilBinary().isBlank())
            return Path.of(config.anvilBinary());
        return Path.of(System.getProperty("karaf.home", "."), "bin", "anvil");
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        starter.shutdownNow();
        try {
            starter.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            registrations.forEach(ServiceRegistration::unregister);
            registrations.clear();
            closeChain();
        }
    }

    private synchronized void closeChain() {
        if (chain != null) {
            chain.close();
            chain = null;
        }
        if (supervisor != null) {
            supervisor.close();
            supervisor = null;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
