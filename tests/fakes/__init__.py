"""Real protocol peers on loopback for what cannot run here (a remote LLM)."""
