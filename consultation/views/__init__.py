"""Consultation pages: public (`public`), staff (`staff`), analysis and export
(`analysis`), engagement events and personal-data requests (`records`)."""
