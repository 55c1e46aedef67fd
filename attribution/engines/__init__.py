"""Engines that run the pipeline past one machine. Each is optional: import it only when asked for."""
