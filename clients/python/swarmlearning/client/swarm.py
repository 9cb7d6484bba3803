"""``swarmlearning.client.swarm``: the framework-neutral base and the error type (openswarm.callback)."""
from openswarm.callback import SwarmCallbackBase  # noqa: F401
from openswarm.errors import SwarmError  # noqa: F401

__all__ = ["SwarmCallbackBase", "SwarmError"]
