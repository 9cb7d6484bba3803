package org.openswarm.swop.internal.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;

import java.util.ArrayList;
import java.util.List;

/**
 * The pure mapping from a {@link ContainerSpec} to the Engine API's container-create request (docker-java's
 * {@link CreateContainerCmd}, serialised by docker-java to {@code POST /containers/create?name=...}). It decides
 * every field the engine sees; nothing here talks to the engine.
 */
public final class ContainerRequestMapper {

    private ContainerRequestMapper() {
    }

    /** Fills {@code cmd} (created for {@code spec.image()}) and returns it. */
    public static CreateContainerCmd apply(CreateContainerCmd cmd, ContainerSpec spec) {
        cmd.withName(spec.name()).withHostConfig(hostConfig(spec)).withLabels(spec.labels());
        if (!spec.env().isEmpty()) {
            cmd.withEnv(spec.env());
        }
        if (spec.hostname() != null) {
            cmd.withHostName(spec.hostname());
        }
        if (!spec.entrypoint().isEmpty()) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (spec.workingDir() != null) {
            cmd.withWorkingDir(spec.workingDir());
        }
        if (spec.user() != null) {
            cmd.withUser(spec.user());
        }
        if (!spec.ports().isEmpty()) {
            cmd.withExposedPorts(spec.ports().stream().map(p -> ExposedPort.tcp(p.containerPort())).toList());
        }
        // docker-java writes NetworkingConfig.EndpointsConfig[<network>] from these two (IPAMConfig, Aliases).
        if (spec.ipv4Address() != null) {
            cmd.withIpv4Address(spec.ipv4Address());
        }
        if (!spec.aliases().isEmpty()) {
            cmd.withAliases(spec.aliases());
        }
        return cmd;
    }

    /** HostConfig: network mode, binds, ports, DNS and the user container options (GPUs and the like). */
    public static HostConfig hostConfig(ContainerSpec spec) {
        HostConfig hc = HostConfig.newHostConfig().withNetworkMode(spec.networkMode());
        if (!spec.mounts().isEmpty()) {
            hc.withBinds(spec.mounts().stream().map(m -> Bind.parse(m.bindString())).toList());
        }
        if (!spec.ports().isEmpty()) {
            hc.withPortBindings(spec.ports().stream()
                    .map(p -> new PortBinding(Ports.Binding.bindPort(p.hostPort()), ExposedPort.tcp(p.containerPort())))
                    .toList());
        }
        if (!spec.dns().isEmpty()) {
            hc.withDns(spec.dns());
        }
        applyOptions(hc, spec.options());
        return hc;
    }

    /** usrcontaineropts: NVIDIA {@code gpus} to DeviceRequests, AMD's device/group-add/privileged and friends. */
    static void applyOptions(HostConfig hc, UserContainerOptions o) {
        if (o.gpus() != null) {
            GpuRequest g = o.gpus();
            DeviceRequest request = new DeviceRequest()
                    .withDriver(g.driver())
                    .withCapabilities(List.of(g.capabilities()));
            if (g.count() != null) {
                request.withCount(g.count());
            } else {
                request.withDeviceIds(g.deviceIds());
            }
            hc.withDeviceRequests(List.of(request));
        }
        if (!o.devices().isEmpty()) {
            hc.withDevices(o.devices().stream()
                    .map(d -> new Device(d.permissions(), d.pathInContainer(), d.pathOnHost()))
                    .toList());
        }
        if (o.ipc() != null) {
            hc.withIpcMode(o.ipc());
        }
        if (o.shmSize() != null) {
            hc.withShmSize(o.shmSize());
        }
        if (!o.groupAdd().isEmpty()) {
            hc.withGroupAdd(o.groupAdd());
        }
        if (!o.capAdd().isEmpty()) {
            List<Capability> caps = new ArrayList<>();
            for (String c : o.capAdd()) {
                try {
                    caps.add(Capability.valueOf(c));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("usrcontaineropts: cap-add '" + c + "' is not a Linux capability");
                }
            }
            hc.withCapAdd(caps.toArray(Capability[]::new));
        }
        if (!o.securityOpt().isEmpty()) {
            hc.withSecurityOpts(o.securityOpt());
        }
        if (o.privileged() != null) {
            hc.withPrivileged(o.privileged());
        }
    }
}
