package org.openswarm.swop.internal.docker;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference's usrcontaineropts keys (§4.2, §10) read into typed options, and the refusals. */
class UserContainerOptionsTest {

    @Test
    void gpusSpellingsOfTheDockerCli() {
        assertEquals(new GpuRequest("nvidia", -1, List.of(), List.of("gpu")), GpuRequest.parse("all"));
        assertEquals(new GpuRequest("nvidia", 2, List.of(), List.of("gpu")), GpuRequest.parse("2"));
        assertEquals(new GpuRequest("nvidia", 1, List.of(), List.of("gpu")), GpuRequest.parse(1));
        assertEquals(new GpuRequest("nvidia", null, List.of("3", "5"), List.of("gpu")), GpuRequest.parse("device=3,5"));
        assertEquals(new GpuRequest("nvidia", null, List.of("3", "5"), List.of("gpu")),
                GpuRequest.parse("\"device=3,5\""));
        assertEquals(new GpuRequest("nvidia", null, List.of("GPU-3a1f"), List.of("gpu")),
                GpuRequest.parse("device=GPU-3a1f"));
        assertEquals(new GpuRequest("nvidia", 2, List.of(), List.of("compute", "utility")),
                GpuRequest.parse("count=2,capabilities=compute,utility"));
        assertEquals(new GpuRequest("nvidia", -1, List.of(), List.of("gpu")), GpuRequest.parse("driver=nvidia,count=all"));
    }

    @Test
    void badGpusValuesAreRefusedWithTheAcceptedForms() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GpuRequest.parse("lots")).getMessage()
                .contains("\"all\", a count >= 1 or \"device=<ids>\""));
        assertThrows(IllegalArgumentException.class, () -> GpuRequest.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> GpuRequest.parse(""));
        assertThrows(IllegalArgumentException.class, () -> GpuRequest.parse("all,device=1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GpuRequest.parse("mode=fast")).getMessage()
                .contains("unknown option 'mode'"));
    }

    @Test
    void theAmdExampleReadsAsDevicesGroupAndPrivileged() {
        UserContainerOptions o = UserContainerOptions.fromList(List.of(
                Map.of("device", List.of("/dev/kfd", "/dev/dri")),
                Map.of("group-add", List.of("video")),
                Map.of("privileged", "True")));
        assertEquals(List.of(new UserContainerOptions.DeviceMapping("/dev/kfd", "/dev/kfd", "rwm"),
                new UserContainerOptions.DeviceMapping("/dev/dri", "/dev/dri", "rwm")), o.devices());
        assertEquals(List.of("video"), o.groupAdd());
        assertEquals(Boolean.TRUE, o.privileged());
        assertNull(o.gpus());
    }

    @Test
    void singleValuesSizesAndCapabilities() {
        UserContainerOptions o = UserContainerOptions.fromMap(Map.of(
                "device", "/dev/dri/renderD128:/dev/dri/renderD128:rw",
                "shm-size", "512m", "cap-add", "CAP_SYS_PTRACE", "ipc", "host", "security-opt", "seccomp=unconfined"));
        assertEquals(List.of(new UserContainerOptions.DeviceMapping("/dev/dri/renderD128", "/dev/dri/renderD128", "rw")),
                o.devices());
        assertEquals(512L << 20, o.shmSize());
        assertEquals(List.of("SYS_PTRACE"), o.capAdd());
        assertEquals("host", o.ipc());
        assertEquals(List.of("seccomp=unconfined"), o.securityOpt());
        assertEquals(16L << 30, UserContainerOptions.byteSize("16G"));
        assertEquals(1048576L, UserContainerOptions.byteSize(1048576));
        assertEquals(2048L, UserContainerOptions.byteSize("2kb"));
    }

    @Test
    void unknownKeysTyposAndBadValuesAreRefused() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> UserContainerOptions.fromList(List.of(Map.of("gpu", "all"))));
        assertEquals("usrcontaineropts: unknown option 'gpu' (known: gpus, device, ipc, shm-size, group-add, cap-add, "
                + "security-opt, privileged)", typo.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> UserContainerOptions.fromList(List.of(Map.of("gpus", "all"), Map.of("gpus", "1"))));
        assertThrows(IllegalArgumentException.class, () -> UserContainerOptions.fromMap(Map.of("privileged", "yes")));
        assertThrows(IllegalArgumentException.class, () -> UserContainerOptions.fromMap(Map.of("shm-size", "big")));
        assertThrows(IllegalArgumentException.class, () -> UserContainerOptions.fromMap(Map.of("device", "kfd")));
        assertThrows(IllegalArgumentException.class, () -> UserContainerOptions.fromMap(Map.of("device", "/dev/kfd:/x:rx")));
        assertSame(UserContainerOptions.NONE, UserContainerOptions.fromList(null));
        assertSame(UserContainerOptions.NONE, UserContainerOptions.fromList(List.of()));
    }

    @Test
    void anUnknownCapabilityIsRefusedWhenMapped() {
        ContainerSpec spec = new ContainerSpec("ml", "img", "net", null, null, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), null, null, Map.of(), List.of(),
                UserContainerOptions.fromMap(Map.of("cap-add", List.of("SYS_PTRACEE"))));
        assertEquals("usrcontaineropts: cap-add 'SYS_PTRACEE' is not a Linux capability",
                assertThrows(IllegalArgumentException.class, () -> ContainerRequestMapper.hostConfig(spec)).getMessage());
    }
}
