"""The Panel's pages, by who uses them: members (and staff reading along), staff, the
Force liaison, and the public."""
