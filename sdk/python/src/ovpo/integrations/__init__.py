"""Framework integrations. Each module imports its framework lazily (or never), so
importing ``ovpo.integrations.<name>`` works without the framework installed."""
