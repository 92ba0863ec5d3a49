"""State-changing operations of the referrals app: the directory, and referrals."""
