package org.openswarm.swci.internal.command;

/**
 * A line that is no SWCI command. The message is what SWCI prints, starting {@code ERROR } (the web API's wrapper
 * recognises failures by that prefix) and naming what was expected.
 */
public final class CommandSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    public CommandSyntaxException(String message) {
        super(message.startsWith("ERROR ") ? message : "ERROR : " + message);
    }
}
