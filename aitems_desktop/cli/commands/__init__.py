"""The handlers of ``aitems``' commands, one module per group; each is imported on use."""
