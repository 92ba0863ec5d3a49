"""State-changing operations of the services app, one module per subject."""
