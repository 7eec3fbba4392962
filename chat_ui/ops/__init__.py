"""The operations room: it observes the other rooms through a few narrow calls (a turn started or
ended, an upstream error, a refusal, a hub publish) and serves what operators look at —
``/metrics``, ``/healthz``, ``/readyz`` — plus JSON logs, optional traces and the graceful drain.
It never reaches into another room's state."""
