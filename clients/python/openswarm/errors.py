"""The one error type raised to the user (reference §6.5)."""


class SwarmError(Exception):
    """A Swarm Learning error: a parameter rule broken, or an SL call that failed."""
