package org.openswarm.ledger.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.openswarm.api.ledger.Ledger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * The product's own ledger classes, which are package-private in {@code org.openswarm.ledger.internal}: the bench
 * reaches them by reflection so that it measures exactly the code the SN runs (ChainClient's one-in-flight lock and
 * 20 ms receipt polling, Web3Ledger's outbox with its synchronous writes), not a copy of it.
 */
final class Product {
    private static final String PKG = "org.openswarm.ledger.internal.";

    private Product() {
    }

    /** One account on one chain: {@code org.openswarm.ledger.internal.ChainClient}. */
    static final class Chain implements AutoCloseable {
        private static final Method WRITE;
        private static final Method WEB3;
        private static final Method TRANSACTIONS;
        private static final Method GAS;
        private static final Method ADDRESS;
        private static final Method CLOSE;
        private static final Constructor<?> NEW;

        static {
            Class<?> type = type("ChainClient");
            NEW = constructor(type, String.class, Credentials.class, long.class);
            WRITE = method(type, "write", String.class, RemoteFunctionCall.class);
            WEB3 = method(type, "web3");
            TRANSACTIONS = method(type, "transactions");
            GAS = method(type, "gas");
            ADDRESS = method(type, "address");
            CLOSE = method(type, "close");
        }

        final Object client;

        Chain(String rpcUrl, Credentials credentials, long chainId) {
            this.client = create(NEW, rpcUrl, credentials, chainId);
        }

        /** {@code ChainClient.write}: one transaction of this account at a time, waits for the receipt. */
        TransactionReceipt write(String what, RemoteFunctionCall<TransactionReceipt> call) {
            return (TransactionReceipt) invoke(WRITE, client, what, call);
        }

        Web3j web3() {
            return (Web3j) invoke(WEB3, client);
        }

        TransactionManager transactions() {
            return (TransactionManager) invoke(TRANSACTIONS, client);
        }

        ContractGasProvider gas() {
            return (ContractGasProvider) invoke(GAS, client);
        }

        String address() {
            return (String) invoke(ADDRESS, client);
        }

        @Override
        public void close() {
            invoke(CLOSE, client);
        }
    }

    /** {@code ContractBootstrap.deployOrReuse}: deploys the contracts, returns contract name → address. */
    @SuppressWarnings("unchecked")
    static Map<String, String> deployContracts(Chain chain, Path contractsFile) {
        Object deployed = create(constructor(type("DeployedContracts"), Path.class), contractsFile);
        Class<?> bootstrap = type("ContractBootstrap");
        Object instance = create(constructor(bootstrap, type("ChainClient"), type("DeployedContracts")), chain.client,
                deployed);
        return (Map<String, String>) invoke(method(bootstrap, "deployOrReuse"), instance);
    }

    /** {@code new Web3Ledger(backend, chain, new Outbox(file, UTC, retention), contracts, health)}. */
    static Ledger ledger(Chain chain, Path outboxFile, Map<String, String> contracts) {
        Object outbox = create(constructor(type("Outbox"), Path.class, Clock.class, Duration.class), outboxFile,
                Clock.systemUTC(), Duration.ofMinutes(10));
        Supplier<String> healthy = () -> null;
        return (Ledger) create(constructor(type("Web3Ledger"), String.class, type("ChainClient"), type("Outbox"),
                Map.class, Supplier.class), "embedded", chain.client, outbox, contracts, healthy);
    }

    private static Class<?> type(String simpleName) {
        try {
            return Class.forName(PKG + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The ledger bundle has no class " + simpleName
                    + "; the bench follows its internals and must be updated", e);
        }
    }

    private static Constructor<?> constructor(Class<?> type, Class<?>... parameters) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameters);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("The constructor of " + type.getSimpleName()
                    + " changed; the bench must be updated", e);
        }
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method method = type.getDeclaredMethod(name, parameters);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getSimpleName() + "." + name
                    + " changed; the bench must be updated", e);
        }
    }

    private static Object create(Constructor<?> constructor, Object... args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime)
            return runtime;
        if (cause instanceof Error error)
            throw error;
        return new IllegalStateException(cause);
    }
}
