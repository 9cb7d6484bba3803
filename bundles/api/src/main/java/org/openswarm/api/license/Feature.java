package org.openswarm.api.license;

/** What a license grants tokens for: one token per running component of that kind. */
public enum Feature {
    SN,
    SL,
    SWOP,
    SWCI
}
