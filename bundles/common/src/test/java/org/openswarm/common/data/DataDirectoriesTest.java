package org.openswarm.common.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.SwarmException;

class DataDirectoriesTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty(DataDirectories.KARAF_DATA);
        System.clearProperty(DataDirectories.OPENSWARM_DATA);
    }

    @Test
    void componentDirectoriesSitUnderKarafData() {
        System.setProperty(DataDirectories.KARAF_DATA, tmp.toString());
        Path sn = DataDirectories.forComponent("sn");
        assertEquals(tmp.resolve("openswarm").resolve("sn"), sn);
        assertTrue(Files.isDirectory(sn));
    }

    @Test
    void explicitRootWinsOverKarafData() {
        System.setProperty(DataDirectories.KARAF_DATA, tmp.resolve("karaf").toString());
        System.setProperty(DataDirectories.OPENSWARM_DATA, tmp.resolve("mine").toString());
        assertEquals(tmp.resolve("mine").resolve("license"), DataDirectories.forComponent("license"));
    }

    @Test
    void configuredPathsAreRelativeToTheRootUnlessAbsolute() {
        System.setProperty(DataDirectories.KARAF_DATA, tmp.toString());
        assertEquals(tmp.resolve("openswarm/sl/one"), DataDirectories.resolve("sl/one", "sl"));
        Path absolute = tmp.resolve("elsewhere");
        assertEquals(absolute, DataDirectories.resolve(absolute.toString(), "sl"));
        assertTrue(Files.isDirectory(absolute));
    }

    @Test
    void refusesComponentNamesThatEscapeTheRoot() {
        assertThrows(SwarmException.class, () -> DataDirectories.forComponent("../etc"));
        assertThrows(SwarmException.class, () -> DataDirectories.forComponent(""));
    }
}
