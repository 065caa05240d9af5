"""What the commands share about apps: what a folder holds, what the user named, how to serve it."""
