"""Child processes beneath every command: supervised, served on a free port, always stopped."""
