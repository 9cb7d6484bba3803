package org.openswarm.itests.harness;

/** What a console command printed and how {@code bin/client} exited. */
public record ShellResult(int exitCode, String output) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** This result, after failing the test when the command did not succeed. */
    public ShellResult requireOk(String command) {
        if (!ok())
            throw new AssertionError("Console command '" + command + "' exited " + exitCode + ":\n" + output);
        return this;
    }
}
