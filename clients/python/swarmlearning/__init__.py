"""Reference-compatible names (``swarmlearning.pyt``, ``swarmlearning.tf``, ``swarmlearning.client.swarm``,
``swarmlearning.swci``) over the ``openswarm`` package."""
