package org.openswarm.itests.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.openswarm.api.ledger.CheckoutMode;
import org.openswarm.api.ledger.ContractInfo;
import org.openswarm.api.sn.NodeRequest;
import org.openswarm.api.sn.NodeType;
import org.openswarm.common.sn.SnClient;

/**
 * A misbehaving peer for fault tests, not an SL: it registers as an SL node with the SN, enrolls with the training's
 * context (never as leader), checks in a made-up hash every round, and its "file server" either serves bytes that do
 * not match that hash ({@link Mode#TAMPERED}) or accepts connections and never answers ({@link Mode#HANG}).
 */
public final class RoguePeer implements AutoCloseable {
    public enum Mode {
        TAMPERED, HANG
    }

    private final SnClient sn;
    private final String contract;
    private final Mode mode;
    private final String uid = UUID.randomUUID().toString();
    private final ServerSocket server;
    private final Set<Long> rounds = ConcurrentHashMap.newKeySet();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean checkingIn = true;
    private volatile boolean running = true;
    private volatile String problem;

    public RoguePeer(SnClient sn, String contract, Mode mode) throws IOException {
        this.sn = sn;
        this.contract = contract;
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sn.register(new NodeRequest(uid, NodeType.SL, "rogue", "127.0.0.1", server.getLocalPort(), null));
        daemon(this::serve, "rogue-files");
        daemon(this::participate, "rogue-rounds");
    }

    public String uid() {
        return uid;
    }

    /** The rounds it checked in for. */
    public Set<Long> rounds() {
        return Set.copyOf(rounds);
    }

    /** The last error of its round loop, for assertion messages. */
    public String problem() {
        return problem;
    }

    /**
     * Stops checking in, checks out as inactive (so the training can finish without it) and closes its file server,
     * so a download from it fails at once instead of hanging.
     */
    public void retire() {
        checkingIn = false;
        sn.checkout(contract, uid, CheckoutMode.INACTIVE);
        closeFiles();
    }

    private void participate() {
        boolean enrolled = false;
        while (running) {
            try {
                sn.heartbeat(uid);
                ContractInfo info = sn.contract(contract);
                if (info.contextHash() != null && !enrolled) {
                    sn.enroll(contract, uid, info.contextHash(), info.minPeers(), false);
                    enrolled = true;
                }
                long round = info.currentRound();
                if (enrolled && checkingIn && !rounds.contains(round)) {
                    byte[] hash = new byte[32];
                    random.nextBytes(hash);
                    rounds.add(sn.checkin(contract, round, uid, HexFormat.of().formatHex(hash), 1));
                    rounds.add(round);
                }
            } catch (RuntimeException e) {
                problem = e.toString();
            }
            sleep(150);
        }
    }

    private void serve() {
        while (running) {
            try {
                Socket socket = server.accept();
                if (mode == Mode.HANG) {
                    held.add(socket);
                    continue;
                }
                try (socket) {
                    InputStream in = socket.getInputStream();
                    byte[] request = new byte[8192];
                    in.read(request);
                    byte[] body = new byte[4096];
                    random.nextBytes(body);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
            } catch (IOException e) {
                if (!running || server.isClosed())
                    return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        closeFiles();
    }

    private void closeFiles() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : held) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
