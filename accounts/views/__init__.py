"""The accounts pages: signing in with a second factor, a person's own account, resetting
a password, accepting an invitation, the Users pages, and setting up an area."""
