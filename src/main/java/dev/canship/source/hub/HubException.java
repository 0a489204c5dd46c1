package dev.canship.source.hub;

import dev.canship.BadInputException;

/**
 * The Hub could not give what a scan needs (unreachable, not found, gated, a malformed answer, a broken range): the
 * run ends with this one line (exit 2) rather than report anything partial. The token is never in the message.
 */
public final class HubException extends BadInputException {

    public HubException(String message) {
        super(message);
    }
}
